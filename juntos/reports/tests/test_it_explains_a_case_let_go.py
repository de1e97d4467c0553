"""A case transferred away (or an offer declined) is explained on a page of the site; every other
refusal in reports is the site's own translated "not found" page, never Django's debug page."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from juntos.accounts.selectors import organisations_by_slug
from juntos.reports import selectors, services
from juntos.reports.models import CaseNote
from juntos.reports.tests.factories import SubmissionFactory


def niagara():
    return organisations_by_slug(["niagara-workers-centre"])["niagara-workers-centre"]


def open_case(personas):
    submission = SubmissionFactory.create()
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    return services.case_open(actor=personas.amina, opened=opened)


def offer(personas, case, kind):
    opened = selectors.get_report_for(personas.amina, case.report_id)
    return services.referral_create(
        actor=personas.amina, case=case, opened=opened, to_organisation_id=niagara().pk, kind=kind
    )


def url(name, **kwargs):
    with translation.override("es"):
        return reverse(name, kwargs=kwargs)


def test_after_a_transfer_the_old_owner_is_told_it_is_no_longer_hers(personas, client_as):
    case = open_case(personas)
    services.referral_respond(
        actor=personas.dana, referral=offer(personas, case, "transfer"), accept=True
    )
    amina = client_as("amina")

    page = amina.get(url("reports:case", case_id=case.pk))
    assert page.status_code == 403
    html = page.content.decode()
    assert '<html lang="es"' in html and "Este caso ya no está con su organización" in html
    assert escape(niagara().name) in html
    assert "Juntos" in html  # the site's layout, not a bare error

    note = amina.post(url("reports:case_note", case_id=case.pk), {"body": "nota"})
    assert note.status_code == 403
    assert not CaseNote.objects.filter(case=case).exists()


def test_an_organisation_that_declined_an_offer_is_told_so(personas, client_as):
    case = open_case(personas)
    services.referral_respond(
        actor=personas.dana, referral=offer(personas, case, "referral"), accept=False
    )
    page = client_as("dana").get(url("reports:case", case_id=case.pk))
    assert page.status_code == 403
    assert "rechazó la oferta" in page.content.decode()


def test_an_organisation_that_still_holds_the_case_sees_it(personas, client_as):
    case = open_case(personas)
    services.referral_respond(
        actor=personas.dana, referral=offer(personas, case, "referral"), accept=False
    )
    services.referral_respond(
        actor=personas.dana, referral=offer(personas, case, "transfer"), accept=True
    )
    assert client_as("dana").get(url("reports:case", case_id=case.pk)).status_code == 200


def test_every_other_refusal_is_the_sites_translated_not_found_page(personas, client_as):
    case = open_case(personas)
    submission = SubmissionFactory.create()
    pages = [
        url("reports:case", case_id=case.pk),
        url("reports:report", report_id=submission.report.pk),
        url("reports:queue"),
        url("reports:case_list"),
        url("reports:inspector_list"),
        url("reports:routing"),
        url("reports:case", case_id=999999),
    ]
    for persona in ("carl", "ben"):
        client = client_as(persona)
        for page in pages:
            response = client.get(page)
            assert response.status_code == 404, page
            html = response.content.decode()
            assert "No encontramos esta página" in html, page
            assert "Traceback" not in html and "URLconf" not in html, page
    # dana, of another organisation that never held it: a plain "not found" too.
    response = client_as("dana").get(url("reports:case", case_id=case.pk))
    assert response.status_code == 404
    assert "No encontramos esta página" in response.content.decode()
