"""Before the working group decides: members support a draft and propose amendments, which
the group accepts (a new revision in the proposer's name) or rejects with a reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from juntos.core.models import AuditEntry
from juntos.network import services
from juntos.network.diffs import word_diff
from juntos.network.models import Amendment, RecommendationText, Support
from juntos.network.tests.factories import endorse, make_members, make_recommendation
from juntos.testing.outbox import outbox_messages
from juntos.testing.queries import assert_queries_do_not_grow

NIGHTS = {"en": ("Emergency line", "Answer in Spanish, day and night.")}


def _page(client: Any, recommendation: Any, language: str = "en") -> str:
    response = client.get(f"/{language}/network/recommendations/{recommendation.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_each_member_supports_once_and_may_withdraw(personas, client_as):
    draft = make_recommendation(personas)  # group: rosa, carl, amina
    for key in ("amina", "ben", "amina"):
        services.recommendation_support(actor=getattr(personas, key), recommendation=draft)
    assert Support.objects.filter(recommendation=draft).count() == 2
    assert AuditEntry.objects.filter(action="network.support_add").count() == 2
    page = _page(client_as("carl"), draft)
    assert "2 members support this recommendation." in page
    assert "Supported by" in page and make_members(personas)["amina"].name in page
    withdrawn = client_as("amina").post(f"/en/network/recommendations/{draft.pk}/support/withdraw/")
    assert withdrawn.status_code == 302
    assert "1 member supports this recommendation." in _page(client_as("amina"), draft)


def test_once_decided_support_stays_and_the_names_stay_with_the_group(personas, client_as):
    draft = make_recommendation(personas)
    services.recommendation_support(actor=personas.amina, recommendation=draft)
    endorse(personas, draft)
    with pytest.raises(ValidationError, match="already decided"):
        services.recommendation_support(actor=personas.ines, recommendation=draft)
    with pytest.raises(ValidationError, match="already decided"):
        services.recommendation_support_withdraw(actor=personas.amina, recommendation=draft)
    outside = _page(client_as("ines"), draft)  # a member of no group
    assert "1 member supports this recommendation." in outside
    assert "Supported by" not in outside
    assert "Supported by" in _page(client_as("rosa"), draft)


def test_members_who_cannot_read_the_draft_cannot_support_or_amend_it(personas):
    draft = make_recommendation(personas)
    for key in ("rita", "ines", "dana"):
        with pytest.raises(PermissionDenied):
            services.recommendation_support(actor=getattr(personas, key), recommendation=draft)
        with pytest.raises(PermissionDenied):
            services.amendment_propose(
                actor=getattr(personas, key), recommendation=draft, texts=NIGHTS, reason="x"
            )


def test_an_amendment_must_change_the_drafts_own_language(personas):
    draft = make_recommendation(personas)
    with pytest.raises(ValidationError) as unchanged:
        services.amendment_propose(
            actor=personas.ben,
            recommendation=draft,
            texts={"en": (draft.title, draft.body), "es": ("Línea", "Responder de noche.")},
            reason="Spanish",
        )
    assert "body_en" in unchanged.value.error_dict
    with pytest.raises(ValidationError) as half:
        services.amendment_propose(
            actor=personas.ben,
            recommendation=draft,
            texts={"en": ("Emergency line", "")},
            reason="x",
        )
    assert "body_en" in half.value.error_dict
    with pytest.raises(ValidationError) as no_reason:
        services.amendment_propose(
            actor=personas.ben, recommendation=draft, texts=NIGHTS, reason="  "
        )
    assert "reason" in no_reason.value.error_dict
    assert not Amendment.objects.exists()


def test_the_form_keeps_what_was_typed_and_says_why(personas, client_as):
    draft = make_recommendation(personas)
    response = client_as("amina").post(
        f"/es/network/recommendations/{draft.pk}/amendments/new/",
        {"title_en": "Emergency line", "body_en": "", "title_es": "Línea nocturna", "reason": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Línea nocturna" in page and "errorlist" in page
    assert not Amendment.objects.exists()


def test_the_group_reads_an_amendment_word_by_word_and_what_it_leaves_out(personas, client_as):
    draft = make_recommendation(personas)
    services.content_text_set(
        actor=None, source=draft, language="fr", title="Ligne", body="Répondre en espagnol."
    )
    client_as("ben").post(
        f"/en/network/recommendations/{draft.pk}/amendments/new/",
        {
            "title_en": "Emergency line",
            "body_en": "Answer in Spanish, day and night.",
            "title_fr": "Ligne",
            "body_fr": "Répondre en espagnol.",  # unchanged: not part of the proposal
            "reason": "Emergencies happen at night",
        },
    )
    amendment = Amendment.objects.get()
    assert list(amendment.texts.values_list("language", flat=True)) == ["en"]
    assert "Amendment by" in _page(client_as("amina"), draft)
    page = client_as("amina").get(f"/en/network/amendments/{amendment.pk}/").content.decode()
    assert "<del>Spanish.</del><ins>Spanish, day and night.</ins>" in page
    french, spanish = page.index("<h2>French</h2>"), page.index("<h2>Spanish</h2>")
    assert page.index("No new text is proposed in this language", french) > french
    assert page.index("no translation into it yet", spanish) < french
    assert "Accept the amendment" in page
    assert (
        "Accept the amendment"
        not in client_as("ben").get(f"/en/network/amendments/{amendment.pk}/").content.decode()
    )


def test_an_accepted_amendment_is_a_new_revision_by_its_proposer(
    personas, client_as, django_capture_on_commit_callbacks
):
    draft = make_recommendation(personas)
    amendment = services.amendment_propose(
        actor=personas.ben,
        recommendation=draft,
        texts={**NIGHTS, "es": ("Línea de emergencia", "Responder en español, de día y de noche.")},
        reason="Emergencies happen at night",
    )
    services.recommendation_answer(actor=personas.rosa, recommendation=draft, agrees=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("carl").post(f"/en/network/amendments/{amendment.pk}/accept/")
    assert response.status_code == 302
    draft.refresh_from_db()
    revision = draft.revisions.order_by("-number").first()
    assert (revision.number, revision.body, revision.author) == (
        2,
        "Answer in Spanish, day and night.",
        personas.ben,
    )
    assert draft.body == revision.body
    spanish = RecommendationText.objects.get(source=draft, language="es")
    assert spanish.title == "Línea de emergencia"
    assert "amendment by" in _page(client_as("rosa"), draft)
    # A new revision starts the group's answers again.
    assert services.decision_progress(draft, revision).answered == 0
    (notice,) = [m for m in mail.outbox if personas.ben.email in m.to]
    assert "accepted" in notice.subject and f"/en/network/amendments/{amendment.pk}/" in notice.body


def test_a_rejected_amendment_says_why_to_its_proposer_in_her_language(
    personas, client_as, django_capture_on_commit_callbacks
):
    draft = make_recommendation(personas)
    amendment = services.amendment_propose(
        actor=personas.rosa, recommendation=draft, texts=NIGHTS, reason="De noche también"
    )
    empty = client_as("amina").post(
        f"/fr/network/amendments/{amendment.pk}/reject/", {"reason": ""}
    )
    assert empty.status_code == 200 and "errorlist" in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client_as("amina").post(
            f"/fr/network/amendments/{amendment.pk}/reject/", {"reason": "Fuera del mandato"}
        )
    amendment.refresh_from_db()
    assert amendment.state == "rejected" and amendment.rejection_reason == "Fuera del mandato"
    (sms,) = outbox_messages(contains="Fuera del mandato")  # Rosa reads Spanish, by SMS
    assert sms.recipient == personas.rosa.phone and "no aceptó" in sms.body
    with translation.override("en"), pytest.raises(ValidationError, match="already been answered"):
        services.amendment_accept(actor=personas.carl, amendment=amendment)


def test_an_amendment_made_on_an_older_version_is_not_accepted(personas):
    draft = make_recommendation(personas)
    first = services.amendment_propose(
        actor=personas.ben, recommendation=draft, texts=NIGHTS, reason="Nights"
    )
    second = services.amendment_propose(
        actor=personas.amina,
        recommendation=draft,
        texts={"en": ("Emergency line", "Answer in Spanish and French.")},
        reason="French",
    )
    services.amendment_accept(actor=personas.rosa, amendment=first)
    with pytest.raises(ValidationError, match="changed since"):
        services.amendment_accept(actor=personas.rosa, amendment=second)
    with pytest.raises(PermissionDenied):  # ben reads drafts but is not in the group
        services.amendment_reject(actor=personas.ben, amendment=second, reason="No")


def test_a_decided_recommendation_takes_no_amendment(personas, client_as):
    draft = endorse(personas, make_recommendation(personas))
    with pytest.raises(ValidationError, match="already decided"):
        services.amendment_propose(
            actor=personas.ines, recommendation=draft, texts=NIGHTS, reason="Nights"
        )
    page = client_as("ines").get(f"/en/network/recommendations/{draft.pk}/amendments/new/")
    assert page.status_code == 200
    assert "already decided" in page.content.decode()
    assert "Propose the amendment" not in page.content.decode()
    refused = client_as("ines").post(
        f"/en/network/recommendations/{draft.pk}/amendments/new/",
        {"title_en": "Emergency line", "body_en": "At night.", "reason": "Nights"},
    )
    assert refused.status_code == 200 and not Amendment.objects.exists()


def test_words_taken_out_and_put_in_give_back_both_texts():
    parts = word_diff("Answer in Spanish.\nAlways.", "Answer in French.\nAlways.")
    old = "".join(p.text for p in parts if p.kind != "added")
    new = "".join(p.text for p in parts if p.kind != "removed")
    assert (old, new) == ("Answer in Spanish.\nAlways.", "Answer in French.\nAlways.")
    assert [p.kind for p in parts] == ["same", "removed", "added", "same"]


def test_the_draft_page_runs_the_same_queries_however_many_supports_and_amendments(
    personas, client_as
):
    from juntos.network.tests.factories import MemberFactory

    draft = make_recommendation(personas)
    counter = iter(range(1000))

    def add(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            member: Any = MemberFactory()
            services.group_member_add(actor=None, group=draft.group, member=member)
            user = member.user
            services.recommendation_support(actor=user, recommendation=draft)
            services.amendment_propose(
                actor=user,
                recommendation=draft,
                texts={"en": ("Emergency line", f"Answer in Spanish, version {i}.")},
                reason=f"Reason {i}",
            )

    client = client_as("carl")
    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get(f"/en/network/recommendations/{draft.pk}/"),
        limit=45,
    )


def test_an_answered_amendment_still_shows_what_it_changed(personas, client_as):
    draft = make_recommendation(personas)
    amendment = services.amendment_propose(
        actor=personas.ben, recommendation=draft, texts=NIGHTS, reason="Nights"
    )
    services.amendment_accept(actor=personas.rosa, amendment=amendment)
    page = client_as("ben").get(f"/en/network/amendments/{amendment.pk}/").content.decode()
    assert "<ins>Spanish, day and night.</ins>" in page and "version 2" in page
    assert "Accept the amendment" not in page
