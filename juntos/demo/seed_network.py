"""Demo data for the network: the personas as members, three working groups, meetings,
a recommendation adopted by a secret plenary vote, one waiting for the next plenary, and a
draft that members support, with an amendment waiting and the group's answers coming in.

Dana stays outside the network so that every access rule has an outsider to refuse. The
secretariat has three coordinators (ben and two more), each a trustee of secret ballots with
a published demo passphrase; the spring plenary's secret vote was counted by ben and Marisol,
two of the three.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from juntos.accounts.choices import Channel, Role, Sector
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import membership_grant, person_create
from juntos.demo.personas import DEMO_PASSWORD
from juntos.network import selectors, services
from juntos.network.choices import (
    BallotKind,
    Choice,
    ImplementationStatus,
    MeetingFormat,
    MemberKind,
    Threshold,
)

SECRETARIAT = "mwsn-secretariat"
# Published demo credentials, development only: login -> (name, language, trustee passphrase).
DEMO_TRUSTEES = {
    "ben@mwsn.example.org": ("", "en", "ben trustee demo 2026"),
    "marisol@mwsn.example.org": ("Marisol Reyes", "es", "marisol trustee demo 2026"),
    "paul@mwsn.example.org": ("Paul Girard", "fr", "paul trustee demo 2026"),
}

# persona -> (sector, organisation slug when she represents an organisation)
MEMBERS = {
    "rosa": (Sector.MIGRANT_WORKER, ""),
    "amina": (Sector.CIVIL_SOCIETY, "fraser-valley-support"),
    "ben": (Sector.CIVIL_SOCIETY, ""),
    "carl": (Sector.EMPLOYER, "okanagan-orchards"),
    "rita": (Sector.INDUSTRY, "pacific-agri-recruitment"),
    "ines": (Sector.GOVERNMENT, "tfw-integrity"),
}
GROUPS = [
    (
        "Preventing and responding to mistreatment and emergencies",
        "Propose how the network detects mistreatment early and responds to emergencies.",
        ("rosa", "carl"),
    ),
    (
        "Education and access to services",
        "Propose how workers learn their rights and reach services in their language.",
        ("amina", "ines"),
    ),
    (
        "Addressing retribution",
        "Propose how workers can speak up without fear of losing their job or their return.",
        ("rosa", "amina"),
    ),
]


# What the interpreters have translated: English title -> language -> (title, text).
TRANSLATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "Preventing and responding to mistreatment and emergencies": {
        "es": (
            "Prevenir y responder al maltrato y a las emergencias",
            "Proponer cómo la red detecta pronto el maltrato y responde a las emergencias.",
        ),
        "fr": (
            "Prévenir les mauvais traitements et répondre aux urgences",
            "Proposer comment le réseau repère tôt les mauvais traitements et répond aux urgences.",
        ),
    },
    "Education and access to services": {
        "es": (
            "Educación y acceso a los servicios",
            "Proponer cómo los trabajadores conocen sus derechos y llegan a los servicios en "
            "su idioma.",
        ),
        "fr": (
            "Éducation et accès aux services",
            "Proposer comment les travailleurs apprennent leurs droits et accèdent aux services "
            "dans leur langue.",
        ),
    },
    "Addressing retribution": {
        "es": (
            "Enfrentar las represalias",
            "Proponer cómo los trabajadores pueden hablar sin miedo a perder su trabajo o su "
            "regreso.",
        ),
        "fr": (
            "Lutter contre les représailles",
            "Proposer comment les travailleurs peuvent parler sans craindre de perdre leur "
            "emploi ou leur retour.",
        ),
    },
    "Spring plenary": {"es": ("Plenaria de primavera", ""), "fr": ("Plénière du printemps", "")},
    "Summer plenary": {"es": ("Plenaria de verano", ""), "fr": ("Plénière d'été", "")},
    "Education working group: rights workshops": {
        "es": ("Grupo de educación: talleres de derechos", ""),
        "fr": ("Groupe Éducation : ateliers sur les droits", ""),
    },
    "A 24-hour emergency line in workers' languages": {
        "es": (
            "Una línea de emergencia las 24 horas en los idiomas de los trabajadores",
            "La red financia una línea telefónica y de WhatsApp, atendida en español, para "
            "quienes enfrentan una emergencia en el trabajo o en la vivienda del empleador.",
        ),
        "fr": (
            "Une ligne d'urgence 24 heures sur 24 dans les langues des travailleurs",
            "Le réseau finance une ligne téléphonique et WhatsApp, où l'on répond en espagnol, "
            "pour les personnes qui vivent une urgence au travail ou dans le logement de "
            "l'employeur.",
        ),
    },
    "Inspect employer housing before workers arrive": {
        "es": (
            "Inspeccionar la vivienda del empleador antes de que lleguen los trabajadores",
            "Antes de que empiece la temporada, una inspección visita cada vivienda del "
            "empleador y el informe se comparte con quienes vivirán allí.",
        ),
        "fr": (
            "Inspecter le logement de l'employeur avant l'arrivée des travailleurs",
            "Avant le début de la saison, une inspection visite chaque logement de l'employeur "
            "et le rapport est remis aux personnes qui y vivront.",
        ),
    },
    "Protect workers who report from being left off next season's list": {
        "es": (
            "Proteger a quienes denuncian para que no queden fuera de la lista de la próxima "
            "temporada",
            "Los empleadores deben dar por escrito sus razones cuando no vuelven a pedir por "
            "nombre a alguien que denunció un problema, y la red revisa esas razones.",
        ),
        "fr": (
            "Protéger les personnes qui signalent pour qu'elles restent sur la liste de la "
            "saison suivante",
            "Les employeurs doivent donner leurs raisons par écrit quand ils ne redemandent pas "
            "une personne qui a signalé un problème, et le réseau examine ces raisons.",
        ),
    },
}


def _translate_everything(groups: list[Any]) -> None:
    """Give every group, meeting and recommendation of the demo its Spanish and French."""
    sources = [*groups, *selectors.meetings_and_recommendations_titled(list(TRANSLATIONS))]
    for source in sources:
        title = source.source_fields()[0]
        for language, (text_title, text_body) in TRANSLATIONS.get(title, {}).items():
            services.content_text_set(
                actor=None, source=source, language=language, title=text_title, body=text_body
            )


def seed(people: dict[str, Any]) -> None:
    """Make the personas members; create groups, meetings and decisions once."""
    members = _ensure_members(people)
    if selectors.groups_by_slug(["addressing-retribution"]):
        return
    groups = [
        services.group_create(
            actor=None, name=name, mandate=mandate, co_chairs=[members[k] for k in chairs]
        )
        for name, mandate, chairs in GROUPS
    ]
    for group, (_name, _mandate, chairs) in zip(groups, GROUPS, strict=True):
        for key, member in members.items():
            if key not in chairs:
                services.group_member_add(actor=None, group=group, member=member)
    trustees = _trustees(people)
    _past_plenary(people, groups[0], trustees)
    _coming_meetings(people, groups)
    _draft_under_discussion(people, groups[0])
    _translate_everything(groups)


def _endorse(people: dict[str, Any], draft: Any) -> None:
    """The group decides: four of its six members (a majority) answer, and all agree."""
    for key in ("rosa", "carl", "amina", "ines"):
        services.recommendation_answer(actor=people[key], recommendation=draft, agrees=True)


HOUSING_DRAFT = "Inspect employer housing before workers arrive"


def _draft_under_discussion(people: dict[str, Any], group: Any) -> None:
    """A draft with support, an amendment waiting for the group, and two of four answers."""
    draft = services.recommendation_draft(
        actor=people["rosa"],
        group=group,
        title=HOUSING_DRAFT,
        body="Before the season starts, an inspector visits every employer's housing and the "
        "report is shared with the workers who will live there.",
    )
    for key in ("rosa", "amina", "ines"):
        services.recommendation_support(actor=people[key], recommendation=draft)
    services.amendment_propose(
        actor=people["ines"],
        recommendation=draft,
        texts={
            "en": (
                HOUSING_DRAFT,
                "Before the season starts, an inspector visits every employer's housing and the "
                "report is shared, in their language, with the workers who will live there.",
            ),
            "es": (
                "Inspeccionar la vivienda del empleador antes de que lleguen los trabajadores",
                "Antes de que empiece la temporada, una inspección visita cada vivienda del "
                "empleador y el informe se comparte, en su idioma, con quienes vivirán allí.",
            ),
        },
        reason="A report in English only does not reach most of the workers who need it.",
    )
    services.recommendation_answer(actor=people["amina"], recommendation=draft, agrees=True)
    services.recommendation_answer(actor=people["carl"], recommendation=draft, agrees=False)


def _trustees(people: dict[str, Any]) -> list[tuple[Any, str]]:
    """The secretariat's three coordinators, each with a trustee passphrase."""
    secretariat = organisations_by_slug([SECRETARIAT])[SECRETARIAT]
    trustees = []
    for login, (name, language, passphrase) in DEMO_TRUSTEES.items():
        user = user_by_identifier(login) or person_create(
            actor=people["admin"],
            display_name=name,
            password=DEMO_PASSWORD,
            email=login,
            language=language,
            channel=Channel.EMAIL,
            sector=Sector.CIVIL_SOCIETY,
        )
        membership_grant(actor=None, user=user, organisation=secretariat, role=Role.COORDINATOR)
        # A fresh object: the membership just granted must be seen by the role check.
        fresh = user_by_identifier(login) or user
        services.trustee_key_set(actor=fresh, passphrase=passphrase)
        trustees.append((fresh, passphrase))
    return trustees


def _ensure_members(people: dict[str, Any]) -> dict[str, Any]:
    organisations = organisations_by_slug([slug for _s, slug in MEMBERS.values() if slug])
    found = {}
    for key, (sector, slug) in MEMBERS.items():
        organisation = organisations.get(slug)
        found[key] = services.member_add(
            actor=None,
            user=people[key],
            kind=MemberKind.ORGANISATION if organisation else MemberKind.PERSON,
            organisation_id=organisation.pk if organisation else None,
            name=organisation.name if organisation else people[key].display_name,
            sector=sector,
        )
    return found


def _at(days: int, hour: int) -> tuple[dt.datetime, dt.datetime]:
    day = timezone.localdate() + dt.timedelta(days=days)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
    return starts, starts + dt.timedelta(hours=2)


def _past_plenary(people: dict[str, Any], group: Any, trustees: list[tuple[Any, str]]) -> None:
    plenary = services.meeting_create(
        actor=None,
        group=None,
        title="Spring plenary",
        meeting_format=MeetingFormat.HYBRID,
        location="Abbotsford Community Hall",
        online_url="https://meet.example.org/mwsn-spring",
        options=[_at(-30, 18)],
    )
    services.meeting_schedule(actor=None, meeting=plenary, option_id=plenary.poll_options.get().pk)
    services.interpreter_assign(
        actor=None, meeting=plenary, language="es", interpreter_name="Lucía Ortega"
    )
    for key in ("rosa", "amina", "carl", "ines"):
        services.registration_save(
            actor=people[key],
            meeting=plenary,
            interpretation_language="es" if key == "rosa" else "",
        )
    adopted = _recommendation_through_vote(people, group, plenary, trustees)
    services.meeting_record_held(
        actor=None,
        meeting=plenary,
        attended_member_ids=list(plenary.registrations.values_list("member_id", flat=True)),
    )
    _track(adopted)


def _track(adopted: Any) -> None:
    services.recommendation_track(
        actor=None,
        recommendation=adopted,
        responsible_body="Network secretariat with the Ministry of Labour",
        implementation_status=ImplementationStatus.IN_PROGRESS,
        progress=40,
        funding_call_input=True,
    )
    services.milestone_add(
        actor=None,
        recommendation=adopted,
        title="Emergency line staffed in Spanish on weekends",
        due_on=timezone.localdate() + dt.timedelta(days=60),
    )


def _recommendation_through_vote(
    people: dict[str, Any], group: Any, plenary: Any, trustees: list[tuple[Any, str]]
) -> Any:
    draft = services.recommendation_draft(
        actor=people["rosa"],
        group=group,
        title="A 24-hour emergency line in workers' languages",
        body="The network funds a phone and WhatsApp line, answered in Spanish, for workers "
        "facing an emergency at work or in employer housing.",
    )
    _endorse(people, draft)
    services.recommendation_put_on_agenda(actor=None, recommendation=draft, meeting=plenary)
    vote = services.vote_open(
        actor=None,
        recommendation=draft,
        ballot_kind=BallotKind.SECRET,
        threshold=Threshold.SIMPLE_MAJORITY,
        quorum_percent=50,
    )
    choices = {"rosa": Choice.YES, "amina": Choice.YES, "carl": Choice.NO, "ines": Choice.YES}
    for key, choice in choices.items():
        services.ballot_cast(actor=people[key], vote=vote, choice=choice)
    vote = services.vote_close(actor=None, vote=vote)
    # Two of the three trustees (ben and Marisol) open the count; Paul's share stays sealed.
    for user, passphrase in trustees[:2]:
        vote = services.tally_share_open(actor=user, vote=vote, passphrase=passphrase)
    draft.refresh_from_db()
    return draft


def _coming_meetings(people: dict[str, Any], groups: list[Any]) -> None:
    poll = services.meeting_create(
        actor=None,
        group=groups[1],
        title="Education working group: rights workshops",
        meeting_format=MeetingFormat.ONLINE,
        online_url="https://meet.example.org/mwsn-education",
        options=[_at(10, 19), _at(12, 19), _at(13, 10)],
    )
    evening, _later, daytime = poll.poll_options.order_by("starts_at")
    # Rosa can only come in the daytime slot; staff can also come in the evening.
    services.availability_set(actor=people["rosa"], meeting=poll, option_ids=[daytime.pk])
    for key in ("amina", "ines"):
        services.availability_set(
            actor=people[key], meeting=poll, option_ids=[evening.pk, daytime.pk]
        )
    _summer_plenary(people, groups[2])


def _summer_plenary(people: dict[str, Any], group: Any) -> None:
    summer = services.meeting_create(
        actor=None,
        group=None,
        title="Summer plenary",
        meeting_format=MeetingFormat.HYBRID,
        location="Kelowna Community Centre",
        online_url="https://meet.example.org/mwsn-summer",
        options=[_at(45, 18)],
    )
    services.meeting_schedule(actor=None, meeting=summer, option_id=summer.poll_options.get().pk)
    draft = services.recommendation_draft(
        actor=people["amina"],
        group=group,
        title="Protect workers who report from being left off next season's list",
        body="Employers must give written reasons when a worker who reported a problem is not "
        "named back, and the network reviews those reasons.",
    )
    _endorse(people, draft)
    services.recommendation_put_on_agenda(actor=None, recommendation=draft, meeting=summer)
