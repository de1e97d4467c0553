"""Keywords in Spanish, English and French, case and accents ignored, answered by SMS."""

from __future__ import annotations

import pytest

from juntos.channels.keywords import Kind, parse
from juntos.channels.models import Correspondent, OptOut
from juntos.channels.tests.conftest import ROSA
from juntos.core.segments import MAX_SEGMENTS, sms_segments
from juntos.reports.tests.factories import SubmissionFactory
from juntos.rights.services import content_load
from juntos.testing.outbox import outbox_last, outbox_messages

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "kind", "language"),
    [
        ("ESTADO ABCD", Kind.STATUS, "es"),
        ("estado abcd", Kind.STATUS, "es"),
        ("Státus abcd", Kind.STATUS, "en"),
        ("STATUT abcd", Kind.STATUS, "fr"),
        ("derechos vivienda", Kind.RIGHTS, "es"),
        ("Droits logement", Kind.RIGHTS, "fr"),
        ("arrêt", Kind.STOP, "fr"),
        ("Alto", Kind.STOP, "es"),
        ("baja", Kind.STOP, "es"),
        ("STOP", Kind.STOP, ""),
        ("ayuda", Kind.HELP, "es"),
        ("Aide", Kind.HELP, "fr"),
        ("alertas si", Kind.ALERTS, "es"),
        ("hola, ¿qué tal?", Kind.UNKNOWN, ""),
        ("", Kind.UNKNOWN, ""),
    ],
)
def test_keywords_are_read_in_three_languages_ignoring_case_and_accents(text, kind, language):
    command = parse(text)
    assert (command.kind, command.language) == (kind, language)


def test_estado_and_a_code_answers_the_stage_in_spanish(sms):
    submission = SubmissionFactory.create()
    assert sms(f"estado {submission.receipt_code.lower()}").status_code == 200
    reply = outbox_last(ROSA, channel="sms").body
    assert "Recibido" in reply
    assert submission.receipt_code not in reply


def test_a_wrong_code_is_told_so_and_counts_against_the_web_s_own_limit(sms, settings):
    settings.JUNTOS_REPORTS_CODE_FAILURES_GLOBAL = 2
    for _ in range(2):
        sms("STATUS AAAA-AAAA-AAAA-AAAA-AAAA")
    assert "No report has this code" in outbox_last(ROSA).body
    sms("STATUS AAAA-AAAA-AAAA-AAAA-AAAA")
    assert "Too many tries" in outbox_last(ROSA).body
    right = SubmissionFactory.create()
    sms(f"STATUS {right.receipt_code}")  # a right code always opens, as on the web
    assert "Received" in outbox_last(ROSA).body


def test_unknown_text_gets_the_help_menu_never_its_own_words(sms):
    sms("mi patron me quita el pasaporte 4471")
    reply = outbox_last(ROSA).body
    assert "pasaporte" not in reply and "4471" not in reply
    assert "ESTADO" in reply and "STATUS" in reply and "STATUT" in reply
    assert not Correspondent.objects.exists()


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        ("AYUDA", ["ESTADO", "MENSAJES", "DERECHOS", "ALERTAS", "PROVINCIA", "ALTO"]),
        ("HELP", ["STATUS", "MESSAGES", "RIGHTS", "ALERTS", "PROVINCE", "STOP"]),
        ("AIDE", ["STATUT", "MESSAGES", "DROITS", "ALERTES", "PROVINCE", "ARRÊT"]),
        ("hola", ["ESTADO", "STATUS", "STATUT", "ALTO", "STOP", "ARRÊT"]),  # language unknown
    ],
)
def test_the_help_menu_arrives_whole_with_every_keyword(sms, text, keywords):
    """The menu fits the SMS limit as it is: cut short with a link, it would lose its last
    words first, and the last is the one that stops every message."""
    sms(text)
    reply = outbox_last(ROSA).body
    assert sms_segments(reply).count <= MAX_SEGMENTS
    assert "..." not in reply and "http" not in reply
    assert [word for word in keywords if word not in reply] == []


def test_derechos_vivienda_from_a_bc_number_gives_the_bc_sawp_housing_answer(sms):
    content_load(notify_subscribers=False)
    sms("DERECHOS vivienda")
    reply = outbox_last(ROSA).body
    assert "/es/rights/articles/bc-sawp-housing-deduction/" in reply
    assert "Columbia Británica" in reply  # guessed from 250, and it says so


def test_alto_stops_everything_with_one_confirmation(sms):
    sms("ALTO")
    assert len(outbox_messages(ROSA)) == 1
    assert OptOut.objects.count() == 1
    sms("AYUDA")
    sms("ESTADO ABCD")
    assert len(outbox_messages(ROSA)) == 1  # nothing more
    sms("START")
    assert len(outbox_messages(ROSA)) == 2 and not OptOut.objects.exists()
