"""Reports go to the organisations that serve them; emergencies alert the on-call caseworkers."""

from __future__ import annotations

from django.urls import reverse

from juntos.accounts.selectors import organisations_by_slug
from juntos.core.models import OutboxMessage
from juntos.reports import services
from juntos.reports.models import ReportKey
from juntos.reports.tests.factories import SubmissionFactory


def orgs():
    return organisations_by_slug(
        ["fraser-valley-support", "niagara-workers-centre", "mwsn-secretariat"]
    )


def holders(report):
    return set(ReportKey.objects.filter(report=report).values_list("organisation__slug", flat=True))


def test_without_rules_a_report_goes_to_support_groups_of_its_province(personas):
    assert holders(SubmissionFactory.create(province="BC").report) == {"fraser-valley-support"}
    assert holders(SubmissionFactory.create(province="ON").report) == {"niagara-workers-centre"}
    # Nobody serves Yukon: the report must not be lost, so every support group gets it.
    assert holders(SubmissionFactory.create(province="YT").report) == {
        "fraser-valley-support",
        "niagara-workers-centre",
    }


def test_routing_rules_match_province_language_and_category(personas):
    o = orgs()
    services.routing_rule_add(
        actor=_supervisor(personas, o["niagara-workers-centre"]),
        organisation_id=o["niagara-workers-centre"].pk,
        province="BC",
        language="fr",
        category="",
    )
    assert holders(SubmissionFactory.create(province="BC", language="fr").report) == {
        "niagara-workers-centre"
    }
    assert holders(SubmissionFactory.create(province="BC", language="es").report) == {
        "fraser-valley-support"
    }


def test_routing_is_remembered_briefly_and_forgotten_when_a_rule_changes(personas):
    from django.core.cache import caches

    from juntos.reports.selectors import routing_organisation_ids
    from juntos.testing.queries import assert_max_queries

    o = orgs()
    where = {"province": "BC", "language": "fr", "category": "wage-theft"}
    assert routing_organisation_ids(**where) == [o["fraser-valley-support"].pk]
    with assert_max_queries(0):  # most submissions are routed from memory
        assert routing_organisation_ids(**where) == [o["fraser-valley-support"].pk]
    rule = services.routing_rule_add(
        actor=_supervisor(personas, o["niagara-workers-centre"]),
        organisation_id=o["niagara-workers-centre"].pk,
        province="BC",
        language="fr",
        category="",
    )
    assert routing_organisation_ids(**where) == [o["niagara-workers-centre"].pk]
    services.routing_rule_remove(actor=personas.dana, rule=rule)
    assert routing_organisation_ids(**where) == [o["fraser-valley-support"].pk]
    # A change made by another process (here: straight in the table) waits for the memory to lapse.
    from juntos.reports.models import RoutingRule

    RoutingRule.objects.create(organisation=o["niagara-workers-centre"], province="BC")
    assert routing_organisation_ids(**where) == [o["fraser-valley-support"].pk]
    caches["local"].clear()  # what ROUTING_MEMORY_SECONDS does on its own
    assert routing_organisation_ids(**where) == [o["niagara-workers-centre"].pk]


def _supervisor(personas, organisation):
    from juntos.accounts.services import membership_grant

    membership_grant(actor=None, user=personas.dana, organisation=organisation, role="supervisor")
    return personas.dana


def test_only_supervisors_manage_routing(personas, client_as):
    assert client_as("amina").get(reverse("reports:routing")).status_code == 404
    o = orgs()
    _supervisor(personas, o["niagara-workers-centre"])
    dana = client_as("dana")
    response = dana.post(
        reverse("reports:routing"),
        {
            "organisation": o["niagara-workers-centre"].pk,
            "province": "ON",
            "language": "",
            "category": "housing",
        },
    )
    assert response.status_code == 302
    # She cannot add a rule for an organisation she does not manage.
    refused = dana.post(
        reverse("reports:routing"),
        {"organisation": o["fraser-valley-support"].pk, "province": "BC"},
    )
    assert refused.status_code == 400


def test_an_emergency_alerts_the_on_call_caseworker_at_once(
    personas, client_as, django_capture_on_commit_callbacks, mailoutbox
):
    amina = client_as("amina")
    went = amina.post(
        reverse("reports:on_call"),
        {"organisation": orgs()["fraser-valley-support"].pk, "on_call": "on"},
    )
    assert went.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        submission = SubmissionFactory.create(
            category="emergency", details="Nos encerraron en la casa"
        )
    assert [m.to for m in mailoutbox] == [[personas.amina.email]]
    assert "Emergency" in mailoutbox[0].body and "encerraron" not in mailoutbox[0].body
    assert mailoutbox[0].subject == "Emergency report"
    assert submission.report.is_emergency


def test_the_worker_sees_emergency_numbers_immediately(db):
    page = Client_post_emergency()
    assert "911" in page and "1-888-502-9060" in page and "1-866-602-9448" in page


def Client_post_emergency() -> str:
    from django.test import Client

    response = Client().post(
        reverse("reports:intake"),
        {"category": "emergency", "details": "Peligro", "contact_mode": "anonymous"},
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_non_emergency_report_notifies_no_one(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        SubmissionFactory.create(category="housing")
    assert mailoutbox == [] and OutboxMessage.objects.count() == 0


def test_the_intake_form_accepts_prefilled_values(db):
    from django.test import Client

    page = (
        Client()
        .get(
            reverse("reports:intake")
            + "?category=deductions&province=BC&program=sawp-mx&source=compliance"
            + "&details=Descuento+de+vivienda+ilegal&employer_site=999999"
        )
        .content.decode()
    )
    assert "Descuento de vivienda ilegal" in page
    assert 'name="source" value="compliance"' in page
    assert (
        'value="deductions" checked' in page.replace(" required", "")
        or 'value="deductions"' in page
    )
