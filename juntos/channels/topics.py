"""Which rights topic a typed word means, in Spanish, English or French (accents ignored)."""

from __future__ import annotations

from django.utils import translation

from juntos.channels.keywords import fold
from juntos.rights.choices import Topic

# Words people text for each topic, beyond the topics' own names (added below per language).
WORDS: dict[str, tuple[str, ...]] = {
    Topic.WAGES: ("SALARIO", "SUELDO", "PAGO", "PAGA", "WAGE", "PAY", "SALAIRE", "PAIE"),
    Topic.HOURS_REST: ("HORAS", "HORARIO", "DESCANSO", "HOURS", "REST", "HEURES", "REPOS"),
    Topic.DEDUCTIONS: ("DEDUCCIONES", "DESCUENTOS", "DEDUCTIONS", "RETENUES"),
    Topic.HOUSING: ("VIVIENDA", "ALOJAMIENTO", "CASA", "HOUSING", "HOUSE", "LOGEMENT"),
    Topic.HEALTH_SAFETY: ("SEGURIDAD", "SAFETY", "SECURITE"),
    Topic.HEALTH_COVERAGE: ("SALUD", "SEGURO", "MEDICO", "HEALTH", "SANTE", "MEDECIN"),
    Topic.RECRUITMENT_FEES: ("RECLUTAMIENTO", "COBROS", "FEES", "RECRUTEMENT", "FRAIS"),
    Topic.REPRISAL: ("REPRESALIAS", "REPRESALIA", "REPRISAL", "REPRESAILLES"),
    Topic.CHANGING_EMPLOYERS: ("CAMBIAR", "PATRON", "EMPLOYER", "CHANGER", "EMPLOYEUR"),
    Topic.LEAVING_ABUSE: ("ABUSO", "ABUSE", "ABUS", "MALTRATO", "VIOLENCIA", "VIOLENCE"),
    Topic.HOW_TO_REPORT: ("DENUNCIAR", "DENUNCIA", "QUEJA", "REPORT", "PLAINTE", "SIGNALER"),
    Topic.UNIONS: ("SINDICATO", "SINDICATOS", "UNION", "UNIONS", "SYNDICAT"),
}

# The one word per topic the topics menu offers, in Spanish, English and French: the topics' own
# names are too long for a menu that must arrive whole (the Spanish ones took four segments).
MENU_LANGUAGES = ("es", "en", "fr")
MENU_WORDS: dict[str, tuple[str, str, str]] = {
    Topic.WAGES: ("salario", "pay", "salaire"),
    Topic.HOURS_REST: ("horas", "hours", "heures"),
    Topic.DEDUCTIONS: ("descuentos", "deductions", "retenues"),
    Topic.HOUSING: ("vivienda", "housing", "logement"),
    Topic.HEALTH_SAFETY: ("seguridad", "safety", "sécurité"),
    Topic.HEALTH_COVERAGE: ("salud", "health", "santé"),
    Topic.RECRUITMENT_FEES: ("cobros", "fees", "frais"),
    Topic.REPRISAL: ("represalias", "reprisal", "représailles"),
    Topic.CHANGING_EMPLOYERS: ("cambiar", "employer", "employeur"),
    Topic.LEAVING_ABUSE: ("abuso", "abuse", "abus"),
    Topic.HOW_TO_REPORT: ("denunciar", "report", "signaler"),
    Topic.UNIONS: ("sindicato", "unions", "syndicat"),
}


def menu_words(language: str) -> list[str]:
    """The menu's words in the topics' order, in this language (English if it has none)."""
    column = MENU_LANGUAGES.index(language) if language in MENU_LANGUAGES else 1
    return [MENU_WORDS[code][column] for code, _label in Topic.choices]


def _names() -> dict[str, str]:
    found: dict[str, str] = {}
    for language in ("es", "en", "fr"):
        with translation.override(language):
            for code, label in Topic.choices:
                found[fold(str(label))] = code
    for code, words in WORDS.items():
        for word in words:
            found[word] = code
    return found


def topic_from(argument: str) -> str:
    """The topic code for what was typed after DERECHOS / RIGHTS / DROITS, or ""."""
    if not argument:
        return ""
    names = _names()
    if argument in names:
        return names[argument]
    for word in argument.split():
        if word in names:
            return names[word]
    return ""
