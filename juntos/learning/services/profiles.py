"""Writes about workers' profiles, goals, grants and training plans."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.selectors import public_organisations
from juntos.core.crypto import keyed_hash, normalise_code, random_code
from juntos.core.ratelimit import rate_hit, rate_limited
from juntos.core.services import audit_record
from juntos.learning.choices import PROFILE_VIEWER_KINDS, GoalKind
from juntos.learning.models import (
    Course,
    Goal,
    Objective,
    ProfileGrant,
    ProfileLanguage,
    Season,
    Skill,
    WorkerProfile,
    WorkshopAttendance,
)
from juntos.learning.policies import can_edit_plan, is_profile_owner
from juntos.learning.selectors import granted_organisation_ids

CLAIM_VALID_DAYS = 30
CLAIM_ATTEMPTS_PER_HOUR = 10
WRONG_CODE = _("This code is not right or has expired. Check it, or ask the workshop team.")
TOO_MANY_TRIES = _("Too many tries. Wait an hour and try again.")
NOT_A_VIEWER = _("Choose an organisation that supports workers.")
FIRST_BIRTH_YEAR = 1930


def contact_hash(contact: str) -> str:
    """The keyed hash that finds a profile by the phone or email given at a workshop."""
    return keyed_hash("learning-contact", contact.strip().lower())


def claim_code_issue(profile: WorkerProfile) -> str:
    """Give an unclaimed profile a new claim code (only its hash is kept) and return it."""
    code = random_code(groups=3, group_size=4)
    profile.claim_code_hash = keyed_hash("learning-claim", normalise_code(code))
    profile.claim_expires_at = timezone.now() + dt.timedelta(days=CLAIM_VALID_DAYS)
    profile.save(update_fields=["claim_code_hash", "claim_expires_at"])
    return code


def profile_start(*, actor: Actor) -> WorkerProfile:
    """Create the signed-in worker's own profile if she has none."""
    if not actor.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        profile, created = WorkerProfile.objects.get_or_create(
            user=actor,
            defaults={"display_name": actor.display_name, "claimed_at": timezone.now()},
        )
        if created:
            audit_record(actor=actor, action="learning.profile_started", target=profile)
    return profile


def profile_claim(*, actor: Actor, code: str) -> WorkerProfile:
    """The worker takes the profile made for her at a workshop, with the code she was sent."""
    if not actor.is_authenticated:
        raise PermissionDenied
    if rate_limited("learning-claim", str(actor.pk), limit=CLAIM_ATTEMPTS_PER_HOUR):
        raise ValidationError({"code": TOO_MANY_TRIES})
    digest = keyed_hash("learning-claim", normalise_code(code))
    with transaction.atomic():
        found = (
            WorkerProfile.objects.select_for_update()
            .filter(claim_code_hash=digest, user=None, claim_expires_at__gt=timezone.now())
            .first()
        )
        if found is not None:
            return _claim(actor, found)
    # Counted outside the transaction: a refusal must not roll its own count back.
    rate_hit("learning-claim", str(actor.pk), window_seconds=3600)
    raise ValidationError({"code": WRONG_CODE})


def _claim(actor: SignedIn, found: WorkerProfile) -> WorkerProfile:
    """Give the found profile to the worker (the caller holds the transaction and the lock)."""
    existing = WorkerProfile.objects.filter(user=actor).first()
    profile = _merge_into(existing, found) if existing else found
    profile.user = actor
    profile.claimed_at = profile.claimed_at or timezone.now()
    profile.claim_code_hash = ""
    profile.claim_expires_at = None
    profile.contact_hash = profile.contact_hash or found.contact_hash
    profile.save()
    audit_record(actor=actor, action="learning.profile_claimed", target=profile)
    return profile


def _merge_into(existing: WorkerProfile, found: WorkerProfile) -> WorkerProfile:
    """She already had a profile: keep it, and bring over the workshops and grants."""
    seen = set(existing.workshops.values_list("workshop_id", flat=True))
    for attendance in found.workshops.exclude(workshop_id__in=seen):
        WorkshopAttendance.objects.filter(pk=attendance.pk).update(profile=existing)
    granted = granted_organisation_ids(existing)
    found.grants.exclude(organisation_id__in=granted).update(profile=existing)
    existing.contact_hash = found.contact_hash
    found.delete()
    return existing


def _own(actor: Actor, profile: WorkerProfile) -> None:
    if not is_profile_owner(actor, profile):
        raise PermissionDenied


def profile_update(
    *,
    actor: Actor,
    profile: WorkerProfile,
    home_country: str,
    home_state: str,
    home_municipality: str,
    gender: str,
    marginalised_group: str = "",
    birth_year: int | None = None,
) -> WorkerProfile:
    """The worker changes her home community and (optionally) her gender, the group she
    chooses to be counted with and her year of birth."""
    _own(actor, profile)
    this_year = timezone.localdate().year
    if birth_year is not None and not FIRST_BIRTH_YEAR <= birth_year <= this_year - 14:
        raise ValidationError(
            {
                "birth_year": _("Give a year from %(first)s to %(last)s.")
                % {"first": FIRST_BIRTH_YEAR, "last": this_year - 14}
            }
        )
    with transaction.atomic():
        profile.home_country = home_country
        profile.home_state = home_state.strip()
        profile.home_municipality = home_municipality.strip()
        profile.gender = gender
        profile.marginalised_group = marginalised_group
        profile.birth_year = birth_year
        profile.full_clean()
        profile.save()
        audit_record(actor=actor, action="learning.profile_updated", target=profile)
    return profile


def research_consent_set(*, actor: Actor, profile: WorkerProfile, consent: bool) -> WorkerProfile:
    """The worker says whether research extracts may count her (pseudonymously); audited."""
    _own(actor, profile)
    if profile.research_consent == consent:
        return profile
    with transaction.atomic():
        profile.research_consent = consent
        profile.research_consent_changed_at = timezone.now()
        profile.save(update_fields=["research_consent", "research_consent_changed_at"])
        audit_record(
            actor=actor,
            action="learning.research_consent_given"
            if consent
            else "learning.research_consent_withdrawn",
            target=profile,
        )
    return profile


def profile_language_add(
    *, actor: Actor, profile: WorkerProfile, language: str, level: str
) -> ProfileLanguage:
    """Add a language she speaks, with her level."""
    _own(actor, profile)
    with transaction.atomic():
        item = ProfileLanguage(profile=profile, language=language.strip(), level=level)
        item.full_clean()
        item.save()
        audit_record(actor=actor, action="learning.language_added", target=profile)
    return item


def season_add(
    *,
    actor: Actor,
    profile: WorkerProfile,
    employer_name: str,
    province: str,
    program: str,
    started_on: dt.date,
    ended_on: dt.date | None,
    occupation: str = "",
) -> Season:
    """Add a season worked abroad (and, if she says, the occupation she worked in)."""
    _own(actor, profile)
    if ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": _("The end comes before the start.")})
    with transaction.atomic():
        season = Season(
            profile=profile,
            employer_name=employer_name.strip(),
            province=province,
            program=program,
            occupation=occupation,
            started_on=started_on,
            ended_on=ended_on,
        )
        season.full_clean()
        season.save()
        audit_record(actor=actor, action="learning.season_added", target=profile)
    return season


def skill_add(
    *, actor: Actor, profile: WorkerProfile, occupation: str, description: str, years: int
) -> Skill:
    """Add a skill, coded to a NOC 2021 occupation where one fits."""
    _own(actor, profile)
    with transaction.atomic():
        skill = Skill(
            profile=profile, occupation=occupation, description=description.strip(), years=years
        )
        skill.full_clean()
        skill.save()
        audit_record(actor=actor, action="learning.skill_added", target=profile)
    return skill


def goal_set(*, actor: Actor, profile: WorkerProfile, kind: str, note: str = "") -> Goal:
    """Set one of her goals (each kind once; setting it again updates the note)."""
    _own(actor, profile)
    if kind not in GoalKind.values:
        raise ValidationError({"kind": _("Choose a goal from the list.")})
    with transaction.atomic():
        goal, _created = Goal.objects.update_or_create(
            profile=profile, kind=kind, defaults={"note": note.strip()[:300]}
        )
        audit_record(
            actor=actor, action="learning.goal_set", target=profile, details={"goal": kind}
        )
    return goal


PROFILE_ITEMS: dict[str, type[ProfileLanguage | Season | Skill | Goal]] = {
    "language": ProfileLanguage,
    "season": Season,
    "skill": Skill,
    "goal": Goal,
}


def profile_item_remove(*, actor: Actor, profile: WorkerProfile, item: str, item_id: int) -> None:
    """Remove one language, season, skill or goal from her profile."""
    _own(actor, profile)
    model = PROFILE_ITEMS.get(item)
    if model is None:
        raise ValidationError(_("Unknown item."))
    with transaction.atomic():
        deleted, _rows = model._default_manager.filter(profile=profile, pk=item_id).delete()
        if deleted:
            audit_record(
                actor=actor,
                action="learning.profile_item_removed",
                target=profile,
                details={"item": item},
            )


def grant_add(*, actor: Actor, profile: WorkerProfile, organisation_id: int) -> ProfileGrant:
    """Let one support, training or consular organisation see her profile and plan."""
    _own(actor, profile)
    allowed = public_organisations().filter(pk=organisation_id, kind__in=PROFILE_VIEWER_KINDS)
    if not allowed.exists():
        raise ValidationError({"organisation": NOT_A_VIEWER})
    with transaction.atomic():
        grant = profile.grants.filter(organisation_id=organisation_id, revoked_at=None).first()
        if grant is None:
            grant = ProfileGrant.objects.create(profile=profile, organisation_id=organisation_id)
            audit_record(
                actor=actor,
                action="learning.profile_granted",
                target=profile,
                organisation_id=organisation_id,
            )
    return grant


def grant_revoke(*, actor: Actor, grant: ProfileGrant) -> None:
    """Stop an organisation seeing her profile from now on."""
    _own(actor, grant.profile)
    with transaction.atomic():
        if grant.revoked_at is None:
            grant.revoked_at = timezone.now()
            grant.save(update_fields=["revoked_at"])
            audit_record(
                actor=actor,
                action="learning.profile_grant_revoked",
                target=grant.profile,
                organisation_id=grant.organisation_id,
            )


def _may_plan(actor: Actor, profile: WorkerProfile) -> None:
    if not can_edit_plan(actor, profile, granted_organisation_ids(profile)):
        raise PermissionDenied


def objective_add(
    *,
    actor: Actor,
    profile: WorkerProfile,
    title: str,
    target_on: dt.date,
    course_id: int | None = None,
) -> Objective:
    """Add a step to the training plan (by the worker or her advisor)."""
    _may_plan(actor, profile)
    if not title.strip():
        raise ValidationError({"title": _("Say what the objective is.")})
    if course_id is not None and not Course.objects.filter(pk=course_id).exists():
        raise ValidationError({"course": _("Choose a course from the list.")})
    with transaction.atomic():
        objective = Objective.objects.create(
            profile=profile, title=title.strip()[:200], target_on=target_on, course_id=course_id
        )
        audit_record(actor=actor, action="learning.objective_added", target=profile)
    return objective


def _own_plan_or_none(worker: Actor) -> WorkerProfile | None:
    if not worker.is_authenticated:
        return None
    return WorkerProfile.objects.filter(user_id=worker.pk).first()


def objective_from_gap(
    *,
    actor: Actor | None,
    worker: Actor,
    source_key: str,
    title: str,
    target_on: dt.date,
    course_id: int | None = None,
) -> Objective | None:
    """A gap another module found becomes a step of her plan, once (None: she has no profile).

    The system acts (`actor` None) on a decision already authorised where it was taken, e.g.
    an assessor's "not yet competent"; a person must be allowed to shape the plan.
    """
    profile = _own_plan_or_none(worker)
    if profile is None:
        return None
    if actor is not None:
        _may_plan(actor, profile)
    if course_id is not None and not Course.objects.filter(pk=course_id).exists():
        course_id = None  # a course withdrawn since: the step still stands
    with transaction.atomic():
        found = profile.objectives.filter(source_key=source_key[:80], done_at=None).first()
        if found is not None:
            return found
        objective = Objective.objects.create(
            profile=profile, title=title.strip()[:200], target_on=target_on,
            course_id=course_id, source_key=source_key[:80],
        )  # fmt: skip
        audit_record(actor=actor, action="learning.objective_from_gap", target=profile,
                     details={"source": source_key[:80]})  # fmt: skip
    return objective


def objectives_gap_filled(*, actor: Actor | None, worker: Actor, source_keys: list[str]) -> int:
    """The gaps she filled are marked done in her plan; returns how many steps it closed."""
    profile = _own_plan_or_none(worker)
    if profile is None or not source_keys:
        return 0
    if actor is not None:
        _may_plan(actor, profile)
    with transaction.atomic():
        closed = profile.objectives.filter(source_key__in=source_keys, done_at=None).update(
            done_at=timezone.now()
        )
        if closed:
            audit_record(actor=actor, action="learning.objective_gap_filled", target=profile,
                         details={"count": closed})  # fmt: skip
    return closed


def objective_mark(*, actor: Actor, objective: Objective, done: bool) -> Objective:
    """Mark a plan step done, or not done again."""
    _may_plan(actor, objective.profile)
    with transaction.atomic():
        objective.done_at = timezone.now() if done else None
        objective.save(update_fields=["done_at"])
        audit_record(
            actor=actor,
            action="learning.objective_marked",
            target=objective.profile,
            details={"done": done},
        )
    return objective


def sample_profiles_add(
    *,
    actor: Actor | None,
    profiles: list[dict[str, object]],
    seasons: list[list[dict[str, object]]],
) -> int:
    """The system adds sample profiles without accounts (demo data), each with her seasons;
    refused to any person. Returns how many profiles were added."""
    if actor is not None:
        raise PermissionDenied
    with transaction.atomic():
        made = WorkerProfile.objects.bulk_create([WorkerProfile(**p) for p in profiles])
        Season.objects.bulk_create(
            [
                Season(profile=profile, **season)
                for profile, own in zip(made, seasons, strict=True)
                for season in own
            ]
        )
        audit_record(actor=None, action="learning.sample_profiles_added", details={"n": len(made)})
    return len(made)
