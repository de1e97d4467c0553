"""Pamphlets: PDFs of an article, a topic and the employer pack, with QR code and print date."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from juntos.rights import services
from juntos.rights.remembered import COOKIE
from juntos.rights.tests.factories import new_version, published_article

pytestmark = pytest.mark.django_db


def _url(name: str, language: str = "es", **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_it_prints_an_article_in_the_chosen_language_with_date_and_live_address():
    published_article(slug="bc-housing")
    text = _text(Client().get(_url("rights:article_pdf", slug="bc-housing")))
    assert "Descuento por vivienda en Columbia Británica" in text
    assert str(timezone.localdate().year) in text
    assert "/es/rights/articles/bc-housing/" in text.replace(" ", "")


def test_it_embeds_a_qr_code_image():
    published_article(slug="bc-housing")
    response = Client().get(_url("rights:article_pdf", "en", slug="bc-housing"))
    reader = PdfReader(io.BytesIO(response.content))
    drawn = reader.pages[0].get_contents()
    # WeasyPrint draws segno's SVG as vector strokes: one "m ... l" pair per run of modules.
    assert drawn is not None and drawn.get_data().count(b" l\n") > 100


def test_it_prints_a_topic_set_for_the_remembered_choice():
    published_article(slug="bc-housing")
    published_article(slug="other-topic", topics=("wages",))
    client = Client()
    client.cookies[COOKIE] = "BC:sawp-mx"
    text = _text(client.get(_url("rights:topic_pdf", topic="housing")))
    assert "Descuento por vivienda" in text


def test_it_asks_for_a_choice_before_printing_a_topic():
    response = Client().get(_url("rights:topic_pdf", "en", topic="housing"))
    assert response.status_code == 400
    assert 'name="province"' in response.content.decode()
    unknown = Client().get(_url("rights:topic_pdf", "en", topic="nonsense"))
    assert unknown.status_code == 404


def test_it_prints_the_employer_workshop_pack():
    published_article(slug="bc-housing")
    text = _text(
        Client().get(_url("rights:employer_pack", "en"), {"province": "BC", "program": "sawp-mx"})
    )
    assert "Deduct no more than $7.11 per working day." in text
    assert "Workshop questions" in text or "workshop" in text.lower()


def test_a_stale_translation_is_printed_with_a_warning_and_the_current_english(personas):
    article = published_article(slug="bc-housing")
    version = new_version(
        article,
        personas.ben,
        en={"summary": "Your employer may take up to $7.32 a working day for housing."},
    )
    services.version_submit(actor=personas.ben, version=version)
    services.version_publish(actor=personas.admin, version=version, notify_subscribers=False)
    text = _text(Client().get(_url("rights:article_pdf", "fr", slug="bc-housing")))
    assert "Cette traduction est plus ancienne que le texte anglais" in text
    assert "$7.32 a working day" in text
    fresh = _text(Client().get(_url("rights:article_pdf", "en", slug="bc-housing")))
    assert "plus ancienne" not in fresh and "older than the English" not in fresh
