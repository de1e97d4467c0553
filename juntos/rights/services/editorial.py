"""Writing the library: articles, versions and their texts, review and publication."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.core.jurisdictions import Program, Province
from juntos.core.services import audit_record
from juntos.rights.choices import CONTENT_LANGUAGES, SOURCE_LANGUAGE, Topic, VersionStatus
from juntos.rights.figures import compare_figures
from juntos.rights.models import (
    Article,
    ArticleJurisdiction,
    ArticleProgram,
    ArticleText,
    ArticleTopic,
    ArticleVersion,
)
from juntos.rights.policies import can_edit_rights, can_publish_version
from juntos.rights.selectors import forget_current_version
from juntos.rights.services.search_index import search_index_update

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TEXT_FIELDS = ("title", "summary", "body", "what_changed", "obligation", "keywords")


# Field name to text: title, summary, body, what_changed, obligation, keywords.
TextFields = dict[str, str]


def _check_editor(actor: Actor | None) -> SignedIn | None:
    """The editor acting, or None for the system itself (content loader, scheduled publication)."""
    if actor is None:
        return None
    if not actor.is_authenticated or not can_edit_rights(actor):
        raise PermissionDenied
    return actor


def _check_codes(*, topics: list[str], jurisdictions: list[str], programs: list[str]) -> None:
    errors: dict[str, str | Promise] = {}
    if not topics or set(topics) - set(Topic.values):
        errors["topics"] = _("Choose at least one topic from the list.")
    if not jurisdictions or set(jurisdictions) - set(Province.values):
        errors["jurisdictions"] = _("Choose at least one province, territory or Canada.")
    if set(programs) - set(Program.values):
        errors["programs"] = _("Choose programs from the list.")
    if errors:
        raise ValidationError(errors)


def article_create(
    *,
    actor: Actor | None,
    slug: str,
    topics: list[str],
    jurisdictions: list[str],
    programs: list[str],
    position: int = 100,
) -> Article:
    """Create an article (without versions) and where it applies."""
    _check_editor(actor)
    if not SLUG.match(slug):
        raise ValidationError({"slug": _("Use lower-case letters, digits and dashes only.")})
    if Article.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("An article with this short name already exists.")})
    _check_codes(topics=topics, jurisdictions=jurisdictions, programs=programs)
    with transaction.atomic():
        article = Article.objects.create(slug=slug, position=position)
        _set_scope(article, topics=topics, jurisdictions=jurisdictions, programs=programs)
        audit_record(
            actor=actor,
            action="rights.article_created",
            target=article,
            details={"topics": topics, "jurisdictions": jurisdictions, "programs": programs},
        )
    return article


def _set_scope(
    article: Article, *, topics: list[str], jurisdictions: list[str], programs: list[str]
) -> None:
    ArticleTopic.objects.filter(article=article).delete()
    ArticleTopic.objects.bulk_create(
        [ArticleTopic(article=article, code=code) for code in dict.fromkeys(topics)]
    )
    ArticleJurisdiction.objects.filter(article=article).delete()
    ArticleJurisdiction.objects.bulk_create(
        [ArticleJurisdiction(article=article, code=code) for code in dict.fromkeys(jurisdictions)]
    )
    ArticleProgram.objects.filter(article=article).delete()
    ArticleProgram.objects.bulk_create(
        [ArticleProgram(article=article, code=code) for code in dict.fromkeys(programs)]
    )


def _check_version_fields(*, effective_from: object, source_url: str, source_title: str) -> None:
    errors: dict[str, str | Promise] = {}
    if not isinstance(effective_from, dt.date):
        errors["effective_from"] = _("Give the date this takes effect.")
    if not source_url.startswith(("https://", "http://")):
        errors["source_url"] = _("Give the web address of the official source.")
    if not source_title.strip():
        errors["source_title"] = _("Give the name of the official source.")
    if errors:
        raise ValidationError(errors)


def version_draft(
    *,
    actor: Actor | None,
    article: Article,
    effective_from: dt.date,
    source_url: str,
    source_title: str,
    source_date: dt.date,
    is_uncertain: bool = False,
    texts: dict[str, TextFields] | None = None,
) -> ArticleVersion:
    """Start a new version; without texts, it starts from the latest version's texts."""
    editor = _check_editor(actor)
    _check_version_fields(
        effective_from=effective_from, source_url=source_url, source_title=source_title
    )
    with transaction.atomic():
        latest = article.versions.order_by("-number").first()
        number = (article.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = ArticleVersion.objects.create(
            article=article,
            number=number,
            effective_from=effective_from,
            source_url=source_url,
            source_title=source_title.strip(),
            source_date=source_date,
            is_uncertain=is_uncertain,
            created_by=editor,
        )
        if texts is None and latest is not None:
            _copy_texts(latest, version)
        elif texts:
            _write_texts(version, texts, up_to_date=set(texts))
        audit_record(
            actor=actor,
            action="rights.version_drafted",
            target=version,
            details={"article": article.slug, "number": number},
        )
    return version


def _copy_texts(previous: ArticleVersion, version: ArticleVersion) -> None:
    old_texts = list(previous.texts.all())
    copies = {
        t.language: ArticleText(
            version=version,
            language=t.language,
            source_digest=t.source_digest,
            **{name: getattr(t, name) for name in TEXT_FIELDS},
        )
        for t in old_texts
    }
    ArticleText.objects.bulk_create(copies.values())
    source = ArticleText.objects.filter(version=version, language=SOURCE_LANGUAGE).first()
    if source is not None:
        ArticleText.objects.filter(version=version).exclude(pk=source.pk).update(source=source)


def _write_texts(
    version: ArticleVersion, texts: dict[str, TextFields], *, up_to_date: set[str]
) -> None:
    """Save texts; a translation is current only when someone confirms it against the source.

    Saving never confirms by itself: a changed English text leaves every translation out of
    date until its own box is ticked, and a ticked box is refused when the figures differ.
    """
    existing = {t.language: t for t in version.texts.all()}
    source = existing.get(SOURCE_LANGUAGE)
    source_fields = texts.get(SOURCE_LANGUAGE)
    if source_fields is not None:
        _check_source(source_fields)
        source = _save_text(version, SOURCE_LANGUAGE, source_fields, existing)
    for language, fields in texts.items():
        if language == SOURCE_LANGUAGE or language not in CONTENT_LANGUAGES:
            continue
        if not any((fields.get(name) or "").strip() for name in TEXT_FIELDS):
            continue
        text = _save_text(version, language, fields, existing)
        if source is not None and language in up_to_date:
            _confirm_translation(text, source)


def _confirm_translation(text: ArticleText, source: ArticleText) -> None:
    difference = compare_figures(source.figure_text(), text.figure_text())
    if difference:
        raise ValidationError(
            {
                f"{text.language}_up_to_date": _(
                    "The figures differ from the English text. In the English, not here: "
                    "%(missing)s. Here, not in the English: %(extra)s."
                )
                % {
                    "missing": ", ".join(difference.missing_shown) or "—",
                    "extra": ", ".join(difference.extra_shown) or "—",
                }
            }
        )
    text.source = source
    text.source_digest = source.content_digest()
    text.save(update_fields=["source", "source_digest"])


def _check_source(fields: TextFields) -> None:
    missing = {
        name: _("The English text needs this.")
        for name in ("title", "summary", "body")
        if not (fields.get(name) or "").strip()
    }
    if missing:
        raise ValidationError({f"{SOURCE_LANGUAGE}_{name}": m for name, m in missing.items()})


def _save_text(
    version: ArticleVersion, language: str, fields: TextFields, existing: dict[str, ArticleText]
) -> ArticleText:
    text = existing.get(language) or ArticleText(version=version, language=language)
    for name in TEXT_FIELDS:
        # Browsers send text areas with CRLF line ends; the stored text keeps LF only.
        value = (fields.get(name) or "").replace("\r\n", "\n").replace("\r", "\n")
        setattr(text, name, value.strip())
    text.save()
    return text


def version_update(
    *,
    actor: Actor | None,
    version: ArticleVersion,
    effective_from: dt.date,
    source_url: str,
    source_title: str,
    source_date: dt.date,
    is_uncertain: bool,
    texts: dict[str, TextFields],
    up_to_date: set[str],
) -> ArticleVersion:
    """Edit a version that is not yet published."""
    editor = _check_editor(actor)
    if version.status not in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW):
        raise ValidationError(_("Only drafts and versions in review can be changed."))
    _check_version_fields(
        effective_from=effective_from, source_url=source_url, source_title=source_title
    )
    with transaction.atomic():
        version.effective_from = effective_from
        version.source_url = source_url
        version.source_title = source_title.strip()
        version.source_date = source_date
        version.is_uncertain = is_uncertain
        version.last_edited_by = editor
        version.save()
        _write_texts(version, texts, up_to_date=up_to_date)
        audit_record(
            actor=actor,
            action="rights.version_edited",
            target=version,
            details={"article": version.article.slug, "languages": sorted(texts)},
        )
    return version


def version_submit(*, actor: Actor | None, version: ArticleVersion) -> ArticleVersion:
    """Send a draft for review."""
    return _move(actor, version, VersionStatus.DRAFT, VersionStatus.IN_REVIEW, "submitted")


def version_return(*, actor: Actor | None, version: ArticleVersion) -> ArticleVersion:
    """Send a version in review (or a scheduled one) back to draft."""
    _check_editor(actor)
    if version.status == VersionStatus.SCHEDULED:
        return _move(actor, version, VersionStatus.SCHEDULED, VersionStatus.DRAFT, "unscheduled")
    return _move(actor, version, VersionStatus.IN_REVIEW, VersionStatus.DRAFT, "returned")


def _move(
    actor: Actor | None, version: ArticleVersion, source: str, target: str, verb: str
) -> ArticleVersion:
    _check_editor(actor)
    if version.status != source:
        raise ValidationError(_("This version cannot take that step now."))
    with transaction.atomic():
        version.status = target
        version.save(update_fields=["status"])
        audit_record(actor=actor, action=f"rights.version_{verb}", target=version)
    return version


def version_publish(
    *, actor: Actor | None, version: ArticleVersion, notify_subscribers: bool = True
) -> ArticleVersion:
    """Publish a reviewed version now, or schedule it when its effective date is to come."""
    _check_editor(actor)
    allowed = {VersionStatus.IN_REVIEW} | ({VersionStatus.DRAFT} if actor is None else set())
    if version.status not in allowed:
        raise ValidationError(_("A version must be reviewed before it is published."))
    if not version.texts.filter(language=SOURCE_LANGUAGE).exists():
        raise ValidationError(_("A version needs its English text before it is published."))
    if actor is not None and not can_publish_version(actor, version):
        raise ValidationError(
            _("You wrote or changed this version: another editor checks it and publishes it.")
        )
    with transaction.atomic():
        if version.effective_from > timezone.localdate():
            version.status = VersionStatus.SCHEDULED
            version.save(update_fields=["status"])
            audit_record(
                actor=actor,
                action="rights.version_scheduled",
                target=version,
                details={"effective_from": version.effective_from.isoformat()},
            )
            return version
        _make_current(actor, version, notify_subscribers=notify_subscribers)
    return version


def _make_current(
    actor: Actor | None, version: ArticleVersion, *, notify_subscribers: bool
) -> None:
    from juntos.rights.services.alerts import alerts_enqueue_for_version

    article = version.article
    ArticleVersion.objects.filter(article=article, status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.SUPERSEDED
    )
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    article.current_version = version
    article.save(update_fields=["current_version"])
    # This process answers the new version at once; others within a few seconds. (Forgetting
    # before the commit is harmless: a rollback only costs one more query.)
    forget_current_version(article.slug)
    search_index_update(article=article)
    audit_record(
        actor=actor,
        action="rights.version_published",
        target=version,
        details={"article": article.slug, "number": version.number},
    )
    if notify_subscribers:
        alerts_enqueue_for_version(version_id=version.pk)


def versions_publish_due(*, today: dt.date | None = None) -> int:
    """Publish every scheduled version whose effective date has come; returns how many."""
    today = today or timezone.localdate()
    due = ArticleVersion.objects.filter(
        status=VersionStatus.SCHEDULED, effective_from__lte=today
    ).select_related("article")
    count = 0
    for version in due.order_by("effective_from", "number"):
        with transaction.atomic():
            _make_current(None, version, notify_subscribers=True)
        count += 1
    return count
