"""The curated NOC 2021 occupations vacancies may use (data/noc2021.toml), read once."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import get_language

NOC_FILE = Path(__file__).with_name("data") / "noc2021.toml"


@dataclass(frozen=True)
class Occupation:
    """One NOC 2021 unit group with its TEER category and titles in en/es/fr."""

    code: str
    teer: int
    group: str
    titles: dict[str, str]

    def title(self, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        return self.titles.get(language) or self.titles["en"]

    def label(self, language: str | None = None) -> str:
        return f"{self.code} {self.title(language)}"


@dataclass(frozen=True)
class Catalogue:
    occupations: dict[str, Occupation]
    source_url: str
    licence: str
    licence_url: str


@functools.cache
def catalogue() -> Catalogue:
    """The file's occupations by code; refuses a row whose TEER is not its code's second digit."""
    raw = tomllib.loads(NOC_FILE.read_text(encoding="utf-8"))
    occupations = {}
    for row in raw["occupation"]:
        code = str(row["code"])
        if len(code) != 5 or not code.isdigit() or int(code[1]) != int(row["teer"]):
            raise ValueError(f"NOC row {code}: TEER must be the code's second digit")
        titles = {lang: row[lang] for lang in ("en", "es", "fr")}
        occupations[code] = Occupation(code, int(row["teer"]), row["group"], titles)
    return Catalogue(occupations, raw["source_url"], raw["licence"], raw["licence_url"])


def occupation(code: str) -> Occupation | None:
    """The occupation for a code as typed (spaces ignored), or None when it is not listed."""
    return catalogue().occupations.get((code or "").strip().replace(" ", ""))


def occupation_choices() -> list[tuple[str, str]]:
    """(code, "code title") for every listed occupation, in the current language."""
    return [(code, occ.label()) for code, occ in sorted(catalogue().occupations.items())]
