"""Reading what a worker typed: a keyword in Spanish, English or French, then what follows.

Case and accents are ignored ("Estado", "ESTADO", "estádo"; "ARRÊT" is "ARRET"). A keyword said
in one language only answers in that language; a word shared by several ("STOP", "MESSAGES")
answers in the language the number chose before, else in English.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

from juntos.core.jurisdictions import Program, Province


class Kind(enum.StrEnum):
    STATUS = "status"
    MESSAGES = "messages"
    RIGHTS = "rights"
    ALERTS = "alerts"
    STOP = "stop"
    START = "start"
    HELP = "help"
    PROVINCE = "province"
    PROGRAM = "program"
    LANGUAGE = "language"
    UNKNOWN = "unknown"


# keyword -> (kind, language it is said in, "" when several languages share it)
KEYWORDS: dict[str, tuple[Kind, str]] = {
    "ESTADO": (Kind.STATUS, "es"),
    "STATUS": (Kind.STATUS, "en"),
    "STATUT": (Kind.STATUS, "fr"),
    "MENSAJES": (Kind.MESSAGES, "es"),
    "MENSAJE": (Kind.MESSAGES, "es"),
    "MESSAGES": (Kind.MESSAGES, ""),
    "MESSAGE": (Kind.MESSAGES, ""),
    "DERECHOS": (Kind.RIGHTS, "es"),
    "RIGHTS": (Kind.RIGHTS, "en"),
    "DROITS": (Kind.RIGHTS, "fr"),
    "ALERTAS": (Kind.ALERTS, "es"),
    "ALERTA": (Kind.ALERTS, "es"),
    "ALERTS": (Kind.ALERTS, "en"),
    "ALERT": (Kind.ALERTS, "en"),
    "ALERTES": (Kind.ALERTS, "fr"),
    "ALERTE": (Kind.ALERTS, "fr"),
    # The carriers' own opt-out words too (STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT).
    "STOP": (Kind.STOP, ""),
    "ALTO": (Kind.STOP, "es"),
    "BAJA": (Kind.STOP, "es"),
    "ARRET": (Kind.STOP, "fr"),
    "STOPALL": (Kind.STOP, "en"),
    "UNSUBSCRIBE": (Kind.STOP, "en"),
    "CANCEL": (Kind.STOP, "en"),
    "END": (Kind.STOP, "en"),
    "QUIT": (Kind.STOP, "en"),
    "START": (Kind.START, "en"),
    "UNSTOP": (Kind.START, "en"),
    "ALTA": (Kind.START, "es"),
    "INICIO": (Kind.START, "es"),
    "DEMARRER": (Kind.START, "fr"),
    "HELP": (Kind.HELP, "en"),
    "AYUDA": (Kind.HELP, "es"),
    "AIDE": (Kind.HELP, "fr"),
    "INFO": (Kind.HELP, ""),
    "MENU": (Kind.HELP, ""),
    "PROVINCIA": (Kind.PROVINCE, "es"),
    "PROVINCE": (Kind.PROVINCE, ""),
    "PROGRAMA": (Kind.PROGRAM, "es"),
    "PROGRAM": (Kind.PROGRAM, "en"),
    "PROGRAMME": (Kind.PROGRAM, "fr"),
    "IDIOMA": (Kind.LANGUAGE, "es"),
    "LANGUAGE": (Kind.LANGUAGE, "en"),
    "LANGUE": (Kind.LANGUAGE, "fr"),
}

ON_WORDS = frozenset({"ON", "SI", "OUI", "YES", "ACTIVAR", "ACTIVER", "1"})
OFF_WORDS = frozenset({"OFF", "NO", "NON", "DESACTIVAR", "DESACTIVER", "0"})

LANGUAGE_WORDS = {
    "ES": "es", "ESPANOL": "es", "SPANISH": "es", "ESPAGNOL": "es",
    "EN": "en", "INGLES": "en", "ENGLISH": "en", "ANGLAIS": "en",
    "FR": "fr", "FRANCES": "fr", "FRENCH": "fr", "FRANCAIS": "fr",
}  # fmt: skip

PROGRAM_WORDS = {
    "SAWP": Program.SAWP_MEXICO, "PTAT": Program.SAWP_MEXICO, "MEXICO": Program.SAWP_MEXICO,
    "MX": Program.SAWP_MEXICO, "CARIBE": Program.SAWP_CARIBBEAN,
    "CARIBBEAN": Program.SAWP_CARIBBEAN, "CARAIBES": Program.SAWP_CARIBBEAN,
    "AGRICOLA": Program.AGRICULTURAL_STREAM, "AGRICULTURAL": Program.AGRICULTURAL_STREAM,
    "AGRICOLE": Program.AGRICULTURAL_STREAM, "LOW": Program.LOW_WAGE, "BAJO": Program.LOW_WAGE,
    "BAS": Program.LOW_WAGE, "HIGH": Program.HIGH_WAGE, "ALTO": Program.HIGH_WAGE,
    "ELEVE": Program.HIGH_WAGE, "CAREGIVER": Program.CAREGIVER, "CUIDADOR": Program.CAREGIVER,
    "CUIDADORA": Program.CAREGIVER, "AIDANT": Program.CAREGIVER, "AIDANTE": Program.CAREGIVER,
    "OWP": Program.OPEN_WORK_PERMIT, "ABIERTO": Program.OPEN_WORK_PERMIT,
    "OPEN": Program.OPEN_WORK_PERMIT, "OUVERT": Program.OPEN_WORK_PERMIT,
}  # fmt: skip


def fold(text: str) -> str:
    """Upper case without accents: what keywords and topics are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


@dataclass(frozen=True)
class Command:
    kind: Kind
    language: str  # "" when the keyword does not say
    argument: str  # the rest, folded and trimmed (a code, a topic, ON/OFF…)


def parse(text: str) -> Command:
    """The command in a message; an unknown first word is UNKNOWN (the text is not kept)."""
    words = fold(text).replace("*", " ").split()
    if not words:
        return Command(Kind.UNKNOWN, "", "")
    kind, language = KEYWORDS.get(words[0].strip(".,!?¿¡:;"), (Kind.UNKNOWN, ""))
    if kind is Kind.UNKNOWN:
        return Command(Kind.UNKNOWN, "", "")
    return Command(kind, language, " ".join(words[1:])[:200])


def province_from(argument: str) -> str:
    """A province code from what was typed ("BC", "British Columbia", "Colombie-Britannique")."""
    word = argument.replace("-", " ").strip()
    if word in Province.values:
        return word
    for code, label in Province.choices:
        if code != Province.FEDERAL and fold(str(label)).replace("-", " ") == word:
            return code
    return ""


def program_from(argument: str) -> str:
    first = argument.split()[0] if argument.split() else ""
    if first.lower() in Program.values:
        return first.lower()
    return PROGRAM_WORDS.get(first, "")
