"""The texts the channels answer with, in the current language (the caller overrides it)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from juntos.channels.topics import menu_words
from juntos.core.jurisdictions import Program, Province
from juntos.reports import selectors as reports_selectors
from juntos.reports.choices import MessageSender, Stage
from juntos.reports.selectors import OpenedReport
from juntos.rights.selectors import TopicAnswer


def _link(name: str) -> str:
    return settings.SITE_URL + reverse(name)


def help_menu(*, known_language: bool) -> str:
    """The menu; in all three languages when we do not know hers."""
    menu = _(
        "Juntos: send STATUS and your receipt code for your report; MESSAGES and the code for "
        "your caseworker's messages; RIGHTS and a topic (like RIGHTS housing); ALERTS ON or "
        "ALERTS OFF; PROVINCE BC; STOP to get nothing more."
    )
    if known_language:
        return menu
    return (
        "Juntos: ESTADO + código, DERECHOS + tema, ALERTAS SI/NO, ALTO. "
        "STATUS + code, RIGHTS + topic, ALERTS ON/OFF, STOP. "
        "STATUT + code, DROITS + sujet, ALERTES OUI/NON, ARRÊT."
    )


def status_how() -> str:
    return _(
        "Juntos: send STATUS followed by the receipt code you were given "
        "(five groups of four letters and numbers)."
    )


def status_of(opened: OpenedReport, *, with_messages: bool) -> str:
    report = opened.report
    summary = reports_selectors.status_summary(opened)
    organisation = summary.organisation
    stage = str(Stage(report.stage).label)
    text = _("Juntos: your report is: %(stage)s.") % {"stage": stage}
    if organisation:
        text += " " + _("Handled by %(organisation)s.") % {"organisation": organisation}
    thread = [m for m in summary.thread if m.sender != MessageSender.WORKER]
    if with_messages and thread:
        last = thread[-1]
        text += " " + _("Last message (%(date)s): %(body)s") % {
            "date": last.sent_on.isoformat(),
            "body": last.body,
        }
    elif thread:
        text += " " + _(
            "Messages for you: %(count)s. Send MESSAGES and your code to read the last."
        ) % {"count": len(thread)}
    if summary.pending_consents:
        text += " " + _("A question waits for your answer on the status page.")
    return text + " " + _link("reports:status")


def ask_province() -> str:
    return _(
        "Juntos: which province do you work in? Send PROVINCE and its code, like PROVINCE BC "
        "or PROVINCE ON."
    )


def ask_program() -> str:
    return _(
        "Juntos: which program are you in? Send PROGRAM and one of: SAWP, CARIBBEAN, "
        "AGRICULTURAL, LOW, HIGH, CAREGIVER, OPEN."
    )


def topics_menu() -> str:
    words = ", ".join(menu_words(get_language() or settings.LANGUAGE_CODE))
    return _("Juntos: send RIGHTS and one topic: %(topics)s.") % {"topics": words}


def no_answer(province: str) -> str:
    return _(
        "Juntos: we have no article on this topic for %(province)s yet. "
        "A caseworker can help: %(link)s"
    ) % {"province": str(Province(province).label), "link": _link("reports:intake")}


def rights_answer(
    found: TopicAnswer, *, link: str, province: str, guessed: bool, program_known: bool
) -> str:
    card = found.card
    text = f"{card.title}: {card.summary}"
    if card.out_of_date:
        text += " " + _("(This translation may be out of date; the English text is current.)")
    if found.programs and not program_known:
        names = ", ".join(str(Program(code).label) for code in found.programs)
        text += " " + _("This applies to: %(programs)s. Send PROGRAM to tell us yours.") % {
            "programs": names
        }
    if guessed:
        text += " " + _("We guessed %(province)s from your number; send PROVINCE to change it.") % {
            "province": str(Province(province).label)
        }
    return f"{text} {link}"


def alerts_how() -> str:
    return _("Juntos: send ALERTS ON to get rights changes for your province, ALERTS OFF to stop.")


def alerts_on(province: str, *, guessed: bool) -> str:
    text = _(
        "Juntos: you will get a message when a right changes for %(province)s. "
        "Send ALERTS OFF to stop."
    ) % {"province": str(Province(province).label)}
    if guessed:
        text += " " + _("We guessed the province from your number; send PROVINCE to change it.")
    return text


def alerts_refused() -> str:
    return _("Juntos: we could not turn alerts on for this number. Please try again later.")


def province_set(province: str) -> str:
    return _("Juntos: your province is now %(province)s.") % {
        "province": str(Province(province).label)
    }


def program_set(program: str) -> str:
    return _("Juntos: your program is now %(program)s.") % {"program": str(Program(program).label)}
