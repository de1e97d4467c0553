"""Attacks on the stored bytes: a copy of the database (SQLite file and WAL, or a pg_dump)
shows who voted and nothing of how; only the trustees' passphrases open, and only the totals.

The scenario is in `stolen_copy.py`. On SQLite it runs in a child process against a real file
in WAL mode (the test database lives in memory); on PostgreSQL it runs in this process and each
copy is a `pg_dump`. Each backend's test runs in that backend's suite.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from juntos.network import ballot_crypto
from juntos.network.tests.stolen_copy import CHOICE_WORDS, SECRET_CHOICES, play

LABELS = ("opened", "cast", "counted", "control")
TRUE_TOTALS = [
    list(SECRET_CHOICES.values()).count(c) for c in ("yes", "no", "abstain")
]  # yes, no, abstain


# -- what the attacker does with any copy ------------------------------------------------------


def _assert_no_plain_choice_written(copies: dict[str, bytes]) -> None:
    for word in CHOICE_WORDS:
        # Casting four secret ballots adds no plain choice anywhere in the files...
        assert copies["cast"].count(word) == copies["opened"].count(word), word
    # ...while two open ballots do: the same search finds plain choices where they are stored.
    assert copies["control"].count(b"abstain") > copies["counted"].count(b"abstain")


def _assert_ballot_rows_reveal_nothing(rows: list[dict[str, Any]], codes: list[str]) -> None:
    assert len(rows) == len(SECRET_CHOICES)
    assert {r["choice"] for r in rows} == {""}
    assert {r["open_voter_id"] for r in rows} == {None}
    assert {r["receipt_hash"] for r in rows} == {None}
    sealed = [r["sealed_choice"] for r in rows]
    # Two ballots say "yes" and two "abstain": all four ciphertexts differ, at one length.
    assert len(set(sealed)) == len(sealed) and len({len(s) for s in sealed}) == 1
    assert sorted(r["tracking_code"] for r in rows) == sorted(codes)


def _assert_the_key_is_nowhere(copies: dict[str, bytes], trustee: dict[str, Any], found: Any):
    stored = ballot_crypto.WrappedTrusteeKey(
        public_key=trustee["public_key"],
        salt=trustee["salt"],
        wrapped=trustee["wrapped_private_key"],
        time_cost=trustee["argon2_time_cost"],
        memory_kib=trustee["argon2_memory_kib"],
    )
    owner = f"user:{found['ben_id']}"
    for wrong in ("", "guess", found["passphrase"].upper()):
        with pytest.raises(ballot_crypto.TrusteeKeyError):
            ballot_crypto.trustee_key_open(stored, wrong, owner=owner)
    # Only with the passphrase does the share open; neither is anywhere in the files.
    private = ballot_crypto.trustee_key_open(stored, found["passphrase"], owner=owner)
    share = ballot_crypto.share_open(
        trustee["sealed_share"],
        private,
        index=trustee["share_index"],
        context=f"juntos-vote:{found['vote_id']}:share:{trustee['share_index']}",
    )
    raw = share.value.to_bytes(ballot_crypto.WIDTH, "big")
    for data in copies.values():
        assert found["passphrase"].encode() not in data
        assert raw not in data and raw.hex().encode() not in data
        assert private.private_bytes_raw() not in data


def _assert_recount_without_keys(vote: dict[str, Any], rows: list[dict[str, Any]], opened: Any):
    tally = ballot_crypto.aggregate(
        [ballot_crypto.hex_to_ciphertexts(r["sealed_choice"]) for r in rows], 3
    )
    assert ballot_crypto.ciphertexts_to_hex(tally) == vote["sealed_tally"]
    partials = {i: ballot_crypto.hex_to_ints(p) for i, p in opened}
    assert ballot_crypto.combine(tally, partials, most=len(rows)) == TRUE_TOTALS
    assert [vote["yes_count"], vote["no_count"], vote["abstain_count"]] == TRUE_TOTALS


# -- SQLite: the database file and its WAL -----------------------------------------------------


def _sqlite_rows(path: Path, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in db.execute(sql, params)]
    finally:
        db.close()


def test_a_copy_of_the_sqlite_file_and_wal_shows_no_choice(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite attack runs in the SQLite suite")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "juntos.settings_test",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    subprocess.run(
        [sys.executable, "-m", "juntos.network.tests.stolen_copy", str(tmp_path)],
        env=env,
        check=True,
        timeout=900,
        cwd=settings.BASE_DIR,
    )
    found = json.loads((tmp_path / "scenario.json").read_text())
    copies = {
        label: b"".join(p.read_bytes() for p in sorted(tmp_path.glob(f"{label}.sqlite3*")))
        for label in LABELS
    }
    assert all(tmp_path.joinpath(f"{label}.sqlite3-wal").exists() for label in LABELS)
    _assert_no_plain_choice_written(copies)
    # The thief opens the copy (file and WAL together) as a database.
    thief = tmp_path / "thief"
    thief.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(tmp_path / f"cast.sqlite3{suffix}", thief / f"copy.sqlite3{suffix}")
    rows = _sqlite_rows(
        thief / "copy.sqlite3",
        "SELECT * FROM network_ballot WHERE vote_id = ?",
        (found["vote_id"],),
    )
    _assert_ballot_rows_reveal_nothing(rows, found["codes"])
    counted = tmp_path / "counted.sqlite3"
    (trustee,) = _sqlite_rows(
        counted,
        "SELECT t.*, k.* FROM network_votetrustee t JOIN network_trusteekey k "
        "ON k.id = t.trustee_id WHERE t.vote_id = ?",
        (found["vote_id"],),
    )
    _assert_the_key_is_nowhere(copies, trustee, found)
    (vote,) = _sqlite_rows(counted, "SELECT * FROM network_vote WHERE id = ?", (found["vote_id"],))
    _assert_recount_without_keys(
        vote,
        _sqlite_rows(
            counted, "SELECT * FROM network_ballot WHERE vote_id = ?", (found["vote_id"],)
        ),
        [(trustee["share_index"], trustee["partial_decryption"])],
    )


# -- PostgreSQL: a pg_dump ---------------------------------------------------------------------


def _pg_dump() -> bytes:
    binary = shutil.which("pg_dump") or max(
        glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), default=""
    )
    assert binary, "pg_dump is installed with PostgreSQL (scripts/setup-system --postgres)"
    db = connection.settings_dict
    command = [binary, "--no-owner", "-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return subprocess.run(
        [*command, db["NAME"]], env=env, check=True, capture_output=True, timeout=300
    ).stdout


def _pg_rows(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c.name for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_shows_no_choice():
    if connection.vendor != "postgresql":
        pytest.skip("the pg_dump attack runs in the PostgreSQL suite")
    copies: dict[str, bytes] = {}
    found = play(lambda label: copies.__setitem__(label, _pg_dump()))
    _assert_no_plain_choice_written(copies)
    vote_id = found["vote_id"]
    rows = _pg_rows("SELECT * FROM network_ballot WHERE vote_id = %s", [vote_id])
    _assert_ballot_rows_reveal_nothing(rows, found["codes"])
    (trustee,) = _pg_rows(
        "SELECT t.*, k.* FROM network_votetrustee t JOIN network_trusteekey k "
        "ON k.id = t.trustee_id WHERE t.vote_id = %s",
        [vote_id],
    )
    _assert_the_key_is_nowhere(copies, trustee, found)
    (vote,) = _pg_rows("SELECT * FROM network_vote WHERE id = %s", [vote_id])
    _assert_recount_without_keys(
        vote, rows, [(trustee["share_index"], trustee["partial_decryption"])]
    )
