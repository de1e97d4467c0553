"""Every page and API operation of the learning app, and who may use it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.learning.choices import EnrolmentStatus
from juntos.learning.models import (
    DocumentShare,
    Enrolment,
    Lesson,
    Objective,
    ProfileGrant,
    VaultDocument,
    WorkerProfile,
)
from juntos.learning.services import document_upload, lesson_save, question_add
from juntos.learning.tests.factories import CourseFactory, SessionFactory, WorkshopFactory
from juntos.testing.access import EVERYONE, SIGNED_IN, Access

STAFF = frozenset({"amina", "ben", "dana"})  # learning staff roles in some organisation
CASEWORKERS = frozenset({"amina", "dana"})


def _org(slug: str) -> int:
    return organisations_by_slug([slug])[slug].pk


def _rosa_profile(p: Any) -> WorkerProfile:
    """Rosa's profile, shared with amina's organisation (never with carl's or dana's)."""
    profile, _created = WorkerProfile.objects.get_or_create(
        user=p.rosa, defaults={"display_name": "Rosa Hernández", "home_country": "MX"}
    )
    ProfileGrant.objects.get_or_create(
        profile=profile, organisation_id=_org("fraser-valley-support"), revoked_at=None
    )
    return profile


def _amina_course(p: Any) -> Any:
    return CourseFactory.create(organisation_id=_org("fraser-valley-support"))


def _rosa_enrolment(p: Any) -> Enrolment:
    session = SessionFactory.create(course=_amina_course(p))
    return Enrolment.objects.create(
        session=session, user=p.rosa, status=EnrolmentStatus.ENROLLED, queued_at=timezone.now()
    )


def _amina_lesson(p: Any) -> Lesson:
    course = _amina_course(p)
    lesson = lesson_save(actor=p.amina, course=course, texts={"en": ("Pay slips", "Hours.")})
    question_add(actor=p.amina, lesson=lesson, correct=1, texts={"en": ("Who?", ["You", "Them"])})
    return lesson


def _rosa_lesson(p: Any) -> dict[str, int]:
    """A lesson of a course whose session started yesterday, in which rosa is enrolled."""
    lesson = _amina_lesson(p)
    session = SessionFactory.create(
        course=lesson.course, starts_on=timezone.localdate() - dt.timedelta(days=1)
    )
    enrolment = Enrolment.objects.create(
        session=session, user=p.rosa, status=EnrolmentStatus.ENROLLED, queued_at=timezone.now()
    )
    return {"enrolment_id": enrolment.pk, "lesson_id": lesson.pk}


def _rosa_lesson_session(p: Any) -> dict[str, int]:
    """The session in which rosa takes an online lesson (for its gradebook)."""
    enrolment = Enrolment.objects.get(pk=_rosa_lesson(p)["enrolment_id"])
    return {"session_id": enrolment.session_id}


def _quiz_answer(p: Any, kw: dict[str, Any]) -> dict[str, str]:
    question = Lesson.objects.get(pk=kw["lesson_id"]).questions.get()
    return {f"q{question.pk}": "1"}


def _rosa_document(p: Any) -> VaultDocument:
    return document_upload(
        actor=p.rosa,
        kind="pay-slip",
        title="Talón",
        filename="talon.txt",
        data=b"80 horas",
    )


def _shared_document(p: Any) -> dict[str, int]:
    document = _rosa_document(p)
    DocumentShare.objects.create(
        document=document, caseworker=p.amina, organisation_id=_org("fraser-valley-support")
    )
    return {"document_id": document.pk}


def _share(p: Any) -> dict[str, int]:
    document = _rosa_document(p)
    share = DocumentShare.objects.create(
        document=document, caseworker=p.amina, organisation_id=_org("fraser-valley-support")
    )
    return {"share_id": share.pk}


def _objective(p: Any) -> dict[str, int]:
    objective = Objective.objects.create(
        profile=_rosa_profile(p), title="Inglés básico", target_on=dt.date(2027, 3, 1)
    )
    return {"objective_id": objective.pk}


def _goal(p: Any) -> dict[str, Any]:
    goal, _created = _rosa_profile(p).goals.get_or_create(kind="english")
    return {"item": "goal", "item_id": goal.pk}


def _grant(p: Any) -> dict[str, int]:
    profile = _rosa_profile(p)
    return {"grant_id": profile.grants.get(revoked_at=None).pk}


def _workshop(p: Any) -> dict[str, int]:
    return {"workshop_id": WorkshopFactory.create(organisation_id=_org("fraser-valley-support")).pk}


def _rosa_has_profile(p: Any) -> dict[str, Any]:
    _rosa_profile(p)
    return {}


ACCESS = [
    Access("learning:catalogue", allow=EVERYONE, worker_page=True, key_page=True),
    Access(
        "learning:course",
        allow=EVERYONE,
        worker_page=True,
        kwargs=lambda p: {"course_id": SessionFactory.create(course=_amina_course(p)).course_id},
    ),
    Access(
        "learning:enrol",
        method="POST",
        allow=SIGNED_IN,
        kwargs=lambda p: {"session_id": SessionFactory.create(course=_amina_course(p)).pk},
    ),
    Access(
        "learning:withdraw",
        method="POST",
        allow=frozenset({"rosa"}),
        kwargs=lambda p: {"enrolment_id": _rosa_enrolment(p).pk},
        note="only her own enrolment (teachers withdraw people from the roster, not here)",
    ),
    Access("learning:my_courses", allow=SIGNED_IN, worker_page=True),
    Access(
        "learning:enrolment_calendar",
        allow=frozenset({"rosa"}),
        kwargs=lambda p: {"enrolment_id": _rosa_enrolment(p).pk},
        note="her own classes only",
    ),
    Access(
        "learning:course_lessons",
        allow=frozenset({"rosa"}),
        worker_page=True,
        kwargs=lambda p: {"enrolment_id": _rosa_lesson(p)["enrolment_id"]},
        note="only her own enrolment; her teacher sees results elsewhere, not her pages",
    ),
    Access("learning:lesson", allow=frozenset({"rosa"}), worker_page=True, kwargs=_rosa_lesson),
    Access("learning:lesson_read", method="POST", allow=frozenset({"rosa"}), kwargs=_rosa_lesson),
    Access(
        "learning:lesson_quiz",
        method="POST",
        allow=frozenset({"rosa"}),
        kwargs=_rosa_lesson,
        data=_quiz_answer,
    ),
    Access(
        "learning:profile",
        allow=SIGNED_IN,
        worker_page=True,
        key_page=True,
        kwargs=_rosa_has_profile,
        note="everyone sees only their own profile (or the page to start or claim one)",
    ),
    Access("learning:profile_start", method="POST", allow=SIGNED_IN),
    Access(
        "learning:profile_edit",
        allow=frozenset({"rosa"}),
        worker_page=True,
        kwargs=_rosa_has_profile,
        note="only people with a profile have one to edit",
    ),
    Access(
        "learning:research_consent",
        allow=frozenset({"rosa"}),
        worker_page=True,
        kwargs=_rosa_has_profile,
        note="only people with a profile choose whether research counts them",
    ),
    Access(
        "learning:research_consent",
        method="POST",
        allow=frozenset({"rosa"}),
        kwargs=_rosa_has_profile,
        data=lambda p, kw: {"research_consent": "on"},
    ),
    Access(
        "learning:profile_add",
        method="POST",
        allow=frozenset({"rosa"}),
        kwargs=lambda p: {**_rosa_has_profile(p), "item": "goal"},
        data=lambda p, kw: {"kind": "start-business", "note": "Una tienda en Oaxaca"},
    ),
    Access(
        "learning:profile_remove",
        method="POST",
        allow=frozenset({"rosa"}),
        kwargs=_goal,
        note="amina, who may see rosa's profile, may still not change it",
    ),
    Access(
        "learning:grant_add",
        method="POST",
        allow=frozenset({"rosa"}),
        kwargs=_rosa_has_profile,
        data=lambda p, kw: {"organisation": _org("valley-learning")},
    ),
    Access("learning:grant_revoke", method="POST", allow=frozenset({"rosa"}), kwargs=_grant),
    Access("learning:claim", allow=SIGNED_IN, worker_page=True),
    Access(
        "learning:objective_add",
        method="POST",
        allow=frozenset({"rosa", "amina"}),
        kwargs=lambda p: {"profile_id": _rosa_profile(p).pk},
        data=lambda p, kw: {"title": "Inglés A2", "target_on": "2027-04-01"},
        note="the worker and her advisor (staff of an organisation she granted)",
    ),
    Access(
        "learning:objective_mark",
        method="POST",
        allow=frozenset({"rosa", "amina"}),
        kwargs=_objective,
        data=lambda p, kw: {"done": "1"},
    ),
    Access("learning:advisees", allow=STAFF),
    Access(
        "learning:advisee",
        allow=frozenset({"rosa", "amina"}),
        kwargs=lambda p: {"profile_id": _rosa_profile(p).pk},
        note="carl (employer) and dana (another organisation) see nothing of rosa's profile",
    ),
    Access("learning:workshops", allow=STAFF),
    Access("learning:workshop", allow=frozenset({"amina"}), kwargs=_workshop),
    Access(
        "learning:attendee_add",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=_workshop,
        data=lambda p, kw: {"display_name": "Juana", "phone": "+529511112222", "email": ""},
    ),
    Access(
        "learning:workshop_attendance",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=_workshop,
    ),
    Access("learning:teach", allow=STAFF),
    Access(
        "learning:teach_course",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"course_id": _amina_course(p).pk},
    ),
    Access(
        "learning:course_edit",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"course_id": _amina_course(p).pk},
        data=lambda p, kw: {
            "topic": "health-safety",
            "format": "hybrid",
            "language": "en",
            "province": "BC",
            "place": "Abbotsford library",
            "completion_rule": "sign-off",
            "min_attendance_percent": "80",
        },
        note="staff of the provider only: dana is staff elsewhere, carl an employer",
    ),
    Access(
        "learning:course_text",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"course_id": _amina_course(p).pk, "language": "fr"},
        data=lambda p, kw: {"text-fr-title": "Anglais pour le travail", "text-fr-summary": ""},
    ),
    Access(
        "learning:lessons",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"course_id": _amina_course(p).pk},
        note="staff of the provider only: dana is staff elsewhere, rosa takes the course",
    ),
    Access(
        "learning:lessons",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"course_id": _amina_course(p).pk},
        data=lambda p, kw: {"title_en": "Pay slips", "body_en": "Hours.", "pass_percent": "75"},
    ),
    Access(
        "learning:lesson_edit",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"lesson_id": _amina_lesson(p).pk},
    ),
    Access(
        "learning:lesson_edit",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"lesson_id": _amina_lesson(p).pk},
        data=lambda p, kw: {"title_en": "Pay slips", "body_en": "Hours.", "pass_percent": "60"},
    ),
    Access(
        "learning:question_add",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"lesson_id": _amina_lesson(p).pk},
        data=lambda p, kw: {"prompt_en": "Paid?", "options_en": "Yes\nNo", "correct": "1"},
    ),
    Access(
        "learning:question_remove",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"question_id": _amina_lesson(p).questions.get().pk},
    ),
    Access(
        "learning:session_edit",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"session_id": _rosa_enrolment(p).session_id},
    ),
    Access(
        "learning:session_edit",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"session_id": _rosa_enrolment(p).session_id},
        data=lambda p, kw: {
            "schedule": "weekends",
            "schedule_note": "Sat 10:00-12:00",
            "starts_on": "2027-05-01",
            "ends_on": "2027-06-30",
            "meetings": "6",
            "capacity": "12",
            "enrolment_opens": "2027-04-01",
            "enrolment_closes": "2027-04-30",
        },
        note="rosa holds a place, so the 12 places stay above the places held",
    ),
    Access(
        "learning:roster",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"session_id": _rosa_enrolment(p).session_id},
    ),
    Access(
        "learning:gradebook",
        allow=frozenset({"amina"}),
        kwargs=_rosa_lesson_session,
        note="the provider's staff: rosa does not see her classmates' results",
    ),
    Access(
        "learning:class_message",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"session_id": _rosa_enrolment(p).session_id},
        data=lambda p, kw: {"body": "Class moves to room 4."},
        note="the provider's staff write to the class; a worker in it may not",
    ),
    Access(
        "learning:roster_attendance",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"session_id": _rosa_enrolment(p).session_id},
        data=lambda p, kw: {"met_on": "2026-11-20"},
    ),
    Access(
        "learning:assess",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"enrolment_id": _rosa_enrolment(p).pk},
        data=lambda p, kw: {"passed": "1"},
        note="rosa may not grade herself",
    ),
    Access(
        "learning:sign_off",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"enrolment_id": _rosa_enrolment(p).pk},
    ),
    Access(
        "learning:remove",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=lambda p: {"enrolment_id": _rosa_enrolment(p).pk},
        note="the teacher takes someone off the class list; she leaves from her own page",
    ),
    Access("learning:vault", allow=SIGNED_IN, worker_page=True, key_page=True),
    Access(
        "learning:document_file",
        allow=frozenset({"rosa", "amina"}),
        kwargs=_shared_document,
        note="shared with amina only: carl, dana and amina's colleagues see nothing",
    ),
    Access(
        "learning:document_share",
        method="POST",
        allow=frozenset({"rosa"}),
        kwargs=lambda p: {"document_id": _rosa_document(p).pk},
        data=lambda p, kw: {"caseworker_email": p.amina.email},
    ),
    Access(
        "learning:document_delete",
        method="POST",
        allow=frozenset({"rosa"}),
        kwargs=lambda p: {"document_id": _rosa_document(p).pk},
    ),
    Access("learning:share_revoke", method="POST", allow=frozenset({"rosa"}), kwargs=_share),
    Access("learning:attach", allow=SIGNED_IN, worker_page=True),
    Access("learning:shared_with_me", allow=CASEWORKERS),
    Access("learning:export", allow=SIGNED_IN, worker_page=True),
    Access("learning:export", method="POST", allow=SIGNED_IN, note="her own data only"),
    Access(
        "learning:account_delete",
        allow=SIGNED_IN,
        worker_page=True,
        note="the POST deletes the persona; tests/test_it_deletes_an_account.py covers it",
    ),
    Access("GET /api/learning/courses", allow=EVERYONE),
    Access("GET /api/learning/profile", allow=frozenset({"rosa"}), kwargs=_rosa_has_profile),
    Access("GET /api/learning/enrolments", allow=SIGNED_IN),
    Access("GET /api/learning/documents", allow=SIGNED_IN),
]
