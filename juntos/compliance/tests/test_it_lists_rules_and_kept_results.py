"""The list pages: the rules (public) and the results a worker kept (hers only)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from juntos.compliance.models import SavedCheck
from juntos.compliance.tests.factories import SavedCheckFactory, explained_rule
from juntos.core.models import AuditEntry
from juntos.testing.queries import assert_queries_do_not_grow


@pytest.mark.django_db
def test_the_rules_page_keeps_its_query_count(client):
    assert_queries_do_not_grow(
        add_items=lambda n: [explained_rule() for _ in range(n)],
        fetch=lambda: client.get("/es/compliance/rules/"),
        limit=4,
    )


@pytest.mark.django_db
def test_the_rules_page_shows_titles_and_certainty_in_the_language(client, rules):
    page = client.get("/es/compliance/rules/").content.decode()
    assert "Salario mínimo en Columbia Británica" in page
    assert "Todavía sin verificar" in page  # BC's June 2026 rate, in force today


@pytest.mark.django_db
def test_the_kept_results_page_keeps_its_query_count(client_as, personas):
    rosa = client_as("rosa")
    assert_queries_do_not_grow(
        add_items=lambda n: [SavedCheckFactory.create(owner=personas.rosa) for _ in range(n)],
        fetch=lambda: rosa.get("/es/compliance/kept/"),
        limit=8,
    )


@pytest.mark.django_db
def test_a_worker_sees_only_her_own_kept_results(client_as, personas):
    mine = SavedCheckFactory.create(owner=personas.rosa)
    theirs = SavedCheckFactory.create(owner=personas.dana)
    page = client_as("rosa").get("/en/compliance/kept/").content.decode()
    assert reverse("compliance:saved_detail", kwargs={"check_id": mine.pk})[3:] in page
    assert reverse("compliance:saved_detail", kwargs={"check_id": theirs.pk})[3:] not in page


@pytest.mark.django_db
def test_only_the_owner_deletes_a_kept_result(client_as, personas):
    saved = SavedCheckFactory.create(owner=personas.rosa)
    url = reverse("compliance:saved_delete", kwargs={"check_id": saved.pk})
    assert client_as("dana").post(url).status_code == 404
    assert client_as("amina").post(url).status_code == 404
    assert SavedCheck.objects.filter(pk=saved.pk).exists()
    assert client_as("rosa").post(url).status_code == 302
    assert not SavedCheck.objects.filter(pk=saved.pk).exists()
    assert AuditEntry.objects.filter(action="compliance.check_deleted").exists()


@pytest.mark.django_db
def test_the_seeded_demo_gives_rosa_one_kept_result(personas):
    from juntos.demo.seed_compliance import seed

    seed(personas.people)
    seed(personas.people)
    [kept] = SavedCheck.objects.filter(owner=personas.rosa)
    assert kept.findings[0]["rule_id"] == "SAWP-BC-HOUSING-DEDUCTION"


@pytest.mark.django_db
def test_a_rule_page_shows_every_version_with_both_wordings_and_parameters(client, rules):
    page = client.get("/fr/compliance/rules/MW-BC/").content.decode()
    assert "Salaire minimum en Colombie-Britannique" in page
    assert "Pour les employeurs" in page and "Vous devez payer au moins 18,25" in page
    assert "&quot;hourly&quot;: &quot;17.85&quot;" in page
    assert page.index("18,25") < page.index("17,85")  # newest first
