"""Issuing, revoking, suspending, hiding and sharing credentials."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections import Counter
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.accounts.actors import Actor, SignedIn
from juntos.core.services import audit_record, fact_record, notify_person
from juntos.credentials import documents
from juntos.credentials.choices import AssessmentStatus
from juntos.credentials.links import site_link
from juntos.credentials.models import (
    Assessment,
    Credential,
    CredentialShare,
    IssuerKey,
    Standard,
    StatusEntry,
)
from juntos.credentials.policies import can_change_status, can_curate, is_holder
from juntos.credentials.services.gaps import bridging_gaps_to_plan
from juntos.credentials.services.keys import (
    issuer_key_current,
    status_index_take,
    status_indexes_take,
)
from juntos.credentials.signing import private_key
from juntos.learning.selectors import learner_dimensions, own_profile

NOT_COMPETENT = gettext_lazy("Only a decision of competent in every unit leads to a credential.")
ALREADY = gettext_lazy("This assessment already has its credential.")


def _short_id() -> str:
    return secrets.token_urlsafe(8)[:10]


def _fact(kind: str, holder: SignedIn, standard: Standard) -> None:
    profile = own_profile(holder)
    fact_record(
        kind=kind,
        gender=(profile.gender if profile else "") or "",
        country_of_origin=(profile.home_country if profile else "") or "",
        category=standard.framework.code,
        province=holder.province or "",
    )


def _issue(assessment: Assessment, now: dt.datetime) -> Credential:
    """Sign and store one credential (inside the caller's transaction)."""
    key = issuer_key_current()
    entry = status_index_take()
    credential = _signed(assessment, now, key, entry)
    credential.save()
    entry.credential = credential
    entry.save(update_fields=["credential"])
    return credential


def _signed(
    assessment: Assessment, now: dt.datetime, key: IssuerKey, entry: StatusEntry
) -> Credential:
    """A credential row with its signed token, not yet saved."""
    credential = Credential(
        id=uuid.uuid4(),
        short_id=_short_id(),
        holder=assessment.candidate,
        subject_id=f"urn:uuid:{uuid.uuid4()}",
        standard=assessment.standard,
        assessment=assessment,
        organisation_id=assessment.organisation_id,
        kid=key.kid,
        issued_at=now,
    )
    payload = documents.credential_document(credential, entry)
    credential.token = documents.sign(payload, private_key(key), key.kid)
    return credential


def _check_issuable(assessment: Assessment) -> None:
    if assessment.status != AssessmentStatus.DECIDED or not assessment.competent:
        raise ValidationError(NOT_COMPETENT)
    if Credential.objects.filter(assessment=assessment).exists():
        raise ValidationError(ALREADY)


def credential_issue(*, actor: Actor | None, assessment: Assessment) -> Credential:
    """Issue the credential a decision of competent earns; the holder is told."""
    _check_issuable(assessment)
    with transaction.atomic():
        credential = _issue(assessment, timezone.now())
        audit_record(actor=actor, action="credentials.issued", target=credential,
                     organisation_id=credential.organisation_id)  # fmt: skip
        _fact("credentials.issued", assessment.candidate, assessment.standard)
        bridging_gaps_to_plan(assessment.candidate, assessment.standard)
        holder = assessment.candidate
        transaction.on_commit(lambda: notify_person(holder, lambda: _issued_message(holder)))
    return credential


def credentials_issue_batch(
    *, actor: Actor | None, assessments: Iterable[Assessment]
) -> list[Credential]:
    """Issue many at once (a cohort); all or none. Only the secretariat runs batches."""
    if actor is not None and not can_curate(actor):
        raise PermissionDenied
    chosen = list(assessments)
    for assessment in chosen:
        _check_issuable(assessment)
    now = timezone.now()
    key = issuer_key_current()
    with transaction.atomic():
        entries = status_indexes_take(len(chosen))
        issued = Credential.objects.bulk_create(
            _signed(a, now, key, e) for a, e in zip(chosen, entries, strict=True)
        )
        for entry, credential in zip(entries, issued, strict=True):
            entry.credential = credential
        StatusEntry.objects.bulk_update(entries, ["credential"])
        audit_record(actor=actor, action="credentials.batch_issued",
                     details={"count": len(issued)})  # fmt: skip
        _batch_facts(chosen)
    return issued


def _batch_facts(assessments: list[Assessment]) -> None:
    """One fact per combination of dimensions, counted, instead of one per credential."""
    people = learner_dimensions({a.candidate_id for a in assessments})
    cells: Counter[tuple[str, str, str, str]] = Counter()
    for a in assessments:
        gender, country = people.get(a.candidate_id, ("", ""))
        cells[(gender, country, a.standard.framework.code, a.candidate.province or "")] += 1
    for (gender, country, framework, province), count in cells.items():
        fact_record(kind="credentials.issued", count=count, gender=gender,
                    country_of_origin=country, category=framework, province=province)  # fmt: skip


def _issued_message(holder: SignedIn) -> tuple[str, str]:
    link = site_link("credentials:mine", holder.preferred_language)
    return (
        _("You have a new credential"),
        _("Your credential is ready. See it, share it or download it here: %(link)s")
        % {"link": link},
    )


def credential_revoke(*, actor: Actor, credential: Credential, reason: str) -> Credential:
    """Revoke for good (a mistake, a fraud); the status list says so from its next refresh."""
    if not can_change_status(actor, credential):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the credential is revoked.")})
    with transaction.atomic():
        if credential.revoked_at is None:
            credential.revoked_at = timezone.now()
            credential.save(update_fields=["revoked_at"])
            audit_record(actor=actor, action="credentials.revoked", target=credential,
                         organisation_id=credential.organisation_id,
                         details={"reason": reason.strip()[:500]})  # fmt: skip
            _fact("credentials.revoked", credential.holder, credential.standard)
    return credential


def credential_suspend(*, actor: Actor, credential: Credential, suspended: bool) -> Credential:
    """Suspend (while something is checked) or lift the suspension."""
    if not can_change_status(actor, credential):
        raise PermissionDenied
    with transaction.atomic():
        if credential.suspended != suspended and credential.revoked_at is None:
            credential.suspended = suspended
            credential.save(update_fields=["suspended"])
            audit_record(
                actor=actor,
                action="credentials.suspended" if suspended else "credentials.reinstated",
                target=credential,
                organisation_id=credential.organisation_id,
            )
    return credential


def credential_hide(*, actor: Actor, credential: Credential, hidden: bool) -> Credential:
    """The holder hides one from her list and from every share (it stays valid)."""
    if not is_holder(actor, credential):
        raise PermissionDenied
    with transaction.atomic():
        if credential.hidden != hidden:
            credential.hidden = hidden
            credential.save(update_fields=["hidden"])
            action = "credentials.hidden" if hidden else "credentials.shown"
            audit_record(actor=actor, action=action, target=credential)
    return credential


def share_create(
    *, actor: Actor, credential: Credential, recipient_label: str, organisation_id: int | None
) -> CredentialShare:
    """A new link for someone she chose (named by her; optionally an organisation's staff)."""
    if not is_holder(actor, credential):
        raise PermissionDenied
    label = recipient_label.strip()
    if not label:
        raise ValidationError({"recipient_label": _("Say whom you are sharing it with.")})
    with transaction.atomic():
        share = CredentialShare.objects.create(
            credential=credential, token=secrets.token_urlsafe(32), recipient_label=label[:120],
            organisation_id=organisation_id,
        )  # fmt: skip
        audit_record(actor=actor, action="credentials.shared", target=credential,
                     organisation_id=organisation_id)  # fmt: skip
    return share


def share_revoke(*, actor: Actor, share: CredentialShare) -> None:
    """The link stops working at once."""
    if not is_holder(actor, share.credential):
        raise PermissionDenied
    with transaction.atomic():
        if share.revoked_at is None:
            share.revoked_at = timezone.now()
            share.save(update_fields=["revoked_at"])
            audit_record(actor=actor, action="credentials.share_revoked", target=share.credential,
                         organisation_id=share.organisation_id)  # fmt: skip


__all__ = [
    "credential_hide",
    "credential_issue",
    "credential_revoke",
    "credential_suspend",
    "credentials_issue_batch",
    "share_create",
    "share_revoke",
]
