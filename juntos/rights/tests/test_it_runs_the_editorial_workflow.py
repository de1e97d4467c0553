"""Editorial workflow: coordinators draft, review, publish or schedule; everything is audited."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from juntos.core.models import AuditEntry
from juntos.rights import services
from juntos.rights.choices import VersionStatus
from juntos.rights.models import Article, ArticleText, ArticleVersion
from juntos.rights.policies import can_edit_rights, can_publish_version
from juntos.rights.selectors import editor_articles_for, figure_differences, stale_languages
from juntos.rights.tests.factories import TEXTS, new_version, published_article, texts_with
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


def _edit_form(version, **fields):
    """The version form as a browser posts it: text areas with CRLF line ends."""
    texts = {t.language: t for t in version.texts.all()}
    form = {
        "effective_from": "2025-01-01",
        "source_url": "https://www.canada.ca/new",
        "source_title": "New source",
        "source_date": "2025-01-01",
    }
    for lang, text in texts.items():
        for name in TEXTS["en"]:
            form[f"{lang}_{name}"] = getattr(text, name).replace("\n", "\r\n")
    form.update(fields)
    return form


def test_a_coordinator_drafts_and_a_second_editor_publishes_through_the_desk(personas, client_as):
    article = published_article(
        slug="bc-housing",
        texts=texts_with(
            en={"body": "Only British Columbia.\n\nNowhere else."},
            es={"body": "Solo Columbia Británica.\n\nEn ningún otro lugar."},
        ),
    )
    client = client_as("ben")
    response = client.post(reverse("rights:editor_article", kwargs={"slug": article.slug}))
    version = ArticleVersion.objects.get(article=article, number=2)
    assert response["Location"].endswith(f"/desk/versions/{version.pk}/")
    edit_url = reverse("rights:editor_version", kwargs={"version_id": version.pk})
    page = client.get(edit_url).content.decode()
    assert 'name="es_up_to_date"' in page
    assert not re.search(r'name="(es|fr)_up_to_date"[^>]*checked', page)  # never pre-checked
    form = _edit_form(
        version, en_summary="Your employer may take up to $7.50 a working day for housing."
    )
    assert client.post(edit_url, form).status_code == 302
    desk = client.get(edit_url).content.decode()
    assert "Out of date against the English text: Spanish, French." in desk  # only English changed
    action_url = reverse("rights:editor_version_action", kwargs={"version_id": version.pk})
    client.post(action_url, {"action": "submit"})
    refused = client.post(action_url, {"action": "publish"}, follow=True).content.decode()
    assert "another editor checks it and publishes it" in refused
    article.refresh_from_db()
    assert article.current_version_id != version.pk  # the author could not publish her draft
    client_as("admin").post(action_url, {"action": "publish"})
    article.refresh_from_db()
    assert article.current_version_id == version.pk
    actions = set(AuditEntry.objects.filter(actor=personas.ben).values_list("action", flat=True))
    assert {"rights.version_drafted", "rights.version_edited", "rights.version_submitted"} <= (
        actions
    )
    assert AuditEntry.objects.filter(
        actor=personas.admin, action="rights.version_published"
    ).exists()
    desk = client.get(reverse("rights:editor")).content.decode()
    assert "older than the English text: Spanish, French" in desk
    spanish = Client().get(f"/es/rights/articles/{article.slug}/").content.decode()
    assert "Esta traducción es más antigua que el texto en inglés" in spanish
    assert "$7.50" in spanish  # the current English is offered beside it


def test_a_translation_is_confirmed_only_by_its_box_and_only_with_the_same_figures(client_as):
    article = published_article(slug="bc-housing")
    client = client_as("ben")
    client.post(reverse("rights:editor_article", kwargs={"slug": article.slug}))
    version = ArticleVersion.objects.get(article=article, number=2)
    edit_url = reverse("rights:editor_version", kwargs={"version_id": version.pk})
    new_amounts = {
        "en_summary": "Your employer may take up to $7.32 a working day for housing.",
        "en_obligation": "Deduct no more than $7.32 per working day.",
    }
    # Ticking Spanish while it still says 7,11 $ is refused, and what was typed stays.
    refused = client.post(edit_url, _edit_form(version, **new_amounts, es_up_to_date="on"))
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "The figures differ from the English text" in page and "7.32" in page
    assert "$7.32 a working day" in page
    version.refresh_from_db()
    assert version.texts.get(language="en").summary.endswith("$7.11 a working day for housing.")
    # With the Spanish amounts corrected, the same box confirms it; French stays out of date.
    corrected = _edit_form(
        version,
        **new_amounts,
        es_summary="Su empleador puede descontar hasta 7,32 $ por día trabajado por la vivienda.",
        es_obligation="No descontar más de 7,32 $ por día trabajado.",
        es_up_to_date="on",
    )
    assert client.post(edit_url, corrected).status_code == 302
    texts = list(ArticleText.objects.filter(version=version))
    assert stale_languages(texts) == ["fr"]
    assert sorted(figure_differences(texts)) == ["fr"]


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
    services.version_publish(actor=personas.admin, version=version, notify_subscribers=False)
    rows = {row["article"].slug: row for row in editor_articles_for(personas.ben)}
    assert rows["bc-housing"]["stale"] == ["fr"]


def test_publishing_needs_review_and_a_future_date_schedules(personas):
    article = published_article(slug="bc-housing")
    version = new_version(article, personas.ben)
    with pytest.raises(ValidationError):
        services.version_publish(actor=personas.admin, version=version)
    version.effective_from = timezone.localdate() + dt.timedelta(days=30)
    version.save()
    services.version_submit(actor=personas.ben, version=version)
    services.version_publish(actor=personas.admin, version=version, notify_subscribers=False)
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


def test_neither_the_author_nor_the_last_editor_may_publish(personas):
    article = published_article(slug="bc-housing")
    version = new_version(article, personas.ben)
    services.version_submit(actor=personas.ben, version=version)
    assert not can_publish_version(personas.ben, version)
    assert can_publish_version(personas.admin, version)
    assert not can_publish_version(personas.dana, version)
    with pytest.raises(ValidationError):
        services.version_publish(actor=personas.ben, version=version)
    services.version_update(
        actor=personas.admin,
        version=version,
        effective_from=version.effective_from,
        source_url=version.source_url,
        source_title=version.source_title,
        source_date=version.source_date,
        is_uncertain=False,
        texts={"en": {**TEXTS["en"], "title": "Housing deduction (BC)"}},
        up_to_date=set(),
    )
    assert not can_publish_version(personas.admin, version)  # she changed it last
