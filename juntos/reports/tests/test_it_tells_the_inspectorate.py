"""A consented referral reaches the inspectorate's people, in their language, with the link."""

from __future__ import annotations

from django.utils import translation

from juntos.accounts.selectors import organisations_by_slug
from juntos.core import tasks
from juntos.reports import selectors, services

STORY = "Nos quitaron los pasaportes"


def ask_consent(personas):
    submission = services.report_submit(
        category="document-confiscation", details=STORY, language="es", province="BC"
    )
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    case = services.case_open(actor=personas.amina, opened=opened)
    agency = organisations_by_slug(["tfw-integrity"])["tfw-integrity"]
    consent = services.consent_request(
        actor=personas.amina, case=case, opened=opened, inspectorate_id=agency.pk
    )
    return submission.receipt_code, consent


def test_a_yes_tells_the_inspectors_in_their_language_in_the_next_round(
    personas, mailoutbox, settings
):
    code, consent = ask_consent(personas)
    services.consent_answer(code=code, consent_id=consent.pk, give=True)
    assert mailoutbox == []  # not at the moment she answered: in the next round
    tasks.deliver_waiting_messages.call()
    [mail] = mailoutbox
    assert mail.to == [personas.ines.email]
    assert personas.ines.preferred_language == "fr"
    with translation.override("fr"):
        subject = translation.gettext("A report referred to your inspectorate")
    assert mail.subject == subject == "Un signalement transmis à votre inspection"
    assert mail.body.startswith("Une personne a accepté")
    assert f"{settings.SITE_URL}/fr/reports/inspectorate/" in mail.body
    assert STORY not in mail.body and "Fraser" not in mail.body


def test_a_no_tells_the_inspectorate_nothing(personas, mailoutbox):
    code, consent = ask_consent(personas)
    services.consent_answer(code=code, consent_id=consent.pk, give=False)
    tasks.deliver_waiting_messages.call()
    assert personas.ines.email not in [to for mail in mailoutbox for to in mail.to]


def test_nobody_outside_the_inspectorate_hears_of_it(personas, mailoutbox):
    code, consent = ask_consent(personas)
    mailoutbox.clear()
    services.consent_answer(code=code, consent_id=consent.pk, give=True)
    tasks.deliver_waiting_messages.call()
    told = {to for mail in mailoutbox for to in mail.to}
    assert told == {personas.ines.email}
    assert personas.dana.email not in told and personas.carl.email not in told
