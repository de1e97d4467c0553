"""`credential_verify FILE --offline`: only the saved keys and lists, and how old they are."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from juntos.credentials.services import credential_revoke
from juntos.credentials.tests.helpers import issue_to


def _run(*args):
    try:
        call_command("credential_verify", *args)
    except SystemExit as stop:
        return stop.code
    return 0


def test_offline_with_a_fresh_cache(personas, authorised, fraser, tmp_path, capsys):
    credential = issue_to(personas, authorised, fraser.pk)
    file = tmp_path / "c.jwt"
    file.write_text(credential.token)
    cache = tmp_path / "cache"
    assert _run("--refresh", "--cache", str(cache)) == 0
    assert _run(str(file), "--offline", "--cache", str(cache), "--language", "es") == 0
    out = capsys.readouterr().out
    assert "Válida" in out and "jwks.json guardado hace" in out


def test_offline_uses_the_cache_even_when_the_site_changed(
    personas, authorised, fraser, tmp_path, capsys
):
    credential = issue_to(personas, authorised, fraser.pk)
    file = tmp_path / "c.jwt"
    file.write_text(credential.token)
    cache = tmp_path / "cache"
    _run("--refresh", "--cache", str(cache))
    credential_revoke(actor=personas.ben, credential=credential, reason="x")
    assert _run(str(file), "--offline", "--cache", str(cache)) == 0  # the old list says valid
    _run("--refresh", "--cache", str(cache))
    assert _run(str(file), "--offline", "--cache", str(cache)) == 1
    assert "Revoked" in capsys.readouterr().out


def test_offline_without_a_cache_cannot_say_valid(personas, authorised, fraser, tmp_path, capsys):
    credential = issue_to(personas, authorised, fraser.pk)
    file = tmp_path / "c.jwt"
    file.write_text(credential.token)
    assert _run(str(file), "--offline", "--cache", str(tmp_path / "none")) == 1
    out = capsys.readouterr().out
    assert "Nothing is saved yet" in out and "Not valid" in out


def test_a_tampered_cached_list_is_not_trusted(personas, authorised, fraser, tmp_path, capsys):
    credential = issue_to(personas, authorised, fraser.pk)
    file = tmp_path / "c.jwt"
    file.write_text(credential.token)
    cache = tmp_path / "cache"
    _run("--refresh", "--cache", str(cache))
    for path in cache.glob("status-*-revocation.jwt"):
        token = path.read_text()
        path.write_text(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))
    assert _run(str(file), "--offline", "--cache", str(cache)) == 1
    assert "could not be checked" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"\xff\xfe", b"{}", b"a.b.c"])
def test_junk_files_are_not_valid(db, tmp_path, content, capsys):
    file = tmp_path / "junk"
    file.write_bytes(content)
    assert _run(str(file)) == 1
