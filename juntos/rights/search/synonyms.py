"""Words people use for the same thing, in the three languages, for search.

Each group is one idea with the words for it in English, Spanish and French. A word a person
types in any of the languages stands for the whole group in the language being searched: a
Spanish search for "deducción" also looks for "descuento" and "retención" (the articles say
"descuento"), and "housing" typed into the Spanish search looks for "vivienda". Keep groups
small and unambiguous: a word in two groups widens both.
"""

from __future__ import annotations

from functools import cache

from juntos.rights.search.normalise import STEMMERS, strip_accents, terms

GROUPS: list[dict[str, tuple[str, ...]]] = [
    {
        "en": ("deduction", "deduct", "withholding", "withhold"),
        "es": ("deducción", "descuento", "descontar", "retención"),
        "fr": ("retenue", "déduction", "prélèvement", "retenir"),
    },
    {
        "en": ("housing", "accommodation", "lodging", "house", "bunkhouse"),
        "es": ("vivienda", "alojamiento", "casa", "hospedaje"),
        "fr": ("logement", "hébergement", "maison", "chambre"),
    },
    {
        "en": ("rent",),
        "es": ("renta", "alquiler"),
        "fr": ("loyer",),
    },
    {
        "en": ("pay", "wage", "salary", "paycheque", "paycheck", "earnings"),
        "es": ("salario", "sueldo", "pago", "paga"),
        "fr": ("salaire", "paie", "paye", "rémunération"),
    },
    {
        "en": ("payslip", "stub"),
        "es": ("talón", "recibo", "colilla"),
        "fr": ("talon", "bulletin", "fiche"),
    },
    {
        "en": ("overtime",),
        "es": ("extra", "extras"),
        "fr": ("supplémentaires",),
    },
    {
        "en": ("health", "medical", "doctor", "sick", "illness"),
        "es": ("salud", "médico", "doctor", "enfermedad", "enfermo"),
        "fr": ("santé", "médecin", "malade", "maladie"),
    },
    {
        "en": ("injury", "accident", "injured"),
        "es": ("accidente", "lesión", "herida", "lastimado"),
        "fr": ("blessure", "accident", "blessé"),
    },
    {
        "en": ("employer", "boss", "grower"),
        "es": ("empleador", "patrón", "jefe"),
        "fr": ("employeur", "patron"),
    },
    {
        "en": ("complaint", "complain"),
        "es": ("queja", "denuncia", "reclamo"),
        "fr": ("plainte", "signalement"),
    },
    {
        "en": ("flight", "airfare", "ticket", "plane"),
        "es": ("vuelo", "boleto", "pasaje", "avión"),
        "fr": ("vol", "billet", "avion"),
    },
    {
        "en": ("transport", "transportation", "ride"),
        "es": ("transporte", "traslado"),
        "fr": ("transport", "déplacement"),
    },
    {
        "en": ("contract", "agreement"),
        "es": ("contrato", "acuerdo"),
        "fr": ("contrat", "entente"),
    },
    {
        "en": ("fee", "recruitment", "recruiter"),
        "es": ("cuota", "cobro", "reclutamiento", "reclutador", "enganchador"),
        "fr": ("frais", "recrutement", "recruteur"),
    },
    {
        "en": ("break", "rest"),
        "es": ("descanso", "pausa"),
        "fr": ("pause", "repos"),
    },
    {
        "en": ("permit", "visa"),
        "es": ("permiso", "visa"),
        "fr": ("permis", "visa"),
    },
    {
        "en": ("insurance",),
        "es": ("seguro",),
        "fr": ("assurance",),
    },
    {
        "en": ("tax", "taxes"),
        "es": ("impuesto", "impuestos"),
        "fr": ("impôt", "impôts"),
    },
    {
        "en": ("meal", "food"),
        "es": ("comida", "alimentos", "alimentación"),
        "fr": ("repas", "nourriture"),
    },
    {
        "en": ("pension", "retirement"),
        "es": ("pensión", "jubilación"),
        "fr": ("pension", "retraite"),
    },
    {
        "en": ("fired", "dismissal", "dismissed", "repatriation"),
        "es": ("despido", "despedido", "repatriación", "repatriado"),
        "fr": ("congédiement", "congédié", "renvoi", "rapatriement"),
    },
]


@cache
def _index() -> dict[str, dict[str, int]]:
    """Per language: the stem of each of that language's words, to the group it belongs to."""
    found: dict[str, dict[str, int]] = {language: {} for language in STEMMERS}
    for number, group in enumerate(GROUPS):
        for language, words in group.items():
            for word in words:
                for stem in terms(word, language):
                    found[language].setdefault(stem, number)
    return found


@cache
def _group_terms(number: int, language: str) -> tuple[str, ...]:
    words = GROUPS[number].get(language, ())
    return tuple(dict.fromkeys(stem for word in words for stem in terms(word, language)))


def alternatives(word: str, language: str) -> list[str]:
    """The searched language's stems for the idea a typed word stands for (empty if none).

    The word is read in the searched language first, then in the others, so an English word
    typed in a Spanish search still finds its group; the stems returned are the searched
    language's.
    """
    plain = strip_accents(word.lower())
    index = _index()
    for reading in (language, *(other for other in STEMMERS if other != language)):
        for stem in terms(plain, reading):
            number = index[reading].get(stem)
            if number is not None:
                return list(_group_terms(number, language))
    return []
