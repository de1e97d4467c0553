"""Vocabularies of the credentials app; other apps import them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Certainty(models.TextChoices):
    CONFIDENT = "confident", _("Known to exist")
    UNCERTAIN = "uncertain", _("Not yet confirmed with the publisher")


class MatchKind(models.TextChoices):
    """SKOS mapping relations, read from the source standard to the target."""

    EXACT = "exact", _("Exact match")
    CLOSE = "close", _("Close match")
    BROAD = "broad", _("Broader match")
    NARROW = "narrow", _("Narrower match")
    RELATED = "related", _("Related")


SKOS_PROPERTY = {
    MatchKind.EXACT: "skos:exactMatch",
    MatchKind.CLOSE: "skos:closeMatch",
    MatchKind.BROAD: "skos:broadMatch",
    MatchKind.NARROW: "skos:narrowMatch",
    MatchKind.RELATED: "skos:relatedMatch",
}


class EquivalenceStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ENDORSED = "endorsed", _("Endorsed")
    OFFICIAL = "official", _("Official")


class AssessmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for an assessor")
    DECIDED = "decided", _("Decided")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class UnitResult(models.TextChoices):
    COMPETENT = "competent", _("Competent")
    NOT_YET = "not-yet-competent", _("Not yet competent")
