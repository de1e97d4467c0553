"""Answers and amendments arriving at the same moment: the draft is endorsed once, every
answer counts, and of two amendments made on one revision only one is accepted (row lock)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from juntos.core.models import AuditEntry
from juntos.network import services
from juntos.network.models import Amendment, GroupAnswer
from juntos.network.tests.factories import MemberFactory, make_recommendation

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The in-memory SQLite test database's shared cache fails locks at once instead of waiting;
    # CI runs this on PostgreSQL, where select_for_update waits.
    pytest.mark.skipif(
        connection.vendor == "sqlite", reason="needs a database that waits for row locks"
    ),
]


def _in_threads(work: Any, items: list[Any]) -> list[Exception]:
    errors: list[Exception] = []

    def run(item: Any) -> None:
        try:
            work(item)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_answers_at_once_endorse_the_draft_once(personas):
    draft = make_recommendation(personas)  # rosa, carl, amina
    extra: list[Any] = [MemberFactory() for _ in range(3)]
    for member in extra:
        services.group_member_add(actor=None, group=draft.group, member=member)
    # Six members: four answers needed. Six arrive at once, and the sixth finds it decided.
    people = [personas.rosa, personas.carl, personas.amina, *(m.user for m in extra)]
    errors = _in_threads(
        lambda person: services.recommendation_answer(
            actor=person, recommendation=draft, agrees=True
        ),
        people,
    )
    draft.refresh_from_db()
    assert draft.status == "endorsed"
    assert AuditEntry.objects.filter(action="network.recommendation_endorse").count() == 1
    answered = GroupAnswer.objects.filter(recommendation=draft).count()
    assert answered == 4 and len(errors) == 2
    assert all(isinstance(e, ValidationError) for e in errors)


def test_of_two_amendments_on_one_revision_only_one_is_accepted(personas):
    draft = make_recommendation(personas)
    amendments = [
        services.amendment_propose(
            actor=personas.ben,
            recommendation=draft,
            texts={"en": ("Emergency line", f"Answer in Spanish, version {i}.")},
            reason=f"Reason {i}",
        )
        for i in range(2)
    ]
    deciders = iter([personas.rosa, personas.carl])
    pairs = [(next(deciders), a) for a in amendments]
    errors = _in_threads(
        lambda pair: services.amendment_accept(actor=pair[0], amendment=pair[1]), pairs
    )
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert Amendment.objects.filter(state="accepted").count() == 1
    assert draft.revisions.count() == 2
