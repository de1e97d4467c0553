"""Staff pages: triage queue, cases, offers, routing, on-call (the inspectorate: inspector.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.accounts.actors import signed_in
from juntos.accounts.choices import OrganisationKind
from juntos.accounts.selectors import memberships_of, organisations_of_kind, people_with_role
from juntos.core.forms import add_service_errors, submit
from juntos.reports import policies, sealing, selectors, services
from juntos.reports.choices import SUPPORT_STAFF_ROLES, KeyRole, MessageSender, ReferralKind
from juntos.reports.forms import (
    AssignForm,
    BodyForm,
    CaseFilterForm,
    CaseLinkForm,
    CasePlanForm,
    CloseForm,
    ConsentRequestForm,
    OfferAnswerForm,
    OnCallForm,
    ReferralForm,
    RequestDecisionForm,
    RoutingRuleForm,
    StatusForm,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _staff_only(request: HttpRequest) -> set[int]:
    organisation_ids = selectors.staff_organisation_ids(request.user)
    if not organisation_ids:
        raise Http404
    return organisation_ids


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    organisation_ids = _staff_only(request)
    new = list(selectors.triage_queue_for(request.user))
    # Cases where the worker wrote last come first: she is waiting for an answer.
    cases = sorted(
        selectors.cases_for(request.user),
        key=lambda c: getattr(c, "last_sender", "") != MessageSender.WORKER,
    )
    hashes = {k.report.site_hash for k in new if k.report.site_hash} | {
        c.report.site_hash for c in cases if c.report.site_hash
    }
    site_counts = selectors.site_counts_in(organisation_ids, hashes) if hashes else {}
    on_call = {m.organisation_id for m in memberships_of(request.user)} & _my_on_call(
        request.user, organisation_ids
    )
    context = {
        "new": [(k, site_counts.get(k.report.site_hash, 0)) for k in new],
        "cases": [(c, site_counts.get(c.report.site_hash, 0)) for c in cases],
        "offers": list(selectors.offers_for(request.user)),
        "awaiting": list(selectors.requests_awaiting(request.user)),
        "organisations": [
            m.organisation
            for m in memberships_of(request.user)
            if m.organisation_id in organisation_ids and m.role in SUPPORT_STAFF_ROLES
        ],
        "on_call": on_call,
        "can_route": any(policies.can_manage_routing(request.user, o) for o in organisation_ids),
    }
    return render(request, "reports/queue.html", context)


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """Every case of the caseworker's organisations, searched, filtered and sorted."""
    organisation_ids = _staff_only(request)
    people = {
        p.pk: p for o in sorted(organisation_ids) for p in people_with_role(o, SUPPORT_STAFF_ROLES)
    }
    form = CaseFilterForm(request.GET or None, people=list(people.values()))
    # A wrong value in one filter is named on the page; the others still apply.
    chosen: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        chosen = form.cleaned_data
    filters = selectors.CaseFilters(
        employer=chosen.get("employer") or "",
        stage=chosen.get("stage") or "",
        category=chosen.get("category") or "",
        province=chosen.get("province") or "",
        assignee=chosen.get("assignee") or "",
        include_closed=bool(chosen.get("include_closed")),
        sort=chosen.get("sort") or "due",
    )
    rows = selectors.case_list_for(request.user, filters)
    return render(
        request,
        "reports/case_list.html",
        {"form": form, "rows": rows, "filtered": filters != selectors.CaseFilters()},
        status=400 if form.is_bound and form.errors else 200,
    )


def _my_on_call(user: Any, organisation_ids: set[int]) -> set[int]:
    return {o for o in organisation_ids if user.pk in selectors.on_call_user_ids(o)}


@login_required
@require_POST
def on_call(request: HttpRequest) -> HttpResponse:
    organisation_ids = _staff_only(request)
    form = OnCallForm(request.POST)
    if not form.is_valid() or form.cleaned_data["organisation"] not in organisation_ids:
        raise Http404
    person = signed_in(request)
    services.on_call_set(
        actor=person,
        organisation_id=form.cleaned_data["organisation"],
        person=person,
        on_call=form.cleaned_data["on_call"],
    )
    return redirect("reports:queue")


@login_required
@require_GET
def report_detail(request: HttpRequest, report_id: str) -> HttpResponse:
    opened = selectors.get_report_for(request.user, report_id)
    case = (
        getattr(opened.report, "case", None)
        if opened.key and opened.key.role != KeyRole.RECIPIENT
        else None
    )
    if case is not None:
        return redirect("reports:case", case_id=case.pk)
    return render(request, "reports/report.html", report_context(opened))


def report_context(opened: selectors.OpenedReport) -> dict[str, Any]:
    content = opened.content
    site_id = content.get("employer_site_id")
    site = selectors.employer_site_choice(site_id if isinstance(site_id, int) else None)
    return {
        "opened": opened,
        "report": opened.report,
        "content": content,
        "site_label": site[1] if site else "",
        "attachments": selectors.attachment_names(opened),
        "pattern": selectors.site_pattern_for(opened),
        "threshold": selectors.suppression_threshold(),
    }


@login_required
@require_POST
def case_open(request: HttpRequest, report_id: str) -> HttpResponse:
    opened = selectors.get_report_for(request.user, report_id)
    try:
        case = services.case_open(actor=request.user, opened=opened)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:queue")
    messages.success(request, _("Case opened."))
    return redirect("reports:case", case_id=case.pk)


def _explains_a_case_let_go(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A case the organisation transferred away, or whose offer it declined, is no longer its
    own: say so on a page of the site (403) instead of a bare "not found"."""

    @wraps(view)
    def wrapped(request: HttpRequest, case_id: int, **kwargs: int) -> HttpResponse:
        try:
            return view(request, case_id, **kwargs)
        except Http404:
            left = (
                None
                if _still_visible(request, case_id)
                else selectors.case_left_by(request.user, case_id)
            )
            if left is None:
                raise
            return render(request, "reports/case_let_go.html", {"referral": left}, status=403)

    return wrapped


@login_required
@_explains_a_case_let_go
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case, opened = selectors.get_case_for(request.user, case_id)
    return render(request, "reports/case.html", _case_context(request, case, opened))


def _case_context(
    request: HttpRequest, case: Any, opened: selectors.OpenedReport, **forms: Any
) -> dict[str, Any]:
    manage = policies.can_manage_case(request.user, case)
    assert opened.key is not None
    referrals = selectors.referrals_of(case)
    context = report_context(opened) | {
        "case": case,
        # An organisation only offered the case reads the report, not the conversation.
        "thread": selectors.thread_of(opened) if opened.key.role != KeyRole.OFFERED else [],
        "notes": selectors.notes_of(case, opened) if opened.key.role != KeyRole.OFFERED else [],
        "referrals": referrals,
        # The inspectorate reads the thread from the worker's yes: the caseworkers are told.
        "inspected": any(r.kind == ReferralKind.INSPECTORATE for r in referrals),
        "consents": selectors.consents_of(case.report),
        "can_work": policies.can_work_on_case(request.user, case, opened.key),
        "can_manage": manage,
        "can_reopen": policies.can_reopen_case(request.user, case),
        "related": selectors.related_cases_for(request.user, case, opened),
        "can_read_contact": policies.can_read_contact(request.user, case),
        "requests": _requests(request, case, opened, forms.pop("decision_form", None)),
        "can_approve": policies.is_approver(request.user, case),
        "needs_approval": selectors.needs_approval(case.owner_id) if manage else False,
        "offer": selectors.pending_offer_to(case, opened.key.organisation_id)
        if opened.key.role == KeyRole.OFFERED
        else None,
    }
    if manage:
        context |= _manage_forms(case)
    return (
        context
        | {
            "note_form": _body_form("note"),
            "message_form": _body_form("message"),
            "link_form": CaseLinkForm(),
        }
        | forms
    )


def _requests(
    request: HttpRequest, case: Any, opened: selectors.OpenedReport, bound: Any
) -> list[tuple[Any, str, Any]]:
    """The owner's requests to a supervisor, each with its own decision form (one prefix per
    request, so two pending requests never share field ids); a rejected one comes back as typed."""
    if not policies.is_support_staff(request.user, case.owner_id):
        return []
    listed = []
    for asked, reason in selectors.requests_of(case, opened):
        prefix = f"r{asked.pk}"
        form = bound if bound is not None and bound.prefix == prefix else None
        listed.append((asked, reason, form or RequestDecisionForm(prefix=prefix)))
    return listed


def _manage_forms(case: Any) -> dict[str, Any]:
    """The owner's forms: assign, status, close, refer or transfer, ask consent."""
    support = organisations_of_kind(OrganisationKind.SUPPORT_NONPROFIT)
    agencies = organisations_of_kind(OrganisationKind.GOVERNMENT_AGENCY)
    people = list(people_with_role(case.owner_id, SUPPORT_STAFF_ROLES))
    return {
        "assign_form": AssignForm(initial={"assignee": case.assigned_to_id}, people=people),
        "status_form": StatusForm(initial={"status": case.status}),
        "close_form": CloseForm(),
        "plan_form": CasePlanForm(initial={"priority": case.priority, "due_on": case.due_on}),
        "referral_form": ReferralForm(organisations=[o for o in support if o.pk != case.owner_id]),
        "consent_form": ConsentRequestForm(agencies=list(agencies)),
    }


def _case_action(
    handler: Callable[[HttpRequest, Any, selectors.OpenedReport], str],
) -> Callable[..., HttpResponse]:
    """POST-only case action: fetch with authorisation, run, say what happened, go back."""

    @login_required
    @_explains_a_case_let_go
    @require_POST
    def view(request: HttpRequest, case_id: int) -> HttpResponse:
        case, opened = selectors.get_case_for(request.user, case_id)
        try:
            done = handler(request, case, opened)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("reports:case", case_id=case.pk)
        if done:
            messages.success(request, done)
        return (
            redirect("reports:case", case_id=case.pk)
            if _still_visible(request, case.pk)
            else redirect("reports:queue")
        )

    view.__name__ = handler.__name__
    return view


def _still_visible(request: HttpRequest, case_id: int) -> bool:
    try:
        selectors.get_case_for(request.user, case_id)
    except Http404:
        return False
    return True


def _valid(form: Any) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError(_("Please check what you typed."))
    return dict(form.cleaned_data)


@_case_action
def case_assign(request: HttpRequest, case: Any, opened: selectors.OpenedReport) -> str:
    data = _valid(
        AssignForm(request.POST, people=list(people_with_role(case.owner_id, SUPPORT_STAFF_ROLES)))
    )
    services.case_assign(actor=request.user, case=case, assignee_id=data["assignee"])
    return _("Assignment saved.")


@_case_action
def case_status(request: HttpRequest, case: Any, opened: selectors.OpenedReport) -> str:
    services.case_set_status(
        actor=request.user, case=case, status=_valid(StatusForm(request.POST))["status"]
    )
    return _("Status saved.")


def submitted(form: Any, write: Callable[[dict[str, Any]], object]) -> bool:
    """Whether the form was valid and the service took it (core's `submit`, given what was
    typed); a service's PermissionDenied is the 404 every forbidden page here is."""
    try:
        return submit(form, lambda: write(form.cleaned_data) or True) is not None
    except PermissionDenied as exc:
        raise Http404 from exc


_BODY_LABELS = {"note": _lazy("New note"), "message": _lazy("Message to the worker")}


def _body_form(name: str, data: Any = None) -> BodyForm:
    return BodyForm(data, auto_id=f"{name}-%s", label=_BODY_LABELS[name])


def _case_text(
    name: str, write: Callable[..., object], done: StrOrPromise
) -> Callable[..., HttpResponse]:
    """A note or a message on the case page: one refused comes back on the page as typed, with
    the reason beside it (a text someone took time to write is never lost)."""

    @login_required
    @_explains_a_case_let_go
    @require_POST
    def view(request: HttpRequest, case_id: int) -> HttpResponse:
        case, opened = selectors.get_case_for(request.user, case_id)
        form = _body_form(name, request.POST)

        def take(data: dict[str, Any]) -> object:
            return write(actor=request.user, case=case, opened=opened, body=data["body"])

        if submitted(form, take):
            messages.success(request, done)
            return redirect("reports:case", case_id=case.pk)
        context = _case_context(request, case, opened, **{f"{name}_form": form})
        return render(request, "reports/case.html", context, status=400)

    view.__name__ = f"case_{name}"
    return view


case_note = _case_text(
    "note", services.case_note_add, _lazy("Note saved. The worker does not see notes.")
)
case_message = _case_text(
    "message",
    services.case_message_send,
    _lazy("Message sent. The worker reads it with the receipt code."),
)


@_case_action
def case_refer(request: HttpRequest, case: Any, opened: selectors.OpenedReport) -> str:
    organisations = list(organisations_of_kind(OrganisationKind.SUPPORT_NONPROFIT))
    data = _valid(ReferralForm(request.POST, organisations=organisations))
    if data["kind"] == ReferralKind.TRANSFER and selectors.needs_approval(case.owner_id):
        services.case_transfer_request(
            actor=request.user, case=case, to_organisation_id=data["to_organisation"]
        )
        return _("Sent to a supervisor. The transfer is offered once a supervisor approves it.")
    services.referral_create(
        actor=request.user,
        case=case,
        opened=opened,
        to_organisation_id=data["to_organisation"],
        kind=data["kind"],
    )
    return _("Sent. The other organisation will accept or decline.")


@_case_action
def case_consent(request: HttpRequest, case: Any, opened: selectors.OpenedReport) -> str:
    data = _valid(
        ConsentRequestForm(
            request.POST, agencies=list(organisations_of_kind(OrganisationKind.GOVERNMENT_AGENCY))
        )
    )
    services.consent_request(
        actor=request.user, case=case, opened=opened, inspectorate_id=data["inspectorate"]
    )
    return _("The worker has been asked. The referral is sent only if the worker agrees.")


@_case_action
def case_close(request: HttpRequest, case: Any, opened: selectors.OpenedReport) -> str:
    outcome = _valid(CloseForm(request.POST))["outcome"]
    if selectors.needs_approval(case.owner_id):
        services.case_close_request(actor=request.user, case=case, outcome=outcome)
        return _("Sent to a supervisor. The case closes once a supervisor approves it.")
    services.case_close(actor=request.user, case=case, outcome=outcome)
    return _("Case closed.")


@login_required
@_explains_a_case_let_go
@require_POST
def case_request_decide(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    """A supervisor approves or refuses a request; a refusal without a reason, or the asker
    trying to decide her own request, is shown again on the case page with the reason."""
    case, opened = selectors.get_case_for(request.user, case_id)
    asked = selectors.get_request_of(case, request_id)
    form = RequestDecisionForm(request.POST, prefix=f"r{asked.pk}")
    if submitted(
        form,
        lambda data: services.case_request_decide(
            actor=request.user,
            request=asked,
            opened=opened,
            approve=data["decision"] == "approve",
            reason=data["reason"],
        ),
    ):
        messages.success(request, _("Decision saved. The caseworker has been told."))
        return redirect("reports:case", case_id=case.pk)
    if not policies.is_approver(request.user, case):
        if not policies.asked_it_herself(request.user, asked):
            raise Http404
        # The caseworker who asked has no decision form: she is told why on the case page.
        messages.error(
            request,
            _("You asked for this yourself, so another supervisor must approve or refuse it."),
        )
        return redirect("reports:case", case_id=case.pk)
    context = _case_context(request, case, opened, decision_form=form)
    return render(request, "reports/case.html", context, status=400)


@login_required
@_explains_a_case_let_go
@require_POST
def case_plan(request: HttpRequest, case_id: int) -> HttpResponse:
    """Priority and due date; a rejected date is shown again with the reason, as typed."""
    case, opened = selectors.get_case_for(request.user, case_id)
    form = CasePlanForm(request.POST)
    if submitted(
        form,
        lambda data: services.case_plan_set(
            actor=request.user, case=case, priority=data["priority"], due_on=data["due_on"]
        ),
    ):
        messages.success(request, _("Priority and due date saved."))
        return redirect("reports:case", case_id=case.pk)
    if not policies.can_manage_case(request.user, case):
        raise Http404
    context = _case_context(request, case, opened, plan_form=form)
    return render(request, "reports/case.html", context, status=400)


@login_required
@_explains_a_case_let_go
@require_POST
def case_link(request: HttpRequest, case_id: int) -> HttpResponse:
    """Link this case to another one the caseworker works on; a wrong number is said, as typed."""
    case, opened = selectors.get_case_for(request.user, case_id)
    form = CaseLinkForm(request.POST)
    if form.is_valid():
        try:
            other, other_opened = selectors.get_case_for(request.user, form.cleaned_data["other"])
            services.case_link(
                actor=request.user, case=case, opened=opened, other=other, other_opened=other_opened
            )
        except (Http404, PermissionDenied):
            form.add_error("other", _("None of the cases you work on has this number."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Cases linked."))
            return redirect("reports:case", case_id=case.pk)
    assert opened.key is not None
    if not policies.can_work_on_case(request.user, case, opened.key):
        raise Http404
    context = _case_context(request, case, opened, link_form=form)
    return render(request, "reports/case.html", context, status=400)


@login_required
@_explains_a_case_let_go
@require_POST
def case_unlink(request: HttpRequest, case_id: int, other_id: int) -> HttpResponse:
    case, opened = selectors.get_case_for(request.user, case_id)
    other, other_opened = selectors.get_case_for(request.user, other_id)
    try:
        services.case_unlink(
            actor=request.user, case=case, opened=opened, other=other, other_opened=other_opened
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("Link removed."))
    return redirect("reports:case", case_id=case.pk)


@_case_action
def case_reopen(request: HttpRequest, case: Any, opened: selectors.OpenedReport) -> str:
    services.case_reopen(actor=request.user, case=case)
    return _("Case reopened.")


@login_required
@_explains_a_case_let_go
@require_POST
def case_contact(request: HttpRequest, case_id: int) -> HttpResponse:
    case, opened = selectors.get_case_for(request.user, case_id)
    try:
        contact = services.case_contact_read(actor=request.user, case=case, opened=opened)
    except PermissionDenied as exc:
        raise Http404 from exc
    return render(request, "reports/contact.html", {"case": case, "contact": contact})


@login_required
@require_POST
def offer_answer(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.get_offer_for(request.user, referral_id)
    form = OfferAnswerForm(request.POST)
    if not form.is_valid():
        raise Http404
    services.referral_respond(
        actor=request.user, referral=referral, accept=form.cleaned_data["accept"] == "yes"
    )
    if form.cleaned_data["accept"] == "yes":
        return redirect("reports:case", case_id=referral.case_id)
    return redirect("reports:queue")


@login_required
@require_GET
def attachment(request: HttpRequest, attachment_id: str) -> HttpResponse:
    found, opened = selectors.get_attachment_for(request.user, attachment_id)
    data = sealing.open_bytes(
        opened.data_key, opened.report.pk, f"file:{found.pk}", found.sealed_data
    )
    response = HttpResponse(data, content_type=found.content_type)
    response["Content-Disposition"] = "attachment"
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _routing_organisations(request: HttpRequest) -> list[Any]:
    found = [
        m.organisation
        for m in memberships_of(request.user)
        if policies.can_manage_routing(request.user, m.organisation_id)
        and m.organisation.kind == OrganisationKind.SUPPORT_NONPROFIT
    ]
    unique = {o.pk: o for o in found}
    if not unique:
        raise Http404
    return list(unique.values())


@login_required
@require_http_methods(["GET", "POST"])
def routing(request: HttpRequest) -> HttpResponse:
    organisations = _routing_organisations(request)
    form = RoutingRuleForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.routing_rule_add(
                actor=request.user,
                organisation_id=form.cleaned_data["organisation"],
                province=form.cleaned_data["province"],
                language=form.cleaned_data["language"],
                category=form.cleaned_data["category"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Rule added."))
            return redirect("reports:routing")
    rules = selectors.routing_rules_for({o.pk for o in organisations})
    return render(
        request,
        "reports/routing.html",
        {"form": form, "rules": rules},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def routing_delete(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = selectors.get_routing_rule_for(request.user, rule_id)
    services.routing_rule_remove(actor=request.user, rule=rule)
    messages.success(request, _("Rule removed."))
    return redirect("reports:routing")
