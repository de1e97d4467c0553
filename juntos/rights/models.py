"""The rights library: articles, their dated versions, one text per language, and alerts.

An article applies to jurisdictions, programs and topics (an article with no program applies
to every program). Each change is a new version with an effective date; each version holds one
text per language. Translations record a digest of the English text they were made from, so a
translation older than its source is flagged as out of date instead of being shown as current.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from juntos.core import crypto
from juntos.core.jurisdictions import Program, Province
from juntos.rights.choices import (
    SOURCE_LANGUAGE,
    AlertChannel,
    Frequency,
    Topic,
    VersionStatus,
)


class Article(models.Model):
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    # The version workers see now; moved forward by publishing, never by editing.
    current_version = models.ForeignKey(
        "ArticleVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.slug


class ArticleJurisdiction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="jurisdictions")
    code = models.CharField(max_length=2, choices=Province.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "code"], name="rights_article_jurisdiction")
        ]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.code}"


class ArticleProgram(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="programs")
    code = models.CharField(max_length=20, choices=Program.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "code"], name="rights_article_program")
        ]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.code}"


class ArticleTopic(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="topics")
    code = models.CharField(max_length=30, choices=Topic.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "code"], name="rights_article_topic")
        ]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.code}"


class ArticleVersion(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    effective_from = models.DateField(_("in force from"))
    source_url = models.URLField(_("official source"), max_length=500)
    source_title = models.CharField(_("name of the source"), max_length=300)
    source_date = models.DateField(_("date of the source"))
    is_uncertain = models.BooleanField(
        _("not yet confirmed"),
        default=False,
        help_text=_("Tick when a fact is unverified: workers are told to check with a caseworker."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The editor who last saved a change; neither they nor the author may publish it.
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["article_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="rights_version_number")
        ]
        indexes = [models.Index(fields=["status", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"


class ArticleText(models.Model):
    version = models.ForeignKey(ArticleVersion, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("the answer, in one or two sentences"))
    body = models.TextField(_("details"))
    what_changed = models.TextField(_("what changed"), blank=True)
    obligation = models.TextField(_("what the employer must do"), blank=True)
    keywords = models.CharField(_("other words people search for"), max_length=300, blank=True)
    # For translations: the English text this was translated from, and its digest then.
    source = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="translations"
    )
    source_digest = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="rights_text_language")
        ]

    def __str__(self) -> str:
        return f"{self.version} [{self.language}]"

    @property
    def is_source(self) -> bool:
        return self.language == SOURCE_LANGUAGE

    def content_digest(self) -> str:
        """A digest of what a translator translates: every field a worker reads."""
        parts = [self.title, self.summary, self.body, self.what_changed, self.obligation]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def figure_text(self) -> str:
        """Every field whose figures a translation must repeat (not the search words)."""
        return "\n".join([self.title, self.summary, self.body, self.what_changed, self.obligation])


class SearchDocument(models.Model):
    """One searchable text: the current version of an article in one language.

    The terms are normalised (lower case, no accents, stemmed) in Python so that both database
    backends index exactly the same words; see juntos/rights/search/.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    text = models.ForeignKey(ArticleText, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8)
    title_terms = models.TextField()
    keyword_terms = models.TextField(blank=True)
    body_terms = models.TextField()
    scope_terms = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="rights_search_doc")
        ]
        indexes = [models.Index(fields=["language"])]

    def __str__(self) -> str:
        return f"{self.article_id} [{self.language}]"


class SearchTerm(models.Model):
    """One indexed term of a language and a word it came from: the vocabulary typos are fixed
    against ("bivienda" -> "vivienda") and suggestions are drawn from."""

    language = models.CharField(max_length=8)
    term = models.CharField(max_length=80)
    word = models.CharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="rights_search_term")
        ]

    def __str__(self) -> str:
        return f"{self.term} [{self.language}]"


ADDRESS_PURPOSE = "rights-subscription-address"


class Subscription(models.Model):
    """A request for change alerts. Anonymous ones keep no IP, device or time finer than a day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(max_length=20, choices=AlertChannel.choices)
    # The number or email, sealed with the keyring (read and set it through `address`): a copy
    # of the database shows no one's contact. Empty once unsubscribed.
    key_version = models.PositiveSmallIntegerField(default=0)
    sealed_address = models.BinaryField(default=b"", blank=True)
    province = models.CharField(max_length=2, choices=Province.choices)
    programs = models.CharField(max_length=200, blank=True)  # codes joined by commas
    topics = models.CharField(max_length=400, blank=True)  # empty: every topic
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    code_hash = models.CharField(max_length=64, blank=True)
    confirmed = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    created_on = models.DateField()
    last_digest_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["province", "confirmed", "active"])]

    def __str__(self) -> str:
        return f"subscription {self.pk}"

    @property
    def address(self) -> str:
        """The address alerts go to, decrypted ("" once forgotten)."""
        if not self.sealed_address:
            return ""
        key = crypto.keyring().key(self.key_version, ADDRESS_PURPOSE)
        context = f"subscription:{self.pk}:address"
        return crypto.decrypt(key, bytes(self.sealed_address), context=context).decode()

    @address.setter
    def address(self, value: str) -> None:
        if not value:
            self.sealed_address = b""
            return
        ring = crypto.keyring()
        self.key_version = ring.current_version
        self.sealed_address = crypto.encrypt(
            ring.key(self.key_version, ADDRESS_PURPOSE),
            value.encode(),
            context=f"subscription:{self.pk}:address",
        )

    @property
    def program_codes(self) -> list[str]:
        return [code for code in self.programs.split(",") if code]

    @property
    def topic_codes(self) -> list[str]:
        return [code for code in self.topics.split(",") if code]


class Alert(models.Model):
    """One alert owed to one subscriber for one published version (never two)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="alerts")
    version = models.ForeignKey(ArticleVersion, on_delete=models.CASCADE, related_name="+")
    created_on = models.DateField()
    sent_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "version"], name="rights_one_alert")
        ]
        indexes = [models.Index(fields=["sent_on"])]

    def __str__(self) -> str:
        return f"alert {self.pk}"
