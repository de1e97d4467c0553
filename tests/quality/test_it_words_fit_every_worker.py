"""Most SAWP workers are men, many are women: no catalogue may speak to or of a worker as one.

Each pattern below is a gendered form that was once shipped and fixed. A new string that brings one
back fails here, with the app, the language and the English source, so it can be rephrased
("persona", "te", "vous", "la personne", "their").
"""

from __future__ import annotations

import re

from tests.quality.catalogues import Entry, entries

# Forms that assume the worker (or the reader) is a woman or a man. Grammatical agreement with a
# feminine noun ("la reunión quedó registrada", "la personne est prévenue") is fine and not listed.
GENDERED: dict[str, list[str]] = {
    "es": [
        r"\bcontactarl[ao]s?\b",
        r"\bl[ao]s? contacten\b",
        r"(?<!\bse ha )\binscrit[ao]s?\b",
        r"(?<!\bpersona )(?<!\bpersonas )(?<!\blas )\btrabajadoras?\b",
        r"\b(?:una|la|las) trabajadoras?\b",
        r"\bcuidadoras\b",
        r"(?<!\bla )\bbienvenid[ao]s?\b",
        r"\b\w+[oa]/[ao]\b",
        r"\b\w+o\(a\)",
        r"\b\w+[rn]\(a\)",  # Trabajador(a), Guardián(a)
        r"\bestás (?:list|segur|registrad|conectad|informad)[ao]s?\b",
    ],
    "fr": [
        r"\btravailleuses?\b",
        r"\binscrites?\b",
        r"\bvous êtes inscrite?s?\b",
        r"\bvous seule?s?\b",
        r"\bvous êtes (?:connecté|informé|prêt|sûr|seul)e?s?\b",
        r"\bêtre (?:contacté|recruté)e?s?\b",
        r"\b\w+·e\b",
        r"\b\w+\((?:e|se|trice|euse)\)",  # Intervenant(e), Inspecteur(trice)
        r"\bvous tient informée?\b",
        r"\bElle est membre\b",
    ],
    "en": [
        r"\b(?:she|her|hers|herself)\b",
    ],
}


def _hits(entry: Entry) -> list[str]:
    found = [
        f"{entry.app}/{entry.language}: {match.group(0)!r} in {entry.msgid[:70]!r}"
        for text in entry.translations
        for pattern in GENDERED.get(entry.language, [])
        if (match := re.search(pattern, text, re.IGNORECASE))
    ]
    for pattern in GENDERED["en"]:
        if match := re.search(pattern, entry.msgid, re.IGNORECASE):
            found.append(f"{entry.app}/en: {match.group(0)!r} in {entry.msgid[:70]!r}")
    return found


def test_it_finds_no_gendered_form_for_the_worker_in_any_catalogue() -> None:
    hits = sorted({hit for entry in entries() for hit in _hits(entry)})
    assert not hits, "Rephrase so it fits every worker:\n" + "\n".join(hits)


def test_it_reads_every_catalogue_and_catches_each_form() -> None:
    all_entries = list(entries())
    apps = {entry.app for entry in all_entries}
    assert {"reports", "learning", "network", "registry"} <= apps
    assert {entry.language for entry in all_entries} == {"es", "fr"}
    samples = {
        "es": [
            "¿Podemos contactarla?",
            "Ya estás inscrita.",
            "Mensajes con la trabajadora",
            "Trabajador(a) de casos",
        ],
        "fr": [
            "En attente de la travailleuse",
            "Vous êtes inscrite.",
            "vous seule pouvez",
            "Inspecteur(trice)",
        ],
    }
    for language, texts in samples.items():
        for text in texts:
            entry = Entry("sample", language, "Sample", (text,))
            assert _hits(entry), text
    assert _hits(Entry("sample", "es", "The worker reads it with her code.", ("Lo lee.",)))
    neutral = Entry("sample", "es", "Sample", ("Mensajes con la persona trabajadora",))
    assert not _hits(neutral)
