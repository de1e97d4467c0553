"""Tallies of published reviews per site, for the employer page and the API."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from juntos.registry.choices import Rating, YesNo
from juntos.registry.models import Review

QUESTIONS = (
    ("contract_matched", _("The contract matched the real job")),
    ("paid_on_time", _("Paid on time and in full")),
    ("housing", _("Housing")),
    ("respect_safety", _("Respect and safety")),
)


@dataclass
class QuestionTally:
    label: str
    good: int = 0
    mixed: int = 0
    bad: int = 0


@dataclass
class SiteSummary:
    site_id: int
    site_name: str
    province: str
    reviews: int = 0
    fee_charged: int = 0
    questions: list[QuestionTally] = field(default_factory=list)


def summarise(reviews: Iterable[Review]) -> list[SiteSummary]:
    """One summary per site, in the order sites first appear."""
    summaries: dict[int, SiteSummary] = {}
    for review in reviews:
        summary = summaries.get(review.site_id)
        if summary is None:
            summary = SiteSummary(review.site_id, review.site.name, review.site.province)
            summary.questions = [QuestionTally(str(label)) for _, label in QUESTIONS]
            summaries[review.site_id] = summary
        summary.reviews += 1
        summary.fee_charged += review.fee_charged == YesNo.YES
        for tally, (name, _label) in zip(summary.questions, QUESTIONS, strict=True):
            answer = getattr(review, name)
            if answer == Rating.GOOD:
                tally.good += 1
            elif answer == Rating.MIXED:
                tally.mixed += 1
            elif answer == Rating.BAD:
                tally.bad += 1
    return list(summaries.values())
