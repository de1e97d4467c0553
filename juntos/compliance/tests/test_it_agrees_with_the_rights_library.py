"""The rights library and the checker agree on every figure and on how sure it is.

For each article that states a rule's figures, every amount in each version's summary (in the
three languages) must be an amount of that rule, and the article must be marked "not yet
confirmed" exactly when one of those amounts comes from a version that is not confirmed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from juntos.compliance.loader import VersionSpec, read_rules

CONTENT = Path(__file__).resolve().parents[2] / "rights" / "content"
# Article -> the rule whose figures it states.
ARTICLE_RULES = {
    "bc-sawp-housing-deduction": "SAWP-BC-HOUSING-DEDUCTION",
    "sawp-housing-free-outside-bc": "SAWP-NO-RENT-OUTSIDE-BC",
    "minimum-wage-bc": "MW-BC",
    "minimum-wage-on": "MW-ON",
    "minimum-wage-qc": "MW-QC",
    "minimum-wage-ab": "MW-AB",
    "minimum-wage-sk": "MW-SK",
}
MONEY = {
    "en": re.compile(r"\$(\d+(?:,\d{3})*\.\d{2})"),
    "es": re.compile(r"(\d+(?:\.\d{3})*,\d{2}) \$"),
    "fr": re.compile(r"(\d+(?:\s\d{3})*,\d{2}) \$"),
}


def _amount(text: str, language: str) -> Decimal:
    if language == "en":
        return Decimal(text.replace(",", ""))
    return Decimal(re.sub(r"[.\s]", "", text).replace(",", "."))


def _articles() -> dict[str, dict]:
    found = {}
    for path in sorted(CONTENT.glob("*.json")):
        for spec in json.loads(path.read_text(encoding="utf-8")):
            found[spec["slug"]] = spec
    return found


def _rule_versions(rule_id: str) -> list[VersionSpec]:
    [rule] = [r for r in read_rules() if r.rule_id == rule_id]
    return sorted(rule.versions, key=lambda v: v.effective_from)


def _money_of(version: VersionSpec) -> set[Decimal]:
    return {
        Decimal(str(value))
        for value in version.params.values()
        if isinstance(value, str) and re.fullmatch(r"\d+\.\d{2}", value)
    }


def _certainty_of(amount: Decimal, day: dt.date, versions: list[VersionSpec]) -> str | None:
    """The certainty of the version in force on the day if it has the amount, else of the
    first later version that has it."""
    started = [v for v in versions if v.effective_from <= day]
    in_force = started[-1] if started else None
    if in_force is not None and amount in _money_of(in_force):
        return in_force.certainty
    later = [v for v in versions if v.effective_from > day and amount in _money_of(v)]
    return later[0].certainty if later else None


CASES = [
    (slug, index)
    for slug, spec in _articles().items()
    if slug in ARTICLE_RULES
    for index in range(len(spec["versions"]))
]


@pytest.mark.parametrize(("slug", "index"), CASES)
def test_the_article_states_the_rules_figures_with_the_rules_certainty(slug, index):
    version = _articles()[slug]["versions"][index]
    rules = _rule_versions(ARTICLE_RULES[slug])
    day = dt.date.fromisoformat(version["effective_from"])
    certainties = set()
    for language, pattern in MONEY.items():
        for figure in pattern.findall(version["texts"][language]["summary"]):
            certainty = _certainty_of(_amount(figure, language), day, rules)
            assert certainty is not None, (slug, language, figure)
            certainties.add(certainty)
    if not certainties:  # an article without figures follows the rule in force that day
        in_force = [v for v in rules if v.effective_from <= day]
        certainties = {in_force[-1].certainty}
    assert version["uncertain"] == (certainties != {"confirmed"}), (slug, certainties)
