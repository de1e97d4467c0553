import pytest
from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.registry import services
from juntos.registry.tests import factories


@pytest.fixture
def carls_reviews(personas):
    """Carl's site with three published reviews, one by rosa, and one pending review."""
    organisation = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"]
    owner = factories.employer("Okanagan Orchards Ltd.", organisation_id=organisation.pk)
    site = factories.site(owner, name="Kelowna orchard")
    rosas = services.review_submit(
        actor=personas.rosa,
        site=site,
        season=timezone.localdate().year,
        fee_charged="yes",
        contract_matched=1,
        paid_on_time=1,
        respect_safety=2,
        text="PUBLISHED-TEXT de Rosa",
    )
    factories.review_row(site, status="approved", text="PUBLISHED-TEXT two")
    factories.review_row(site, status="approved", text="PUBLISHED-TEXT three")
    # The third approval crosses the threshold and publishes all three.
    services.review_moderate(actor=personas.ben, review=rosas, approve=True)
    rosas.refresh_from_db()
    pending = factories.review_row(site, text="PENDING-TEXT not yet")
    return owner, rosas, pending


def identifying_strings(personas, review):
    rosa = personas.rosa
    return [rosa.display_name, rosa.phone, review.reviewer_key, "Hern"]


@pytest.mark.parametrize("who", ["carl", "dana", "rita", "anonymous"])
def test_employer_page_shows_published_reviews_and_never_the_reviewer(
    personas, client, client_as, carls_reviews, who
):
    owner, rosas, _ = carls_reviews
    assert rosas.published_on is not None
    browser = client if who == "anonymous" else client_as(who)
    html = browser.get(f"/en/registry/employers/{owner.slug}/").content.decode()
    assert html.count("PUBLISHED-TEXT") == 3
    assert "PENDING-TEXT" not in html
    for secret in identifying_strings(personas, rosas):
        assert secret not in html
    api = browser.get(f"/api/registry/employers/{owner.slug}").content.decode()
    assert api.count("PUBLISHED-TEXT") == 3
    assert "PENDING-TEXT" not in api and "reviewer" not in api
    for secret in identifying_strings(personas, rosas):
        assert secret not in api


def test_carls_own_page_shows_no_reviewer_and_nothing_unpublished(
    personas, client_as, carls_reviews
):
    _, rosas, _ = carls_reviews
    html = client_as("carl").get("/en/registry/mine/").content.decode()
    assert html.count("PUBLISHED-TEXT") == 3
    assert "PENDING-TEXT" not in html
    for secret in identifying_strings(personas, rosas):
        assert secret not in html


def test_moderators_read_the_text_but_not_the_author(personas, client_as, carls_reviews):
    _, _, pending = carls_reviews
    html = client_as("ben").get("/en/registry/moderation/").content.decode()
    assert "PENDING-TEXT" in html
    assert "PUBLISHED-TEXT" not in html  # already moderated
    for secret in identifying_strings(personas, pending):
        assert secret not in html


@pytest.mark.parametrize("who", ["carl", "dana", "rita", "amina", "rosa", "ines"])
def test_nobody_else_sees_the_moderation_queue(client_as, carls_reviews, who):
    _, _, pending = carls_reviews
    assert client_as(who).get("/en/registry/moderation/").status_code == 403
    response = client_as(who).post(
        f"/en/registry/moderation/{pending.pk}/", {f"{pending.pk}-decision": "approve"}
    )
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_site_below_the_threshold_shows_nothing(client, db):
    site = factories.site()
    for _ in range(2):
        factories.review_row(site, status="approved", text="APPROVED-BUT-WAITING")
    html = client.get(f"/en/registry/employers/{site.employer.slug}/").content.decode()
    assert "APPROVED-BUT-WAITING" not in html
    assert "No reviews are published yet" in html
