"""Purging what is no longer needed, and re-wrapping keys after a keyring rotation."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from juntos.core import crypto
from juntos.core.services import audit_record
from juntos.reports import sealing
from juntos.reports.choices import CaseStatus, InspectionOutcome, ReferralKind, ReferralStatus
from juntos.reports.models import Referral, Report, ReportKey
from juntos.reports.services._common import today


def reports_purge(*, on: dt.date | None = None) -> dict[str, int]:
    """Delete unanswered reports and closed cases past their retention periods; audit the counts."""
    on = on or today()
    unanswered_before = on - dt.timedelta(days=settings.JUNTOS_REPORTS_UNANSWERED_DAYS)
    closed_before = on - dt.timedelta(days=settings.JUNTOS_REPORTS_CLOSED_DAYS)
    # Unanswered: no case opened, no message from staff, and the worker silent since then.
    unanswered = Report.objects.filter(
        case__isnull=True, last_worker_activity_on__lt=unanswered_before
    ).exclude(messages__sender="staff")
    # A closed case an inspectorate still works on (its referral not declined, no final outcome
    # yet: none, or an inspection opened) is evidence the inspector reads: it stays, and goes
    # the period after the final outcome is recorded, so that the worker can read it too.
    inspection = Referral.objects.filter(
        case=OuterRef("case__pk"), kind=ReferralKind.INSPECTORATE
    ).exclude(status=ReferralStatus.DECLINED)
    still_needed = inspection.filter(
        Q(inspection_outcome__in=("", InspectionOutcome.INSPECTION_OPENED))
        | Q(inspection_recorded_on__gte=closed_before)
    )
    past_retention = Report.objects.filter(
        case__status=CaseStatus.CLOSED, case__closed_on__lt=closed_before
    )
    closed = past_retention.exclude(Exists(still_needed))
    with transaction.atomic():
        counts = {
            "unanswered": unanswered.count(),
            "closed": closed.count(),
            "kept_for_inspection": past_retention.filter(Exists(still_needed)).count(),
        }
        Report.objects.filter(
            Q(pk__in=unanswered.values("pk")) | Q(pk__in=closed.values("pk"))
        ).delete()
        audit_record(actor=None, action="reports.purged", details=counts)
    return counts


def report_keys_rewrap(*, batch_size: int = 500) -> int:
    """Re-wrap every report key under the newest keyring version; returns how many changed."""
    newest = crypto.keyring().current_version
    changed = 0
    while True:
        with transaction.atomic():
            batch = list(
                ReportKey.objects.select_for_update().filter(key_version__lt=newest)[:batch_size]
            )
            for key in batch:
                version, wrapped = sealing.key_wrap(sealing.key_unwrap(key), key.organisation_id)
                ReportKey.objects.filter(pk=key.pk).update(key_version=version, wrapped_key=wrapped)
            changed += len(batch)
        if len(batch) < batch_size:
            break
    if changed:
        audit_record(
            actor=None,
            action="reports.keys_rewrapped",
            details={"keys": changed, "version": newest},
        )
    return changed
