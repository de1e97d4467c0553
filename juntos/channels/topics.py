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
    Topic.LEAVING_ABUSE: ("ABUSO", "ABUSE", "MALTRATO", "VIOLENCIA", "VIOLENCE"),
    Topic.HOW_TO_REPORT: ("DENUNCIAR", "DENUNCIA", "QUEJA", "REPORT", "PLAINTE", "SIGNALER"),
    Topic.UNIONS: ("SINDICATO", "SINDICATOS", "UNION", "UNIONS", "SYNDICAT"),
}


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
