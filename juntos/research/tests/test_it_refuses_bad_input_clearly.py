"""Bad input on the research pages and API: a clear message in the request's language."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, TestCase
from django.utils import timezone, translation

from juntos.research import services
from juntos.research.models import DownloadLink
from juntos.research.tests.factories import approved_project, population
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db


def test_an_unknown_variable_is_named_in_the_message(personas):
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        services.project_approve(
            actor=personas.ben,
            title="T",
            purpose="P",
            ethics_reference="R",
            expires_on=timezone.localdate() + dt.timedelta(days=30),
            variables=["gender", "salary"],
        )
    assert "Variable desconocida: salary" in str(refused.value)


def test_the_api_refuses_an_unknown_or_unapproved_variable_with_422(personas):
    project = approved_project(personas, variables=["gender", "province"])
    ben = logged_in_client(personas.ben)
    url = f"/api/research/projects/{project.pk}/extracts"
    for variables, words in ((["salary"], "Variable inconnue"), (["region"], "Non approuvée")):
        response = ben.post(
            url,
            json.dumps({"variables": variables}),
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="fr",
        )
        assert response.status_code == 422
        assert words in json.dumps(response.json(), ensure_ascii=False)


def test_an_expired_link_says_so_in_spanish_never_a_500(personas):
    population(100, 1)
    project = approved_project(personas, variables=["gender"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        extract = services.extract_request(actor=personas.ben, project=project)
    extract.refresh_from_db()
    link = services.link_issue(actor=personas.ben, extract=extract)
    DownloadLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    token = services.link_token(DownloadLink.objects.get(pk=link.pk))
    response = Client().get(f"/es/research/download/{token}/")
    assert response.status_code == 410
    assert "Este enlace de descarga venció" in response.content.decode()


def test_a_link_is_valid_for_seven_days(personas):
    population(100, 1)
    project = approved_project(personas, variables=["gender"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        extract = services.extract_request(actor=personas.ben, project=project)
    extract.refresh_from_db()
    link = services.link_issue(actor=personas.ben, extract=extract)
    assert link.expires_at - link.created_at == dt.timedelta(days=7)


def test_a_damaged_or_forged_link_is_not_found_in_french(personas):
    for token in ("nothing", "eyJsaW5rIjoxLCJ1bnRpbCI6MX0:forged", "x" * 5000):
        response = Client().get(f"/fr/research/download/{token}/")
        assert response.status_code == 404
        assert "lien de téléchargement" in response.content.decode()


def test_an_unknown_variable_on_the_form_keeps_what_was_typed(personas):
    ben = logged_in_client(personas.ben)
    response = ben.post(
        "/es/research/projects/new/",
        {
            "title": "Movilidad",
            "purpose": "Quién vuelve.",
            "ethics_reference": "REB-1",
            "expires_on": "2027-01-01",
            "variables": ["salary"],
        },
    )
    assert response.status_code == 400
    assert "Movilidad" in response.content.decode()


def test_a_bad_month_gets_a_translated_400(personas):
    response = Client().get("/api/research/labour-need?month=2026-13&language=es")
    assert response.status_code == 400
    assert "año y un mes" in json.dumps(response.json(), ensure_ascii=False)
    page = Client().get("/fr/research/labour-need/?month=hier")
    assert page.status_code == 400
    assert "une année et un mois" in page.content.decode()
