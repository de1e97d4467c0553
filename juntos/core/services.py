"""Core writes that every other app uses: audit entries and outgoing messages."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Protocol, TypedDict, Unpack

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.module_loading import import_string

from juntos.core.audit import (
    audit_record,
    audit_seal_anonymous_entries,
    audit_seal_chain,
    audit_verify_chain,
)
from juntos.core.checkpoints import audit_verify, checkpoint_latest_summary, checkpoint_make
from juntos.core.dayseal import day_rewriter_register, day_seal, rows_rewrite, tables_hold
from juntos.core.delivery import (
    delivery_block_register,
    delivery_route_register,
    pending_create,
    sent_listener_register,
)
from juntos.core.models import PeriodicRun
from juntos.core.selectors import periodic_jobs
from juntos.core.tasks import deliver_message
from juntos.core.transports.base import Message

logger = logging.getLogger(__name__)

__all__ = [
    "Message",
    "audit_record",
    "audit_seal_anonymous_entries",
    "audit_seal_chain",
    "audit_verify",
    "audit_verify_chain",
    "checkpoint_latest_summary",
    "checkpoint_make",
    "day_rewriter_register",
    "day_seal",
    "delivery_block_register",
    "delivery_route_register",
    "fact_record",
    "fact_sink_register",
    "notify",
    "notify_person",
    "periodic_enqueue_due",
    "reported_figures_record",
    "reported_figures_sink_register",
    "rows_rewrite",
    "sent_listener_register",
    "tables_hold",
]


def notify(
    *,
    channel: str,
    recipient: str,
    body: str,
    subject: str = "",
    in_rounds: bool = False,
    final: bool = False,
    language: str = "",
    reply_to: str = "",
) -> None:
    """Store one message sealed in the current transaction; deliver it once that commits.

    The caller renders subject and body in the recipient's language before calling. The task
    carries only the sealed row's id. `in_rounds` is for people who must stay anonymous (a
    reporter): the message waits for the next round of deliveries instead of its own task.
    `final` marks the confirmation of an opt-out, the one message an opted-out address still gets.
    `language` is the one the message is written in (default: the active one), which picks a
    WhatsApp template when the message must go as one. `reply_to` is where an answer by email
    goes (a Reply-To header); other channels have no such thing, so it is dropped for them.
    """
    message = Message(
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        final=final,
        language=language or translation.get_language() or "",
        reply_to=reply_to if channel == "email" else "",
    )
    pending = pending_create(message)
    if not in_rounds:
        message_id = str(pending.pk)
        transaction.on_commit(lambda: deliver_message.enqueue(message_id=message_id))


class Reachable(Protocol):
    """A person we can write to: an account has these (accounts.User)."""

    preferred_language: str
    preferred_channel: str

    def contact_address(self) -> str: ...


Text = str | Promise  # a string, or a lazy one rendered in the person's language


def notify_person(
    person: Reachable,
    render: Callable[[], tuple[Text, Text]],
    *,
    in_rounds: bool = False,
    reply_to: str = "",
) -> bool:
    """Tell a person something in her own language on her chosen channel, once this commits.

    `render` returns (subject, body); it runs in the person's language, so lazy strings and
    links come out in it. A person with no address on that channel is skipped (nothing is
    queued that could never be delivered); returns whether a message was queued. `in_rounds`
    as for `notify`: when an anonymous person's action caused it, so no task's time dates it.
    `reply_to` as for `notify` (kept only when her channel is email).
    """
    address = person.contact_address()
    if not address:
        return False
    with translation.override(person.preferred_language):
        # str() inside the override: a lazy string would otherwise render in the wrong language.
        subject, body = (str(text) for text in render())
    notify(
        channel=person.preferred_channel,
        recipient=address,
        subject=subject,
        body=body,
        in_rounds=in_rounds,
        language=person.preferred_language,
        reply_to=reply_to,
    )
    return True


# The fact ledger lives in the monitoring app, a layer above the domain apps. Domain apps call
# `fact_record` here; monitoring registers the real recorder when it starts.
class FactDimensions(TypedDict, total=False):
    """The ledger's dimensions of a fact: coarse categories, never a person."""

    province: str
    program: str
    sector: str
    gender: str
    country_of_origin: str
    marginalised_group: str
    language: str
    category: str
    outcome: str
    organisation_id: int | None


class FactSink(Protocol):
    """The ledger's recorder: one count for a kind, a month and a combination of dimensions."""

    def __call__(
        self,
        *,
        kind: str,
        month: dt.date | None = None,
        count: int = 1,
        **dimensions: Unpack[FactDimensions],
    ) -> None: ...


_fact_sinks: list[FactSink] = []


def fact_sink_register(sink: FactSink) -> None:
    """Called once by the monitoring app at start-up."""
    if sink not in _fact_sinks:
        _fact_sinks.append(sink)


def fact_record(
    *, kind: str, month: dt.date | None = None, count: int = 1, **dimensions: Unpack[FactDimensions]
) -> None:
    """Record one coarse fact (kind, month and dimensions; never a person) in the ledger."""
    if not _fact_sinks:
        raise RuntimeError("no fact ledger is installed (is juntos.monitoring in INSTALLED_APPS?)")
    for sink in _fact_sinks:
        sink(kind=kind, month=month, count=count, **dimensions)


# Figures an organisation reported and a coordinator approved elsewhere (a grantee report's
# indicator actuals, in the funding app) reach the logic model, a layer above, through here.
class ReportedFigure(TypedDict):
    """One approved figure: the indicator's slug, and the total ("" dimension) or one part."""

    indicator: str
    dimension: str  # "" for the total; a ledger dimension (gender, marginalised_group)
    value_key: str  # the group's value ("woman", "indigenous"); "" for the total
    value: int


class ReportedFiguresSink(Protocol):
    """Takes the approved figures of one source (a report), replacing what it took before.

    The actor is a person (core sits below accounts, so typed as Django's user) or None for the
    system."""

    def __call__(
        self,
        *,
        actor: AbstractBaseUser | AnonymousUser | None,
        source: str,
        organisation_id: int,
        period_start: dt.date,
        figures: list[ReportedFigure],
    ) -> int: ...


_reported_figures_sinks: list[ReportedFiguresSink] = []


def reported_figures_sink_register(sink: ReportedFiguresSink) -> None:
    """Called once by the monitoring app at start-up."""
    if sink not in _reported_figures_sinks:
        _reported_figures_sinks.append(sink)


def reported_figures_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    source: str,
    organisation_id: int,
    period_start: dt.date,
    figures: list[ReportedFigure],
) -> int:
    """Hand approved figures to the logic model; returns how many it counts."""
    if not _reported_figures_sinks:
        raise RuntimeError("no logic model is installed (is juntos.monitoring in INSTALLED_APPS?)")
    return sum(
        sink(
            actor=actor,
            source=source,
            organisation_id=organisation_id,
            period_start=period_start,
            figures=figures,
        )
        for sink in _reported_figures_sinks
    )


# Periodic jobs. django-tasks runs tasks but does not schedule them: `manage.py
# schedule_periodic --loop` (or the same command without --loop, from cron) enqueues the tasks
# named in settings.JUNTOS_PERIODIC_TASKS when they are due. A row lock on each job's last run
# makes two schedulers enqueue a job once.


class _Enqueueable(Protocol):
    def enqueue(self) -> object: ...


def periodic_enqueue_due(*, now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job whose interval has passed; return the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, (path, every) in periodic_jobs().items():
        with transaction.atomic():
            PeriodicRun.objects.get_or_create(name=name)
            run = PeriodicRun.objects.select_for_update().get(name=name)
            if run.last_enqueued_at and run.last_enqueued_at + every > now:
                continue
            task: _Enqueueable = import_string(path)
            task.enqueue()
            run.last_enqueued_at = now
            run.save(update_fields=["last_enqueued_at"])
        enqueued.append(name)
        logger.info("enqueued periodic job %s", name)
    return enqueued
