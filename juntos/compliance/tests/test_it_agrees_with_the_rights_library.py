"""The rights library and the checker agree on every figure and on how sure it is.

For each article that states rules' figures, every amount in each version's texts (in the
three languages) must be an amount of one of those rules, and every figure tag
(`[[MW-MB.hourly]]`, `[[MW-MB.hourly@2025-10-01]]`, filled from the rule data when the page is
shown) must name one of those rules and a parameter the rule has on that day. The article is
marked "not yet confirmed" exactly when one of its figures comes from a version that is not
confirmed, or names a day no version covers (a version may also say it is uncertain for a
reason beyond its figures: then it must be marked so).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from juntos.compliance.loader import RuleSpec, VersionSpec, read_rules

CONTENT = Path(__file__).resolve().parents[2] / "rights" / "content"
# Article -> the rules whose figures it states.
ARTICLE_RULES = {
    "bc-sawp-housing-deduction": ["SAWP-BC-HOUSING-DEDUCTION"],
    "sawp-housing-free-outside-bc": ["SAWP-NO-RENT-OUTSIDE-BC"],
    "minimum-wage-bc": ["MW-BC"],
    "minimum-wage-on": ["MW-ON"],
    "minimum-wage-qc": ["MW-QC"],
    "minimum-wage-ab": ["MW-AB"],
    "minimum-wage-sk": ["MW-SK"],
    "minimum-wage-mb": ["MW-MB"],
    "minimum-wage-territories": ["MW-YT", "MW-NT", "MW-NU"],
}
MONEY = {
    "en": re.compile(r"\$(\d+(?:,\d{3})*\.\d{2})"),
    "es": re.compile(r"(\d+(?:\.\d{3})*,\d{2}) \$"),
    "fr": re.compile(r"(\d+(?:\s\d{3})*,\d{2}) \$"),
}
TAG = re.compile(r"\[\[([A-Z0-9][A-Z0-9-]*)\.([a-z_]+)(?:@(\d{4}-\d{2}-\d{2}))?\]\]")
FIELDS = ("summary", "body", "obligation", "what_changed")


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


def _rules() -> dict[str, RuleSpec]:
    return {rule.rule_id: rule for rule in read_rules()}


def _versions(rule: RuleSpec) -> list[VersionSpec]:
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


def _in_force(rule: RuleSpec, day: dt.date) -> VersionSpec | None:
    started = [v for v in _versions(rule) if v.effective_from <= day]
    if not started or (rule.known_until is not None and day > rule.known_until):
        return None
    return started[-1]


CASES = [
    (slug, index)
    for slug, spec in _articles().items()
    if slug in ARTICLE_RULES
    for index in range(len(spec["versions"]))
]


@pytest.mark.parametrize(("slug", "index"), CASES)
def test_the_article_states_the_rules_figures_with_the_rules_certainty(slug, index):
    version = _articles()[slug]["versions"][index]
    rules = _rules()
    own = [rules[rule_id] for rule_id in ARTICLE_RULES[slug]]
    day = dt.date.fromisoformat(version["effective_from"])
    certainties = set()
    for language, pattern in MONEY.items():
        text = "\n".join(version["texts"][language].get(name, "") for name in FIELDS)
        for rule_id, param, at in TAG.findall(text):
            assert rule_id in ARTICLE_RULES[slug], (slug, language, rule_id)
            # A dated tag must name a day a version covers, with that parameter; the reading
            # day's figure is judged on the day the article version starts.
            in_force = _in_force(rules[rule_id], dt.date.fromisoformat(at) if at else day)
            if at:
                assert in_force is not None, (slug, language, rule_id, at)
            if in_force is None:
                certainties.add("not covered")
                continue
            assert param in in_force.params, (slug, language, rule_id, param)
            certainties.add(in_force.certainty)
        for figure in pattern.findall(version["texts"][language]["summary"]):
            found = {_certainty_of(_amount(figure, language), day, _versions(r)) for r in own}
            known = {certainty for certainty in found if certainty is not None}
            assert known, (slug, language, figure)
            certainties |= known
    if not certainties:  # an article without figures follows the rule in force that day
        started = [v for r in own for v in _versions(r) if v.effective_from <= day]
        certainties = {started[-1].certainty}
    if version.get("uncertain_beyond_figures"):
        assert version["uncertain"], slug
    else:
        assert version["uncertain"] == (certainties != {"confirmed"}), (slug, certainties)


def test_the_latest_minimum_wage_articles_take_their_figures_from_the_rules():
    """Where the rules changed or ran out in 2026 (Manitoba's reported raise, Saskatchewan's
    and the Northwest Territories' and Nunavut's known periods), the current text states no
    amount of its own: every figure is a tag, so it can never go stale."""
    articles = _articles()
    for slug in ("minimum-wage-mb", "minimum-wage-sk", "minimum-wage-territories"):
        latest = articles[slug]["versions"][-1]
        for language, pattern in MONEY.items():
            text = "\n".join(latest["texts"][language].get(name, "") for name in FIELDS)
            assert TAG.search(text), (slug, language)
            assert not pattern.findall(text), (slug, language)
