"""Applications: drafts, partners who confirm, budget lines, submission by the deadline."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.accounts.selectors import people_with_role
from juntos.core.services import audit_record, fact_record, notify_person
from juntos.funding.choices import (
    ApplicationStatus,
    BudgetCategory,
    CallStatus,
    Currency,
    PartnerStatus,
)
from juntos.funding.models import (
    Application,
    BudgetLine,
    Call,
    Partner,
)
from juntos.funding.organisations import organisations_by_id
from juntos.funding.policies import (
    APPLICANT_KINDS,
    ORGANISATION_ROLES,
    can_answer_for_partner,
    can_edit_application,
)
from juntos.funding.services._common import (
    ALLOWANCE_TOLERANCE,
    CENT,
    _money,
    _person,
    _text,
)


def _require_lead(actor: Actor, application: Application) -> None:
    if not can_edit_application(actor, application.lead_organisation_id):
        raise PermissionDenied


def _require_draft(application: Application) -> None:
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(_("This application was submitted; it can no longer be changed."))


def application_start(
    *, actor: Actor, call: Call, lead_organisation_id: int, title: str, language: str = "en"
) -> Application:
    """Staff of a non-profit start a draft application for a call that is open."""
    if not can_edit_application(actor, lead_organisation_id):
        raise PermissionDenied
    if call.status != CallStatus.OPEN:
        raise ValidationError(_("This call is closed."))
    title = _text(title, field="title", limit=200)
    with transaction.atomic():
        application = Application.objects.create(
            call=call,
            lead_organisation_id=lead_organisation_id,
            title=title,
            language=language if language in ("en", "es", "fr") else "en",
            created_by=_person(actor),
        )
        audit_record(
            actor=actor,
            action="funding.application_start",
            target=application,
            organisation_id=lead_organisation_id,
        )
    return application


def application_update(
    *, actor: Actor, application: Application, title: str, summary: str, lead_share: Decimal
) -> Application:
    """The lead saves the draft's text and its own share of the budget."""
    _require_lead(actor, application)
    _require_draft(application)
    application.title = _text(title, field="title", limit=200)
    application.summary = _text(summary, field="summary", limit=5000, required=False)
    if lead_share is None or lead_share < 0 or lead_share != lead_share.quantize(CENT):
        raise ValidationError({"lead_share": _("Enter an amount of zero or more, in cents.")})
    application.lead_share = lead_share
    with transaction.atomic():
        application.save()
        audit_record(actor=actor, action="funding.application_update", target=application)
    return application


def partner_add(
    *, actor: Actor, application: Application, organisation_id: int, share: Decimal
) -> Partner:
    """The lead names a partner non-profit and its share; the partner's staff must confirm."""
    _require_lead(actor, application)
    _require_draft(application)
    organisation = organisations_by_id([organisation_id]).get(organisation_id)
    if organisation is None or organisation.kind not in APPLICANT_KINDS:
        raise ValidationError({"organisation": _("Choose a support non-profit as the partner.")})
    if organisation_id == application.lead_organisation_id:
        raise ValidationError({"organisation": _("The lead cannot also be its own partner.")})
    if application.partners.filter(organisation_id=organisation_id).exists():
        raise ValidationError({"organisation": _("This organisation is already a partner.")})
    if share is None or share < 0 or share != share.quantize(CENT):
        raise ValidationError({"share": _("Enter an amount of zero or more, in cents.")})
    with transaction.atomic():
        partner = Partner.objects.create(
            application=application, organisation_id=organisation_id, share=share
        )
        audit_record(actor=actor, action="funding.partner_add", target=partner)
        transaction.on_commit(lambda: _tell_partner(partner))
    return partner


def _tell_partner(partner: Partner) -> None:
    application = partner.application
    link = reverse("funding:application", kwargs={"application_id": application.pk})
    for person in people_with_role(partner.organisation_id, ORGANISATION_ROLES):
        notify_person(
            person,
            lambda: (
                _("You are named as a partner on a funding application"),
                _("Please confirm or decline your organisation's part in “%(title)s”: %(link)s")
                % {"title": application.title, "link": link},
            ),
        )


def partner_remove(*, actor: Actor, partner: Partner) -> None:
    """The lead takes a partner off the draft."""
    _require_lead(actor, partner.application)
    _require_draft(partner.application)
    with transaction.atomic():
        audit_record(actor=actor, action="funding.partner_remove", target=partner)
        partner.delete()


def partner_answer(*, actor: Actor, partner: Partner, confirm: bool) -> Partner:
    """A partner's own staff confirm (or decline) its part in the application."""
    if not can_answer_for_partner(actor, partner.organisation_id):
        raise PermissionDenied
    _require_draft(partner.application)
    partner.status = PartnerStatus.CONFIRMED if confirm else PartnerStatus.DECLINED
    partner.decided_by = actor  # type: ignore[assignment]
    partner.decided_at = timezone.now()
    with transaction.atomic():
        partner.save()
        audit_record(
            actor=actor,
            action="funding.partner_confirm" if confirm else "funding.partner_decline",
            target=partner,
            organisation_id=partner.organisation_id,
        )
    return partner


def budget_line_add(
    *,
    actor: Actor,
    application: Application,
    category: str,
    description: str,
    amount: Decimal,
    currency: str,
    exchange_rate: Decimal | None = None,
    rate_date: dt.date | None = None,
    justification: str = "",
) -> BudgetLine:
    """Add a line; a line in the other currency needs the rate used and the rate's date."""
    _require_lead(actor, application)
    _require_draft(application)
    if category not in BudgetCategory.values:
        raise ValidationError({"category": _("Choose a category.")})
    if currency not in Currency.values:
        raise ValidationError({"currency": _("Choose CAD or MXN.")})
    _money(amount, field="amount")
    description = _text(description, field="description", limit=300)
    converted, rate, day = _convert(application.call, amount, currency, exchange_rate, rate_date)
    with transaction.atomic():
        line = BudgetLine.objects.create(
            application=application,
            category=category,
            description=description,
            amount=amount,
            currency=currency,
            exchange_rate=rate,
            rate_date=day,
            amount_in_call_currency=converted,
            justification=_text(justification, field="justification", limit=2000, required=False),
        )
        audit_record(actor=actor, action="funding.budget_line_add", target=line)
    return line


def _convert(
    call: Call, amount: Decimal, currency: str, rate: Decimal | None, day: dt.date | None
) -> tuple[Decimal, Decimal | None, dt.date | None]:
    """The amount in the call's currency, with the rate and its date kept (or none needed)."""
    if currency == call.currency:
        return amount, None, None
    if rate is None or not rate.is_finite() or rate <= 0:
        raise ValidationError(
            {
                "exchange_rate": _(
                    "This line is in %(line)s and the call in %(call)s: give the exchange rate."
                )
                % {"line": currency, "call": call.currency}
            }
        )
    if day is None:
        raise ValidationError({"rate_date": _("Give the date of the exchange rate.")})
    return (amount * rate).quantize(CENT, rounding=ROUND_HALF_EVEN), rate, day


def budget_line_remove(*, actor: Actor, line: BudgetLine) -> None:
    """The lead takes a line off the draft."""
    _require_lead(actor, line.application)
    _require_draft(line.application)
    with transaction.atomic():
        audit_record(actor=actor, action="funding.budget_line_remove", target=line)
        line.delete()


def budget_problems(application: Application) -> dict[str, list[str]]:
    """What stops the budget from being submitted, by field (empty: it adds up)."""
    lines = list(application.budget_lines.all())
    partners = list(application.partners.all())
    total = sum((line.amount_in_call_currency for line in lines), Decimal(0))
    shares = application.lead_share + sum((p.share for p in partners), Decimal(0))
    problems: dict[str, list[str]] = defaultdict(list)
    if not lines:
        problems["budget"].append(_("Add at least one budget line."))
    if shares != total:
        problems["budget"].append(
            _("The shares add up to %(shares)s but the budget totals %(total)s %(currency)s.")
            % {"shares": shares, "total": total, "currency": application.call.currency}
        )
    if total > application.call.amount:
        problems["budget"].append(
            _("The budget (%(total)s) is more than the call offers (%(amount)s).")
            % {"total": total, "amount": application.call.amount}
        )
    for category in over_allowance(application, lines, total):
        if any(not line.justification for line in lines if line.category == category):
            problems["budget"].append(
                _("%(category)s is more than 10%% over its allowance: justify each of its lines.")
                % {"category": BudgetCategory(category).label}
            )
    return dict(problems)


def over_allowance(application: Application, lines: list[BudgetLine], total: Decimal) -> list[str]:
    """The categories whose lines exceed their allowance (cap % of the total) by over 10%."""
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        spent[line.category] += line.amount_in_call_currency
    over = []
    for cap in application.call.category_caps.all():
        allowance = total * cap.percent / 100
        if spent.get(cap.category, Decimal(0)) > allowance * ALLOWANCE_TOLERANCE:
            over.append(cap.category)
    return over


def application_submit(
    *, actor: Actor, application: Application, now: dt.datetime | None = None
) -> Application:
    """The lead submits, once every partner confirmed and the budget adds up, by the deadline.

    A refusal leaves the draft exactly as it was.
    """
    _require_lead(actor, application)
    _require_draft(application)
    call = application.call
    now = now or timezone.now()
    if now >= call.deadline or call.status != CallStatus.OPEN:
        raise ValidationError(
            _(
                "The deadline has passed (%(deadline)s): this call takes no more applications. "
                "Your draft is kept."
            )
            % {"deadline": deadline_shown(call)}
        )
    partners = list(application.partners.all())
    confirmed = [p for p in partners if p.status == PartnerStatus.CONFIRMED]
    if len(confirmed) < call.required_partners:
        raise ValidationError(
            {
                "partners": _("This call needs %(count)s confirmed partner(s); %(have)s confirmed.")
                % {"count": call.required_partners, "have": len(confirmed)}
            }
        )
    if len(confirmed) != len(partners):
        raise ValidationError(
            {"partners": _("Every partner must confirm (or be removed) before you submit.")}
        )
    problems = budget_problems(application)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = now
        application.save(update_fields=["status", "submitted_at", "updated_at"])
        audit_record(actor=actor, action="funding.application_submit", target=application)
        lead = organisations_by_id([application.lead_organisation_id])[
            application.lead_organisation_id
        ]
        fact_record(
            kind="funding.application-submitted", province=lead.province, category=lead.kind
        )
    return application


def deadline_shown(call: Call) -> str:
    """The deadline in the call's own zone, with the zone's name."""
    local = timezone.localtime(call.deadline, ZoneInfo(call.time_zone))
    return f"{local:%Y-%m-%d %H:%M} ({call.time_zone})"
