import pytest
from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.registry.choices import ReviewStatus
from juntos.registry.models import ReviewReply
from juntos.registry.tests import factories


def url(review):
    return f"/en/registry/reviews/{review.pk}/reply/"


def test_carl_sees_his_entry_and_sends_a_reply_for_moderation(
    client, client_as, carls_published_review
):
    review = carls_published_review
    carl = client_as("carl")
    page = carl.get("/en/registry/mine/").content.decode()
    assert "Okanagan Orchards Ltd." in page and "La vivienda estaba sucia." in page
    assert "Send reply" in page
    response = carl.post(url(review), {f"{review.pk}-body": "We repainted the housing."})
    assert response.status_code == 302 and response["Location"] == "/en/registry/mine/"
    reply = ReviewReply.objects.get(review=review)
    assert reply.replied_on == timezone.localdate()
    assert reply.status == ReviewStatus.PENDING
    # Carl sees it waiting; nobody else sees it yet.
    page = carl.get("/en/registry/mine/").content.decode()
    assert "Your reply is waiting for moderation" in page
    assert "We repainted the housing." in page
    public = client.get(f"/en/registry/employers/{review.employer.slug}/").content.decode()
    assert "We repainted the housing." not in public
    # One standing reply per review: the form is gone and a second post is refused, with why.
    assert "Send reply" not in page
    again = carl.post(url(review), {f"{review.pk}-body": "Second answer"})
    assert again.status_code == 400
    assert "already answered this review" in again.content.decode()
    assert "Second answer" in again.content.decode()  # what he typed is kept
    assert ReviewReply.objects.get(review=review).body == "We repainted the housing."


def test_empty_reply_is_refused_and_explained(client_as, carls_published_review):
    review = carls_published_review
    response = client_as("carl").post(url(review), {f"{review.pk}-body": "   "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ReviewReply.objects.exists()


@pytest.mark.parametrize("who", ["dana", "rita", "rosa", "amina", "ben"])
def test_nobody_outside_the_employer_replies(client_as, carls_published_review, who):
    review = carls_published_review
    response = client_as(who).post(url(review), {f"{review.pk}-body": "Not mine to answer"})
    assert response.status_code == 404
    assert not ReviewReply.objects.exists()


def test_unpublished_reviews_cannot_be_answered(client_as, carls_published_review):
    pending = factories.review_row(carls_published_review.site, text="waiting")
    response = client_as("carl").post(url(pending), {f"{pending.pk}-body": "Answer"})
    assert response.status_code == 404
    assert not ReviewReply.objects.exists()


@pytest.mark.parametrize("who", ["dana", "rosa", "amina", "ben", "ines"])
def test_people_without_an_entry_have_no_employer_page(client_as, carls_published_review, who):
    assert client_as(who).get("/en/registry/mine/").status_code == 403


def test_rita_sees_her_licences(client_as, personas):
    organisation = organisations_by_slug(["pacific-agri-recruitment"])["pacific-agri-recruitment"]
    recruiter = factories.recruiter(
        "Pacific Agricultural Recruitment Services", organisation_id=organisation.pk
    )
    licence = factories.licence(recruiter)
    html = client_as("rita").get("/en/registry/mine/").content.decode()
    assert licence.number in html


def test_the_search_page_points_people_to_their_own_pages(client, client_as, db):
    assert "/en/registry/mine/" in client_as("carl").get("/en/registry/").content.decode()
    assert "/en/registry/mine/" in client_as("rita").get("/en/registry/").content.decode()
    assert "/en/registry/moderation/" in client_as("ben").get("/en/registry/").content.decode()
    for browser in (client, client_as("rosa"), client_as("dana")):
        html = browser.get("/en/registry/").content.decode()
        assert "/en/registry/mine/" not in html and "/en/registry/moderation/" not in html
