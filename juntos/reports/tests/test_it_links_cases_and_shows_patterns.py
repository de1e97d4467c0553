"""Linked cases and same-site patterns on the case page; the inspectorate sees aggregates only,
and other reports only where their workers consented."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from juntos.accounts.selectors import organisations_by_slug
from juntos.core.models import AuditEntry
from juntos.reports import selectors, services
from juntos.reports.models import CaseLink
from juntos.reports.tests.factories import SubmissionFactory

SITE = 424242


def open_case(personas, **kwargs):
    submission = SubmissionFactory.create(**kwargs)
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    return submission, services.case_open(actor=personas.amina, opened=opened)


def page(client, case):
    return client.get(reverse("reports:case", kwargs={"case_id": case.pk}))


def test_three_reports_about_one_orchard_show_as_a_pattern(personas, client_as):
    cases = [open_case(personas, employer_site_id=SITE)[1] for _ in range(3)]
    _, elsewhere = open_case(personas, employer_site_id=SITE + 1)
    response = page(client_as("amina"), cases[0])
    related = response.context["related"]
    assert {c.pk for c in related.same_site} == {cases[1].pk, cases[2].pk}
    assert "3 reports about this employer site" in response.content.decode()
    assert elsewhere.pk not in {c.pk for c in related.same_site}


def test_amina_links_and_unlinks_cases_and_each_is_audited(personas, client_as):
    _, first = open_case(personas)
    _, second = open_case(personas)
    amina = client_as("amina")
    amina.post(reverse("reports:case_link", kwargs={"case_id": second.pk}), {"other": first.pk})
    assert CaseLink.objects.filter(case=first, other=second).exists()
    assert [c.pk for c in page(amina, first).context["related"].linked] == [second.pk]
    assert [c.pk for c in page(amina, second).context["related"].linked] == [first.pk]

    amina.post(reverse("reports:case_unlink", kwargs={"case_id": first.pk, "other_id": second.pk}))
    assert not CaseLink.objects.exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="reports.cases_").values_list(
            "action", flat=True
        )
    ) == ["reports.cases_linked", "reports.cases_unlinked"]


def test_a_case_she_may_not_see_cannot_be_linked_and_the_number_typed_stays(personas, client_as):
    _, mine = open_case(personas)
    other = SubmissionFactory.create(province="ON").report  # routed to another organisation
    dana_opened = selectors.get_report_for(personas.dana, other.pk)
    theirs = services.case_open(actor=personas.dana, opened=dana_opened)
    with translation.override("es"):
        url = reverse("reports:case_link", kwargs={"case_id": mine.pk})
    response = client_as("amina").post(url, {"other": theirs.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'value="{theirs.pk}"' in html
    assert "Ninguno de los casos" in html
    assert not CaseLink.objects.exists()
    itself = client_as("amina").post(url, {"other": mine.pk})
    assert itself.status_code == 400 and not CaseLink.objects.exists()


def test_dana_sees_no_link_to_a_case_she_does_not_work_on(personas, client_as):
    # dana's organisation helps on one case; the case it is linked to stays hidden from her.
    niagara = organisations_by_slug(["niagara-workers-centre"])["niagara-workers-centre"]
    _, helped = open_case(personas)
    _, hidden = open_case(personas)
    case, opened = selectors.get_case_for(personas.amina, helped.pk)
    other, other_opened = selectors.get_case_for(personas.amina, hidden.pk)
    services.case_link(
        actor=personas.amina, case=case, opened=opened, other=other, other_opened=other_opened
    )
    referral = services.referral_create(
        actor=personas.amina,
        case=case,
        opened=opened,
        to_organisation_id=niagara.pk,
        kind="referral",
    )
    services.referral_respond(actor=personas.dana, referral=referral, accept=True)
    response = page(client_as("dana"), helped)
    assert response.status_code == 200
    assert response.context["related"].linked == []
    assert f"#{hidden.pk}" not in response.content.decode()


def test_the_inspector_sees_the_pattern_only_as_a_count_and_consented_reports(
    personas, client_as, settings
):
    settings.JUNTOS_SUPPRESSION_THRESHOLD = 3
    agency = organisations_by_slug(["tfw-integrity"])["tfw-integrity"]
    referred = []
    for _ in range(2):
        submission, case = open_case(personas, employer_site_id=SITE)
        opened = selectors.get_report_for(personas.amina, case.report_id)
        consent = services.consent_request(
            actor=personas.amina, case=case, opened=opened, inspectorate_id=agency.pk
        )
        services.consent_answer(code=submission.receipt_code, consent_id=consent.pk, give=True)
        referred.append(selectors.inspector_referrals_for(personas.ines).get(consent=consent))
    _, unconsented = open_case(personas, employer_site_id=SITE, details="Nadie consintió esto.")
    ines = client_as("ines")
    response = ines.get(reverse("reports:inspector_detail", kwargs={"referral_id": referred[0].pk}))
    pattern = response.context["inspector_pattern"]
    assert pattern.in_network == 3
    assert [r.pk for r in pattern.referred] == [referred[1].pk]
    html = response.content.decode()
    assert "Nadie consintió" not in html and escape(f"#{unconsented.pk}") not in html
    settings.JUNTOS_SUPPRESSION_THRESHOLD = 4
    response = ines.get(reverse("reports:inspector_detail", kwargs={"referral_id": referred[0].pk}))
    assert response.context["inspector_pattern"].in_network is None


def test_the_case_page_does_not_grow_with_linked_and_same_site_cases(personas, client_as):
    from juntos.testing.queries import assert_queries_do_not_grow

    _, case = open_case(personas, employer_site_id=SITE)
    case, opened = selectors.get_case_for(personas.amina, case.pk)
    amina = client_as("amina")

    def add(n):
        for i in range(n):
            _, other = open_case(personas, employer_site_id=SITE if i % 2 else None)
            other, other_opened = selectors.get_case_for(personas.amina, other.pk)
            services.case_link(
                actor=personas.amina,
                case=case,
                opened=opened,
                other=other,
                other_opened=other_opened,
            )

    url = reverse("reports:case", kwargs={"case_id": case.pk})
    assert_queries_do_not_grow(add_items=add, fetch=lambda: amina.get(url), limit=28)


def test_the_inspector_page_does_not_grow_with_consented_reports_about_the_site(
    personas, client_as
):
    from juntos.testing.queries import assert_queries_do_not_grow

    agency = organisations_by_slug(["tfw-integrity"])["tfw-integrity"]

    def refer():
        submission, case = open_case(personas, employer_site_id=SITE)
        opened = selectors.get_report_for(personas.amina, case.report_id)
        consent = services.consent_request(
            actor=personas.amina, case=case, opened=opened, inspectorate_id=agency.pk
        )
        services.consent_answer(code=submission.receipt_code, consent_id=consent.pk, give=True)
        return selectors.inspector_referrals_for(personas.ines).get(consent=consent)

    first = refer()
    ines = client_as("ines")
    url = reverse("reports:inspector_detail", kwargs={"referral_id": first.pk})
    assert_queries_do_not_grow(
        add_items=lambda n: [refer() for _ in range(n)], fetch=lambda: ines.get(url), limit=16
    )
