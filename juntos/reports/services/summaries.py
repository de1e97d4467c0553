"""The caseworkers' daily summary: cases due and cases where the worker is waiting for a reply.

It names case numbers and counts only, never what a report says, and carries no time: it goes
out once a day, and "the worker wrote" is read from the order of the thread, not from when.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from juntos.accounts.actors import SignedIn
from juntos.accounts.selectors import people_with_role
from juntos.core.services import Text, audit_record, notify_person
from juntos.reports.choices import SUPPORT_STAFF_ROLES, CaseStatus, MessageSender
from juntos.reports.models import Case, CaseSummarySent, Message
from juntos.reports.services._common import today as local_today


def _cases_to_mention(today: dt.date) -> list[Case]:
    """Open cases due by today, or whose thread ends with the worker's message."""
    last_sender = (
        Message.objects.filter(report_id=OuterRef("report_id"))
        .order_by("-position")
        .values("sender")[:1]
    )
    return list(
        Case.objects.exclude(status=CaseStatus.CLOSED)
        .annotate(last_sender=Subquery(last_sender))
        .filter(Q(due_on__lte=today) | Q(last_sender=MessageSender.WORKER))
        .only("pk", "owner_id", "assigned_to_id", "due_on")
        .order_by("pk")
    )


def _by_person(cases: list[Case]) -> list[tuple[SignedIn, list[Case]]]:
    """Each case goes to its caseworker, or, while no one has it, to all of its owner's staff."""
    staff: dict[int, list[SignedIn]] = {}
    people: dict[int, SignedIn] = {}
    mentioned: dict[int, list[Case]] = defaultdict(list)
    for case in cases:
        if case.owner_id not in staff:
            staff[case.owner_id] = list(people_with_role(case.owner_id, SUPPORT_STAFF_ROLES))
        for person in staff[case.owner_id]:
            if case.assigned_to_id in (None, person.pk):
                people[person.pk] = person
                mentioned[person.pk].append(case)
    return [(people[pk], mentioned[pk]) for pk in sorted(people)]


def _summary(cases: list[Case], today: dt.date) -> Callable[[], tuple[Text, Text]]:
    due = [f"#{c.pk}" for c in cases if c.due_on is not None and c.due_on <= today]
    waiting = [f"#{c.pk}" for c in cases if getattr(c, "last_sender", "") == MessageSender.WORKER]

    def render() -> tuple[Text, Text]:
        lines = []
        if due:
            lines.append(
                ngettext(
                    "%(n)s case due or overdue: %(cases)s",
                    "%(n)s cases due or overdue: %(cases)s",
                    len(due),
                )
                % {"n": len(due), "cases": ", ".join(due)}
            )
        if waiting:
            lines.append(
                ngettext(
                    "%(n)s case where the worker is waiting for a reply: %(cases)s",
                    "%(n)s cases where the worker is waiting for a reply: %(cases)s",
                    len(waiting),
                )
                % {"n": len(waiting), "cases": ", ".join(waiting)}
            )
        link = settings.SITE_URL + reverse("reports:case_list") + "?sort=due"
        lines.append(_("Open your cases: %(link)s") % {"link": link})
        return _("Juntos: your cases today"), "\n".join(lines)

    return render


def case_summaries_send(*, today: dt.date | None = None) -> int:
    """Daily: tell each caseworker of her cases due and of workers waiting (once a day)."""
    today = today or local_today()
    sent = 0
    for person, cases in _by_person(_cases_to_mention(today)):
        try:
            with transaction.atomic():
                CaseSummarySent.objects.create(person=person, sent_on=today)
                if notify_person(person, _summary(cases, today)):
                    sent += 1
        except IntegrityError:
            continue  # already told today
    CaseSummarySent.objects.filter(sent_on__lt=today).delete()
    audit_record(actor=None, action="reports.case_summaries_sent", details={"people": sent})
    return sent
