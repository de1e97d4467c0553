"""The curated data files: checked as a whole before anything is written, loaded once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from juntos.credentials.datafiles import DATA_DIR
from juntos.credentials.models import Equivalence, Framework, Standard, Unit
from juntos.credentials.services import frameworks_load


def test_loading_twice_changes_nothing(db):
    first = frameworks_load(actor=None)
    counts = (Framework.objects.count(), Standard.objects.count(), Unit.objects.count())
    second = frameworks_load(actor=None)
    assert first.created > 0 and second.created == 0 and second.updated == 0
    assert counts == (Framework.objects.count(), Standard.objects.count(), Unit.objects.count())


def test_every_standard_has_a_source_and_every_framework_a_licence(loaded):
    for framework in Framework.objects.all():
        assert framework.source_url.startswith("https://") and framework.licence
    for standard in Standard.objects.select_related("framework"):
        assert standard.source_url.startswith("https://")
        if standard.framework.code == "noc-2021":
            assert standard.teer in range(6), standard.code
    assert {"conocer", "red-seal", "noc-2021", "esco"} == set(
        Framework.objects.values_list("code", flat=True)
    )


def test_no_mapping_between_conocer_and_red_seal_claims_to_be_official(loaded):
    rows = Equivalence.objects.filter(
        source__framework__code="conocer", target__framework__code="red-seal"
    )
    assert rows.exists() and not rows.filter(status="official").exists()


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def test_one_bad_row_stops_the_whole_load(db, tmp_path):
    folder = _copy(tmp_path)
    text = (folder / "equivalences.toml").read_text()
    (folder / "equivalences.toml").write_text(
        text.replace('match = "close"', 'match = "same"', 1)
        + '\n[[equivalence]]\nkey = "x"\nsource = "urn:nothing"\ntarget = "urn:nothing"\n'
        'match = "exact"\nstatus = "official"\nsource_note = "n"\n'
    )
    with pytest.raises(ValidationError) as raised:
        frameworks_load(actor=None, directory=folder)
    messages = " ".join(raised.value.messages)
    assert "match must be one of" in messages
    assert "must be standards in the files" in messages
    assert "names who says so" in messages
    assert not Framework.objects.exists()  # nothing was written


def test_the_command_says_why_it_loaded_nothing(db, tmp_path):
    folder = _copy(tmp_path)
    (folder / "standards.toml").write_text(
        (folder / "standards.toml").read_text().replace("teer = 5", "teer = 9", 1)
    )
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="TEER is 0 to 5"):
        call_command("credentials_load", "--data", str(folder))
    assert not Standard.objects.exists()


def test_the_command_loads(db, capsys):
    call_command("credentials_load")
    assert "created" in capsys.readouterr().out
    assert Standard.objects.filter(code="85101", teer=5).exists()


def test_the_skos_export_parses_back(client, loaded):
    response = client.get("/credentials/equivalences.ttl")
    assert response["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=response.content.decode(), format="turtle")
    source = URIRef("urn:juntos:conocer:pending:plaguicidas")
    target = URIRef("urn:juntos:red-seal:landscape-horticulturist")
    assert (source, SKOS.broadMatch, target) in graph
    notes = {str(o) for o in graph.objects(None, SKOS.scopeNote)}
    assert notes == {"Not an official recognition"}
    assert len(set(graph.subjects(None, None))) > Equivalence.objects.count()


def test_uncertain_standards_say_so_on_their_page(client, loaded):
    page = client.get(
        "/es/credentials/standards/conocer/EC-PENDIENTE-PLAGUICIDAS/"
    ).content.decode()
    assert "Aún sin confirmar con quien lo publica" in page
    assert "No es un reconocimiento oficial." in page
