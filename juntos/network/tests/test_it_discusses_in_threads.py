"""Members discuss recommendations and meetings in threads: answers under what they answer,
authors take their words back, the coordinator hides a comment and says why."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from juntos.core.models import AuditEntry
from juntos.network import services
from juntos.network.models import Comment
from juntos.network.tests.factories import make_meeting, make_members, make_recommendation
from juntos.testing.outbox import outbox_messages
from juntos.testing.queries import assert_queries_do_not_grow


def _page(client: Any, comment: Comment) -> str:
    if comment.recommendation_id:
        url = f"/en/network/recommendations/{comment.recommendation_id}/"
    else:
        url = f"/en/network/meetings/{comment.meeting_id}/"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_answers_come_under_what_they_answer(personas, client_as):
    recommendation = make_recommendation(personas, stage="endorsed")
    first = services.comment_add(actor=personas.rosa, subject=recommendation, body="Who pays?")
    second = services.comment_add(actor=personas.rita, subject=recommendation, body="And when?")
    answer = services.comment_reply(actor=personas.ines, parent=first, body="The ministry.")
    deeper = services.comment_reply(actor=personas.rosa, parent=answer, body="Which one?")
    page = _page(client_as("carl"), first)
    order = [page.index(f'id="comment-{c.pk}"') for c in (first, answer, deeper, second)]
    assert order == sorted(order)
    assert f'id="comment-{deeper.pk}" class="thread-depth-2"' in page
    assert f'id="comment-{second.pk}" class="thread-depth-0"' in page
    assert deeper.depth == 2 and deeper.recommendation_id == recommendation.pk


def test_a_thread_stops_at_its_depth_cap(personas, client_as):
    meeting = make_meeting(personas)
    comment = services.comment_add(actor=personas.rosa, subject=meeting, body="Level 0")
    for level in (1, 2, 3):
        comment = services.comment_reply(actor=personas.carl, parent=comment, body=f"L{level}")
    with pytest.raises(ValidationError):
        services.comment_reply(actor=personas.rosa, parent=comment, body="Level 4")
    page = _page(client_as("rosa"), comment)
    assert f"/network/comments/{comment.pk}/reply/" not in page
    assert f"/network/comments/{comment.parent_id}/reply/" in page
    response = client_as("rosa").post(f"/es/network/comments/{comment.pk}/reply/", {"body": "L4"})
    assert response.status_code == 200
    assert "L4" in response.content.decode() and "errorlist" in response.content.decode()
    assert Comment.objects.filter(body="L4").count() == 0


def test_an_author_removes_her_comment_and_the_answers_stay(personas, client_as):
    recommendation = make_recommendation(personas, stage="endorsed")
    mine = services.comment_add(actor=personas.rosa, subject=recommendation, body="My words")
    answer = services.comment_reply(actor=personas.carl, parent=mine, body="Fair point")
    with pytest.raises(PermissionDenied):
        services.comment_remove(actor=personas.carl, comment=mine)
    response = client_as("rosa").post(f"/en/network/comments/{mine.pk}/remove/")
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{mine.pk}")
    mine.refresh_from_db()
    assert mine.state == "removed" and mine.body == ""
    page = _page(client_as("ines"), mine)
    assert "Comment removed by its author." in page and "My words" not in page
    assert "Fair point" in page and f'id="comment-{answer.pk}" class="thread-depth-1"' in page
    assert f"/network/comments/{mine.pk}/reply/" not in page
    refused = client_as("ines").post(f"/en/network/comments/{mine.pk}/reply/", {"body": "Hm"})
    assert refused.status_code == 200 and "takes no more answers" in refused.content.decode()
    assert AuditEntry.objects.filter(action="network.comment_remove").count() == 1


def test_the_coordinator_hides_a_comment_with_a_reason(personas, client_as):
    meeting = make_meeting(personas)
    rude = services.comment_add(actor=personas.carl, subject=meeting, body="Rude words")
    with pytest.raises(PermissionDenied):
        services.comment_hide(actor=personas.rosa, comment=rude, reason="No")
    ben = client_as("ben")
    blank = ben.post(f"/fr/network/comments/{rude.pk}/hide/", {"reason": "  "})
    assert blank.status_code == 200 and "errorlist" in blank.content.decode()
    response = ben.post(f"/en/network/comments/{rude.pk}/hide/", {"reason": "Insults a member"})
    assert response.status_code == 302
    page = _page(client_as("rita"), rude)
    assert "Comment hidden by the coordinator." in page and "Insults a member" in page
    assert "Rude words" not in page
    # Nor does its answer page show it, and it takes no more answers.
    quoted = client_as("rita").get(f"/en/network/comments/{rude.pk}/reply/").content.decode()
    assert "Rude words" not in quoted and "Insults a member" in quoted
    rude.refresh_from_db()
    with pytest.raises(ValidationError):
        services.comment_reply(actor=personas.rita, parent=rude, body="Why?")
    assert AuditEntry.objects.filter(action="network.comment_hide").count() == 1


def test_the_author_of_a_comment_hears_of_an_answer_in_her_language(
    personas, client_as, django_capture_on_commit_callbacks
):
    make_members(personas)
    recommendation = make_recommendation(personas, stage="endorsed")
    rosas = services.comment_add(actor=personas.rosa, subject=recommendation, body="¿Quién?")
    with django_capture_on_commit_callbacks(execute=True):
        client_as("ines").post(f"/fr/network/comments/{rosas.pk}/reply/", {"body": "Le ministère."})
    answer = Comment.objects.get(parent=rosas)
    # Rosa reads Spanish, by SMS.
    (sms,) = outbox_messages(contains="Emergency line")
    assert sms.recipient == personas.rosa.phone
    assert "respondió" in sms.body
    assert f"/es/network/recommendations/{recommendation.pk}/#comment-{answer.pk}" in sms.body
    # Answering herself tells nobody; Inès reads French by email.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reply(actor=personas.rosa, parent=rosas, body="Gracias")
        services.comment_reply(actor=personas.rosa, parent=answer, body="Merci")
    assert [m.to for m in mail.outbox] == [[personas.ines.email]]
    assert "a répondu" in mail.outbox[0].subject


def test_a_drafts_discussion_stays_with_the_drafting_group(personas, client_as):
    draft = make_recommendation(personas)  # group: rosa, carl, amina
    comment = services.comment_add(actor=personas.amina, subject=draft, body="Needs numbers")
    with pytest.raises(PermissionDenied):
        services.comment_reply(actor=personas.rita, parent=comment, body="Let me see")
    assert client_as("rita").get(f"/en/network/comments/{comment.pk}/reply/").status_code == 404
    assert client_as("ben").get(f"/en/network/comments/{comment.pk}/reply/").status_code == 200


@pytest.mark.parametrize("on", ["recommendation", "meeting"])
def test_a_thread_takes_the_same_queries_however_long(personas, client_as, on):
    make_members(personas)
    subject = make_recommendation(personas, stage="endorsed") if on == "recommendation" else None
    subject = subject or make_meeting(personas)
    writers = [personas.rosa, personas.carl, personas.rita, personas.ines]
    counter = iter(range(1000))

    def add(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            writer = writers[i % len(writers)]
            top = services.comment_add(actor=writer, subject=subject, body=f"C{i}")
            answer = services.comment_reply(actor=personas.ines, parent=top, body=f"A{i}")
            services.comment_reply(actor=writer, parent=answer, body=f"B{i}")
            if i % 3 == 0:
                services.comment_remove(actor=writer, comment=top)

    url = f"/en/network/{on}s/{subject.pk}/"
    client = client_as("ben")
    assert_queries_do_not_grow(add_items=add, fetch=lambda: client.get(url), limit=40)


def test_a_drafts_discussion_stays_with_its_group_and_the_coordinator(personas):
    from juntos.network.tests.access import DRAFT_COMMENT_REPLY
    from tests.quality.matrix import play_everyone, violations

    results = play_everyone(DRAFT_COMMENT_REPLY, personas)
    problems = [p for result in results for p in violations(DRAFT_COMMENT_REPLY, result)]
    assert not problems, problems
