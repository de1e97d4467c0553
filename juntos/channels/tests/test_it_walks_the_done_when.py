"""The issue's walk, in the simulator, as a new user would do it (no provider anywhere)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from juntos.channels.models import OptOut
from juntos.core.services import notify
from juntos.reports.tests.factories import SubmissionFactory
from juntos.rights.models import ArticleVersion, Subscription
from juntos.rights.services import content_load
from juntos.testing.outbox import outbox_messages

pytestmark = pytest.mark.django_db

ROSA = "+12505550142"
SIMULATOR = "/es/channels/simulator/"


def _reply(page: str) -> str:
    section = page.split('id="reply-heading"', 1)[1].split("</section>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section)).strip()


def test_status_rights_alerts_stop_and_the_voice_line_in_the_simulator(
    client_as, django_capture_on_commit_callbacks
):
    content_load(notify_subscribers=False)
    submission = SubmissionFactory.create()
    admin = client_as("admin")

    def text(channel: str, words: str) -> str:
        with django_capture_on_commit_callbacks(execute=True):  # the worker sends the reply
            sent = admin.post(SIMULATOR, {"channel": channel, "number": ROSA, "text": words})
        assert sent.status_code == 302
        response = admin.get(sent["Location"])
        assert response.status_code == 200
        return response.content.decode()

    # ESTADO <code>: the stage, in Spanish.
    status = _reply(text("sms", f"ESTADO {submission.receipt_code}"))
    assert "Juntos: su reporte está: Recibido." in status

    # DERECHOS vivienda: the BC SAWP housing answer with its link.
    rights = _reply(text("sms", "DERECHOS vivienda"))
    assert "/es/rights/articles/bc-sawp-housing-deduction/" in rights

    # Alerts by SMS; a rights change is published; the alert arrives.
    assert "Columbia Británica" in _reply(text("sms", "ALERTAS SI"))
    assert Subscription.objects.get().confirmed
    ben, slug = client_as("ben"), "bc-sawp-housing-deduction"
    with django_capture_on_commit_callbacks(execute=True):
        ben.post(reverse("rights:editor_article", kwargs={"slug": slug}))
        draft = ArticleVersion.objects.filter(article__slug=slug).latest("number")
        action = reverse("rights:editor_version_action", kwargs={"version_id": draft.pk})
        ben.post(action, {"action": "submit"})
        admin.post(action, {"action": "publish"})
    alert = outbox_messages(ROSA)[-1]
    assert "/es/rights/articles/bc-sawp-housing-deduction/changes/" in alert.body

    # ALTO: one confirmation, then nothing more on any channel.
    assert "no recibirá más mensajes" in _reply(text("sms", "ALTO"))
    count = len(outbox_messages(ROSA))
    assert OptOut.objects.count() == 1 and not Subscription.objects.get().active
    assert "No hay respuesta todavía" in _reply(text("whatsapp", "AYUDA"))
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="whatsapp", recipient=ROSA, body="any other part of Juntos")
        notify(channel="sms", recipient=ROSA, body="any other part of Juntos")
    assert len(outbox_messages(ROSA)) == count

    # The voice line: Spanish, status, the phone code, the stage.
    def press(digits: str, state: str) -> tuple[str, str]:
        response = admin.post(
            SIMULATOR,
            {"channel": "voice", "number": ROSA, "digits": digits, "voice_state": state},
        )
        page = response.content.decode()
        found = re.search(r'name="voice_state" value="([^"]*)"', page)
        return _reply(page), (found.group(1).replace("&amp;", "&") if found else "")

    said, state = press("", "")
    assert "Para español, marque 1" in said
    said, state = press("1", state)
    said, state = press("2", state)
    assert "30 dígitos" in said
    said, state = press(submission.numeric_code.replace(" ", ""), state)
    assert "Su reporte está: Recibido." in said and state == ""
