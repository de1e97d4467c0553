"""Demo learning data: a workshop partner in Oaxaca, a course provider in BC, rosa's profile."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from juntos.accounts.choices import Channel, OrganisationKind, Role, Sector
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import membership_grant, organisation_create, person_create
from juntos.demo.personas import DEMO_PASSWORD
from juntos.learning import selectors, services

if TYPE_CHECKING:
    from juntos.accounts.models import Organisation, User

PARTNER_SLUG = "centro-formacion-oaxaca"

# (topic, format, language, completion rule, schedule, (weekdays, from, until), titles by
# language, summary in es). Weekdays are numbers (0 = Monday) so pages name them in each language.
Hours = tuple[list[int], str, str]
COURSES: list[tuple[str, str, str, str, str, Hours, dict[str, str], str]] = [
    (
        "english",
        "in-person",
        "en",
        "attendance",
        "evenings",
        ([1, 3], "19:00", "21:00"),
        {
            "en": "English for the farm and the town",
            "es": "Inglés para el campo y el pueblo",
            "fr": "Anglais pour la ferme et la ville",
        },
        "Frases para el trabajo, la tienda, el médico y el banco.",
    ),
    (
        "financial-literacy",
        "in-person",
        "es",
        "attendance",
        "weekends",
        ([6], "10:00", "12:00"),
        {"es": "Ahorro y envíos de dinero", "en": "Saving and sending money home"},
        "Cómo ahorrar, comparar envíos de dinero y planear el regreso.",
    ),
    (
        "health-safety",
        "in-person",
        "es",
        "sign-off",
        "rain-days",
        ([], "13:00", "16:00"),
        {
            "es": "Pesticidas y calor: cuidarse en el campo",
            "en": "Pesticides and heat: staying safe",
        },
        "Equipo de protección, agua, descanso y cómo negarse a un trabajo peligroso.",
    ),
    (
        "entrepreneurship",
        "online",
        "es",
        "assessment",
        "self-paced",
        ([], "", ""),
        {"es": "Tu negocio al volver", "en": "Your business when you return"},
        "Plan de negocio sencillo para una tienda, un taller o un invernadero.",
    ),
    (
        "trade-skills",
        "hybrid",
        "en",
        "sign-off",
        "weekends",
        ([5], "09:00", "13:00"),
        {"en": "Orchard pruning basics", "es": "Poda de frutales: lo básico"},
        "Poda de manzanos y cerezos, herramientas y seguridad.",
    ),
    (
        "french",
        "online",
        "fr",
        "attendance",
        "evenings",
        ([0, 2], "20:00", "21:00"),
        {"fr": "Français de base", "es": "Francés básico", "en": "Basic French"},
        "Para quienes trabajan en Quebec.",
    ),
]


def _person(email: str, name: str, language: str, operator: User) -> User:
    return user_by_identifier(email) or person_create(
        actor=operator,
        display_name=name,
        password=DEMO_PASSWORD,
        email=email,
        language=language,
        channel=Channel.EMAIL,
        sector=Sector.CIVIL_SOCIETY,
    )


def _partner() -> Organisation:
    found = organisations_by_slug([PARTNER_SLUG]).get(PARTNER_SLUG)
    return found or organisation_create(
        actor=None,
        name="Centro de Formación para Trabajadores Migrantes de Oaxaca",
        slug=PARTNER_SLUG,
        kind=OrganisationKind.TRAINING_PROVIDER,
        country="MX",
        languages="es",
        description="Pre-departure orientation workshops for workers leaving for Canada.",
    )


def _courses(teacher: User, organisation_id: int) -> None:
    if selectors.courses_managed_by(teacher).exists():
        return
    today = timezone.localdate()
    for topic, fmt, language, rule, schedule, (weekdays, start, end), titles, summary in COURSES:
        texts = {lang: (title, summary if lang == "es" else "") for lang, title in titles.items()}
        course = services.course_create(
            actor=teacher,
            organisation_id=organisation_id,
            topic=topic,
            format=fmt,
            language=language,
            texts=texts,
            completion_rule=rule,
            province="BC",
            place="" if fmt == "online" else "Abbotsford",
        )
        services.session_create(
            actor=teacher,
            course=course,
            schedule=schedule,
            weekdays=weekdays,
            starts_at=dt.time.fromisoformat(start) if start else None,
            ends_at=dt.time.fromisoformat(end) if end else None,
            starts_on=today + dt.timedelta(days=10),
            ends_on=today + dt.timedelta(days=80),
            meetings=8,
            capacity=2 if topic == "english" else 12,
            enrolment_opens=today - dt.timedelta(days=5),
            enrolment_closes=today + dt.timedelta(days=9),
        )


# An online course a worker can take on her phone at once: two lessons, each with its quiz.
# Lessons: (texts by language: (title, body)), then questions: (right answer's number, texts by
# language: (question, answers)).
Lessons = list[
    tuple[dict[str, tuple[str, str]], list[tuple[int, dict[str, tuple[str, list[str]]]]]]
]
PAY_SLIP_LESSONS: Lessons = [
    (
        {
            "es": (
                "Qué dice tu talón de pago",
                "Cada pago trae un talón: las horas trabajadas, el pago por hora, el total y cada "
                "descuento. Compara las horas con las que anotaste tú. Si faltan horas o hay un "
                "descuento que no entiendes, guarda el talón y pregunta.",
            ),
            "en": (
                "What your pay slip says",
                "Every payday comes with a pay slip: the hours worked, the hourly pay, the total "
                "and each deduction. Compare the hours with the ones you wrote down. If hours "
                "are missing or a deduction is unclear, keep the slip and ask.",
            ),
            "fr": (
                "Ce que dit votre bulletin de paie",
                "Chaque paie vient avec un bulletin : les heures travaillées, le salaire horaire, "
                "le total et chaque retenue. Comparez les heures avec celles que vous avez notées. "
                "S’il manque des heures ou si une retenue n’est pas claire, gardez le bulletin et "
                "posez la question.",
            ),
        },
        [
            (
                2,
                {
                    "es": (
                        "¿Qué haces si faltan horas en el talón?",
                        [
                            "Nada, el patrón sabe más",
                            "Guardo el talón y pregunto",
                        ],
                    ),
                    "en": (
                        "What do you do if hours are missing on the slip?",
                        [
                            "Nothing, the employer knows best",
                            "Keep the slip and ask",
                        ],
                    ),
                    "fr": (
                        "Que faire s’il manque des heures sur le bulletin ?",
                        [
                            "Rien, l’employeur sait mieux",
                            "Garder le bulletin et demander",
                        ],
                    ),
                },
            ),
        ],
    ),
    (
        {
            "es": (
                "Lleva tu propio registro de horas",
                "Anota cada día la hora en que empiezas y terminas, y tus descansos. Una libreta o "
                "una foto del reloj sirve. Tu registro es tuyo: nadie te lo puede quitar, y ayuda "
                "si un día hay que reclamar un pago.",
            ),
            "en": (
                "Keep your own record of hours",
                "Write down each day when you start and finish, and your breaks. A notebook or a "
                "photo of the clock will do. Your record is yours: nobody may take it from you, "
                "and it helps if a payment ever has to be claimed.",
            ),
            "fr": (
                "Tenez votre propre relevé d’heures",
                "Notez chaque jour l’heure de début et de fin, et vos pauses. Un carnet ou une "
                "photo de l’horloge suffit. Votre relevé vous appartient : personne ne peut vous "
                "le prendre, et il aide s’il faut un jour réclamer un paiement.",
            ),
        },
        [
            (
                1,
                {
                    "es": ("¿De quién es tu registro de horas?", ["Mío", "Del patrón"]),
                    "en": ("Whose is your record of hours?", ["Mine", "The employer’s"]),
                    "fr": ("À qui est votre relevé d’heures ?", ["À moi", "À l’employeur"]),
                },
            ),
        ],
    ),
]


def _online_lessons(teacher: User, organisation_id: int, rosa: User) -> None:
    """A self-paced course already open, with lessons and quizzes; rosa is enrolled in it."""
    if any(c.completion_rule == "lessons" for c in selectors.courses_managed_by(teacher)):
        return
    today = timezone.localdate()
    course = services.course_create(
        actor=teacher,
        organisation_id=organisation_id,
        topic="financial-literacy",
        format="online",
        language="es",
        texts={
            "es": (
                "Tu talón de pago, línea por línea",
                "Dos lecciones cortas, cada una con su pregunta.",
            ),
            "en": ("Your pay slip, line by line", "Two short lessons, each with its question."),
            "fr": (
                "Votre bulletin de paie, ligne par ligne",
                "Deux leçons courtes, chacune avec sa question.",
            ),
        },
        completion_rule="lessons",
        province="BC",
    )
    for texts, questions in PAY_SLIP_LESSONS:
        lesson = services.lesson_save(actor=teacher, course=course, texts=texts)
        for correct, question_texts in questions:
            services.question_add(
                actor=teacher, lesson=lesson, correct=correct, texts=question_texts
            )
    session = services.session_create(
        actor=teacher,
        course=course,
        schedule="self-paced",
        weekdays=[],
        starts_at=None,
        ends_at=None,
        starts_on=today - dt.timedelta(days=7),
        ends_on=today + dt.timedelta(days=90),
        capacity=200,
        enrolment_opens=today - dt.timedelta(days=14),
        enrolment_closes=today + dt.timedelta(days=60),
    )
    services.enrolment_create(actor=rosa, session=session)


def _workshop(lucia: User, organisation_id: int) -> None:
    if selectors.workshops_for(lucia).exists():
        return
    workshop = services.workshop_create(
        actor=lucia,
        organisation_id=organisation_id,
        title="Taller de orientación previo a la salida",
        held_on=timezone.localdate() - dt.timedelta(days=3),
        place="Oaxaca de Juárez",
        country="MX",
        language="es",
    )
    for name, phone in (("Marisol Pérez", "+529511234567"), ("Juan López", "+529517654321")):
        services.workshop_attendee_add(
            actor=lucia, workshop=workshop, display_name=name, phone=phone
        )


def _rosa(rosa: User) -> None:
    if selectors.own_profile(rosa) is not None:
        return
    profile = services.profile_start(actor=rosa)
    services.profile_update(
        actor=rosa,
        profile=profile,
        home_country="MX",
        home_state="Oaxaca",
        home_municipality="Santa María Tlahuitoltepec",
        gender="woman",
    )
    services.profile_language_add(actor=rosa, profile=profile, language="Español", level="first")
    services.profile_language_add(actor=rosa, profile=profile, language="Mixe", level="first")
    services.profile_language_add(actor=rosa, profile=profile, language="English", level="beginner")
    services.season_add(
        actor=rosa,
        profile=profile,
        employer_name="Okanagan Orchards Ltd.",
        province="BC",
        program="sawp-mx",
        started_on=dt.date(2025, 5, 1),
        ended_on=dt.date(2025, 10, 15),
    )
    services.skill_add(
        actor=rosa, profile=profile, occupation="85101", description="Cosecha de cereza", years=3
    )
    _rosa_plan(rosa, profile)


def _rosa_plan(rosa: User, profile: Any) -> None:
    services.goal_set(
        actor=rosa, profile=profile, kind="start-business", note="Una tienda de abarrotes"
    )
    services.goal_set(actor=rosa, profile=profile, kind="english")
    fraser = organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]
    services.grant_add(actor=rosa, profile=profile, organisation_id=fraser.pk)
    services.objective_add(
        actor=rosa,
        profile=profile,
        title="Inglés básico para el trabajo",
        target_on=timezone.localdate() + dt.timedelta(days=120),
    )
    services.document_upload(
        actor=rosa,
        kind="pay-slip",
        title="Talón de pago, semana 32",
        filename="talon-32.txt",
        data=b"Okanagan Orchards - semana 32: 58 horas x 17.85 CAD",
    )


def seed(people: dict[str, User]) -> None:
    """Create the demo learning data; running it twice changes nothing."""
    operator = people["admin"]
    partner = _partner()
    lucia = _person("lucia@formacion-oaxaca.example.org", "Lucía Martínez", "es", operator)
    membership_grant(actor=None, user=lucia, organisation=partner, role=Role.COORDINATOR)
    valley = organisations_by_slug(["valley-learning"])["valley-learning"]
    teacher = _person("tom@valleylearning.example.org", "Tom Chen", "en", operator)
    membership_grant(actor=None, user=teacher, organisation=valley, role=Role.COORDINATOR)
    _courses(teacher, valley.pk)
    _online_lessons(teacher, valley.pk, people["rosa"])
    _workshop(lucia, partner.pk)
    _rosa(people["rosa"])
