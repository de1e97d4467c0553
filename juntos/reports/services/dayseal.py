"""The reports' part of the daily seal: the day's anonymous rows, rewritten in random order.

Rows a worker wrote or changed on a sealed day (her report, its keys, her files and messages,
her consent answers) are deleted and inserted again in random order in the seal's single
transaction (see juntos/core/dayseal.py). Their ids are random UUIDs, so nothing pointing at
them changes; only their place on disk and their transaction id do.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from juntos.core.services import rows_rewrite, tables_hold
from juntos.reports.models import Attachment, ConsentRequest, Message, Report, ReportKey


def _within(field: str, since: dt.date | None, before: dt.date) -> Q:
    condition = Q(**{f"{field}__lt": before})
    return condition & Q(**{f"{field}__gte": since}) if since else condition


def reports_day_rewrite(since: dt.date | None, before: dt.date) -> list[type[models.Model]]:
    """Rewrite the reports' anonymous rows of the days being sealed, each table shuffled."""
    tables_hold(Report, ReportKey, Attachment, Message, ConsentRequest)
    reports = Report.objects.filter(
        _within("received_on", since, before) | _within("last_worker_activity_on", since, before)
    )
    rows_rewrite(ReportKey.objects.filter(report__in=reports.values("pk")))
    rows_rewrite(reports)
    rows_rewrite(Attachment.objects.filter(_within("added_on", since, before)))
    rows_rewrite(Message.objects.filter(_within("sent_on", since, before)))
    rows_rewrite(ConsentRequest.objects.filter(_within("answered_on", since, before)))
    return [Report, ReportKey, Attachment, Message, ConsentRequest]
