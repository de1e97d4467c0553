"""Compliance rules as data, and the check results workers choose to keep."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from juntos.compliance.choices import Certainty, DocumentKind, SourceKind, VersionStatus
from juntos.core.jurisdictions import Province


class Rule(models.Model):
    """A stable rule (its id never changes); what it says lives in its versions."""

    rule_id = models.CharField(_("rule id"), max_length=60, unique=True)
    kind = models.CharField(_("kind of check"), max_length=40)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Province.choices)
    # Program codes (juntos.core.jurisdictions.Program); an empty list means every program.
    programs = models.JSONField(_("programs"), default=list, blank=True)
    # Provinces a federal rule does not speak for (e.g. the SAWP rent ban outside BC).
    not_in = models.JSONField(_("not in these provinces"), default=list, blank=True)
    # The question the rule answers (a province's minimum wage, recruitment fees...): rules of
    # one family together say for which days the platform knows the answer.
    family = models.CharField(_("family"), max_length=40, blank=True)
    # The last day the rule is known to hold; past it the checker says "not covered", never
    # "clear". Empty only for rules whose data never said.
    known_until = models.DateField(_("known until"), null=True, blank=True)

    class Meta:
        ordering = ["rule_id"]

    def __str__(self) -> str:
        return self.rule_id


class RuleVersion(models.Model):
    """What a rule says from a date on: parameters, certainty and legal source."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="versions")
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    params = models.JSONField(_("parameters"), default=dict)
    certainty = models.CharField(_("certainty"), max_length=10, choices=Certainty.choices)
    source_url = models.URLField(_("source address"), max_length=500)
    source_title = models.CharField(_("source title"), max_length=300)
    source_kind = models.CharField(
        _("source kind"), max_length=10, choices=SourceKind.choices, default=SourceKind.SECONDARY
    )
    source_date = models.DateField(_("source date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Versions loaded from the data file are approved; one added on the desk is proposed and
    # applies nowhere (engine, selectors, articles) until a second editor approves it.
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.APPROVED
    )
    # The rule's known period this version extends it to, applied when it is approved.
    extends_known_until = models.DateField(_("known until"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)

    class Meta:
        ordering = ["rule__rule_id", "effective_from"]
        constraints = [
            # A rejected proposal does not keep its day from a better one.
            models.UniqueConstraint(
                fields=["rule", "effective_from"],
                condition=~models.Q(status="rejected"),
                name="compliance_one_version_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule.rule_id} from {self.effective_from}"

    @property
    def params_json(self) -> str:
        return json.dumps(self.params, ensure_ascii=False, sort_keys=True)


class RuleExplanation(models.Model):
    """One language's wording of a rule version: a title and the rule for each audience."""

    version = models.ForeignKey(RuleVersion, on_delete=models.CASCADE, related_name="explanations")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    worker_text = models.TextField(_("explanation for workers"))
    employer_text = models.TextField(_("explanation for employers"))

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language"], name="compliance_one_explanation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} ({self.language})"


class SavedCheck(models.Model):
    """A check result a signed-in worker chose to keep; only she can see it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compliance_checks"
    )
    kind = models.CharField(_("document"), max_length=10, choices=DocumentKind.choices)
    # The day only: nobody needs to know when, to the minute, she checked her pay.
    saved_on = models.DateField(_("saved on"))
    language = models.CharField(_("language"), max_length=5)
    province = models.CharField(_("province"), max_length=2, blank=True)
    program = models.CharField(_("program"), max_length=20, blank=True)
    facts = models.JSONField(_("what was entered"), default=dict)
    # A snapshot of the findings as shown, so a later rule change never rewrites what she saw.
    findings = models.JSONField(_("findings"), default=list)

    class Meta:
        ordering = ["-saved_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} check {self.pk}"
