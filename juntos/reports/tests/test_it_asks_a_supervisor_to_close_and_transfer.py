"""A supervisor approves closures and transfers where the organisation has one; the asker
never decides her own request; a refusal says why; everything is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from juntos.accounts.selectors import organisations_by_slug
from juntos.core.models import AuditEntry
from juntos.reports import selectors, services
from juntos.reports.models import Case, CaseRequest, Referral
from juntos.reports.tests.factories import SubmissionFactory, supervisor_at
from juntos.testing.personas import logged_in_client
from juntos.testing.queries import assert_queries_do_not_grow


def open_case(personas):
    submission = SubmissionFactory.create()
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    return services.case_open(actor=personas.amina, opened=opened)


def case_url(case, name="reports:case", **extra):
    return reverse(name, kwargs={"case_id": case.pk, **extra})


def decide_url(case, request):
    return case_url(case, "reports:case_request_decide", request_id=request.pk)


def actions(case):
    return list(
        AuditEntry.objects.filter(object_id=str(case.pk), action__startswith="reports.close")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_amina_asks_to_close_and_the_supervisor_approves(
    personas, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    sofia = supervisor_at()
    case = open_case(personas)
    amina = client_as("amina")
    with django_capture_on_commit_callbacks(execute=True):
        page = amina.post(
            case_url(case, "reports:case_close"), {"outcome": "resolved"}, follow=True
        )
    assert "Sent to a supervisor" in page.content.decode()
    assert Case.objects.get(pk=case.pk).status == "open"
    asked = CaseRequest.objects.get(case=case)
    assert (asked.kind, asked.outcome, asked.status) == ("close", "resolved", "pending")
    assert [m.to for m in mailoutbox] == [[sofia.email]]
    # In her language (Spanish), with the link to the case in it.
    assert f"/es/reports/cases/{case.pk}/" in mailoutbox[0].body

    # amina cannot approve her own request, and is told why (even were she a supervisor too).
    own = amina.post(decide_url(case, asked), {f"r{asked.pk}-decision": "approve"}, follow=True)
    assert "another supervisor must approve or refuse it" in own.content.decode()
    assert CaseRequest.objects.get(pk=asked.pk).status == "pending"
    with pytest.raises(ValidationError, match="asked for this yourself"):
        services.case_request_decide(
            actor=personas.amina, request=asked, opened=_opened(personas.amina, case), approve=True
        )

    supervisor = logged_in_client(sofia)
    shown = supervisor.get(case_url(case)).content.decode()
    assert "Requests to a supervisor" in shown and "Save the decision" in shown
    with django_capture_on_commit_callbacks(execute=True):
        done = supervisor.post(decide_url(case, asked), {f"r{asked.pk}-decision": "approve"})
    assert done.status_code == 302
    closed = Case.objects.get(pk=case.pk)
    assert (closed.status, closed.outcome) == ("closed", "resolved")
    assert closed.report.stage == "closed"
    assert actions(case) == ["reports.close_requested", "reports.close_approved"]
    assert AuditEntry.objects.filter(action="reports.case_closed", object_id=str(case.pk)).exists()
    assert mailoutbox[-1].to == [personas.amina.email]


def test_a_supervisor_who_asked_is_told_another_must_decide(personas, client_as):
    first, second = supervisor_at(name="Sofia"), supervisor_at(name="Marta")
    case = open_case(personas)
    asked = services.case_close_request(actor=first, case=case, outcome="no-contact")
    own = logged_in_client(first).post(
        decide_url(case, asked), {f"r{asked.pk}-decision": "approve"}
    )
    assert own.status_code == 400
    assert "another supervisor must approve or refuse it" in own.content.decode()
    assert CaseRequest.objects.get(pk=asked.pk).status == "pending"
    logged_in_client(second).post(decide_url(case, asked), {f"r{asked.pk}-decision": "approve"})
    assert Case.objects.get(pk=case.pk).outcome == "no-contact"


def test_a_refusal_needs_a_reason_keeps_what_was_typed_and_is_shown_to_the_asker(
    personas, client_as
):
    sofia = supervisor_at()
    case = open_case(personas)
    asked = services.case_close_request(actor=personas.amina, case=case, outcome="resolved")
    supervisor = logged_in_client(sofia)
    rejected = supervisor.post(decide_url(case, asked), {f"r{asked.pk}-decision": "refuse"})
    assert rejected.status_code == 400
    html = rejected.content.decode()
    assert "Please say why" in html and 'value="refuse" id="id_r' in html
    assert f'value="refuse" id="id_r{asked.pk}-decision_1" checked' in html

    reason = "The employer has not paid the back wages yet."
    supervisor.post(
        decide_url(case, asked), {f"r{asked.pk}-decision": "refuse", f"r{asked.pk}-reason": reason}
    )
    assert Case.objects.get(pk=case.pk).status == "open"
    assert CaseRequest.objects.get(pk=asked.pk).status == "refused"
    assert reason in client_as("amina").get(case_url(case)).content.decode()
    assert actions(case) == ["reports.close_requested", "reports.close_refused"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_reason FROM reports_caserequest")
        assert all(b"back wages" not in bytes(row[0]) for row in cursor.fetchall())


def test_a_transfer_is_offered_only_once_a_supervisor_approves(personas, client_as):
    sofia = supervisor_at()
    niagara = organisations_by_slug(["niagara-workers-centre"])["niagara-workers-centre"]
    case = open_case(personas)
    client_as("amina").post(
        case_url(case, "reports:case_refer"), {"kind": "transfer", "to_organisation": niagara.pk}
    )
    assert not Referral.objects.filter(case=case).exists()
    asked = CaseRequest.objects.get(case=case, kind="transfer")
    assert asked.to_organisation_id == niagara.pk
    logged_in_client(sofia).post(decide_url(case, asked), {f"r{asked.pk}-decision": "approve"})
    offer = Referral.objects.get(case=case)
    assert (offer.kind, offer.status, offer.to_organisation_id) == (
        "transfer",
        "pending",
        niagara.pk,
    )
    assert AuditEntry.objects.filter(action="reports.transfer_approved").exists()
    # A close request still waiting at fraser does not follow the case to its new owner.
    services.case_close_request(actor=personas.amina, case=case, outcome="resolved")
    services.referral_respond(actor=personas.dana, referral=offer, accept=True)
    assert not CaseRequest.objects.filter(case=case, status="pending").exists()


def test_a_transfer_still_waiting_goes_when_the_case_closes(personas):
    sofia = supervisor_at()
    niagara = organisations_by_slug(["niagara-workers-centre"])["niagara-workers-centre"]
    case = open_case(personas)
    services.case_transfer_request(actor=personas.amina, case=case, to_organisation_id=niagara.pk)
    close = services.case_close_request(actor=personas.amina, case=case, outcome="resolved")
    services.case_request_decide(
        actor=sofia, request=close, opened=_opened(sofia, case), approve=True
    )
    left = list(CaseRequest.objects.filter(case=case).values_list("kind", "status"))
    assert left == [("close", "approved")]
    queue = logged_in_client(sofia).get(reverse("reports:queue")).content.decode()
    awaiting = queue.split('id="awaiting-heading"', 1)[-1] if "awaiting-heading" in queue else ""
    assert f"/reports/cases/{case.pk}/" not in awaiting


def test_a_referral_to_help_still_goes_directly(personas, client_as):
    supervisor_at()
    niagara = organisations_by_slug(["niagara-workers-centre"])["niagara-workers-centre"]
    case = open_case(personas)
    client_as("amina").post(
        case_url(case, "reports:case_refer"), {"kind": "referral", "to_organisation": niagara.pk}
    )
    assert Referral.objects.filter(case=case, kind="referral").exists()
    assert not CaseRequest.objects.filter(case=case).exists()


def test_the_rule_closing_directly_only_without_a_supervisor(personas):
    case = open_case(personas)
    with pytest.raises(ValidationError, match="no supervisor"):
        services.case_close_request(actor=personas.amina, case=case, outcome="resolved")
    supervisor_at()
    with pytest.raises(ValidationError, match="supervisor approves closures"):
        services.case_close(actor=personas.amina, case=case, outcome="resolved")
    services.case_close_request(actor=personas.amina, case=case, outcome="resolved")
    with pytest.raises(ValidationError, match="already waiting"):
        services.case_close_request(actor=personas.amina, case=case, outcome="worker-withdrew")


def test_no_one_outside_the_organisation_sees_or_decides_a_request(personas, client_as):
    supervisor_at()
    dana_boss = supervisor_at("niagara-workers-centre", name="Nia")
    case = open_case(personas)
    asked = services.case_close_request(actor=personas.amina, case=case, outcome="resolved")
    for client in (client_as("dana"), client_as("ines"), logged_in_client(dana_boss)):
        response = client.post(decide_url(case, asked), {f"r{asked.pk}-decision": "approve"})
        assert response.status_code == 404
    assert CaseRequest.objects.get(pk=asked.pk).status == "pending"


def test_the_case_page_does_not_grow_with_requests(personas, client_as):
    sofia = supervisor_at()
    case = open_case(personas)
    opened = _opened(sofia, case)

    def add(n):
        for _ in range(n):
            asked = services.case_close_request(actor=personas.amina, case=case, outcome="resolved")
            services.case_request_decide(
                actor=sofia, request=asked, opened=opened, approve=False, reason="Not yet."
            )

    supervisor = logged_in_client(sofia)
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: supervisor.get(case_url(case)), limit=40
    )


def _opened(actor, case):
    return selectors.get_case_for(actor, case.pk)[1]


def test_the_supervisor_finds_what_waits_for_her_on_the_queue_at_constant_cost(personas):
    sofia = supervisor_at()
    mine = services.case_close_request(actor=sofia, case=open_case(personas), outcome="resolved")
    supervisor = logged_in_client(sofia)

    def add(n):
        for _ in range(n):
            services.case_close_request(
                actor=personas.amina, case=open_case(personas), outcome="resolved"
            )

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: supervisor.get(reverse("reports:queue")), limit=20
    )
    page = supervisor.get(reverse("reports:queue")).content.decode()
    awaiting = page.split('id="awaiting-heading"', 1)[1].split("</section>", 1)[0]
    assert awaiting.count("<li>") == awaiting.count("asked by Amina Yusuf") > 0
    assert f"/reports/cases/{mine.case_id}/" not in awaiting
