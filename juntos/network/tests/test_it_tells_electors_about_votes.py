"""When a plenary vote opens, and the day before its voting ends, electors are told: in their
language, on their channel."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.utils import timezone

from juntos.core.selectors import periodic_jobs
from juntos.network import services
from juntos.network.tests.factories import MEMBERS, make_recommendation, make_trustee
from juntos.testing.outbox import outbox_messages, outbox_one


def _open(personas, *, closes_in: int | None = 3, secret: bool = True):
    recommendation = make_recommendation(personas, stage="on-agenda")
    if secret:
        make_trustee(personas.ben)
    return services.vote_open(
        actor=personas.ben,
        recommendation=recommendation,
        ballot_kind="secret" if secret else "open",
        threshold="simple-majority",
        quorum_percent=50,
        closes_on=None if closes_in is None else timezone.localdate() + dt.timedelta(closes_in),
    )


def _sent_about(title: str) -> dict[str, str]:
    """recipient -> body, over email and the SMS/WhatsApp outbox."""
    sent = {m.to[0]: str(m.body) for m in mail.outbox if title in m.subject}
    sent.update({m.recipient: m.body for m in outbox_messages(contains="Emergency")})
    return sent


def test_every_elector_hears_when_a_vote_opens(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        vote = _open(personas)
    sent = _sent_about("Emergency line")
    electors = {getattr(personas, key) for key in MEMBERS}
    assert set(sent) == {u.contact_address() for u in electors}
    assert vote.electorate_size == len(electors)
    # Rosa reads Spanish, by SMS; Inès French, by email.
    to_rosa = outbox_one(personas.rosa.phone)
    assert to_rosa.channel == "sms"
    assert "votación secreta" in to_rosa.body and f"/es/network/votes/{vote.pk}/" in to_rosa.body
    assert "scrutin secret" in sent[personas.ines.email]
    assert personas.dana.email not in sent


def test_the_day_before_voting_ends_only_those_yet_to_vote_are_reminded(
    personas, django_capture_on_commit_callbacks
):
    vote = _open(personas, closes_in=2)
    services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.vote_reminders_queue() == []  # two days ahead: not yet
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        assert services.vote_reminders_queue(today=tomorrow) == [vote.pk]
        assert services.vote_reminders_queue(today=tomorrow) == []  # once per vote
    reminded = _sent_about("Emergency line")
    assert personas.rosa.contact_address() not in reminded
    assert personas.amina.email in reminded
    assert "your vote is not in yet" in reminded[personas.amina.email]


def test_a_vote_without_an_end_day_gets_no_reminder(personas):
    _open(personas, closes_in=None, secret=False)
    assert services.vote_reminders_queue(today=timezone.localdate() + dt.timedelta(days=400)) == []


def test_the_reminder_is_a_periodic_job():
    path, every = periodic_jobs()["network.vote-deadline-reminders"]
    assert path == "juntos.network.tasks.send_vote_reminders"
    assert every <= dt.timedelta(hours=1)


def test_voting_cannot_end_in_the_past(personas):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="before today"):
        _open(personas, closes_in=-1)
