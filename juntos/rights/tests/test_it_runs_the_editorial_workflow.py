"""Editorial workflow: coordinators draft, review, publish or schedule; everything is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from juntos.core.models import AuditEntry
from juntos.rights import services
from juntos.rights.choices import VersionStatus
from juntos.rights.models import Article, ArticleVersion
from juntos.rights.policies import can_edit_rights
from juntos.rights.selectors import editor_articles_for
from juntos.rights.tests.factories import TEXTS, new_version, published_article
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_only_network_coordinators_and_operators_edit(personas):
    assert can_edit_rights(personas.ben)
    assert can_edit_rights(personas.admin)
    for key in ("rosa", "amina", "carl", "rita", "ines", "dana"):
        assert not can_edit_rights(getattr(personas, key)), key
    for key in ("rosa", "carl", "dana"):
        with pytest.raises(PermissionDenied):
            services.article_create(
                actor=getattr(personas, key),
                slug="x",
                topics=["wages"],
                jurisdictions=["BC"],
                programs=[],
            )


def test_a_coordinator_drafts_reviews_and_publishes_through_the_desk(personas, client_as):
    article = published_article(slug="bc-housing")
    client = client_as("ben")
    response = client.post(reverse("rights:editor_article", kwargs={"slug": article.slug}))
    version = ArticleVersion.objects.get(article=article, number=2)
    assert response["Location"].endswith(f"/desk/versions/{version.pk}/")
    form = {
        "effective_from": "2025-01-01",
        "source_url": "https://www.canada.ca/new",
        "source_title": "New source",
        "source_date": "2025-01-01",
        **{
            f"{lang}_{name}": value
            for lang, fields in TEXTS.items()
            for name, value in fields.items()
        },
        "en_summary": "Your employer may take up to $7.50 a working day for housing.",
        "es_up_to_date": "on",
        "fr_up_to_date": "on",
    }
    edit_url = reverse("rights:editor_version", kwargs={"version_id": version.pk})
    assert client.post(edit_url, form).status_code == 302
    desk = client.get(edit_url).content.decode()
    assert "Out of date against the English text: es, fr." in desk  # only English changed
    action_url = reverse("rights:editor_version_action", kwargs={"version_id": version.pk})
    client.post(action_url, {"action": "submit"})
    client.post(action_url, {"action": "publish"})
    article.refresh_from_db()
    assert article.current_version_id == version.pk
    actions = set(AuditEntry.objects.filter(actor=personas.ben).values_list("action", flat=True))
    assert {
        "rights.version_drafted",
        "rights.version_edited",
        "rights.version_submitted",
        "rights.version_published",
    } <= actions
    assert "es" in client.get(reverse("rights:editor")).content.decode()


def test_a_translation_becomes_current_when_the_translator_updates_it(personas):
    article = published_article(slug="bc-housing")
    version = new_version(article, personas.ben, en={"summary": "Changed."})
    stale = {row["article"].slug: row for row in editor_articles_for(personas.ben)}
    assert stale["bc-housing"]["stale"] == []  # the published version is still current
    services.version_update(
        actor=personas.ben,
        version=version,
        effective_from=version.effective_from,
        source_url=version.source_url,
        source_title=version.source_title,
        source_date=version.source_date,
        is_uncertain=False,
        texts={"es": {**TEXTS["es"], "summary": "Cambiado."}},
        up_to_date={"es"},
    )
    services.version_submit(actor=personas.ben, version=version)
    services.version_publish(actor=personas.ben, version=version, notify_subscribers=False)
    rows = {row["article"].slug: row for row in editor_articles_for(personas.ben)}
    assert rows["bc-housing"]["stale"] == ["fr"]


def test_publishing_needs_review_and_a_future_date_schedules(personas):
    article = published_article(slug="bc-housing")
    version = new_version(article, personas.ben)
    with pytest.raises(ValidationError):
        services.version_publish(actor=personas.ben, version=version)
    version.effective_from = timezone.localdate() + dt.timedelta(days=30)
    version.save()
    services.version_submit(actor=personas.ben, version=version)
    services.version_publish(actor=personas.ben, version=version, notify_subscribers=False)
    assert version.status == VersionStatus.SCHEDULED
    article.refresh_from_db()
    assert article.current_version is not None and article.current_version.number == 1
    assert services.versions_publish_due(today=timezone.localdate()) == 0
    assert services.versions_publish_due(today=version.effective_from) == 1
    article.refresh_from_db()
    assert article.current_version_id == version.pk
    assert ArticleVersion.objects.get(article=article, number=1).status == VersionStatus.SUPERSEDED


def test_published_versions_cannot_be_edited(personas):
    article = published_article(slug="bc-housing")
    with pytest.raises(ValidationError):
        services.version_update(
            actor=personas.ben,
            version=ArticleVersion.objects.get(article=article, number=1),
            effective_from=dt.date(2025, 1, 1),
            source_url="https://x.ca",
            source_title="x",
            source_date=dt.date(2025, 1, 1),
            is_uncertain=False,
            texts={},
            up_to_date=set(),
        )


def test_the_desk_is_hidden_from_everyone_but_editors(personas, client_as):
    article = published_article(slug="bc-housing")
    urls = [
        reverse("rights:editor"),
        reverse("rights:editor_article_new"),
        reverse("rights:editor_article", kwargs={"slug": article.slug}),
        reverse("rights:editor_version", kwargs={"version_id": article.current_version_id}),
    ]
    for key in ("rosa", "carl", "dana", "amina"):
        client = client_as(key)
        for url in urls:
            assert client.get(url).status_code == 404, (key, url)
        client.post(urls[2])
    assert Article.objects.get().versions.count() == 1
    editor = client_as("ben")
    assert all(editor.get(url).status_code == 200 for url in urls)


def test_a_coordinator_creates_an_article_and_sees_form_errors(client_as):
    client = client_as("ben")
    bad = client.post(reverse("rights:editor_article_new"), {"slug": "Bad Slug!"})
    assert bad.status_code == 200
    assert Article.objects.count() == 0
    good = client.post(
        reverse("rights:editor_article_new"),
        {"slug": "new-one", "topics": ["wages"], "jurisdictions": ["BC"], "programs": ["sawp-mx"]},
    )
    assert good.status_code == 302
    assert Article.objects.get().slug == "new-one"


def test_the_desk_lists_articles_without_more_queries_for_more(personas, client_as):
    client = client_as("ben")

    def add(n: int) -> None:
        for _ in range(n):
            published_article()

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get(reverse("rights:editor")), limit=12
    )
