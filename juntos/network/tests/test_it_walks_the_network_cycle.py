"""The issue's "done when" walk, as people would do it through the pages."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from juntos.network.models import Ballot, Meeting, Participation, Recommendation, Vote, WorkingGroup
from juntos.network.selectors import tally_matches
from juntos.network.tests.factories import make_members, slot
from juntos.testing.outbox import outbox_messages


def test_it_walks_from_group_to_adopted_recommendation_and_digest(
    personas, client_as, django_capture_on_commit_callbacks
):
    members = make_members(personas)
    ben, rosa, carl = client_as("ben"), client_as("rosa"), client_as("carl")

    # ben creates a working group with two co-chairs from different sectors
    response = ben.post(
        reverse("network:group_create"),
        {
            "name": "Mistreatment and emergencies",
            "mandate": "Prevent mistreatment and respond to emergencies.",
            "co_chairs": [members["rosa"].pk, members["carl"].pk],
        },
    )
    group = WorkingGroup.objects.get()
    assert response.status_code == 302
    page = ben.get(reverse("network:group", args=[group.pk])).content.decode()
    assert "co-chairs all come from one sector" not in page

    # ben proposes a plenary with a poll; rosa marks a time; ben schedules it from the poll
    first, second = slot(-1, 10), slot(2, 18)
    form = {
        "title": "Autumn plenary",
        "format": "hybrid",
        "location": "Hall",
        "online_url": "https://meet.example.org/a",
        "group": "",
    }
    for n, (starts, ends) in enumerate([first, second], start=1):
        form |= {
            f"day_{n}": starts.date().isoformat(),
            f"start_{n}": starts.strftime("%H:%M"),
            f"end_{n}": ends.strftime("%H:%M"),
        }
    assert ben.post(reverse("network:meeting_create"), form).status_code == 302
    meeting = Meeting.objects.get()
    early = meeting.poll_options.earliest("starts_at")
    rosa.post(reverse("network:meeting_availability", args=[meeting.pk]), {"options": [early.pk]})
    detail = ben.get(reverse("network:meeting", args=[meeting.pk]))
    assert detail.context["poll_rows"][0].workers == 1
    ben.post(reverse("network:meeting_schedule", args=[meeting.pk]), {"option": early.pk})
    meeting.refresh_from_db()
    assert meeting.status == "scheduled" and meeting.starts_at == early.starts_at

    # rosa registers asking for Spanish; the coordinator is warned until he assigns someone
    rosa.post(
        reverse("network:meeting_register", args=[meeting.pk]), {"interpretation_language": "es"}
    )
    page = ben.get(reverse("network:meeting", args=[meeting.pk]))
    assert page.context["missing_languages"] == ["Spanish"]
    ben.post(
        reverse("network:meeting_interpreter", args=[meeting.pk]),
        {"language": "es", "interpreter_name": "Lucía Ortega"},
    )
    assert ben.get(reverse("network:meeting", args=[meeting.pk])).context["missing_languages"] == []

    # rosa adds it to her phone's calendar
    ics = rosa.get(reverse("network:meeting_ics", args=[meeting.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Autumn plenary"
    assert event.decoded("DTSTART") == early.starts_at

    # the recommendation: drafted, revised, decided by the group, put on the agenda, voted in
    # secret
    rosa.post(
        reverse("network:recommendation_create", args=[group.pk]),
        {"title": "Emergency line", "body": "A line in Spanish."},
    )
    rec = Recommendation.objects.get()
    rosa.post(
        reverse("network:recommendation_revise", args=[rec.pk]),
        {"title": "Emergency line", "body": "A line in Spanish, day and night.", "note": "24h"},
    )
    # the group decides: both its members agree (a majority of two is two)
    half = rosa.post(reverse("network:recommendation_answer", args=[rec.pk]), {"answer": "agree"})
    assert half.status_code == 302
    assert (
        "1 of 2 needed"
        in rosa.get(reverse("network:recommendation", args=[rec.pk])).content.decode()
    )
    carl.post(reverse("network:recommendation_answer", args=[rec.pk]), {"answer": "agree"})
    rec.refresh_from_db()
    assert rec.status == "endorsed"
    ben.post(reverse("network:recommendation_agenda", args=[rec.pk]), {"meeting": meeting.pk})
    passphrase = "plenary trustee words here"
    trustee = ben.post(
        reverse("network:trustee"), {"passphrase": passphrase, "passphrase_again": passphrase}
    )
    assert trustee.status_code == 302
    ben.post(
        reverse("network:vote_open", args=[rec.pk]),
        {"ballot_kind": "secret", "threshold": "simple-majority", "quorum_percent": 50},
    )
    vote = Vote.objects.get()
    codes = {}
    for key, choice in [("rosa", "yes"), ("amina", "yes"), ("carl", "no"), ("ines", "yes")]:
        receipt = client_as(key).post(
            reverse("network:vote_cast", args=[vote.pk]), {"choice": choice}
        )
        assert receipt.status_code == 200
        assert "says nothing about what you chose" in receipt.content.decode()
        codes[key] = receipt.context["receipt"].code
    open_page = rosa.get(reverse("network:vote", args=[vote.pk])).content.decode()
    assert "4 of 6 have voted" in open_page and "Carried" not in open_page
    ben.post(reverse("network:vote_close", args=[vote.pk]), {"reason": ""})
    waiting = rosa.get(reverse("network:vote", args=[vote.pk])).content.decode()
    assert "Waiting for the count" in waiting and "Carried" not in waiting
    ben.post(reverse("network:tally_open", args=[vote.pk]), {"passphrase": passphrase})
    rec.refresh_from_db()
    vote.refresh_from_db()
    assert rec.status == "adopted" and rec.revisions.count() == 2
    assert (vote.yes_count, vote.no_count, vote.abstain_count) == (3, 1, 0)
    assert tally_matches(vote)
    assert (
        Ballot.objects.filter(vote=vote).count() == Participation.objects.filter(vote=vote).count()
    )

    # rosa checks her receipt
    check = rosa.post(reverse("network:receipt_check", args=[vote.pk]), {"code": codes["rosa"]})
    checked = check.content.decode()
    assert "Your ballot is in the list of counted ballots" in checked
    assert "It says" not in checked
    listed = client_as("dana").get(reverse("network:counted_ballots", args=[vote.pk]))
    assert set(codes.values()) <= set(listed.context["codes"])

    # the plenary is recorded as held; everyone receives the digest in their language
    with django_capture_on_commit_callbacks(execute=True):
        ben.post(
            reverse("network:meeting_held", args=[meeting.pk]), {"attended": [members["rosa"].pk]}
        )
    # pytest-django swaps email for the in-memory outbox; SMS goes to the core outbox.
    emails = [m for m in mail.outbox if "Emergency line" in m.body]
    texts = outbox_messages(contains="Emergency line")
    assert len(emails) + len(texts) == len(members)
    assert {m.to[0] for m in emails} == {getattr(personas, k).email for k in members if k != "rosa"}
    [to_rosa] = [m for m in texts if m.recipient == personas.rosa.phone]
    assert to_rosa.channel == "sms"
    assert "Adoptada" in to_rosa.body or "Aprobada" in to_rosa.body
    assert re.search(r"/es/network/decisions/", to_rosa.body)
