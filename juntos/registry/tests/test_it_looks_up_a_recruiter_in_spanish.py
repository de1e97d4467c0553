"""Done when: as a new user would, in Spanish, look up a recruiter by a misspelled name and see
its licence status."""

import datetime as dt
from pathlib import Path

from django.core.management import call_command

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_a_worker_finds_a_misspelled_recruiter_and_its_licence_status_in_spanish(client, db):
    call_command(
        "import_registry",
        "--kind",
        "recruiters",
        "--province",
        "BC",
        "--published",
        "2026-06-01",
        str(SAMPLES / "recruiters-bc.csv"),
        stdout=None,
    )
    home = client.get("/es/").content.decode()
    assert "/es/registry/" in home
    start = client.get("/es/registry/").content.decode()
    assert "Consultar un empleador o un reclutador" in start
    assert "publicada el 1 de junio de 2026" in start  # where the licence list comes from

    results = client.get("/es/registry/", {"q": "pasific agricultral"})
    html = results.content.decode()
    assert results.status_code == 200
    assert "Pacific Agricultural Recruitment Services" in html
    assert "Con licencia" in html
    assert "FWR-2019-0142" in html

    page = client.get("/es/registry/recruiters/pacific-agricultural-recruitment-services/")
    html = page.content.decode()
    assert "Licencias y registros" in html
    assert "Con licencia" in html
    assert "vence el 31 de marzo de 2027" in html
    assert "publicada el 1 de junio de 2026" in html


def test_a_suspended_licence_reads_as_suspended(client, db):
    call_command(
        "import_registry",
        "--kind",
        "recruiters",
        "--province",
        "BC",
        str(SAMPLES / "recruiters-bc.csv"),
        stdout=None,
    )
    html = client.get("/es/registry/", {"q": "tierra fertil"}).content.decode()
    assert "Agencia Tierra Fértil" in html
    assert "Suspendida" in html


def test_accents_are_optional_for_employers(client, db):
    from juntos.registry.tests import factories

    factories.site(factories.employer("Agrícola del Valle Ltd."), name="Delta")
    html = client.get("/es/registry/", {"q": "agricola", "kind": "employers"}).content.decode()
    assert "Agrícola del Valle Ltd." in html


def test_an_expired_licence_is_not_called_licensed(client, db):
    from juntos.registry.tests import factories

    factories.licence(factories.recruiter("Old Valley Agency"), expires_on=dt.date(2020, 1, 1))
    html = client.get("/en/registry/", {"q": "old valley"}).content.decode()
    assert "Licence expired" in html
    assert "status-ok" not in html
