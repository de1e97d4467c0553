"""Several independent reports about one employer site show up, without exposing small counts."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from juntos.reports import selectors, services
from juntos.reports.tests.factories import SubmissionFactory

SITE = 4242


def case_page_for(personas, client_as, report):
    opened = selectors.get_report_for(personas.amina, report.pk)
    case = services.case_open(actor=personas.amina, opened=opened)
    return (
        client_as("amina")
        .get(reverse("reports:case", kwargs={"case_id": case.pk}))
        .content.decode()
    )


def test_caseworkers_see_their_own_counts_and_the_network_only_above_the_threshold(
    personas, client_as, settings
):
    settings.JUNTOS_SUPPRESSION_THRESHOLD = 5
    reports = [
        SubmissionFactory.create(employer_site_id=SITE, province="BC").report for _ in range(3)
    ]
    SubmissionFactory.create(employer_site_id=SITE, province="ON")
    SubmissionFactory.create(employer_site_id=SITE + 1, province="BC")
    page = case_page_for(personas, client_as, reports[0])
    assert "3 reports about this employer site reached your organisation" in page
    assert "Across the network: fewer than 5." in page
    SubmissionFactory.create(employer_site_id=SITE, province="ON")
    page = case_page_for(personas, client_as, reports[1])
    assert "Across the network: 5." in page


def test_the_site_is_kept_only_as_a_keyed_hash(personas):
    report = SubmissionFactory.create(employer_site_id=SITE).report
    assert str(SITE) not in report.site_hash and len(report.site_hash) == 64


def test_when_the_registry_knows_no_match_the_intake_keeps_the_free_text(db):
    response = Client().post(
        reverse("reports:intake"),
        {"employer_name": "Granja Luna", "find_employer": "1", "details": "algo"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Granja Luna" in page and "algo" in page
    assert "keep the name as you typed it" in page


def test_the_registry_offers_matching_sites(db):
    from juntos.registry.tests import factories as registry_factories

    owner = registry_factories.employer("Okanagan Orchards Ltd.")
    site = registry_factories.site(owner, name="Kelowna north", province="BC")
    page = (
        Client()
        .post(reverse("reports:intake"), {"employer_name": "okanagan", "find_employer": "1"})
        .content.decode()
    )
    assert "Okanagan Orchards Ltd. — Kelowna north (BC)" in page and f'value="{site.pk}"' in page
