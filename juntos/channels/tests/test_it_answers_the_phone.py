"""The voice line: language, rights read aloud, status by the phone code, goodbye after 3 misses."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from juntos.channels.selectors import voice_turn
from juntos.channels.tests.conftest import twilio_post
from juntos.reports.tests.factories import SubmissionFactory
from juntos.rights.services import content_load

pytestmark = pytest.mark.django_db

CALL = {"CallSid": "CA0123456789abcdef0123456789abcdef", "From": "+12505550142",
        "To": "+16045550199", "CallStatus": "in-progress"}  # fmt: skip


def _press(client: Client, url: str, digits: str | None) -> ET.Element:
    params = {**CALL, **({"Digits": digits} if digits is not None else {})}
    response = twilio_post(client, url, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)


def _next(root: ET.Element) -> str:
    gather = root.find("Gather")
    assert gather is not None
    return gather.get("action", "")


def _said(root: ET.Element) -> str:
    return " ".join(e.text or "" for e in root.iter("Say"))


def test_a_caller_presses_through_to_her_report_s_status_by_the_phone_code(client):
    submission = SubmissionFactory.create()
    assert len(submission.numeric_code.replace(" ", "")) == 30
    first = _press(client, "/channels/twilio/voice/", None)
    assert "Para español, marque 1" in _said(first)
    menu = _press(client, _next(first), "1")
    assert "es-MX" in {e.get("language") for e in menu.iter("Say")}
    code = _press(client, _next(menu), "2")
    gather = code.find("Gather")
    assert gather is not None and gather.get("numDigits") == "30"
    status = _press(client, _next(code), submission.numeric_code.replace(" ", ""))
    assert "Recibido" in _said(status)
    assert status.find("Hangup") is not None


def test_rights_topics_are_read_aloud_in_her_language(client):
    content_load(notify_subscribers=False)
    first = _press(client, "/channels/twilio/voice/", None)
    menu = _press(client, _next(first), "3")
    topics = _press(client, _next(menu), "1")
    assert "Logement" in _said(topics)
    answer = _press(client, _next(topics), "4")  # housing is the 4th topic
    assert answer.find("Gather") is not None  # back to the menu afterwards
    assert len(_said(answer)) > 80


def test_wrong_digits_are_asked_again_twice_then_a_polite_goodbye(client):
    first = _press(client, "/channels/twilio/voice/", None)
    menu = _press(client, _next(first), "2")
    again = _press(client, _next(menu), "7")
    assert "Sorry" in _said(again) and again.find("Gather") is not None
    twice = _press(client, _next(again), "")  # silence counts as wrong
    assert twice.find("Gather") is not None
    goodbye = _press(client, _next(twice), "8")
    assert "Goodbye" in _said(goodbye) and goodbye.find("Hangup") is not None
    assert goodbye.find("Gather") is None


def test_a_wrong_phone_code_is_asked_again_and_never_opens_anything(client):
    SubmissionFactory.create()
    url = "/channels/twilio/voice/?step=code&lang=en&wrong=0"
    again = _press(client, url, "1" * 30)
    assert again.find("Gather") is not None and "Received" not in _said(again)


def test_the_caller_s_number_is_never_read(client, monkeypatch):
    seen = []
    monkeypatch.setattr("juntos.channels.numbers.normalise_number", lambda raw: seen.append(raw))
    _press(client, "/channels/twilio/voice/", None)
    assert seen == []


def test_the_simulator_reads_twiml_as_a_caller_hears_it():
    turn = voice_turn('<?xml version="1.0"?><Response><Say language="en-CA">Hi</Say>'
                      '<Gather action="/channels/twilio/voice/?step=menu&amp;lang=en&amp;wrong=0">'
                      "</Gather><Hangup/></Response>")  # fmt: skip
    assert turn.said == ["Hi"] and turn.ended and turn.next_state.startswith("step=menu")
