"""Reads of reports and cases that authorise as they fetch; what one may not see is a 404."""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from typing import cast

from django.conf import settings
from django.core.cache import caches
from django.db.models import Case as Choose
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.http import Http404

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind
from juntos.accounts.selectors import (
    organisation_ids_for,
    organisations_of_kind,
    people_with_role,
)
from juntos.core import crypto
from juntos.core.compiled import CompiledLookup, run_together
from juntos.registry import selectors as registry_selectors
from juntos.reports import sealing
from juntos.reports.choices import (
    APPROVER_ROLES,
    INSPECTOR_ROLES,
    PRIORITY_RANK,
    SUPPORT_STAFF_ROLES,
    CaseRequestStatus,
    ConsentAnswer,
    KeyRole,
    MessageSender,
    ReferralKind,
    ReferralStatus,
    Stage,
)
from juntos.reports.models import (
    Attachment,
    Case,
    CaseLink,
    CaseNote,
    CaseRequest,
    ConsentRequest,
    Message,
    OnCall,
    Referral,
    Report,
    ReportKey,
    RoutingRule,
)
from juntos.reports.policies import can_manage_routing

STAFF_KEY_ROLES = (KeyRole.RECIPIENT, KeyRole.OWNER, KeyRole.HELPER, KeyRole.OFFERED)


@dataclass
class OpenedReport:
    """A report together with the key through which the reader holds it."""

    report: Report
    key: ReportKey | None
    worker_key: bytes | None = field(default=None, repr=False)

    @cached_property
    def data_key(self) -> bytes:
        if self.worker_key is not None:
            return self.worker_key
        assert self.key is not None
        return sealing.key_unwrap(self.key)

    @cached_property
    def content(self) -> dict[str, object]:
        return sealing.content_of(self.data_key, self.report)


@dataclass(frozen=True)
class ThreadMessage:
    sender: str
    organisation: str
    body: str
    sent_on: dt.date
    asks_more: bool = False


@dataclass(frozen=True)
class SitePattern:
    """Reports about the same employer site: exact in the organisation, suppressed outside."""

    in_organisation: int
    in_network: int | None  # None when below the suppression threshold


def _parse_uuid(value: object) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


def staff_organisation_ids(actor: Actor) -> set[int]:
    """Organisations in which the person works on reports."""
    return organisation_ids_for(actor, SUPPORT_STAFF_ROLES)


def get_report_for(actor: Actor, report_id: object) -> OpenedReport:
    """A report received by, offered to or handled by one of the actor's organisations."""
    key = (
        ReportKey.objects.select_related("report", "organisation")
        .filter(
            report_id=_parse_uuid(report_id),
            organisation_id__in=staff_organisation_ids(actor),
            role__in=STAFF_KEY_ROLES,
        )
        .order_by("role")
        .first()
    )
    if key is None:
        raise Http404
    return OpenedReport(report=key.report, key=key)


def get_case_for(actor: Actor, case_id: int) -> tuple[Case, OpenedReport]:
    """A case the actor's organisation owns, helps on, or has been offered."""
    case = Case.objects.select_related("report", "owner", "assigned_to").filter(pk=case_id).first()
    if case is None:
        raise Http404
    key = (
        ReportKey.objects.select_related("organisation")
        .filter(
            report_id=case.report_id,
            organisation_id__in=staff_organisation_ids(actor),
            role__in=(KeyRole.OWNER, KeyRole.HELPER, KeyRole.OFFERED),
        )
        .first()
    )
    if key is None:
        raise Http404
    return case, OpenedReport(report=case.report, key=key)


def case_left_by(actor: Actor, case_id: int) -> Referral | None:
    """Why one of the actor's organisations no longer holds a case it held: the transfer it made
    (now accepted), or the offer it declined. None when it never held it (then it is a 404)."""
    organisation_ids = staff_organisation_ids(actor)
    if not organisation_ids:
        return None
    return (
        Referral.objects.filter(case_id=case_id)
        .filter(
            Q(
                kind=ReferralKind.TRANSFER,
                status=ReferralStatus.ACCEPTED,
                from_organisation_id__in=organisation_ids,
            )
            | Q(status=ReferralStatus.DECLINED, to_organisation_id__in=organisation_ids)
        )
        .exclude(kind=ReferralKind.INSPECTORATE)
        .select_related("from_organisation", "to_organisation")
        .order_by("-answered_on", "-id")
        .first()
    )


def triage_queue_for(actor: Actor) -> QuerySet[ReportKey]:
    """New reports waiting for one of the actor's organisations to open a case."""
    return (
        ReportKey.objects.filter(
            organisation_id__in=staff_organisation_ids(actor), role=KeyRole.RECIPIENT
        )
        .select_related("report", "organisation")
        .order_by("-report__received_on", "report_id")
    )


def cases_for(actor: Actor, *, include_closed: bool = False) -> QuerySet[Case]:
    """Cases the actor's organisations own or help on."""
    cases = Case.objects.filter(
        report__keys__organisation_id__in=staff_organisation_ids(actor),
        report__keys__role__in=(KeyRole.OWNER, KeyRole.HELPER),
    )
    if not include_closed:
        cases = cases.exclude(status="closed")
    # Whether the worker wrote last: her case waits for an answer. Read from the thread's order,
    # so nothing new is kept about when she wrote.
    last_sender = (
        Message.objects.filter(report_id=OuterRef("report_id"))
        .order_by("-position")
        .values("sender")[:1]
    )
    return (
        cases.select_related("report", "owner", "assigned_to")
        .annotate(last_sender=Subquery(last_sender))
        .distinct()
    )


@dataclass(frozen=True)
class CaseFilters:
    """What the case list is narrowed and sorted by (blank = any)."""

    employer: str = ""
    stage: str = ""
    category: str = ""
    province: str = ""
    assignee: str = ""  # "", "none", or a person's id
    include_closed: bool = False
    sort: str = "due"  # "due", "priority" or "opened"


@dataclass(frozen=True)
class CaseRow:
    case: Case
    employer_name: str


CASE_SORTS = {
    "due": (F("due_on").asc(nulls_last=True), F("priority_rank").desc(), "-opened_on", "-id"),
    "priority": (F("priority_rank").desc(), F("due_on").asc(nulls_last=True), "-opened_on", "-id"),
    "opened": ("-opened_on", "-id"),
}


def _folded(text: str) -> str:
    """Lower case without accents, so "Orchard" finds "orchard" and "Pena" finds "Peña"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def case_list_for(actor: Actor, filters: CaseFilters) -> list[CaseRow]:
    """The actor's cases narrowed by the filters, with the employer named in each report.

    The employer is sealed, so it is matched after unsealing each listed report with the
    organisation's key (fetched in one query), and through the registry for reports that chose
    a registry site.
    """
    # Asking for the "closed" stage is asking to see closed cases.
    closed_too = filters.include_closed or filters.stage == Stage.CLOSED
    cases = cases_for(actor, include_closed=closed_too)
    for field_name, value in (
        ("report__stage", filters.stage),
        ("report__category", filters.category),
        ("report__province", filters.province),
    ):
        if value:
            cases = cases.filter(**{field_name: value})
    if filters.assignee == "none":
        cases = cases.filter(assigned_to__isnull=True)
    elif filters.assignee.isdigit():
        cases = cases.filter(assigned_to_id=int(filters.assignee))
    rank = Choose(
        *(When(priority=p, then=Value(r)) for p, r in PRIORITY_RANK.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    ordered = cases.annotate(priority_rank=rank).order_by(
        *CASE_SORTS.get(filters.sort, CASE_SORTS["due"])
    )
    rows = _with_employer_names(actor, list(ordered))
    if not filters.employer.strip():
        return rows
    wanted = _folded(filters.employer)
    sites = {
        crypto.keyed_hash("report-site", str(s.id))
        for s in registry_selectors.search_employer_sites(filters.employer.strip(), limit=50)
    }
    return [
        row
        for row in rows
        if wanted in _folded(row.employer_name) or (row.case.report.site_hash in sites)
    ]


def _with_employer_names(actor: Actor, cases: list[Case]) -> list[CaseRow]:
    keys = {
        key.report_id: key
        for key in ReportKey.objects.filter(
            report_id__in=[c.report_id for c in cases],
            organisation_id__in=staff_organisation_ids(actor),
            role__in=(KeyRole.OWNER, KeyRole.HELPER),
        )
    }
    rows = []
    for case in cases:
        key = keys.get(case.report_id)
        content = OpenedReport(report=case.report, key=key).content if key else {}
        rows.append(CaseRow(case=case, employer_name=str(content.get("employer_name") or "")))
    return rows


def offers_for(actor: Actor) -> QuerySet[Referral]:
    """Referrals and transfers waiting for the actor's organisations to answer."""
    return (
        Referral.objects.filter(
            to_organisation_id__in=staff_organisation_ids(actor),
            status=ReferralStatus.PENDING,
        )
        .exclude(kind=ReferralKind.INSPECTORATE)
        .select_related("case__report", "from_organisation", "to_organisation")
    )


def get_offer_for(actor: Actor, referral_id: int) -> Referral:
    """A referral or transfer waiting for one of the actor's organisations to answer; else 404."""
    referral = offers_for(actor).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    return referral


def inspector_referrals_for(actor: Actor) -> QuerySet[Referral]:
    """Reports referred, with the worker's consent, to the inspector's agency."""
    return Referral.objects.filter(
        kind=ReferralKind.INSPECTORATE,
        to_organisation_id__in=organisation_ids_for(actor, INSPECTOR_ROLES),
    ).select_related("case__report", "from_organisation")


def get_inspector_referral_for(actor: Actor, referral_id: int) -> tuple[Referral, OpenedReport]:
    """One referral to the inspector's agency, with the key the worker's consent released."""
    referral = inspector_referrals_for(actor).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    key = ReportKey.objects.filter(
        report_id=referral.case.report_id,
        organisation_id=referral.to_organisation_id,
        role=KeyRole.INSPECTOR,
    ).first()
    if key is None:
        raise Http404
    return referral, OpenedReport(report=referral.case.report, key=key)


def get_attachment_for(actor: Actor, attachment_id: object) -> tuple[Attachment, OpenedReport]:
    """A file of a report the actor may read (staff, or the inspectorate it was referred to)."""
    attachment = (
        Attachment.objects.select_related("report").filter(pk=_parse_uuid(attachment_id)).first()
    )
    if attachment is None:
        raise Http404
    staff = staff_organisation_ids(actor)
    inspectors = organisation_ids_for(actor, INSPECTOR_ROLES)
    for key in ReportKey.objects.filter(report_id=attachment.report_id):
        if (key.role in STAFF_KEY_ROLES and key.organisation_id in staff) or (
            key.role == KeyRole.INSPECTOR and key.organisation_id in inspectors
        ):
            return attachment, OpenedReport(report=attachment.report, key=key)
    raise Http404


def attachment_names(opened: OpenedReport) -> list[tuple[Attachment, str]]:
    """The report's files with their names unsealed."""
    return [
        (a, sealing.open_sealed(opened.data_key, opened.report.pk, f"name:{a.pk}", a.sealed_name))
        # Names only: the sealed bytes (up to 10 MB each) stay in the database.
        for a in opened.report.attachments.defer("sealed_data")
    ]


# A worker's status, on the web or by SMS, reads her report, its case, thread and questions:
# their SQL compiled once per connection (compiling cost more than running these queries).
_messages_of = CompiledLookup(
    Message,
    "report",
    lambda report_id: Message.objects.filter(report_id=report_id).select_related("organisation"),
)
_consents_of = CompiledLookup(
    ConsentRequest,
    "report",
    lambda report_id: (
        ConsentRequest.objects.filter(report_id=report_id)
        .select_related("inspectorate", "asked_by")
        .order_by("asked_on")
    ),
)
_report_by_receipt = CompiledLookup(
    Report, "receipt_hash", lambda value: Report.objects.filter(receipt_hash=value)
)
_case_with_owner = CompiledLookup(
    Case,
    "report",
    lambda report_id: Case.objects.filter(report_id=report_id).select_related("owner"),
)


def thread_of(opened: OpenedReport, *, after: int = 0) -> list[ThreadMessage]:
    """The messages between the worker and the caseworkers (and any inspectorate), oldest first;
    with `after`, only those written after that position of the thread."""
    return _thread(opened, _messages_of(opened.report.pk), after=after)


@dataclass(frozen=True)
class StatusSummary:
    """What her status says besides the stage: who handles it, the thread, open questions."""

    organisation: str
    thread: list[ThreadMessage]
    pending_consents: list[ConsentRequest]


def status_summary(opened: OpenedReport) -> StatusSummary:
    """The handling organisation, the thread and the questions waiting for her answer, read
    together (one wait for the server on PostgreSQL): her status on the web, by API and by SMS."""
    report_id = opened.report.pk
    cases, messages, consents = run_together(
        (_case_with_owner, (report_id,)), (_messages_of, (report_id,)), (_consents_of, (report_id,))
    )
    return StatusSummary(
        organisation=cases[0].owner.name if cases else "",
        thread=_thread(opened, messages),
        pending_consents=[c for c in consents if c.answer == ConsentAnswer.PENDING],
    )


def _thread(
    opened: OpenedReport, messages: list[Message], *, after: int = 0
) -> list[ThreadMessage]:
    return [
        ThreadMessage(
            sender=m.sender,
            organisation=m.organisation.name if m.organisation else "",
            body=sealing.open_sealed(
                opened.data_key, m.report_id, f"message:{m.pk}", m.sealed_body
            ),
            sent_on=m.sent_on,
            asks_more=m.asks_more,
        )
        for m in messages
        if m.position > after
    ]


def inspector_thread_of(referral: Referral, opened: OpenedReport) -> list[ThreadMessage]:
    """What the inspectorate reads of the thread: only what was written after the worker's yes."""
    return thread_of(opened, after=referral.thread_from)


def asked_for_more_by(thread: list[ThreadMessage]) -> str:
    """The inspectorate whose request for more information the worker has not answered yet
    ("" when none): its last such message with no message of hers after it."""
    for message in reversed(thread):
        if message.sender == MessageSender.WORKER:
            return ""
        if message.sender == MessageSender.INSPECTORATE and message.asks_more:
            return message.organisation
    return ""


def inspections_of(report: Report) -> list[Referral]:
    """The standing referrals of a report to inspectorates, with what each recorded."""
    return list(
        Referral.objects.filter(
            case__report=report, kind=ReferralKind.INSPECTORATE, status=ReferralStatus.ACCEPTED
        )
        .select_related("to_organisation")
        .order_by("sent_on", "id")
    )


def notes_of(case: Case, opened: OpenedReport) -> list[tuple[CaseNote, str]]:
    """Private staff notes of a case, unsealed."""
    notes = CaseNote.objects.filter(case=case).select_related("author", "organisation")
    return [
        (n, sealing.open_sealed(opened.data_key, case.report_id, f"note:{n.pk}", n.sealed_body))
        for n in notes
    ]


def needs_approval(organisation_id: int) -> bool:
    """An organisation with a supervisor closes and transfers cases only with her approval."""
    return people_with_role(organisation_id, APPROVER_ROLES).exists()


def requests_awaiting(actor: Actor) -> QuerySet[CaseRequest]:
    """Requests to close or transfer waiting for the actor as a supervisor (never her own)."""
    pending = CaseRequest.objects.filter(
        case__owner_id__in=organisation_ids_for(actor, APPROVER_ROLES),
        status=CaseRequestStatus.PENDING,
    ).exclude(case__status="closed")
    if actor.is_authenticated:
        pending = pending.exclude(asked_by_id=actor.pk)
    return pending.select_related("case__report", "asked_by", "to_organisation")


def get_request_of(case: Case, request_id: int) -> CaseRequest:
    """One request of a case the caller already fetched with authorisation; 404 otherwise."""
    found = CaseRequest.objects.select_related("case", "asked_by").filter(case=case, pk=request_id)
    request = found.first()
    if request is None:
        raise Http404
    return request


def requests_of(case: Case, opened: OpenedReport) -> list[tuple[CaseRequest, str]]:
    """The case's requests to close or transfer, newest first, with any refusal reason unsealed."""
    requests = CaseRequest.objects.filter(case=case).select_related(
        "asked_by", "decided_by", "to_organisation"
    )
    return [
        (
            r,
            sealing.open_sealed(opened.data_key, case.report_id, f"request:{r.pk}", r.sealed_reason)
            if r.sealed_reason
            else "",
        )
        for r in requests
    ]


def consents_of(report: Report) -> list[ConsentRequest]:
    return _consents_of(report.pk)


def attachment_count(report: Report) -> int:
    """How many files her report holds (shown to her by her code; never their names here)."""
    return report.attachments.count()


def referrals_of(case: Case) -> list[Referral]:
    return list(case.referrals.select_related("from_organisation", "to_organisation"))


def suppression_threshold() -> int:
    return settings.JUNTOS_SUPPRESSION_THRESHOLD


def site_pattern_for(opened: OpenedReport) -> SitePattern | None:
    """How many reports concern the same employer site as this one."""
    site_hash = opened.report.site_hash
    if not site_hash or opened.key is None:
        return None
    mine = (
        Report.objects.filter(site_hash=site_hash, keys__organisation_id=opened.key.organisation_id)
        .distinct()
        .count()
    )
    network = Report.objects.filter(site_hash=site_hash).count()
    return SitePattern(mine, network if network >= suppression_threshold() else None)


@dataclass(frozen=True)
class RelatedCases:
    """Cases the reader works on that are linked to this one, or about the same employer site."""

    linked: list[Case]
    same_site: list[Case]


def related_cases_for(actor: Actor, case: Case, opened: OpenedReport) -> RelatedCases:
    """Linked and same-site cases, only those the actor may open herself (two queries)."""
    if opened.key is None or opened.key.role not in (KeyRole.OWNER, KeyRole.HELPER):
        return RelatedCases([], [])
    link_ids = {
        pk
        for pair in CaseLink.objects.filter(Q(case=case) | Q(other=case)).values_list(
            "case_id", "other_id"
        )
        for pk in pair
    } - {case.pk}
    site_hash = case.report.site_hash
    wanted = Q(pk__in=link_ids) | (Q(report__site_hash=site_hash) if site_hash else Q(pk__in=[]))
    visible = [
        c
        for c in cases_for(actor, include_closed=True).filter(wanted).order_by("-opened_on", "-id")
        if c.pk != case.pk
    ]
    return RelatedCases(
        linked=[c for c in visible if c.pk in link_ids],
        same_site=[c for c in visible if c.pk not in link_ids],
    )


@dataclass(frozen=True)
class InspectorPattern:
    """What an inspector learns of other reports about the same site: a suppressed count, and
    the reports whose workers consented to this inspectorate too."""

    in_network: int | None
    referred: list[Referral]


def inspector_pattern_for(referral: Referral) -> InspectorPattern | None:
    """The same-site pattern as the inspectorate may see it (no case of a worker who did not
    consent is named; the network count is hidden below the suppression threshold)."""
    site_hash = referral.case.report.site_hash
    if not site_hash:
        return None
    network = Report.objects.filter(site_hash=site_hash).count()
    referred = list(
        Referral.objects.filter(
            kind=ReferralKind.INSPECTORATE,
            to_organisation_id=referral.to_organisation_id,
            case__report__site_hash=site_hash,
        )
        .exclude(pk=referral.pk)
        .select_related("case__report", "from_organisation")
        .order_by("-sent_on", "-id")
    )
    return InspectorPattern(network if network >= suppression_threshold() else None, referred)


def site_counts_in(organisation_ids: set[int], site_hashes: set[str]) -> dict[str, int]:
    """Reports per employer site held by these organisations (one query for a whole list)."""
    rows = (
        Report.objects.filter(site_hash__in=site_hashes, keys__organisation_id__in=organisation_ids)
        .values("site_hash")
        .annotate(reports=Count("id", distinct=True))
    )
    return {row["site_hash"]: row["reports"] for row in rows}


# How long a process may route reports from its memory of the routing table. Rule changes made in
# the same process apply at once; other processes see them within this many seconds.
ROUTING_MEMORY_SECONDS = 5


# (province, language, category, organisation id) of each rule; (id, province) of support groups.
RoutingTable = tuple[list[tuple[str, str, str, int]], list[tuple[int, str]]]


def _routing_table() -> RoutingTable:
    """Every active organisation's rules, and every active support group with its province."""
    rules = RoutingRule.objects.filter(organisation__is_active=True).order_by()
    support = organisations_of_kind(OrganisationKind.SUPPORT_NONPROFIT).order_by("pk")
    return (
        list(rules.values_list("province", "language", "category", "organisation_id")),
        list(support.values_list("pk", "province")),
    )


def routing_organisation_ids(*, province: str, language: str, category: str) -> list[int]:
    """Where a new report goes: matching routing rules, else support groups of the province.

    The table is small and changes rarely, so each process keeps it for a few seconds: most
    submissions are routed without a query.
    """
    remembered = caches["local"].get_or_set(
        "reports:routing", _routing_table, ROUTING_MEMORY_SECONDS
    )
    rules, support = cast(RoutingTable, remembered)
    matched = {
        organisation_id
        for rule_province, rule_language, rule_category, organisation_id in rules
        if rule_province in ("", province)
        and rule_language in ("", language)
        and rule_category in ("", category)
    }
    if matched:
        return sorted(matched)
    in_province = [pk for pk, where in support if province and where == province]
    # A report must never be lost: with no one serving the province, every support group gets it.
    return in_province or [pk for pk, _where in support]


def forget_routing() -> None:
    """Drop this process's memory of the routing table (after a rule changes)."""
    caches["local"].delete("reports:routing")


def routing_rules_for(organisation_ids: set[int]) -> QuerySet[RoutingRule]:
    return RoutingRule.objects.filter(organisation_id__in=organisation_ids).select_related(
        "organisation"
    )


def on_call_user_ids(organisation_id: int) -> set[int]:
    return set(
        OnCall.objects.filter(organisation_id=organisation_id).values_list("user_id", flat=True)
    )


def report_by_receipt_hash(receipt_hash: str) -> Report | None:
    """For the worker's own flows, after her code has been checked and rate-limited."""
    found = _report_by_receipt(receipt_hash)  # the hash is unique: one report or none
    return found[0] if found else None


def employer_site_choices(query: str, *, province: str = "") -> list[tuple[int, str]]:
    """Registry employer sites matching what the worker typed, as (id, label) choices."""
    if not query.strip():
        return []
    found = registry_selectors.search_employer_sites(query.strip(), province=province, limit=5)
    return [(s.id, _site_label(s)) for s in found]


def employer_site_choice(site_id: int | None) -> tuple[int, str] | None:
    """One registry site as a choice (for a pre-filled intake), or None if unknown."""
    if site_id is None:
        return None
    site = registry_selectors.employer_site_ref(site_id)
    return (site.id, _site_label(site)) if site else None


def _site_label(site: registry_selectors.EmployerSiteRef) -> str:
    name = " — ".join(part for part in (site.employer_name, site.site_name) if part)
    return f"{name} ({site.province})" if site.province else name


def pending_offer_to(case: Case, organisation_id: int) -> Referral | None:
    """The referral or transfer the organisation has yet to answer on this case."""
    return Referral.objects.filter(
        case=case, to_organisation_id=organisation_id, status=ReferralStatus.PENDING
    ).first()


def get_routing_rule_for(actor: Actor, rule_id: int) -> RoutingRule:
    """A routing rule of one of the organisations whose routing the actor manages; else 404."""
    rule = RoutingRule.objects.filter(pk=rule_id).first()
    if rule is None or not can_manage_routing(actor, rule.organisation_id):
        raise Http404
    return rule


def is_inspector(actor: Actor) -> bool:
    return bool(organisation_ids_for(actor, INSPECTOR_ROLES))


def reports_from_source_exist(source: str) -> bool:
    """Whether any report came in through this source (used to keep demo seeding idempotent)."""
    return Report.objects.filter(source=source).exists()


def case_counts_by_month(organisation_id: int, *, since: dt.date) -> dict[tuple[str, dt.date], int]:
    """Cases an organisation opened and closed per month since a day, for its own dashboard.

    Keys are ("opened" | "closed", first day of the month); two queries.
    """
    counts: dict[tuple[str, dt.date], int] = {}
    cases = Case.objects.filter(owner_id=organisation_id)
    for label, day_field in (("opened", "opened_on"), ("closed", "closed_on")):
        rows = (
            cases.filter(**{f"{day_field}__gte": since})
            .annotate(month=TruncMonth(day_field))
            .values("month")
            .annotate(total=Count("id"))
            .order_by()
        )
        for row in rows:
            month = row["month"]
            month = month.date() if isinstance(month, dt.datetime) else month
            counts[(label, month)] = row["total"]
    return counts
