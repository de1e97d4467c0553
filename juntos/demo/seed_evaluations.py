"""Demo evaluations data for the walk of issue 23: the consulate's key (lupe's organisation,
passphrase printed with the demo logins), carl's sealed evaluation of rosa, and of maría, who
he said he would rehire and did not name: lupe watched it and the signal was raised."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.evaluations import selectors, services
from juntos.opportunities import selectors as opportunities

if TYPE_CHECKING:
    from juntos.accounts.models import User

LUPE = "lupe@consulado.example.gob.mx"
MARIA = "+12505550177"
# Published demo credential, development only: it unlocks the consulate's evaluations key.
DEMO_LIAISON_PASSPHRASE = "consulado demo 2026"


def _carl_evaluates(carl: User, worker: User, comments: str) -> int | None:
    engagement = next(
        (e for e in opportunities.seasons_worked_for(carl) if e.worker_id == worker.pk), None
    )
    if engagement is None:
        return None
    first = selectors.first_evaluation(engagement.pk, "employer-of-worker")
    if first is not None:
        return None
    evaluation = services.evaluation_submit(
        actor=carl,
        engagement=engagement,
        kind="employer-of-worker",
        answers={
            "would_rehire": "yes",
            "return_on": "2027-03-01",
            "conduct": 5,
            "skills": 4,
            "comments": comments,
        },
    )
    return evaluation.pk


def seed(people: dict[str, User]) -> None:
    """Create the demo evaluations data; running it twice changes nothing."""
    lupe, maria = user_by_identifier(LUPE), user_by_identifier(MARIA)
    if lupe is None or maria is None:  # the opportunities demo makes them
        return
    consulate = organisations_by_slug(["consulado-vancouver"])["consulado-vancouver"].pk
    if selectors.liaison_key_of(consulate) is None:
        services.liaison_key_create(
            actor=lupe, organisation_id=consulate, passphrase=DEMO_LIAISON_PASSPHRASE
        )
    carl = people["carl"]
    _carl_evaluates(carl, people["rosa"], "Trabaja con cuidado; buena con la escalera.")
    maria_evaluation = _carl_evaluates(carl, maria, "Rápida y puntual en la cosecha.")
    if maria_evaluation is None:
        return
    cookie = services.liaison_unlock(
        actor=lupe,
        organisation_id=consulate,
        passphrase=DEMO_LIAISON_PASSPHRASE,
        address="demo",
    )
    evaluation = selectors.get_sealed_for(lupe, maria_evaluation)
    services.rehire_watch_start(actor=lupe, evaluation=evaluation, cookie=cookie)
    services.liaison_lock(actor=lupe, cookie=cookie)
    # After the naming deadline for 2027 (December 1st, 2026): carl did not name maría.
    services.rehire_not_named_raise(today=max(timezone.localdate(), dt.date(2026, 12, 2)))
