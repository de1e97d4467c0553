"""An official list's own words (statuses, penalties, reasons, licence conditions) and a sample
list's notice are shown in the reader's language; words we cannot translate are marked as the
list's English."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone, translation

from juntos.registry import services
from juntos.registry.models import Employer
from juntos.registry.official_terms import shown_penalty, shown_reasons, shown_status
from tests.quality.page_language import english_words

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "noncompliant-employers.csv"
# Names in the sample list, which stay as they are written.
NAMES = ("Okanagan Orchards", "Campos Verdes", "Prairie Sun Greenhouses", "Serre du Nord")


def _import_sample():
    return services.official_list_import(
        actor=None,
        kind="noncompliant",
        province="CA",
        text=SAMPLE.read_text(encoding="utf-8"),
        filename=SAMPLE.name,
        source="Sample data shipped with Juntos, not an official list",
        source_date=timezone.localdate(),
        sample=True,
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ("Advertencia", "Puede contratar por el programa", "Una multa de 45\xa0000 $")),
        ("fr", ("Avertissement", "Peut embaucher par le programme", "Une amende de 45")),
    ],
)
def test_employer_pages_show_the_sample_records_in_spanish_and_french(client, language, words):
    _import_sample()
    for employer in Employer.objects.all():
        html = client.get(f"/{language}/registry/employers/{employer.slug}/").content.decode()
        address = employer.noncompliance_records.get().address
        assert english_words(html, language, names=(*NAMES, address, employer.legal_name)) == []
        assert "Warning" not in html and "Eligible" not in html
    pages = "".join(
        client.get(f"/{language}/registry/employers/{e.slug}/").content.decode()
        for e in Employer.objects.all()
    )
    for word in words:
        assert word in pages


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("es", "Datos de ejemplo incluidos con Juntos (noncompliant-employers.csv)"),
        ("fr", "Données d’exemple fournies avec Juntos (noncompliant-employers.csv)"),
    ],
)
def test_the_index_says_a_sample_list_is_a_sample_in_the_page_language(client, language, notice):
    _import_sample()
    html = client.get(f"/{language}/registry/").content.decode()
    assert notice in html and "Sample data" not in html
    assert english_words(html, language) == []


def test_what_the_list_says_in_other_words_stays_as_published_and_marked_english():
    with translation.override("es"):
        assert shown_status("Ineligible - unpaid penalty").text.startswith("No puede contratar")
        assert shown_penalty("$45,000 and a 5-year ban").text == (
            "Una multa de 45\xa0000 $ y una prohibición de 5 años"
        )
        assert shown_penalty("Ineligible for 1 year").text == "No puede contratar durante 1 año"
        assert shown_penalty("Banned until the penalty is paid").lang == "en"
        reasons = shown_reasons(
            "The employer did not cooperate with an inspection.; The employer lied."
        )
        assert [r.lang for r in reasons] == ["", "en"]
        assert reasons[0].text == "El empleador no colaboró con una inspección."


def test_an_unknown_value_is_marked_so_the_page_does_not_pass_it_off(client):
    batch = _import_sample()
    record = batch.noncompliance_records.first()
    record.penalty = "Banned until the penalty is paid"
    record.save()
    html = client.get(f"/es/registry/employers/{record.employer.slug}/").content.decode()
    assert '<span lang="en">Banned until the penalty is paid</span>' in html


@pytest.mark.parametrize(
    ("language", "conditions"),
    [
        ("es", "Suspendida mientras se investigan cobros hechos a trabajadores."),
        ("fr", "Suspendu pendant l’enquête sur des frais demandés aux travailleurs."),
    ],
)
def test_a_recruiters_licence_conditions_are_in_the_page_language(client, language, conditions):
    recruiters = SAMPLE.parent / "recruiters-bc.csv"
    batch = services.official_list_import(
        actor=None,
        kind="recruiters",
        province="BC",
        text=recruiters.read_text(encoding="utf-8"),
        filename=recruiters.name,
        source="Sample data shipped with Juntos, not an official list",
        source_date=timezone.localdate(),
        sample=True,
    )
    licence = batch.licences.get(number="FWR-2020-0387")
    html = client.get(f"/{language}/registry/recruiters/{licence.recruiter.slug}/").content.decode()
    assert conditions in html and "Suspended pending" not in html
    licence.conditions = "Must post a bond"
    licence.save()
    html = client.get(f"/{language}/registry/recruiters/{licence.recruiter.slug}/").content.decode()
    assert '<span lang="en">Must post a bond</span>' in html
