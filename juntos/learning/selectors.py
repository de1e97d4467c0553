"""Reads of the learning app; the private ones authorise as they fetch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation

from juntos.accounts.selectors import organisation_ids_for, public_organisations
from juntos.learning.choices import PROFILE_VIEWER_KINDS, EnrolmentStatus
from juntos.learning.models import (
    Course,
    CourseText,
    DocumentShare,
    Enrolment,
    Objective,
    ProfileGrant,
    Session,
    VaultDocument,
    WorkerProfile,
    Workshop,
)
from juntos.learning.policies import (
    CASEWORKER_ROLES,
    LEARNING_STAFF,
    can_manage_course,
    can_run_workshops,
    can_view_document,
    can_view_profile,
)

HOLDS_A_PLACE = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)
FACETS = ("topic", "provider", "format", "language", "province", "schedule")
# Facets whose column has another name; provider values are organisation ids as text.
FACET_COLUMNS = {"provider": "organisation_id"}


def organisation_names(ids: set[int]) -> dict[int, str]:
    """Names of organisations by id, in one query."""
    if not ids:
        return {}
    return dict(public_organisations().filter(pk__in=ids).values_list("pk", "name"))


def granted_organisation_ids(profile: WorkerProfile) -> set[int]:
    """Organisations the worker currently lets see her profile."""
    return set(
        profile.grants.filter(revoked_at__isnull=True).values_list("organisation_id", flat=True)
    )


def own_profile(user: Any) -> WorkerProfile | None:
    """The signed-in worker's own profile, if she has one."""
    if not user.is_authenticated:
        return None
    return WorkerProfile.objects.filter(user=user).first()


def _profile_details() -> QuerySet[WorkerProfile]:
    objectives = Objective.objects.select_related("course")
    return WorkerProfile.objects.prefetch_related(
        "languages", "seasons", "skills", "goals", Prefetch("objectives", queryset=objectives)
    )


def get_profile_for(actor: Any, profile_id: int) -> WorkerProfile:
    """A profile with its details, for its owner or staff of a granted organisation; else 404."""
    profile = _profile_details().filter(pk=profile_id).first()
    if profile is None or not can_view_profile(actor, profile, granted_organisation_ids(profile)):
        raise Http404
    return profile


def profile_details_of(user: Any) -> WorkerProfile | None:
    """The worker's own profile with everything it shows."""
    return _profile_details().filter(user=user).first() if user.is_authenticated else None


def advisees_for(actor: Any) -> QuerySet[WorkerProfile]:
    """Profiles shared with an organisation where the actor is staff (her advisees)."""
    org_ids = organisation_ids_for(actor, LEARNING_STAFF)
    return (
        WorkerProfile.objects.filter(
            grants__organisation_id__in=org_ids, grants__revoked_at__isnull=True
        )
        .distinct()
        .order_by("display_name", "id")
    )


def completed_course_ids(user: Any) -> set[int]:
    """Courses the person has completed (to show plan progress)."""
    if user is None:
        return set()
    return set(user.learning_completions.exclude(course=None).values_list("course_id", flat=True))


# Catalogue -----------------------------------------------------------------------------


@dataclass
class CatalogueResult:
    courses: list[Course]
    total: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    provider_names: dict[int, str] = field(default_factory=dict)


def _facet_q(filters: dict[str, str], today: dt.date, skip: str = "") -> Q:
    query = Q(is_published=True)
    for name, value in filters.items():
        if not value or name == skip or name not in FACETS:
            continue
        if name == "schedule":
            query &= Q(pk__in=upcoming_sessions(today).filter(schedule=value).values("course_id"))
        elif name == "provider":
            query &= Q(organisation_id=int(value)) if value.isdigit() else Q(pk__in=[])
        else:
            query &= Q(**{name: value})
    return query


def upcoming_sessions(today: dt.date) -> QuerySet[Session]:
    """Sessions that have not ended."""
    return Session.objects.filter(ends_on__gte=today)


def _text_q(text: str) -> Q:
    if not text:
        return Q()
    matching = CourseText.objects.filter(Q(title__icontains=text) | Q(summary__icontains=text))
    return Q(pk__in=matching.values("course_id")) | Q(place__icontains=text)


def _facet_counts(filters: dict[str, str], text: str, today: dt.date) -> dict[str, Any]:
    counts: dict[str, list[tuple[str, int]]] = {}
    for name in FACETS:
        courses = Course.objects.filter(_facet_q(filters, today, skip=name) & _text_q(text))
        if name == "schedule":
            rows: Any = (
                upcoming_sessions(today)
                .filter(course__in=courses)
                .values_list("schedule")
                .annotate(n=Count("course_id", distinct=True))
            )
        else:
            column = FACET_COLUMNS.get(name, name)
            rows = courses.values_list(column).annotate(n=Count("id")).order_by(column)
        counts[name] = [(str(value), n) for value, n in rows if value]
    return counts


def catalogue_search(
    *, filters: dict[str, str], text: str = "", limit: int = 24
) -> CatalogueResult:
    """Published courses matching the facets, with their sessions, and the count per facet."""
    today = timezone.localdate()
    sessions = upcoming_sessions(today).annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=HOLDS_A_PLACE))
    )
    matching = Course.objects.filter(_facet_q(filters, today) & _text_q(text))
    courses = list(
        matching.prefetch_related("texts", Prefetch("sessions", queryset=sessions)).order_by(
            "topic", "id"
        )[:limit]
    )
    return CatalogueResult(
        courses=courses,
        total=matching.count() if len(courses) == limit else len(courses),
        facets=_facet_counts(filters, text, today),
        provider_names=organisation_names({c.organisation_id for c in courses}),
    )


def provider_choices() -> list[tuple[str, str]]:
    """(id as text, name) of the organisations that offer published courses."""
    ids = set(Course.objects.filter(is_published=True).values_list("organisation_id", flat=True))
    return sorted(((str(k), v) for k, v in organisation_names(ids).items()), key=lambda c: c[1])


def course_text(course: Course, language: str | None = None) -> CourseText | None:
    """The course's text in the wanted language, else in its teaching language, else any."""
    language = language or translation.get_language() or "en"
    texts = list(course.texts.all())
    for wanted in (language, course.language):
        for text in texts:
            if text.language == wanted:
                return text
    return texts[0] if texts else None


def get_course(course_id: int) -> Course:
    """A published course with texts and upcoming sessions (places taken counted); else 404."""
    sessions = upcoming_sessions(timezone.localdate()).annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=HOLDS_A_PLACE)),
        waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED)),
    )
    course = (
        Course.objects.filter(pk=course_id, is_published=True)
        .prefetch_related("texts", Prefetch("sessions", queryset=sessions))
        .first()
    )
    if course is None:
        raise Http404
    return course


def enrolments_of(user: Any) -> QuerySet[Enrolment]:
    """The person's own enrolments, newest session first."""
    return (
        Enrolment.objects.filter(user=user)
        .select_related("session__course")
        .prefetch_related("session__course__texts")
        .order_by("-session__starts_on", "-id")
    )


def get_roster_for(actor: Any, session_id: int) -> Session:
    """A session with its enrolments, for staff of the provider; else 404."""
    session = Session.objects.select_related("course").filter(pk=session_id).first()
    if session is None or not can_manage_course(actor, session.course):
        raise Http404
    return session


def get_session_to_edit(actor: Any, session_id: int) -> Session:
    """A session with its places held and people waiting counted, for staff of the provider."""
    session = (
        Session.objects.select_related("course")
        .prefetch_related("course__texts")
        .annotate(
            taken=Count("enrolments", filter=Q(enrolments__status__in=HOLDS_A_PLACE)),
            waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED)),
        )
        .filter(pk=session_id)
        .first()
    )
    if session is None or not can_manage_course(actor, session.course):
        raise Http404
    return session


def roster_enrolments(session: Session) -> QuerySet[Enrolment]:
    """Everyone enrolled or waiting in a session, with attendance counts."""
    return (
        session.enrolments.select_related("user")
        .annotate(present=Count("marks", filter=Q(marks__present=True)))
        .order_by("status", "queued_at", "id")
    )


def courses_managed_by(actor: Any) -> QuerySet[Course]:
    """Courses of the organisations where the actor is staff."""
    org_ids = organisation_ids_for(actor, LEARNING_STAFF)
    return (
        Course.objects.filter(organisation_id__in=org_ids)
        .prefetch_related("texts", "sessions")
        .order_by("id")
    )


# Workshops -----------------------------------------------------------------------------


def workshops_for(actor: Any) -> QuerySet[Workshop]:
    """Workshops of the organisations where the actor is staff."""
    org_ids = organisation_ids_for(actor, LEARNING_STAFF)
    return Workshop.objects.filter(organisation_id__in=org_ids).annotate(
        attendee_count=Count("attendees")
    )


def get_workshop_for(actor: Any, workshop_id: int) -> Workshop:
    """A workshop for staff of its organisation; else 404."""
    workshop = Workshop.objects.filter(pk=workshop_id).first()
    if workshop is None or not can_run_workshops(actor, workshop.organisation_id):
        raise Http404
    return workshop


# Vault ---------------------------------------------------------------------------------


def vault_documents_of(user: Any) -> QuerySet[VaultDocument]:
    """The worker's own documents with their active shares (no file contents)."""
    active = DocumentShare.objects.filter(revoked_at__isnull=True).select_related("caseworker")
    return (
        VaultDocument.objects.filter(owner=user)
        .defer("ciphertext")  # the wrapped key opens the title
        .prefetch_related(Prefetch("shares", queryset=active, to_attr="active_shares"))
    )


def get_document_for(actor: Any, document_id: int) -> VaultDocument:
    """A document for its owner or a caseworker it is shared with; else 404."""
    document = VaultDocument.objects.filter(pk=document_id).first()
    if document is None:
        raise Http404
    shares = list(
        document.shares.filter(revoked_at__isnull=True).values_list(
            "caseworker_id", "organisation_id"
        )
    )
    if not can_view_document(actor, document, shares):
        raise Http404
    return document


def get_own_document(actor: Any, document_id: int) -> VaultDocument:
    """A document only its owner may change; else 404."""
    document = VaultDocument.objects.filter(pk=document_id, owner_id=actor.pk).first()
    if document is None or not actor.is_authenticated:
        raise Http404
    return document


def documents_shared_with(actor: Any) -> QuerySet[DocumentShare]:
    """Active shares addressed to the actor, for organisations where he is still staff."""
    org_ids = organisation_ids_for(actor, CASEWORKER_ROLES)
    return (
        DocumentShare.objects.filter(
            caseworker_id=actor.pk, organisation_id__in=org_ids, revoked_at__isnull=True
        )
        .select_related("document__owner")
        .defer("document__ciphertext")
    )


# Enrolments ----------------------------------------------------------------------------


def get_open_session(session_id: int) -> Session:
    """A session of a published course; else 404."""
    session = (
        Session.objects.select_related("course")
        .filter(pk=session_id, course__is_published=True)
        .first()
    )
    if session is None:
        raise Http404
    return session


def get_own_enrolment(actor: Any, enrolment_id: int) -> Enrolment:
    """One of the actor's own enrolments; else 404."""
    enrolment = (
        Enrolment.objects.select_related("session__course")
        .filter(pk=enrolment_id, user_id=actor.pk)
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def get_enrolment_for_teacher(actor: Any, enrolment_id: int) -> Enrolment:
    """An enrolment, for staff of the course's provider; else 404."""
    enrolment = Enrolment.objects.select_related("session__course").filter(pk=enrolment_id).first()
    if enrolment is None or not can_manage_course(actor, enrolment.session.course):
        raise Http404
    return enrolment


def enrolments_in_course(user: Any, course: Course) -> dict[int, Enrolment]:
    """The person's enrolments in a course's sessions, by session id."""
    if not user.is_authenticated:
        return {}
    found = Enrolment.objects.filter(user=user, session__course=course)
    return {e.session_id: e for e in found}


def get_managed_course(actor: Any, course_id: int) -> Course:
    """A course (published or not), for staff of its provider; else 404."""
    course = Course.objects.prefetch_related("texts").filter(pk=course_id).first()
    if course is None or not can_manage_course(actor, course):
        raise Http404
    return course


def get_own_objective(actor: Any, objective_id: int) -> Objective:
    """A plan objective, for the worker or her advisor; else 404."""
    objective = Objective.objects.select_related("profile").filter(pk=objective_id).first()
    if objective is None:
        raise Http404
    profile = objective.profile
    if not can_view_profile(actor, profile, granted_organisation_ids(profile)):
        raise Http404
    return objective


def get_own_grant(actor: Any, grant_id: int) -> ProfileGrant:
    """One of the worker's own profile grants; else 404."""
    grant = (
        ProfileGrant.objects.select_related("profile")
        .filter(pk=grant_id, profile__user_id=actor.pk)
        .first()
    )
    if grant is None or not actor.is_authenticated:
        raise Http404
    return grant


def get_own_share(actor: Any, share_id: int) -> DocumentShare:
    """A share of one of the actor's own documents; else 404."""
    share = (
        DocumentShare.objects.select_related("document")
        .defer("document__ciphertext")
        .filter(pk=share_id, document__owner_id=actor.pk)
        .first()
    )
    if share is None or not actor.is_authenticated:
        raise Http404
    return share


def plan_course_choices(profile: WorkerProfile, language: str) -> list[tuple[int, str]]:
    """(id, title) of the courses the worker enrolled in or completed, to link plan objectives.

    Only her own courses: the whole catalogue would make the page heavy on a phone.
    """
    if profile.user_id is None:
        return []
    taken = Enrolment.objects.filter(user_id=profile.user_id).values("session__course_id")
    courses = Course.objects.filter(pk__in=taken).prefetch_related("texts").order_by("id")
    choices = []
    for course in courses:
        text = course_text(course, language)
        choices.append((course.pk, text.title if text else str(course)))
    return choices


def profile_viewer_organisations() -> list[tuple[int, str]]:
    """(id, name) of the organisations a worker may let see her profile."""
    found = public_organisations().filter(kind__in=PROFILE_VIEWER_KINDS)
    return list(found.values_list("pk", "name"))
