"""Messages answered, by channel and language, are public figures: suppressed and rounded like
every other table, and on the dashboard as an activity of the logic model."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.utils import timezone

from juntos.channels.services import inbound_message_handle
from juntos.monitoring.models import Fact, Indicator
from juntos.monitoring.selectors import PUBLIC_KINDS, published_table

pytestmark = pytest.mark.django_db


def _send(channel: str, text: str, count: int, first: int) -> None:
    for n in range(count):  # fictional numbers, 555-0100 to 555-0199
        inbound_message_handle(channel=channel, sender=f"+1250555{first + n:04d}", text=text)


def test_messages_by_channel_and_language_are_published_with_small_cells_hidden(settings):
    settings.JUNTOS_SUPPRESSION_THRESHOLD = 5
    _send("sms", "AYUDA", 7, 100)
    _send("sms", "AIDE", 2, 110)
    _send("whatsapp", "HELP", 6, 120)
    assert "channels.message" in PUBLIC_KINDS
    month = timezone.localdate().strftime("%Y-%m")
    table = published_table("channels.message", period=month, group_by=("category", "language"))
    cells = {
        (f.dimensions.get("category"), f.dimensions.get("language")): f.count for f in table.figures
    }
    assert cells[("sms", "fr")] is None  # two messages: never shown
    hidden = [key for key, count in cells.items() if count is None]
    assert len(hidden) >= 2  # and another with it, so that it cannot be worked out
    shown = [count for count in cells.values() if count is not None]
    assert shown and all(count % settings.JUNTOS_ROUNDING_BASE == 0 for count in shown)
    response = Client().get(
        f"/api/monitoring/tables/channels.message/csv?period={month}&by=category&by=language"
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["period", "category", "language", "count", "suppressed"]
    [french_sms] = [r for r in rows[2:] if r[1:3] == ["sms", "fr"]]
    assert french_sms[3:] == ["", "true"]  # empty with a flag, never 0


def test_no_number_or_text_reaches_the_ledger():
    _send("sms", "ESTADO ABCDEFGH", 1, 150)
    table = published_table("channels.message", period=timezone.localdate().strftime("%Y"))
    assert [f.dimensions for f in table.figures] == [{}]
    [fact] = Fact.objects.filter(kind="channels.message")
    assert "5550150" not in fact.dimension_key and "ABCD" not in fact.dimension_key
    assert (fact.category, fact.language, fact.province, fact.organisation_id) == (
        "sms",
        "es",
        "",
        None,
    )


def test_the_dashboard_counts_the_messages_answered(client):
    indicator = Indicator.objects.get(slug="messages-answered")
    assert (indicator.kind, indicator.level, indicator.public) == (
        "channels.message",
        "activity",
        True,
    )
    page = client.get("/es/monitoring/")
    assert "Mensajes respondidos por SMS y WhatsApp" in page.content.decode()
