"""Every write of the registry: entries, reviews, moderation and replies. Each is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.selectors import organisations_of_kind, people_with_role
from juntos.core.jurisdictions import Program, Province
from juntos.core.services import audit_record, fact_record, notify_person
from juntos.registry.anonymity import publication_threshold, reviewer_key_for
from juntos.registry.choices import ImportKind, ModerationRule, ReplyRule, ReviewStatus
from juntos.registry.imports import Problem, parse_official_list, record_key
from juntos.registry.models import (
    Employer,
    EmployerSite,
    NonComplianceRecord,
    Recruiter,
    RecruiterLicence,
    RecruiterReview,
    RegistryImport,
    Review,
    ReviewReply,
)
from juntos.registry.policies import (
    can_import_official_lists,
    can_moderate_reviews,
    can_reply_to_review,
    can_review_recruiter,
    can_review_site,
)
from juntos.registry.search import normalise, search_key

ALREADY_REVIEWED = gettext_lazy(
    "You have already reviewed this employer for this season. Each worker reviews an employer "
    "once per season."
)
SEASON_OUT_OF_RANGE = gettext_lazy("Choose this season or the one before.")
TEXT_TOO_LONG = gettext_lazy("Keep it under 2,000 characters.")
TEXT_LIMIT = 2000
ALREADY_REVIEWED_RECRUITER = gettext_lazy(
    "You have already reviewed this recruiter for this season. Each worker reviews a recruiter "
    "once per season."
)
ALREADY_ANSWERED = gettext_lazy(
    "Your organisation has already answered this review. A new reply is possible only if a "
    "moderator does not accept the current one."
)


def _unique_slug(model: type[Employer] | type[Recruiter], name: str) -> str:
    base = slugify(name)[:200] or "entry"
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _refresh_keys(employer: Employer) -> None:
    """Keep the stored search keys of the employer and its sites in step with their names."""
    sites = list(employer.sites.all())
    employer.search_key = search_key(
        employer.legal_name, employer.operating_name, *(f"{s.name} {s.city}" for s in sites)
    )
    employer.save(update_fields=["search_key"])
    for site in sites:
        site.search_key = search_key(
            employer.legal_name, employer.operating_name, site.name, site.city
        )
        site.save(update_fields=["search_key"])


def employer_create(
    *,
    actor: Actor | None,
    legal_name: str,
    operating_name: str = "",
    programs: Iterable[str] = (),
    organisation_id: int | None = None,
) -> Employer:
    """Add an employer to the registry (operators, coordinators and imports)."""
    if not can_import_official_lists(actor):
        raise PermissionDenied
    programs = list(programs)
    if not legal_name.strip() or any(p not in Program.values for p in programs):
        raise ValidationError(_("An employer needs a legal name and known programs."))
    with transaction.atomic():
        employer = Employer.objects.create(
            legal_name=legal_name.strip(),
            operating_name=operating_name.strip(),
            slug=_unique_slug(Employer, operating_name or legal_name),
            programs=programs,
            organisation_id=organisation_id,
            search_key=search_key(legal_name, operating_name),
        )
        audit_record(actor=actor, action="registry.employer_create", target=employer)
    return employer


def employer_site_add(
    *, actor: Actor | None, employer: Employer, name: str, province: str, city: str = ""
) -> EmployerSite:
    """Add a workplace to an employer."""
    if not can_import_official_lists(actor):
        raise PermissionDenied
    if not name.strip() or province not in Province.values:
        raise ValidationError(_("A site needs a name and a province."))
    with transaction.atomic():
        site = EmployerSite.objects.create(
            employer=employer, name=name.strip(), province=province, city=city.strip()
        )
        _refresh_keys(employer)
        audit_record(actor=actor, action="registry.site_add", target=site)
    return site


def entry_link_organisation(
    *, actor: Actor | None, entry: Employer | Recruiter, organisation_id: int | None
) -> None:
    """Let an organisation speak for a registry entry (see it, answer reviews), or unlink it."""
    if not can_import_official_lists(actor):
        raise PermissionDenied
    with transaction.atomic():
        entry.organisation_id = organisation_id
        entry.save(update_fields=["organisation_id"])
        audit_record(
            actor=actor,
            action="registry.entry_link_organisation",
            target=entry,
            organisation_id=organisation_id,
        )


def recruiter_create(
    *, actor: Actor | None, name: str, business_name: str = "", organisation_id: int | None = None
) -> Recruiter:
    """Add a recruiter to the registry (operators, coordinators and imports)."""
    if not can_import_official_lists(actor):
        raise PermissionDenied
    if not name.strip():
        raise ValidationError(_("A recruiter needs a name."))
    with transaction.atomic():
        recruiter = Recruiter.objects.create(
            name=name.strip(),
            business_name=business_name.strip(),
            slug=_unique_slug(Recruiter, name),
            organisation_id=organisation_id,
            search_key=search_key(name, business_name),
        )
        audit_record(actor=actor, action="registry.recruiter_create", target=recruiter)
    return recruiter


def _check_season_and_text(season: int, text: str) -> None:
    """A review is of this season or the one before, in words that fit the limit."""
    this_year = timezone.localdate().year
    if season not in (this_year, this_year - 1):
        raise ValidationError({"season": SEASON_OUT_OF_RANGE})
    if len(text) > TEXT_LIMIT:
        raise ValidationError({"text": TEXT_TOO_LONG})


NEW_REVIEW_WAITING = gettext_lazy("A new worker review is waiting for moderation on Juntos.")
NEW_REPLY_WAITING = gettext_lazy(
    "An employer's reply to a worker review is waiting for moderation on Juntos."
)


def _with_link(body: str, url_name: str) -> str:
    """The message and, on its own line, the absolute link to act on it (in the active language)."""
    return f"{body}\n{settings.SITE_URL}{reverse(url_name)}"


def _tell_moderators(message: str | Promise = NEW_REVIEW_WAITING) -> None:
    for organisation in organisations_of_kind(OrganisationKind.NETWORK_SECRETARIAT):
        for person in people_with_role(organisation.pk, {Role.COORDINATOR}):
            notify_person(person, lambda: ("", _with_link(str(message), "registry:moderation")))


def review_submit(
    *,
    actor: Actor,
    site: EmployerSite,
    season: int,
    fee_charged: str,
    contract_matched: int,
    paid_on_time: int,
    respect_safety: int,
    housing: int | None = None,
    text: str = "",
) -> Review:
    """Record a worker's review for moderation; it holds no account id, only a keyed hash.

    A review the moderators rejected does not lock her out of the season: sending the form again
    for the same employer and season replaces it and puts it back in the queue.
    """
    if not can_review_site(actor, site):
        raise PermissionDenied
    _check_season_and_text(season, text)
    review = Review(
        site=site,
        employer=site.employer,
        reviewer_key=reviewer_key_for(actor),
        season=season,
        fee_charged=fee_charged,
        contract_matched=contract_matched,
        paid_on_time=paid_on_time,
        housing=housing,
        respect_safety=respect_safety,
        text=text.strip(),
        submitted_on=timezone.localdate(),
    )
    return _submit_or_resubmit(
        review,
        same_season={"employer": review.employer},
        answers=(
            "site",
            "fee_charged",
            "contract_matched",
            "paid_on_time",
            "housing",
            "respect_safety",
        ),
        actions=("registry.review_submit", "registry.review_resubmit"),
        already_reviewed=ALREADY_REVIEWED,
    )


_Reviewed = TypeVar("_Reviewed", Review, RecruiterReview)


def _submit_or_resubmit(
    review: _Reviewed,
    *,
    same_season: dict[str, object],
    answers: tuple[str, ...],
    actions: tuple[str, str],
    already_reviewed: Promise,
) -> _Reviewed:
    """Save a new review, or let its answers replace her rejected one for the same subject and
    season, which then waits for moderation again. `actions`: the audit action of each case."""
    review.full_clean(exclude=["reviewer_key"], validate_constraints=False)
    try:
        with transaction.atomic():
            rejected = (
                type(review)
                ._default_manager.select_for_update()
                .filter(
                    **same_season,
                    season=review.season,
                    reviewer_key=review.reviewer_key,
                    status=ReviewStatus.REJECTED,
                )
                .first()
            )
            if rejected is not None:
                for field in (*answers, "text", "submitted_on"):
                    setattr(rejected, field, getattr(review, field))
                rejected.status = ReviewStatus.PENDING
                rejected.rejected_rule = rejected.redacted_rule = ""
                review, action = rejected, actions[1]
                review.save()
            else:
                review.save(force_insert=True)
                action = actions[0]
            # Anonymous audit: the day only and no actor, so the log cannot name the reviewer.
            audit_record(actor=None, action=action, target=review, anonymous=True)
            _tell_moderators()
    except IntegrityError as error:
        raise ValidationError({"season": already_reviewed}) from error
    return review


def _publish_when_ready(approved: QuerySet[_Reviewed]) -> int:
    """Publish these approved reviews once enough independent workers wrote them; how many."""
    reviewers = approved.aggregate(n=Count("reviewer_key", distinct=True))["n"]
    if reviewers < publication_threshold():
        return 0
    waiting = list(approved.filter(published_on__isnull=True))
    approved.model._default_manager.filter(pk__in=[r.pk for r in waiting]).update(
        published_on=timezone.localdate()
    )
    return len(waiting)


def _publish_ready(review: Review) -> int:
    """Publish the approved reviews of this review's site once enough workers wrote them."""
    site = review.site
    published = _publish_when_ready(Review.objects.filter(site=site, status=ReviewStatus.APPROVED))
    if published:
        fact_record(kind="registry.review_published", province=site.province, count=published)
        _tell_employer(site.employer)
    return published


def _tell_employer(employer: Employer) -> None:
    """Let the employer's people know there is something to read and perhaps answer."""
    if employer.organisation_id is None:
        return

    def render() -> tuple[str, str]:
        body = _(
            "New worker reviews of %(employer)s are published on Juntos. You may answer "
            "each one publicly."
        ) % {"employer": employer.display_name}
        return "", _with_link(body, "registry:mine")

    for person in people_with_role(employer.organisation_id, Role.values):
        notify_person(person, render)


def _tell_recruiter(recruiter: Recruiter) -> None:
    """Let the recruiter's people know that reviews of them are now public."""
    if recruiter.organisation_id is None:
        return

    def render() -> tuple[str, str]:
        body = _("New worker reviews of %(recruiter)s are published on Juntos.") % {
            "recruiter": recruiter.name
        }
        return (
            "",
            f"{body}\n{settings.SITE_URL}{reverse('registry:recruiter', args=[recruiter.slug])}",
        )

    for person in people_with_role(recruiter.organisation_id, Role.values):
        notify_person(person, render)


# What stands in a published review where a moderator removed a passage.
REDACTED_MARK = "[…]"


def _check_decision(actor: Actor, *, approve: bool, rule: str, passage: str) -> None:
    if not can_moderate_reviews(actor):
        raise PermissionDenied
    if (not approve or passage) and rule not in ModerationRule.values:
        raise ValidationError({"rule": _("Choose the rule the review breaks.")})
    if passage and not approve:
        raise ValidationError(_("A passage is removed only from a review that is published."))


def _moderate(
    actor: Actor,
    review: _Reviewed,
    *,
    subject: str,
    approve: bool,
    rule: str,
    redact: str,
    publish: Callable[[_Reviewed], int],
) -> _Reviewed:
    """Write a moderator's decision on a review still waiting, publish what is then ready
    (`publish`, given the locked review) and audit it; `subject` is what the review is about."""
    passage = redact.strip()
    _check_decision(actor, approve=approve, rule=rule, passage=passage)
    with transaction.atomic():
        # Locked and re-read, so that two moderators cannot both decide the same review.
        locked = (
            type(review)
            ._default_manager.select_for_update()
            .select_related(subject)
            .get(pk=review.pk)
        )
        if locked.status != ReviewStatus.PENDING:
            raise ValidationError(_("This review has already been moderated."))
        if passage:
            if passage not in locked.text:
                raise ValidationError(
                    {"passage": _("Copy the passage exactly as the review writes it.")}
                )
            locked.text = locked.text.replace(passage, REDACTED_MARK)
        locked.status = ReviewStatus.APPROVED if approve else ReviewStatus.REJECTED
        locked.rejected_rule = "" if approve else rule
        locked.redacted_rule = rule if passage else ""
        locked.save(update_fields=["status", "rejected_rule", "redacted_rule", "text"])
        published = publish(locked) if approve else 0
        audit_record(
            actor=actor,
            action="registry.review_moderate",
            target=locked,
            details={
                "status": locked.status,
                "rule": locked.rejected_rule or locked.redacted_rule,
                "redacted": bool(passage),
                "published": published,
            },
        )
    review.refresh_from_db()  # the caller's copy shows the decision and any publication
    return review


def review_moderate(
    *, actor: Actor, review: Review, approve: bool, rule: str = "", redact: str = ""
) -> Review:
    """Approve a review, reject it under one of the published rules, or approve it without one
    passage (`redact`) that breaks a rule, so the rest of what the worker said is published."""
    return _moderate(
        actor,
        review,
        subject="site",
        approve=approve,
        rule=rule,
        redact=redact,
        publish=_publish_ready,
    )


def recruiter_review_submit(
    *,
    actor: Actor,
    recruiter: Recruiter,
    season: int,
    fee_charged: str,
    promise_kept: int,
    explained_clearly: int,
    respect: int,
    text: str = "",
) -> RecruiterReview:
    """Record a worker's review of a recruiter for moderation (no account id, a keyed hash).

    As with sites, a rejected review is replaced by sending the form again for the same season.
    """
    if not can_review_recruiter(actor, recruiter):
        raise PermissionDenied
    _check_season_and_text(season, text)
    review = RecruiterReview(
        recruiter=recruiter,
        reviewer_key=reviewer_key_for(actor),
        season=season,
        fee_charged=fee_charged,
        promise_kept=promise_kept,
        explained_clearly=explained_clearly,
        respect=respect,
        text=text.strip(),
        submitted_on=timezone.localdate(),
    )
    return _submit_or_resubmit(
        review,
        same_season={"recruiter": recruiter},
        answers=("fee_charged", "promise_kept", "explained_clearly", "respect"),
        actions=("registry.recruiter_review_submit", "registry.recruiter_review_resubmit"),
        already_reviewed=ALREADY_REVIEWED_RECRUITER,
    )


def _publish_ready_recruiter(review: RecruiterReview) -> int:
    """Publish the approved reviews of this review's recruiter once enough workers wrote them."""
    recruiter = review.recruiter
    published = _publish_when_ready(
        RecruiterReview.objects.filter(recruiter=recruiter, status=ReviewStatus.APPROVED)
    )
    if published:
        _tell_recruiter(recruiter)
    return published


def recruiter_review_moderate(
    *, actor: Actor, review: RecruiterReview, approve: bool, rule: str = "", redact: str = ""
) -> RecruiterReview:
    """Approve, reject or approve without one passage a review of a recruiter (as for sites)."""
    return _moderate(
        actor,
        review,
        subject="recruiter",
        approve=approve,
        rule=rule,
        redact=redact,
        publish=_publish_ready_recruiter,
    )


def review_reply(*, actor: Actor, review: Review, body: str) -> ReviewReply:
    """The employer's answer to a published review, held for moderation before anyone sees it.

    One reply per review may be pending or approved; after a rejection the employer may write
    a new one.
    """
    if not can_reply_to_review(actor, review):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write your reply.")})
    if len(body) > TEXT_LIMIT:
        raise ValidationError({"body": TEXT_TOO_LONG})
    standing = ReviewReply.objects.filter(review=review).exclude(status=ReviewStatus.REJECTED)
    if standing.exists():
        raise ValidationError({"body": ALREADY_ANSWERED})
    try:
        with transaction.atomic():
            reply = ReviewReply.objects.create(
                review=review, body=body, replied_on=timezone.localdate()
            )
            audit_record(
                actor=actor,
                action="registry.review_reply",
                target=reply,
                organisation_id=review.employer.organisation_id,
            )
            _tell_moderators(NEW_REPLY_WAITING)
    except IntegrityError as error:  # two people of the organisation answered at once
        raise ValidationError({"body": ALREADY_ANSWERED}) from error
    return reply


def _tell_employer_about_reply(reply: ReviewReply) -> None:
    """Tell the employer's people whether their reply was published or which rule it broke."""
    employer = reply.review.employer
    if employer.organisation_id is None:
        return

    def render() -> tuple[str, str]:
        if reply.status == ReviewStatus.APPROVED:
            body = _("Your reply to a review of %(employer)s is published on Juntos.") % {
                "employer": employer.display_name
            }
        else:
            body = _(
                "Your reply to a review of %(employer)s was not published: %(rule)s. You "
                "may write a new reply."
            ) % {"employer": employer.display_name, "rule": reply.rejected_rule_label}
        return "", _with_link(body, "registry:mine")

    for person in people_with_role(employer.organisation_id, Role.values):
        notify_person(person, render)


def reply_moderate(
    *, actor: Actor, reply: ReviewReply, approve: bool, rule: str = ""
) -> ReviewReply:
    """Publish an employer's reply, or reject it under one of the published reply rules."""
    if not can_moderate_reviews(actor):
        raise PermissionDenied
    if not approve and rule not in ReplyRule.values:
        raise ValidationError({"rule": _("Choose the rule the reply breaks.")})
    with transaction.atomic():
        # Locked and re-read, so that two moderators cannot both decide the same reply.
        locked = (
            ReviewReply.objects.select_for_update()
            .select_related("review__employer")
            .get(pk=reply.pk)
        )
        if locked.status != ReviewStatus.PENDING:
            raise ValidationError(_("This reply has already been moderated."))
        locked.status = ReviewStatus.APPROVED if approve else ReviewStatus.REJECTED
        locked.rejected_rule = "" if approve else rule
        locked.save(update_fields=["status", "rejected_rule"])
        audit_record(
            actor=actor,
            action="registry.reply_moderate",
            target=locked,
            organisation_id=locked.review.employer.organisation_id,
            details={"status": locked.status, "rule": locked.rejected_rule},
        )
        _tell_employer_about_reply(locked)
    return locked


class ImportRejected(Exception):
    """The file had problems; nothing was imported. `problems` says which line and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


ImportRow = dict[str, object]  # one checked line of an official list
_Named = TypeVar("_Named", Employer, Recruiter)


def _text(row: ImportRow, key: str) -> str:
    """A text column of a checked row ("" when the list leaves it out)."""
    value = row.get(key)
    return "" if value is None else str(value)


def _date(row: ImportRow, key: str) -> dt.date | None:
    """A date column of a checked row (the parser already turned it into a date or None)."""
    value = row.get(key)
    return value if isinstance(value, dt.date) else None


def _decided_on(row: ImportRow) -> dt.date:
    """The date of the final decision, which the parser requires of every non-compliance row."""
    decided = _date(row, "decision_date")
    if decided is None:
        raise ValueError("a checked non-compliance row has no decision date")
    return decided


def _same_name(model: type[_Named], name: str, fields: tuple[str, str]) -> _Named | None:
    """An existing row whose name, normalised, equals this one (names differ in punctuation)."""
    wanted = normalise(name)
    if not wanted:
        return None
    for row in model.objects.filter(search_key__contains=wanted):
        if wanted in (normalise(getattr(row, fields[0])), normalise(getattr(row, fields[1]))):
            return row
    return None


def _import_noncompliant(actor: Actor | None, rows: list[ImportRow], batch: RegistryImport) -> int:
    created = 0
    for row in rows:
        key = record_key(row)
        if NonComplianceRecord.objects.filter(record_key=key).exists():
            continue
        employer = _same_name(Employer, _text(row, "legal_name"), ("legal_name", "operating_name"))
        if employer is None and _text(row, "operating_name"):
            employer = _same_name(
                Employer, _text(row, "operating_name"), ("legal_name", "operating_name")
            )
        if employer is None:
            employer = employer_create(
                actor=actor,
                legal_name=_text(row, "legal_name"),
                operating_name=_text(row, "operating_name"),
            )
            if _text(row, "province"):
                employer_site_add(
                    actor=actor,
                    employer=employer,
                    name=_text(row, "address")[:200],
                    province=_text(row, "province"),
                )
        NonComplianceRecord.objects.create(
            employer=employer,
            listed_name=" / ".join(
                filter(None, (_text(row, "operating_name"), _text(row, "legal_name")))
            ),
            address=_text(row, "address")[:400],
            reasons=_text(row, "reasons"),
            decision_date=_decided_on(row),
            penalty=_text(row, "penalty")[:300],
            status=_text(row, "status")[:120],
            record_key=key,
            source_import=batch,
        )
        created += 1
    return created


def _import_recruiters(actor: Actor | None, rows: list[ImportRow], batch: RegistryImport) -> int:
    for row in rows:
        licence = RecruiterLicence.objects.filter(
            province=batch.province, number=_text(row, "number")
        ).first()
        recruiter = licence.recruiter if licence else None
        recruiter = recruiter or _same_name(
            Recruiter, _text(row, "name"), ("name", "business_name")
        )
        if recruiter is None:
            recruiter = recruiter_create(
                actor=actor, name=_text(row, "name"), business_name=_text(row, "business_name")
            )
        RecruiterLicence.objects.update_or_create(
            province=batch.province,
            number=_text(row, "number"),
            defaults={
                "recruiter": recruiter,
                "status": _text(row, "status"),
                "expires_on": _date(row, "expires_on"),
                "conditions": _text(row, "conditions"),
                "source_import": batch,
            },
        )
        numbers = recruiter.licences.values_list("number", flat=True)
        recruiter.search_key = search_key(recruiter.name, recruiter.business_name, *numbers)
        recruiter.save(update_fields=["search_key"])
    return len(rows)


def official_list_import(
    *,
    actor: Actor | None,
    kind: str,
    province: str,
    text: str,
    filename: str,
    source: str,
    source_date: dt.date,
    sample: bool = False,
) -> RegistryImport:
    """Import an official list all-or-nothing; raises ImportRejected listing every bad line."""
    if not can_import_official_lists(actor):
        raise PermissionDenied
    if kind not in ImportKind.values or province not in Province.values:
        raise ValidationError(_("Unknown list or province."))
    parsed = parse_official_list(text, kind=kind, province=province, today=timezone.localdate())
    if parsed.problems:
        raise ImportRejected(parsed.problems)
    with transaction.atomic():
        batch = RegistryImport.objects.create(
            kind=kind,
            province=province,
            source=source,
            source_date=source_date,
            filename=filename[:255],
            sample=sample,
        )
        writer = _import_noncompliant if kind == ImportKind.NONCOMPLIANT else _import_recruiters
        batch.row_count = writer(actor, parsed.rows, batch)
        batch.save(update_fields=["row_count"])
        audit_record(
            actor=actor,
            action="registry.official_list_import",
            target=batch,
            details={"kind": kind, "province": province, "rows": batch.row_count},
        )
        fact_record(kind="registry.import", province=province, category=kind)
    return batch
