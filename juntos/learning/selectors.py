"""Reads of the learning app; the private ones authorise as they fetch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone, translation

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.selectors import organisation_ids_for, public_organisations
from juntos.core.compiled import CompiledLookup, run_together
from juntos.core.memory import ShortMemory
from juntos.learning.choices import PROFILE_VIEWER_KINDS, EnrolmentStatus
from juntos.learning.models import (
    CompletionRecord,
    Course,
    CourseText,
    DocumentShare,
    Enrolment,
    Goal,
    Lesson,
    LessonProgress,
    Objective,
    ProfileGrant,
    ProfileLanguage,
    Question,
    Season,
    Session,
    Skill,
    VaultDocument,
    WorkerProfile,
    Workshop,
    WorkshopAttendance,
)
from juntos.learning.policies import (
    CASEWORKER_ROLES,
    LEARNING_STAFF,
    can_manage_course,
    can_run_workshops,
    can_view_document,
    can_view_profile,
)


class _InALanguage(Protocol):
    language: str


_Text = TypeVar("_Text", bound=_InALanguage)
_Row = TypeVar("_Row", bound=Model)
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


def own_profile(user: Actor) -> WorkerProfile | None:
    """The signed-in worker's own profile, if she has one (one per person)."""
    if not user.is_authenticated:
        return None
    found = _profile_of_user(user.pk)
    return found[0] if found else None


# The profile page reads these on every visit: their SQL is compiled once per connection.
def _of_profile(model: type[_Row]) -> CompiledLookup[_Row]:
    return CompiledLookup(model, "profile", lambda pk: model._default_manager.filter(profile_id=pk))


_languages_of = _of_profile(ProfileLanguage)
_seasons_of = _of_profile(Season)
_skills_of = _of_profile(Skill)
_goals_of = _of_profile(Goal)
_objectives_of = CompiledLookup(
    Objective,
    ("profile", "profile__user"),
    lambda pk, user_id: Objective.objects.filter(profile_id=pk).annotate(
        course_completed=Exists(
            CompletionRecord.objects.filter(user_id=user_id, course_id=OuterRef("course_id"))
        )
    ),
)
_active_grants_of = CompiledLookup(
    ProfileGrant,
    "profile",
    lambda pk: ProfileGrant.objects.filter(profile_id=pk, revoked_at=None),
)
_workshops_of = CompiledLookup(
    WorkshopAttendance,
    "profile",
    lambda pk: WorkshopAttendance.objects.filter(profile_id=pk).select_related("workshop"),
)
_profile_of_user = CompiledLookup(
    WorkerProfile, "user", lambda user_id: WorkerProfile.objects.filter(user_id=user_id)
)


def _with_details(profile: WorkerProfile | None) -> WorkerProfile | None:
    """The profile with everything its page shows, one plain query per kind of item.

    Each objective carries `course_completed` (her completion record for its course exists),
    her active grants are `active_grants` and her workshops `workshop_rows`; `languages`,
    `seasons`, `skills`, `goals` and `objectives` read as if prefetched. The same queries as
    `prefetch_related` would send, with their SQL compiled once per connection and without
    its bookkeeping (both cost more than the queries themselves on the profile page), sent
    together (on PostgreSQL in one pipeline).
    """
    if profile is None:
        return None
    claimed = profile.user_id is not None
    languages, seasons, skills, goals, grants, workshops, *read = run_together(
        (_languages_of, (profile.pk,)),
        (_seasons_of, (profile.pk,)),
        (_skills_of, (profile.pk,)),
        (_goals_of, (profile.pk,)),
        (_active_grants_of, (profile.pk,)),
        (_workshops_of, (profile.pk,)),
        *([(_objectives_of, (profile.pk, profile.user_id))] if claimed else []),
    )
    objectives: list[Objective]
    if read:
        objectives = read[0]
    else:  # a workshop profile nobody has claimed: nothing completed
        objectives = list(
            Objective.objects.filter(profile_id=profile.pk).annotate(
                course_completed=Value(False, output_field=BooleanField())
            )
        )
    cache: dict[str, Sequence[Model]] = {
        "languages": languages,
        "seasons": seasons,
        "skills": skills,
        "goals": goals,
        "objectives": objectives,
    }
    for rows in cache.values():
        for row in rows:
            row._state.fields_cache["profile"] = profile
    profile._prefetched_objects_cache = cache  # type: ignore[attr-defined]
    profile.active_grants = grants  # type: ignore[attr-defined]
    profile.workshop_rows = workshops  # type: ignore[attr-defined]
    return profile


def get_profile_for(actor: Actor, profile_id: int) -> WorkerProfile:
    """A profile with its details, for its owner or staff of a granted organisation; else 404."""
    profile = WorkerProfile.objects.filter(pk=profile_id).first()
    if profile is None or not can_view_profile(actor, profile, granted_organisation_ids(profile)):
        raise Http404
    found = _with_details(profile)
    assert found is not None
    return found


def profile_details_of(user: Actor) -> WorkerProfile | None:
    """The worker's own profile with everything it shows."""
    return _with_details(own_profile(user))


def advisees_for(actor: Actor) -> QuerySet[WorkerProfile]:
    """Profiles shared with an organisation where the actor is staff (her advisees)."""
    org_ids = organisation_ids_for(actor, LEARNING_STAFF)
    return (
        WorkerProfile.objects.filter(
            grants__organisation_id__in=org_ids, grants__revoked_at__isnull=True
        )
        .distinct()
        .order_by("display_name", "id")
    )


def completed_course_ids(user: SignedIn | None) -> set[int]:
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


# The columns a course is counted by, in the order the facet query returns them.
_COURSE_FACETS = ("topic", "provider", "format", "language", "province")
# (topic, organisation id, format, language, province, schedule or None, courses)
FacetGroup = tuple[str, int, str, str, str, str | None, int]


def _facet_groups(text: str, today: dt.date) -> list[FacetGroup]:
    """Published courses matching the text, grouped by every facet, in one aggregate query.

    Each row is (topic, organisation id, format, language, province, schedule, courses). Rows
    with no schedule count each course once; rows with a schedule count the courses with an
    upcoming session of that schedule (a course with sessions of two schedules is in both).
    """
    columns = [FACET_COLUMNS.get(name, name) for name in _COURSE_FACETS]
    by_course = (
        Course.objects.filter(Q(is_published=True) & _text_q(text))
        .annotate(facet_schedule=Value(None, output_field=CharField()))
        .values_list(*columns, "facet_schedule")
        .annotate(n=Count("id"))
        .order_by()
    )
    matching = Course.objects.filter(Q(is_published=True) & _text_q(text))
    by_session = (
        upcoming_sessions(today)
        .filter(course__in=matching)
        .values_list(*[f"course__{c}" for c in columns], "schedule")
        .annotate(n=Count("course_id", distinct=True))
        .order_by()
    )
    return list(by_course.union(by_session, all=True))


def _matches(group: FacetGroup, filters: dict[str, str], skip: str) -> bool:
    for index, name in enumerate(_COURSE_FACETS):
        wanted = filters.get(name)
        if wanted and name != skip and str(group[index]) != wanted:
            return False
    return True


def _count_groups(
    groups: list[FacetGroup], filters: dict[str, str], skip: str = ""
) -> dict[str, int]:
    """Courses per value of the facet `skip` (or in all under "") matching the other filters."""
    schedule = filters.get("schedule") if skip != "schedule" else ""
    per_session = skip == "schedule" or bool(schedule)
    key = _COURSE_FACETS.index(skip) if skip in _COURSE_FACETS else 5
    counts: dict[str, int] = {}
    for group in groups:
        if (group[5] is not None) != per_session or (schedule and group[5] != schedule):
            continue
        if _matches(group, filters, skip):
            value = "" if not skip else str(group[key] or "")
            counts[value] = counts.get(value, 0) + group[6]
    return counts


def _facet_counts(
    groups: list[FacetGroup], filters: dict[str, str]
) -> dict[str, list[tuple[str, int]]]:
    """For each facet, how many courses each of its values gives with the other filters."""
    filters = {k: v for k, v in filters.items() if v and k in FACETS}
    facets = {}
    for name in FACETS:
        counts = _count_groups(groups, filters, skip=name)
        order = (lambda v: (len(v), v)) if name == "provider" else None  # ids in number order
        facets[name] = [(v, counts[v]) for v in sorted(counts, key=order) if v]
    return facets


# The public catalogue is the same for every visitor for a while, so a process remembers what
# it found for a few seconds (juntos/core/memory.py). Any change to a course, its texts, its
# sessions or an enrolment in this process forgets at once (the model signals in apps.py);
# another process's pages may show places left up to this many seconds old. Enrolling always
# counts the places again.
CATALOGUE_MEMORY_SECONDS = 5
_catalogue_memory: ShortMemory[CatalogueResult] = ShortMemory(seconds=CATALOGUE_MEMORY_SECONDS)
_provider_memory: ShortMemory[dict[int, str]] = ShortMemory(
    seconds=CATALOGUE_MEMORY_SECONDS, most=1
)


def forget_catalogue(*args: object, **kwargs: object) -> None:
    """Forget the remembered catalogue (a model signal's receiver: it ignores the arguments)."""
    _catalogue_memory.forget()
    _provider_memory.forget()


def catalogue_search(
    *,
    filters: dict[str, str],
    text: str = "",
    limit: int = 24,
    provider_names: dict[int, str] | None = None,
) -> CatalogueResult:
    """Published courses matching the facets, with their sessions, and the count per facet.

    The facets and the total come from one aggregate query, however many values they have;
    `provider_names` (from `provider_choices`) saves looking the providers up again. What was
    found is remembered for a few seconds (see CATALOGUE_MEMORY_SECONDS).
    """
    today = timezone.localdate()
    wanted = {k: v for k, v in filters.items() if v and k in FACETS}
    key = (today, tuple(sorted(wanted.items())), text, limit)
    return _catalogue_memory.remember(
        key, lambda: _catalogue_search(today, filters, text, limit, provider_names)
    )


def _catalogue_search(
    today: dt.date,
    filters: dict[str, str],
    text: str,
    limit: int,
    provider_names: dict[int, str] | None,
) -> CatalogueResult:
    sessions = upcoming_sessions(today).annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=HOLDS_A_PLACE))
    )
    matching = Course.objects.filter(_facet_q(filters, today) & _text_q(text))
    courses = list(
        matching.prefetch_related("texts", Prefetch("sessions", queryset=sessions)).order_by(
            "topic", "id"
        )[:limit]
    )
    groups = _facet_groups(text, today)
    wanted = {k: v for k, v in filters.items() if v and k in FACETS}
    if provider_names is None:
        provider_names = organisation_names({c.organisation_id for c in courses})
    return CatalogueResult(
        courses=courses,
        total=_count_groups(groups, wanted).get("", 0),
        facets=_facet_counts(groups, filters),
        provider_names=provider_names,
    )


def provider_names() -> dict[int, str]:
    """Names of the organisations that offer published courses, in one query (or none, when
    this process looked them up in the last few seconds)."""

    def read() -> dict[int, str]:
        offering = Course.objects.filter(is_published=True).values("organisation_id")
        return dict(public_organisations().filter(pk__in=offering).values_list("pk", "name"))

    return _provider_memory.remember("", read)


def provider_choices(names: dict[int, str] | None = None) -> list[tuple[str, str]]:
    """(id as text, name) of the organisations that offer published courses."""
    names = provider_names() if names is None else names
    return sorted(((str(k), v) for k, v in names.items()), key=lambda c: c[1])


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


def enrolments_of(user: Actor) -> QuerySet[Enrolment]:
    """The person's own enrolments, newest session first."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(user=user)
        .select_related("session__course")
        .prefetch_related("session__course__texts")
        .order_by("-session__starts_on", "-id")
    )


def get_roster_for(actor: Actor, session_id: int) -> Session:
    """A session with its enrolments, for staff of the provider; else 404."""
    session = Session.objects.select_related("course").filter(pk=session_id).first()
    if session is None or not can_manage_course(actor, session.course):
        raise Http404
    return session


def get_editable_session_for(actor: Actor, session_id: int) -> Session:
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


def courses_managed_by(actor: Actor) -> QuerySet[Course]:
    """Courses of the organisations where the actor is staff."""
    org_ids = organisation_ids_for(actor, LEARNING_STAFF)
    return (
        Course.objects.filter(organisation_id__in=org_ids)
        .prefetch_related("texts", "sessions")
        .order_by("id")
    )


# Workshops -----------------------------------------------------------------------------


def workshops_for(actor: Actor) -> QuerySet[Workshop]:
    """Workshops of the organisations where the actor is staff."""
    org_ids = organisation_ids_for(actor, LEARNING_STAFF)
    return Workshop.objects.filter(organisation_id__in=org_ids).annotate(
        attendee_count=Count("attendees")
    )


def get_workshop_for(actor: Actor, workshop_id: int) -> Workshop:
    """A workshop for staff of its organisation; else 404."""
    workshop = Workshop.objects.filter(pk=workshop_id).first()
    if workshop is None or not can_run_workshops(actor, workshop.organisation_id):
        raise Http404
    return workshop


# Vault ---------------------------------------------------------------------------------


def vault_documents_of(user: Actor) -> QuerySet[VaultDocument]:
    """The worker's own documents with their active shares (no file contents)."""
    if not user.is_authenticated:
        return VaultDocument.objects.none()
    active = DocumentShare.objects.filter(revoked_at__isnull=True).select_related("caseworker")
    return (
        VaultDocument.objects.filter(owner=user)
        .defer("ciphertext")  # the wrapped key opens the title
        .prefetch_related(Prefetch("shares", queryset=active, to_attr="active_shares"))
    )


def get_document_for(actor: Actor, document_id: int) -> VaultDocument:
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


def get_own_document_for(actor: Actor, document_id: int) -> VaultDocument:
    """A document only its owner may change; else 404."""
    document = VaultDocument.objects.filter(pk=document_id, owner_id=actor.pk).first()
    if document is None or not actor.is_authenticated:
        raise Http404
    return document


def documents_shared_with(actor: Actor) -> QuerySet[DocumentShare]:
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


def get_own_enrolment_for(actor: Actor, enrolment_id: int) -> Enrolment:
    """One of the actor's own enrolments; else 404."""
    if not actor.is_authenticated:
        raise Http404
    enrolment = (
        Enrolment.objects.select_related("session__course")
        .filter(pk=enrolment_id, user_id=actor.pk)
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def get_taught_enrolment_for(actor: Actor, enrolment_id: int) -> Enrolment:
    """An enrolment, for staff of the course's provider; else 404."""
    enrolment = Enrolment.objects.select_related("session__course").filter(pk=enrolment_id).first()
    if enrolment is None or not can_manage_course(actor, enrolment.session.course):
        raise Http404
    return enrolment


def enrolments_in_course(user: Actor, course: Course) -> dict[int, Enrolment]:
    """The person's enrolments in a course's sessions, by session id."""
    if not user.is_authenticated:
        return {}
    found = Enrolment.objects.filter(user=user, session__course=course)
    return {e.session_id: e for e in found}


def get_managed_course_for(actor: Actor, course_id: int) -> Course:
    """A course (published or not), for staff of its provider; else 404."""
    course = Course.objects.prefetch_related("texts").filter(pk=course_id).first()
    if course is None or not can_manage_course(actor, course):
        raise Http404
    return course


def get_own_objective_for(actor: Actor, objective_id: int) -> Objective:
    """A plan objective, for the worker or her advisor; else 404."""
    objective = Objective.objects.select_related("profile").filter(pk=objective_id).first()
    if objective is None:
        raise Http404
    profile = objective.profile
    if not can_view_profile(actor, profile, granted_organisation_ids(profile)):
        raise Http404
    return objective


def get_own_grant_for(actor: Actor, grant_id: int) -> ProfileGrant:
    """One of the worker's own profile grants; else 404."""
    if not actor.is_authenticated:
        raise Http404
    grant = (
        ProfileGrant.objects.select_related("profile")
        .filter(pk=grant_id, profile__user_id=actor.pk)
        .first()
    )
    if grant is None or not actor.is_authenticated:
        raise Http404
    return grant


def get_own_share_for(actor: Actor, share_id: int) -> DocumentShare:
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


def _taken_by(user_id: int) -> QuerySet[Enrolment, int]:
    return Enrolment.objects.filter(user_id=user_id).values_list("session__course_id", flat=True)


# Her profile page reads the courses she took on every visit: SQL compiled once per connection.
_courses_taken = CompiledLookup(
    Course,
    "sessions__enrolments__user",
    lambda user_id: (
        Course.objects.filter(pk__in=_taken_by(user_id))
        .only("id", "topic", "language")
        .order_by("id")
    ),
)
_texts_of_courses_taken = CompiledLookup(
    CourseText,
    "course__sessions__enrolments__user",
    lambda user_id: (
        CourseText.objects.filter(course_id__in=_taken_by(user_id))
        .only("course_id", "language", "title")
        .order_by("course_id", "id")
    ),
)


def plan_course_choices(profile: WorkerProfile, language: str) -> list[tuple[int, str, str]]:
    """(id, title, the title's language) of the courses the worker enrolled in, to link plan
    objectives.

    Only her own courses: the whole catalogue would make the page heavy on a phone. Two
    queries, the courses and their titles (the title in her language, else in the course's
    own, else any).
    """
    if profile.user_id is None:
        return []
    courses, texts_taken = run_together(
        (_courses_taken, (profile.user_id,)), (_texts_of_courses_taken, (profile.user_id,))
    )
    titles: dict[int, dict[str, str]] = {course.pk: {} for course in courses}
    for text in texts_taken:
        if text.course_id in titles:  # a course she enrolled in between the two reads
            titles[text.course_id].setdefault(text.language, text.title)
    choices = []
    for course in courses:
        texts = titles[course.pk]
        for shown in (language, course.language, *texts):
            if shown in texts:
                choices.append((course.pk, texts[shown], shown))
                break
        else:
            choices.append((course.pk, f"course {course.pk} ({course.topic})", "en"))
    return choices


def profile_organisations(profile: WorkerProfile) -> tuple[list[tuple[int, str]], dict[int, str]]:
    """The organisations she may let see her profile, (id, name), and the names of those she
    already lets see it (`profile` from `profile_details_of`): no query when the viewers are
    remembered and she lets only some of them see it."""
    granted = {g.organisation_id for g in profile.active_grants}  # type: ignore[attr-defined]
    viewers = profile_viewer_organisations()
    names = {pk: name for pk, name in viewers if pk in granted}
    if len(names) < len(granted):  # one no longer of a viewer kind: its name all the same
        names |= organisation_names(granted - names.keys())
    return viewers, names


# The organisations a worker may choose are the same for everyone: remembered for a few
# seconds, so a new or renamed one shows on the profile page within that time.
_viewer_memory: ShortMemory[list[tuple[int, str]]] = ShortMemory(
    seconds=CATALOGUE_MEMORY_SECONDS, most=1
)


def profile_viewer_organisations() -> list[tuple[int, str]]:
    """(id, name) of the organisations a worker may let see her profile."""

    def read() -> list[tuple[int, str]]:
        found = public_organisations().filter(kind__in=PROFILE_VIEWER_KINDS)
        return list(found.values_list("pk", "name"))

    return _viewer_memory.remember("", read)


# Parts of pages already authorised by the caller --------------------------------------


def attendees_of(workshop: Workshop) -> QuerySet[WorkshopAttendance]:
    """Who came to a workshop, by name."""
    return workshop.attendees.select_related("profile").order_by("profile__display_name")


def sessions_of(course: Course) -> QuerySet[Session]:
    """A course's sessions, the latest first."""
    return course.sessions.order_by("-starts_on")


def evidence_titles(owner_id: int, document_ids: list[int]) -> list[str]:
    """Titles of the vault documents a worker chose to share as assessment evidence.

    Only documents she still owns are named; the credentials app keeps just the ids she chose.
    """
    if not document_ids:
        return []
    found = VaultDocument.objects.filter(owner_id=owner_id, pk__in=document_ids).defer("ciphertext")
    return [document.title for document in found]


def learner_dimensions(user_ids: set[int]) -> dict[int, tuple[str, str]]:
    """(gender, home country) from the profiles of these people, for coarse facts; one query."""
    rows = WorkerProfile.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "gender", "home_country"
    )
    return {user_id: (gender or "", country or "") for user_id, gender, country in rows}


# --- research (read by the research app; only workers who said yes) ----------------------------

# The dates come as ISO text ("2026-04-01"), as the database holds them: a million seasons
# read through Django's date converters cost the research extract a third of its time.
ResearchSeasonRow = tuple[int, str, str, str, int | None, str, str, str | None, str, str, str, str]
RESEARCH_SEASON_FIELDS = (
    "profile_id",
    "profile__home_country",
    "profile__home_state",
    "profile__gender",
    "profile__birth_year",
    "profile__marginalised_group",
    Cast("started_on", CharField()),
    Cast("ended_on", CharField()),
    "province",
    "program",
    "occupation",
    "employer_name",
)


def research_season_rows(*, chunk_size: int = 5000) -> Iterator[ResearchSeasonRow]:
    """Every season of every worker who consented to research, by worker then date.

    One query, streamed in chunks (never the whole table in memory): the research app walks
    it once per pass, keeping only the current worker's previous season.
    """
    seasons = (
        Season.objects.filter(profile__research_consent=True)
        .order_by("profile_id", "started_on", "id")
        .values_list(*RESEARCH_SEASON_FIELDS)
    )
    return seasons.iterator(chunk_size=chunk_size)


def research_completed_courses(*, chunk_size: int = 5000) -> Iterator[tuple[int, int]]:
    """(profile id, courses completed) for consenting workers with at least one, by profile."""
    counts = (
        WorkerProfile.objects.filter(
            research_consent=True, user__learning_enrolments__status=EnrolmentStatus.COMPLETED
        )
        .values("pk")
        .annotate(completed=Count("user__learning_enrolments"))
        .order_by("pk")
        .values_list("pk", "completed")
    )
    return counts.iterator(chunk_size=chunk_size)


def research_consenting_count() -> int:
    """How many workers said yes to research (shown to the coordinator, never who)."""
    return WorkerProfile.objects.filter(research_consent=True).count()


def skill_occupations() -> Iterator[tuple[int, str]]:
    """(user id, occupation) of every skill that names an occupation (NOC 2021), streamed;
    labour-supply counts keep only the workers who opted in to be found."""
    skills = (
        Skill.objects.filter(profile__user__isnull=False)
        .exclude(occupation="")
        .order_by()
        .values_list("profile__user_id", "occupation")
    )
    return skills.iterator(chunk_size=5000)


@dataclass
class SkillsAndLanguages:
    """What matching reads of workers' profiles, by user id: (occupation, description) of each
    skill and the languages they speak, in the order they added them."""

    skills: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    languages: dict[int, list[str]] = field(default_factory=dict)


def skills_and_languages_of(user_ids: Collection[int]) -> SkillsAndLanguages:
    """The skills and languages of the profiles of these people, in two queries of plain
    values whatever their number (no model objects: matching reads thousands of them)."""
    found = SkillsAndLanguages()
    mine = {"profile__user_id__in": user_ids}
    for user_id, occupation, description in (
        Skill.objects.filter(**mine)
        .order_by("pk")
        .values_list("profile__user_id", "occupation", "description")
    ):
        found.skills.setdefault(user_id, []).append((occupation, description))
    for user_id, language in (
        ProfileLanguage.objects.filter(**mine)
        .order_by("pk")
        .values_list("profile__user_id", "language")
    ):
        found.languages.setdefault(user_id, []).append(language)
    return found


# --- Lessons and quizzes --------------------------------------------------------------------


def in_language(texts: list[_Text], language: str, teaching: str) -> _Text | None:
    """The text in the wanted language, else in the teaching language, else any (or None)."""
    for wanted in (language, teaching):
        for text in texts:
            if text.language == wanted:
                return text
    return texts[0] if texts else None


def lessons_of(course: Course) -> list[Lesson]:
    """The course's lessons in order, with their texts and their questions' texts."""
    return list(_lessons_query().filter(course_id=course.pk))


def get_managed_lesson_for(actor: Actor, lesson_id: int) -> Lesson:
    """A lesson with its texts and questions, for staff of the course's provider; else 404."""
    lesson = (
        _lessons_query().select_related("course").prefetch_related("course__texts")
        .filter(pk=lesson_id).first()
    )  # fmt: skip
    if lesson is None or not can_manage_course(actor, lesson.course):
        raise Http404
    return lesson


def _lessons_query() -> QuerySet[Lesson]:
    return Lesson.objects.prefetch_related(
        "texts", Prefetch("questions", queryset=Question.objects.prefetch_related("texts"))
    )


def get_managed_question_for(actor: Actor, question_id: int) -> Question:
    """A quiz question, for staff of the course's provider; else 404."""
    question = Question.objects.select_related("lesson__course").filter(pk=question_id).first()
    if question is None or not can_manage_course(actor, question.lesson.course):
        raise Http404
    return question


def get_learning_enrolment_for(actor: Actor, enrolment_id: int) -> Enrolment:
    """Her own enrolment holding a place (enrolled or completed), with its course; else 404."""
    enrolment = get_own_enrolment_for(actor, enrolment_id)
    if enrolment.status not in HOLDS_A_PLACE:
        raise Http404
    return enrolment


def get_lesson_of(enrolment: Enrolment, lesson_id: int) -> Lesson:
    """One lesson of the enrolment's course, with its texts and questions; else 404."""
    lesson = _lessons_query().filter(pk=lesson_id, course_id=enrolment.session.course_id).first()
    if lesson is None:
        raise Http404
    return lesson


def progress_of(enrolment: Enrolment) -> dict[int, LessonProgress]:
    """Her progress in the course's lessons, by lesson id."""
    return {p.lesson_id: p for p in LessonProgress.objects.filter(enrolment=enrolment)}


def lesson_done(lesson: Lesson, progress: LessonProgress | None) -> bool:
    """Read, and its quiz passed when it has questions (the questions must be prefetched)."""
    if progress is None or progress.read_at is None:
        return False
    return progress.quiz_passed_at is not None or not lesson.questions.all()


@dataclass(frozen=True)
class LessonCell:
    """One person's result in one lesson: done, and the quiz's last score and tries."""

    done: bool
    read: bool
    score: int | None
    attempts: int


@dataclass(frozen=True)
class GradebookRow:
    enrolment: Enrolment
    present: int
    cells: list[LessonCell]


@dataclass(frozen=True)
class Gradebook:
    lessons: list[Lesson]
    rows: list[GradebookRow]


def gradebook_of(session: Session) -> Gradebook:
    """Attendance and each lesson's result for everyone holding a place (a fixed number of
    queries however many people and lessons)."""
    lessons = lessons_of(session.course)
    enrolments = list(
        session.enrolments.filter(status__in=HOLDS_A_PLACE)
        .select_related("user")
        .annotate(present=Count("marks", filter=Q(marks__present=True)))
        .order_by("user__display_name", "id")
    )
    progress: dict[tuple[int, int], LessonProgress] = {
        (p.enrolment_id, p.lesson_id): p
        for p in LessonProgress.objects.filter(enrolment__in=[e.pk for e in enrolments])
    }
    rows = []
    for enrolment in enrolments:
        cells = []
        for lesson in lessons:
            found = progress.get((enrolment.pk, lesson.pk))
            cells.append(
                LessonCell(
                    done=lesson_done(lesson, found),
                    read=bool(found and found.read_at),
                    score=found.last_score if found else None,
                    attempts=found.attempts if found else 0,
                )
            )
        rows.append(GradebookRow(enrolment, getattr(enrolment, "present", 0), cells))
    return Gradebook(lessons, rows)
