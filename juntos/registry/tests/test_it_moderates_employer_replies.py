import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.core.models import AuditEntry, OutboxMessage
from juntos.registry import services
from juntos.registry.choices import ReviewStatus
from juntos.registry.models import ReviewReply
from juntos.registry.tests import factories

REPLY = "REPLY-TEXT the worker from cabin 3 who left in June"


def public_texts(client, review):
    """The employer page and the API entry, as anyone sees them."""
    slug = review.employer.slug
    page = client.get(f"/en/registry/employers/{slug}/").content.decode()
    api = client.get(f"/api/registry/employers/{slug}").json()
    return page, api


def decide(browser, reply, decision, rule=""):
    prefix = f"reply-{reply.pk}"
    return browser.post(
        f"/en/registry/moderation/replies/{reply.pk}/",
        {f"{prefix}-decision": decision, f"{prefix}-rule": rule},
    )


@pytest.fixture
def pending_reply(personas, carls_published_review):
    return services.review_reply(actor=personas.carl, review=carls_published_review, body=REPLY)


def test_a_new_reply_is_hidden_until_a_moderator_approves_it(client, client_as, pending_reply):
    review = pending_reply.review
    page, api = public_texts(client, review)
    assert "La vivienda estaba sucia." in page  # the review itself is public
    assert REPLY not in page
    assert [r["employer_reply"] for r in api["reviews"]] == [""]
    page, api = public_texts(client_as("dana"), review)
    assert REPLY not in page and REPLY not in json.dumps(api)

    response = decide(client_as("ben"), pending_reply, "approve")
    assert response.status_code == 302 and response["Location"] == "/en/registry/moderation/"
    pending_reply.refresh_from_db()
    assert pending_reply.status == ReviewStatus.APPROVED
    page, api = public_texts(client, review)
    assert REPLY in page
    assert [r["employer_reply"] for r in api["reviews"]] == [REPLY]
    mine = client_as("carl").get("/en/registry/mine/").content.decode()
    assert REPLY in mine and "waiting for moderation" not in mine
    assert "Send reply" not in mine  # an approved reply stands: no second one


def test_a_rejected_reply_stays_hidden_and_the_employer_may_write_again(
    client, client_as, pending_reply
):
    review = pending_reply.review
    response = decide(client_as("ben"), pending_reply, "reject", "guesses-reviewer")
    assert response.status_code == 302
    pending_reply.refresh_from_db()
    assert pending_reply.status == ReviewStatus.REJECTED
    assert pending_reply.rejected_rule == "guesses-reviewer"
    page, api = public_texts(client, review)
    assert REPLY not in page and REPLY not in json.dumps(api)

    carl = client_as("carl")
    mine = carl.get("/en/registry/mine/").content.decode()
    assert "Your reply was not published" in mine
    assert "It names, guesses or hints at who wrote the review" in mine
    assert "Send reply" in mine
    answer = carl.post(
        f"/en/registry/reviews/{review.pk}/reply/", {f"{review.pk}-body": "We fixed the cabins."}
    )
    assert answer.status_code == 302
    second = ReviewReply.objects.get(review=review, status=ReviewStatus.PENDING)
    assert second.body == "We fixed the cabins."
    mine = carl.get("/en/registry/mine/").content.decode()
    assert "Your reply is waiting for moderation" in mine
    assert "Your reply was not published" not in mine and "Send reply" not in mine

    decide(client_as("ben"), second, "approve")
    page, api = public_texts(client, review)
    assert "We fixed the cabins." in page and REPLY not in page
    assert [r["employer_reply"] for r in api["reviews"]] == ["We fixed the cabins."]


def test_a_pending_or_approved_reply_blocks_another(personas, pending_reply):
    review = pending_reply.review
    with pytest.raises(ValidationError):
        services.review_reply(actor=personas.carl, review=review, body="Another one")
    services.reply_moderate(actor=personas.ben, reply=pending_reply, approve=True)
    with pytest.raises(ValidationError):
        services.review_reply(actor=personas.carl, review=review, body="Another one")
    assert ReviewReply.objects.filter(review=review).count() == 1


def test_the_database_itself_refuses_two_standing_replies(pending_reply):
    today = timezone.localdate()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewReply.objects.create(review=pending_reply.review, body="twice", replied_on=today)
    # Rejected replies do not count.
    ReviewReply.objects.create(
        review=pending_reply.review,
        body="old",
        replied_on=today,
        status=ReviewStatus.REJECTED,
        rejected_rule="off-topic",
    )


@pytest.mark.parametrize("who", ["carl", "rita", "dana", "rosa", "amina", "ines"])
def test_only_secretariat_coordinators_moderate_replies(personas, client_as, pending_reply, who):
    with pytest.raises(PermissionDenied):
        services.reply_moderate(actor=getattr(personas, who), reply=pending_reply, approve=True)
    browser = client_as(who)
    assert decide(browser, pending_reply, "approve").status_code == 404
    assert browser.get("/en/registry/moderation/").status_code == 403
    pending_reply.refresh_from_db()
    assert pending_reply.status == ReviewStatus.PENDING
    assert not AuditEntry.objects.filter(action="registry.reply_moderate").exists()


def test_anonymous_visitors_cannot_moderate(client, pending_reply):
    assert decide(client, pending_reply, "approve").status_code == 404
    pending_reply.refresh_from_db()
    assert pending_reply.status == ReviewStatus.PENDING


def test_a_rejection_needs_a_reply_rule(personas, client_as, pending_reply):
    for rule in ("", "first-hand", "made-up"):  # "first-hand" is a rule for reviews only
        with pytest.raises(ValidationError):
            services.reply_moderate(
                actor=personas.ben, reply=pending_reply, approve=False, rule=rule
            )
    response = decide(client_as("ben"), pending_reply, "reject")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the rule the reply breaks." in html
    assert f'value="reject" id="id_reply-{pending_reply.pk}-decision_1" checked' in html  # kept
    pending_reply.refresh_from_db()
    assert pending_reply.status == ReviewStatus.PENDING


def test_a_reply_is_moderated_once(personas, pending_reply):
    services.reply_moderate(actor=personas.ben, reply=pending_reply, approve=True)
    with pytest.raises(ValidationError):
        services.reply_moderate(
            actor=personas.ben, reply=pending_reply, approve=False, rule="off-topic"
        )
    pending_reply.refresh_from_db()
    assert pending_reply.status == ReviewStatus.APPROVED


def test_replies_and_decisions_are_audited(personas, pending_reply):
    written = AuditEntry.objects.get(action="registry.review_reply")
    assert written.actor == personas.carl
    assert written.object_id == str(pending_reply.pk)
    services.reply_moderate(
        actor=personas.ben, reply=pending_reply, approve=False, rule="threats-or-hate"
    )
    decided = AuditEntry.objects.get(action="registry.reply_moderate")
    assert decided.actor == personas.ben
    assert decided.object_id == str(pending_reply.pk)
    assert decided.details == {"status": "rejected", "rule": "threats-or-hate"}
    assert decided.organisation_id == pending_reply.review.employer.organisation_id


def test_moderators_read_the_reply_and_its_review_but_not_the_reviewer(personas, client_as):
    organisation = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"]
    site = factories.site(
        factories.employer("Okanagan Orchards Ltd.", organisation_id=organisation.pk)
    )
    rosas = services.review_submit(
        actor=personas.rosa,
        site=site,
        season=timezone.localdate().year,
        fee_charged="yes",
        contract_matched=1,
        paid_on_time=1,
        respect_safety=2,
        text="REVIEW-TEXT de Rosa",
    )
    factories.review_row(site, status="approved")
    factories.review_row(site, status="approved")
    services.review_moderate(actor=personas.ben, review=rosas, approve=True)
    rosas.refresh_from_db()
    assert rosas.published_on is not None
    services.review_reply(actor=personas.carl, review=rosas, body=REPLY)

    html = client_as("ben").get("/en/registry/moderation/").content.decode()
    assert REPLY in html and "REVIEW-TEXT de Rosa" in html
    for secret in (personas.rosa.display_name, personas.rosa.phone, rosas.reviewer_key, "Hern"):
        assert secret not in html


def test_moderators_hear_of_replies_and_employers_of_decisions(
    personas, carls_published_review, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.review_reply(
            actor=personas.carl, review=carls_published_review, body=REPLY
        )
    (to_ben,) = [m for m in mailoutbox if m.to == [personas.ben.email]]
    assert "reply" in to_ben.body and "waiting for moderation" in to_ben.body
    assert REPLY not in to_ben.body
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_moderate(actor=personas.ben, reply=reply, approve=False, rule="reprisal")
    (to_carl,) = [m for m in mailoutbox if m.to == [personas.carl.email]]
    assert "Okanagan Orchards Ltd." in to_carl.body
    assert "It warns of consequences for workers who speak up" in to_carl.body
    for message in [*mailoutbox, *OutboxMessage.objects.all()]:
        assert "@example.org" not in message.body
