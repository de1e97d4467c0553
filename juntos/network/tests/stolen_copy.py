"""A secret vote as a thief of the database would find it, for the attacks in
`test_it_keeps_ballots_secret_in_a_stolen_copy.py`.

`play(snapshot)` runs a vote and calls `snapshot(label)` at each moment a copy is taken: after
the vote opened (nothing cast), after the secret ballots (vote still open), after the count,
and after an open-ballot vote (the control that shows the attack does see plain choices).

Run as `python -m juntos.network.tests.stolen_copy OUT_DIR` with DATABASE_URL pointing at a
fresh SQLite file, it migrates that file and copies it with its WAL into OUT_DIR at each moment.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

SECRET_CHOICES = {"rosa": "abstain", "amina": "yes", "carl": "abstain", "rita": "yes"}
OPEN_CHOICES = {"rosa": "abstain", "amina": "yes"}
# Plain choices as the old ballot table stored them: words that no hex, no base32 code and
# nothing else written while ballots are cast can contain.
CHOICE_WORDS = (b"abstain", b"yes")


def play(snapshot: Callable[[str], None]) -> dict[str, Any]:
    """Run the scenario; returns the secrets an attacker would want, to search the copies for."""
    from juntos.network import services
    from juntos.network.tests.factories import TRUSTEE_PASSPHRASE, make_vote
    from juntos.testing.personas import make_personas

    personas = make_personas()
    secret = make_vote(personas, secret=True)
    snapshot("opened")
    codes = [
        services.ballot_cast(actor=getattr(personas, key), vote=secret, choice=choice).code
        for key, choice in SECRET_CHOICES.items()
    ]
    snapshot("cast")
    secret = services.vote_close(actor=personas.ben, vote=secret)
    secret = services.tally_share_open(
        actor=personas.ben, vote=secret, passphrase=TRUSTEE_PASSPHRASE
    )
    snapshot("counted")
    control = make_vote(personas, secret=False)
    for key, choice in OPEN_CHOICES.items():
        services.ballot_cast(actor=getattr(personas, key), vote=control, choice=choice)
    snapshot("control")
    return {
        "vote_id": secret.pk,
        "codes": codes,
        "passphrase": TRUSTEE_PASSPHRASE,
        "ben_id": personas.ben.pk,
    }


def main(out_dir: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.backends.signals import connection_created

    def keep_every_frame(sender: object, connection: Any, **kwargs: object) -> None:
        # The WAL is never checkpointed, so it only grows: the thief's copy then holds every
        # page written since the database was made (the most a copy can hold), and a word's
        # count can only rise when something writes it, never fall as old frames are reused.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint=0")

    connection_created.connect(keep_every_frame)
    call_command("migrate", verbosity=0)
    database = Path(connection.settings_dict["NAME"])
    out = Path(out_dir)

    def snapshot(label: str) -> None:
        # Copied while the connection is open, as a thief copying a live server would: the
        # WAL still holds the recent pages.
        for suffix in ("", "-wal"):
            source = Path(f"{database}{suffix}")
            if source.exists():
                shutil.copyfile(source, out / f"{label}.sqlite3{suffix}")

    found = play(snapshot)
    (out / "scenario.json").write_text(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1])
