"""Articles that name a rule's figures follow its approved versions (see figure_tags)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import formats, translation
from django.utils.translation import gettext as _

from juntos.core.services import audit_record
from juntos.rights.figure_tags import certainties_of
from juntos.rights.models import Article, ArticleText, ArticleVersion
from juntos.rights.services.editorial import (
    SOURCE_LANGUAGE,
    _copy_texts,
    version_draft,
    version_publish,
)


def articles_follow_rule_version(
    *,
    rule_id: str,
    effective_from: dt.date,
    figures: list[str],
    source_url: str,
    source_title: str,
    source_date: dt.date,
) -> list[str]:
    """A rule version was approved: every article whose current texts name the rule's
    figures gets a new version from that day, saying what changed, published by the system
    (now, or scheduled when the day is to come) so that its subscribers are alerted. The
    rule's approval is the second editor's check. Returns the slugs changed."""
    tag = f"[[{rule_id}."
    named = Q()
    for name in ("summary", "body", "obligation"):
        named |= Q(**{f"current_version__texts__{name}__contains": tag})
    articles = (
        Article.objects.filter(named).select_related("current_version").distinct().order_by("slug")
    )
    changed = []
    for article in articles:
        current = article.current_version
        if current is None:
            continue
        _follow(
            article,
            current,
            rule_id,
            effective_from,
            figures,
            source_url,
            source_title,
            source_date,
        )
        changed.append(article.slug)
    return changed


def _follow(
    article: Article,
    current: ArticleVersion,
    rule_id: str,
    effective_from: dt.date,
    figures: list[str],
    source_url: str,
    source_title: str,
    source_date: dt.date,
) -> None:
    day = max(effective_from, current.effective_from)
    old_source = current.texts.filter(language=SOURCE_LANGUAGE).first()
    was_current = {
        t.language
        for t in current.texts.all()
        if old_source is not None and t.source_digest == old_source.content_digest()
    }
    all_text = "".join(t.summary + t.body + t.obligation for t in current.texts.all())
    # Over-cautious: an article already marked "not yet confirmed" (for a reason the rule
    # data may not hold) stays so; otherwise it is when a figure it names is not confirmed.
    uncertain = current.is_uncertain or bool(certainties_of(all_text, day) - {"confirmed"})
    # The new version starts from the published one's texts (never from a draft an editor is
    # still writing; translations keep their state); only "what changed" is rewritten.
    version = version_draft(
        actor=None,
        article=article,
        effective_from=day,
        source_url=source_url,
        source_title=source_title,
        source_date=source_date,
        is_uncertain=uncertain,
        texts={},
    )
    _copy_texts(current, version)
    named = " ".join(f"[[{rule_id}.{name}@{effective_from.isoformat()}]]" for name in figures)
    texts = list(version.texts.all())
    for text in texts:
        with translation.override(text.language):
            when = formats.date_format(effective_from, "DATE_FORMAT")
            text.what_changed = str(
                _("New figures from the rules, from %(day)s: %(figures)s.")
                % {"day": when, "figures": named}
                if named
                else _("The rule changed from %(day)s.") % {"day": when}
            )
    source = next((t for t in texts if t.language == SOURCE_LANGUAGE), None)
    for text in texts:
        if source is not None and text is not source and text.language in was_current:
            text.source_digest = source.content_digest()
    ArticleText.objects.bulk_update(texts, ["what_changed", "source_digest"])
    audit_record(
        actor=None,
        action="rights.version_follows_rule",
        target=version,
        details={"article": article.slug, "rule": rule_id, "from": effective_from.isoformat()},
    )
    version_publish(actor=None, version=version)
