"""The voice line: a keypad menu answered in TwiML, with nothing stored about the call.

Each answer is a TwiML document (the XML that Twilio and several other providers accept): a
`<Gather>` asks for digits and posts them to the next step, whose URL carries the step, the
language and how many answers were wrong so far; silence is a wrong answer. Caller ID is never
read here. Rights topics are read from recordings where they exist (static
`channels/voice/<language>/<topic>.mp3`), else spoken by speech synthesis in the caller's
language. Wrong digits: asked again twice, then a polite goodbye.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from juntos.core.jurisdictions import Province
from juntos.reports import services as reports_services
from juntos.reports.choices import Stage
from juntos.rights import selectors as rights_selectors
from juntos.rights.choices import Topic

# Speech synthesis voices by language (BCP 47 tags that <Say language=…> accepts).
VOICES = {"es": "es-MX", "en": "en-CA", "fr": "fr-CA"}
LANGUAGE_KEYS = {"1": "es", "2": "en", "3": "fr"}
MAX_WRONG = 2  # asked again twice, then goodbye
STEPS = ("language", "menu", "topics", "code")
TOPICS = [code for code, _label in Topic.choices]


@dataclass(frozen=True)
class Step:
    name: str = ""  # "" is the call's first request
    language: str = ""
    wrong: int = 0


def step_from(query: dict[str, str]) -> Step:
    """The step from the URL the provider posts to; anything unknown starts the call again."""
    name = query.get("step", "")
    language = query.get("lang", "")
    if name not in STEPS or language not in ("", *VOICES) or (name != "language" and not language):
        return Step()
    try:
        wrong = max(0, min(int(query.get("wrong", "0")), MAX_WRONG))
    except ValueError:
        wrong = 0
    return Step(name=name, language=language, wrong=wrong)


class Twiml:
    def __init__(self, language: str) -> None:
        self.root = ET.Element("Response")
        self.voice = VOICES.get(language, "en-CA")

    def say(self, text: str, parent: ET.Element | None = None, voice: str = "") -> None:
        element = ET.SubElement(self.root if parent is None else parent, "Say")
        element.set("language", voice or self.voice)
        element.text = text

    def play(self, url: str) -> None:
        ET.SubElement(self.root, "Play").text = url

    def ask(self, step: str, language: str, wrong: int, *, digits: int = 1) -> ET.Element:
        """A Gather posting to `step`; if nothing is typed, the same URL with no digits."""
        action = _url(step, language, wrong)
        gather = ET.SubElement(
            self.root,
            "Gather",
            {"action": action, "method": "POST", "input": "dtmf", "timeout": "8"},
        )
        gather.set("numDigits", str(digits))
        if digits > 1:
            gather.set("finishOnKey", "#")
        ET.SubElement(self.root, "Redirect", {"method": "POST"}).text = action
        return gather

    def hangup(self) -> None:
        ET.SubElement(self.root, "Hangup")

    def xml(self) -> str:
        return '<?xml version="1.0" encoding="UTF-8"?>' + ET.tostring(self.root, "unicode")


def _url(step: str, language: str, wrong: int) -> str:
    query = urlencode({"step": step, "lang": language, "wrong": wrong})
    return f"{reverse('channel_hooks:voice')}?{query}"


def recording(language: str, topic: str) -> str:
    """The absolute URL of a recorded answer for this topic in this language, or ""."""
    path = f"channels/voice/{language}/{topic}.mp3"
    return settings.SITE_URL + static(path) if finders.find(path) else ""


def voice_answer(step: Step, digits: str, *, province: str = "") -> str:
    """The TwiML for what the caller typed at this step.

    `province` may come from the number that was called (one line per province); the caller's
    own number is never looked at.
    """
    digits = "".join(ch for ch in digits[:64] if ch in "0123456789")
    if not step.name:
        response = Twiml("es")
        _ask_language(response, 0)
        return response.xml()
    with translation.override(step.language or "en"):
        response = Twiml(step.language)
        if HANDLERS[step.name](response, step, digits, province):
            return response.xml()
        response = Twiml(step.language)
        if step.wrong >= MAX_WRONG:
            response.say(_("We did not understand. Thank you for calling Juntos. Goodbye."))
            response.hangup()
            return response.xml()
        if step.language:
            response.say(_("Sorry, that is not one of the choices."))
        QUESTIONS[step.name](response, step.language, step.wrong + 1)
        return response.xml()


def _ask_language(response: Twiml, wrong: int) -> None:
    gather = response.ask("language", "", wrong)
    for key, language in LANGUAGE_KEYS.items():
        with translation.override(language):
            text = _("For English, press %(key)s.") % {"key": key}
        response.say(text, gather, VOICES[language])


def _ask_menu(response: Twiml, language: str, wrong: int) -> None:
    gather = response.ask("menu", language, wrong)
    response.say(
        _("For your rights at work, press 1. For the status of your report, press 2."), gather
    )


def _ask_topic(response: Twiml, language: str, wrong: int) -> None:
    gather = response.ask("topics", language, wrong, digits=2)
    for number, (_code, label) in enumerate(Topic.choices, start=1):
        response.say(_("%(topic)s: %(number)s.") % {"topic": label, "number": number}, gather)
    response.say(_("Then press the pound key."), gather)


def _ask_code(response: Twiml, language: str, wrong: int) -> None:
    gather = response.ask("code", language, wrong, digits=30)
    response.say(
        _("Type the 30 digits of the phone code on your receipt, then press the pound key."),
        gather,
    )


def _on_language(response: Twiml, step: Step, digits: str, province: str) -> bool:
    if digits not in LANGUAGE_KEYS:
        return False
    language = LANGUAGE_KEYS[digits]
    with translation.override(language):
        response.voice = VOICES[language]
        response.say(_("Welcome to Juntos."))
        _ask_menu(response, language, 0)
    return True


def _on_menu(response: Twiml, step: Step, digits: str, province: str) -> bool:
    if digits == "1":
        _ask_topic(response, step.language, 0)
    elif digits == "2":
        _ask_code(response, step.language, 0)
    else:
        return False
    return True


def _on_topic(response: Twiml, step: Step, digits: str, province: str) -> bool:
    if not digits.isdigit() or not 1 <= int(digits) <= len(TOPICS):
        return False
    topic = TOPICS[int(digits) - 1]
    found = rights_selectors.topic_answer(
        topic=topic, province=province or Province.FEDERAL, program="", language=step.language
    )
    if found is None:
        response.say(_("We have no answer on this topic yet. A caseworker can help."))
    elif audio := recording(step.language, topic):
        response.play(audio)
    else:
        response.say(f"{found.card.title}. {found.card.summary}")
    response.say(_("The full text is on the Juntos website, in the rights section."))
    _ask_menu(response, step.language, 0)
    return True


def _on_code(response: Twiml, step: Step, digits: str, province: str) -> bool:
    try:
        opened = reports_services.receipt_open_numeric(digits=digits)
    except reports_services.ReceiptRejected as exc:
        if not exc.throttled:
            return False
        response.say(str(exc))
        response.hangup()
        return True
    stage = str(Stage(opened.report.stage).label)
    response.say(_("Your report is: %(stage)s.") % {"stage": stage})
    response.say(_("Thank you for calling Juntos. Goodbye."))
    response.hangup()
    return True


HANDLERS: dict[str, Callable[[Twiml, Step, str, str], bool]] = {
    "language": _on_language,
    "menu": _on_menu,
    "topics": _on_topic,
    "code": _on_code,
}
QUESTIONS: dict[str, Callable[[Twiml, str, int], None]] = {
    "language": lambda response, _language, wrong: _ask_language(response, wrong),
    "menu": _ask_menu,
    "topics": _ask_topic,
    "code": _ask_code,
}
