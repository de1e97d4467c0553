"""Reports, their keys, cases, messages and referrals.

Rows written by the anonymous worker carry random UUIDs and dates only, never a time. Everything
she wrote (and everything written about her) is sealed with the report's own data key; the key
is stored only wrapped, once per organisation allowed to read it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from juntos.core.jurisdictions import Program, Province
from juntos.reports.choices import (
    CaseOutcome,
    CasePriority,
    CaseRequestKind,
    CaseRequestStatus,
    CaseStatus,
    ConsentAnswer,
    ContactMode,
    InspectionOutcome,
    KeyRole,
    MessageSender,
    ReferralKind,
    ReferralStatus,
    ReportCategory,
    Stage,
)


class Report(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # keyed_hash("receipt", normalised code): the code itself is never stored.
    receipt_hash = models.CharField(max_length=64, unique=True)
    received_on = models.DateField(_("received on"))
    category = models.CharField(_("what happened"), max_length=30, choices=ReportCategory.choices)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, blank=True)
    program = models.CharField(_("program"), max_length=20, choices=Program.choices, blank=True)
    language = models.CharField(_("language"), max_length=8)
    incident_month = models.DateField(_("month it happened"), null=True, blank=True)
    contact_mode = models.CharField(max_length=20, choices=ContactMode.choices)
    # keyed_hash of the registry site id, so patterns can be found without naming the employer.
    site_hash = models.CharField(max_length=64, blank=True, db_index=True)
    source = models.CharField(max_length=30, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.RECEIVED)
    # Sealed JSON: details, employer name and site id.
    sealed_content = models.BinaryField()
    sealed_contact = models.BinaryField(null=True, blank=True)
    # The data key wrapped under a key derived from the receipt code: her own way in.
    worker_wrapped_key = models.BinaryField()
    # The same for the phone code (30 digits, typed on a keypad): keyed_hash("receipt-numeric",
    # digits) and the data key wrapped under a key derived from them. Empty on older reports.
    numeric_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    numeric_wrapped_key = models.BinaryField(null=True, blank=True)
    last_worker_activity_on = models.DateField()

    class Meta:
        ordering = ["-received_on"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"report {str(self.id)[:8]}"

    @property
    def is_emergency(self) -> bool:
        return self.category == ReportCategory.EMERGENCY


class ReportKey(models.Model):
    """The report's data key wrapped for one organisation, and why that organisation holds it."""

    # Created at intake too: a sequential id would tell the order of reports and staff actions.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="keys")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(max_length=20, choices=KeyRole.choices)
    key_version = models.PositiveIntegerField()
    wrapped_key = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "organisation"], name="reportkey_unique_org")
        ]

    def __str__(self) -> str:
        return f"key of {self.report_id} for organisation {self.organisation_id}"


class Attachment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sealed_name = models.BinaryField()
    sealed_data = models.BinaryField()
    added_on = models.DateField()

    class Meta:
        ordering = ["added_on", "id"]

    def __str__(self) -> str:
        return f"attachment {str(self.id)[:8]}"


class Message(models.Model):
    """One message of the two-way thread between the worker (by her code) and the caseworkers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    # Order within the thread; a time would date the worker's messages.
    position = models.PositiveIntegerField()
    sender = models.CharField(max_length=10, choices=MessageSender.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sealed_body = models.BinaryField()
    sent_on = models.DateField()
    # The inspectorate asks the worker for more information: her page says so until she writes.
    asks_more = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="message_unique_position")
        ]

    def __str__(self) -> str:
        return f"message {self.position} of {self.report_id}"


class ConsentRequest(models.Model):
    """A question to the worker, answered on her status page: may we refer to the inspectorate?"""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="consents")
    asked_by = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    inspectorate = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    answer = models.CharField(max_length=10, choices=ConsentAnswer.choices, default="pending")
    asked_on = models.DateField()
    answered_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"consent request {str(self.id)[:8]}"


class Case(models.Model):
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="case")
    owner = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    outcome = models.CharField(max_length=30, choices=CaseOutcome.choices, blank=True)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    # The caseworker's own plan: how urgent, and when to look again. A day, never a time.
    priority = models.CharField(
        _("priority"), max_length=10, choices=CasePriority.choices, default=CasePriority.NORMAL
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"case {self.pk}"


class CaseNote(models.Model):
    """A private staff note: never shown to the worker, never to the inspectorate."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    sealed_body = models.BinaryField()
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"note {self.pk} on case {self.case_id}"


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    kind = models.CharField(max_length=20, choices=ReferralKind.choices)
    from_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    consent = models.ForeignKey(
        ConsentRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()
    answered_on = models.DateField(null=True, blank=True)
    # Inspectorate referrals only. The thread's last position when the worker said yes: the
    # inspectorate reads the messages written after it, never those from before her consent.
    thread_from = models.PositiveIntegerField(default=0)
    # What the inspectorate did, as it records (and may correct) it; the day is its own, if any.
    inspection_outcome = models.CharField(
        _("outcome"), max_length=30, choices=InspectionOutcome.choices, blank=True
    )
    inspection_outcome_on = models.DateField(_("date of the outcome"), null=True, blank=True)
    inspection_recorded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} of case {self.case_id}"


class RoutingRule(models.Model):
    """Reports matching these (blank = any) go to the organisation."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    category = models.CharField(
        _("category"), max_length=30, choices=ReportCategory.choices, blank=True
    )

    class Meta:
        ordering = ["province", "language", "category", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "province", "language", "category"],
                name="routingrule_unique",
            )
        ]

    def __str__(self) -> str:
        return f"rule {self.pk} for organisation {self.organisation_id}"


class OnCall(models.Model):
    """A caseworker on call for emergencies in one organisation."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="oncall_unique")
        ]

    def __str__(self) -> str:
        return f"on call {self.user_id} at {self.organisation_id}"


class HeldFile(models.Model):
    """A file given on the intake page before the report exists, kept across a step of the guide.

    "Find employer" sends the page again without JavaScript, and a browser never re-sends a
    chosen file. The file is cleaned, then sealed under a key derived from a random token that
    only the page holds (in a hidden field) and the server's hash key; the row is found by a
    keyed hash of the token. No time is stored: the hourly purge marks rows, and deletes the
    ones it had already marked, so a held file lives one to two hours.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    lookup = models.CharField(max_length=64, db_index=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sealed_name = models.BinaryField()
    sealed_data = models.BinaryField()
    purge_next = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"held file {str(self.id)[:8]}"


class CaseSummarySent(models.Model):
    """The day a caseworker was sent her daily summary, so a second run that day sends nothing."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "sent_on"], name="casesummary_once_a_day")
        ]

    def __str__(self) -> str:
        return f"summary to {self.person_id} on {self.sent_on}"


class CaseLink(models.Model):
    """Two cases a caseworker judged to be about the same thing (one row, lower id first)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    linked_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "other"], name="caselink_unique"),
            models.CheckConstraint(
                condition=models.Q(case__lt=models.F("other")), name="caselink_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"case {self.case_id} linked to {self.other_id}"


class CaseRequest(models.Model):
    """A caseworker's request to close (with the outcome she proposes) or transfer a case,
    approved or refused by a supervisor of the owning organisation other than her."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(max_length=10, choices=CaseRequestKind.choices)
    outcome = models.CharField(max_length=30, choices=CaseOutcome.choices, blank=True)
    to_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=CaseRequestStatus.choices, default=CaseRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    # The supervisor's reason for a refusal, sealed with the report's key like a note.
    sealed_reason = models.BinaryField(default=b"")

    class Meta:
        ordering = ["-asked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} request {self.pk} on case {self.case_id}"
