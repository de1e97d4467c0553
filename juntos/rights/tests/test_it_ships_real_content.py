"""The shipped articles: complete in three languages, sourced, dated, loaded idempotently."""

from __future__ import annotations

import pytest

from juntos.core.models import AuditEntry
from juntos.rights.content import article_specs
from juntos.rights.models import Article, ArticleText
from juntos.rights.search import search_articles
from juntos.rights.services import content_load

REQUIRED = {
    "sawp-wages",
    "sawp-minimum-hours",
    "bc-sawp-housing-deduction",
    "sawp-utilities-deduction",
    "sawp-airfare-cost-recovery",
    "sawp-rest-days-breaks",
    "sawp-mexico-refuse-extra-hours",
    "recruitment-fees-prohibited",
    "reprisal-is-abuse",
    "open-work-permit-vulnerable-workers",
    "report-to-federal-tip-line",
    "minimum-wage-bc",
    "minimum-wage-on",
    "minimum-wage-qc",
    "recruiters-bc",
    "recruiters-mb",
    "recruiters-sk",
    "recruiters-ns",
    "recruiters-on",
}


def test_the_files_hold_at_least_thirty_complete_sourced_articles():
    specs = article_specs()
    assert len(specs) >= 30
    assert {spec["slug"] for spec in specs} >= REQUIRED
    for spec in specs:
        for version in spec["versions"]:
            assert version["source_url"].startswith(("https://", "http://")), spec["slug"]
            assert version["source_date"] and version["effective_from"], spec["slug"]
            assert set(version["texts"]) == {"en", "es", "fr"}, spec["slug"]
            for language, text in version["texts"].items():
                for name in ("title", "summary", "body", "obligation"):
                    assert text[name].strip(), (spec["slug"], language, name)


def test_uncertain_facts_say_so_and_point_to_a_caseworker():
    for spec in article_specs():
        for version in spec["versions"]:
            if version["uncertain"]:
                body = version["texts"]["en"]["body"] + version["texts"]["en"]["summary"]
                assert "caseworker" in body or "not confirmed" in body, spec["slug"]
                assert "intervenant" in version["texts"]["fr"]["body"], spec["slug"]
                assert "persona de apoyo" in version["texts"]["es"]["body"], spec["slug"]


@pytest.mark.django_db
def test_loading_is_idempotent_audited_and_searchable():
    created = content_load()
    assert created[0] == len(article_specs())
    assert content_load() == (0, 0)
    assert Article.objects.filter(current_version__isnull=False).count() == created[0]
    assert AuditEntry.objects.filter(action="rights.version_published").count() == created[1]
    assert ArticleText.objects.filter(language="es").count() == created[1]
    hits = search_articles("vivienda", language="es", province="BC", program="sawp-mx")
    assert hits[0].slug == "bc-sawp-housing-deduction"
    assert search_articles("reclutador", language="es", province="BC", program="sawp-mx")[
        0
    ].slug in {"recruiters-bc", "recruitment-fees-prohibited"}
