"""Workers review a recruiter or agency the way they review a workplace: one review per season,
moderated (approve, remove one passage, reject), sent again after a rejection, and published on
the recruiter's page once enough workers have reviewed it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.registry import services
from juntos.registry.models import RecruiterReview
from juntos.registry.policies import can_review_recruiter
from juntos.registry.selectors import pending_recruiter_reviews_for
from juntos.registry.tests import factories
from juntos.registry.tests.query_counts import assert_page_and_api_stay_flat
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    return {
        "season": timezone.localdate().year,
        "fee_charged": "yes",
        "promise_kept": "1",
        "explained_clearly": "2",
        "respect": "3",
        "text": "Nos cobró 500 dólares por la visa.",
        **overrides,
    }


def ritas_agency():
    firm = organisations_by_slug(["pacific-agri-recruitment"])["pacific-agri-recruitment"]
    return factories.recruiter("Agencia Sol", organisation_id=firm.pk)


def test_rosa_reviews_a_recruiter_in_spanish_and_it_waits_for_moderation(client_as, db):
    agency = factories.recruiter("Agencia Sol")
    rosa = client_as("rosa")
    page = rosa.get(f"/es/registry/recruiters/{agency.slug}/").content.decode()
    assert f"/es/registry/recruiters/{agency.slug}/review/" in page
    form = rosa.get(f"/es/registry/recruiters/{agency.slug}/review/")
    assert form.status_code == 200 and "Agencia Sol" in form.content.decode()
    response = rosa.post(f"/es/registry/recruiters/{agency.slug}/review/", form_data())
    assert response["Location"] == f"/es/registry/recruiters/{agency.slug}/"
    review = RecruiterReview.objects.get()
    assert (review.fee_charged, review.promise_kept, review.status) == ("yes", 1, "pending")
    assert review.published_on is None and len(review.reviewer_key) == 64


def test_a_second_review_this_season_is_refused_and_keeps_what_she_typed(client_as, db):
    agency = factories.recruiter()
    rosa = client_as("rosa")
    rosa.post(f"/es/registry/recruiters/{agency.slug}/review/", form_data())
    response = rosa.post(
        f"/es/registry/recruiters/{agency.slug}/review/", form_data(text="Otra vez")
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Otra vez" in html
    assert "Ya ha evaluado a este reclutador en esta temporada" in html
    assert RecruiterReview.objects.count() == 1


def test_bad_input_keeps_what_was_typed_and_says_why(client_as, db):
    agency = factories.recruiter()
    response = client_as("rosa").post(
        f"/fr/registry/recruiters/{agency.slug}/review/",
        form_data(promise_kept="9", text="Mon texte"),
    )
    assert response.status_code == 200 and "Mon texte" in response.content.decode()
    assert not RecruiterReview.objects.exists()


def test_only_workers_review_and_never_their_own_firm(personas):
    agency, other = ritas_agency(), factories.recruiter()
    assert can_review_recruiter(personas.rosa, agency)
    assert can_review_recruiter(personas.rosa, other)
    for who in ("rita", "carl", "ben", "amina", "dana", "ines"):
        assert not can_review_recruiter(getattr(personas, who), agency), who
    with pytest.raises(PermissionDenied):
        services.recruiter_review_submit(
            actor=personas.rita,
            recruiter=agency,
            season=timezone.localdate().year,
            fee_charged="no",
            promise_kept=3,
            explained_clearly=3,
            respect=3,
        )
    assert not RecruiterReview.objects.exists()


def test_reviews_appear_on_the_recruiter_page_past_the_threshold(
    client, personas, django_capture_on_commit_callbacks, mailoutbox
):
    agency = ritas_agency()
    for _ in range(2):
        factories.recruiter_review_row(agency, status="approved")
    waiting = factories.recruiter_review_row(agency, text="Explicó todo en español.")
    page = client.get(f"/es/registry/recruiters/{agency.slug}/").content.decode()
    assert "Explicó todo" not in page and "Todavía no hay opiniones publicadas" in page
    with django_capture_on_commit_callbacks(execute=True):
        services.recruiter_review_moderate(actor=personas.ben, review=waiting, approve=True)
    assert RecruiterReview.objects.filter(published_on__isnull=False).count() == 3
    page = client.get(f"/es/registry/recruiters/{agency.slug}/").content.decode()
    assert "Explicó todo en español." in page
    (to_rita,) = [m for m in mailoutbox if m.to == [personas.rita.email]]  # her firm is told
    assert agency.slug in to_rita.body


def test_a_moderator_removes_one_passage_and_publishes_the_rest(client_as, personas):
    agency = factories.recruiter()
    for _ in range(2):
        factories.recruiter_review_row(agency, published=True)
    review = factories.recruiter_review_row(agency, text="Cumplió. Llamen a Pedro al 555-0199.")
    response = client_as("ben").post(
        f"/es/registry/moderation/recruiters/{review.pk}/",
        {
            f"{review.pk}-decision": "redact",
            f"{review.pk}-rule": "private-data",
            f"{review.pk}-passage": "Llamen a Pedro al 555-0199.",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.text, review.redacted_rule) == ("Cumplió. […]", "private-data")
    html = client_as("rosa").get(f"/es/registry/recruiters/{agency.slug}/").content.decode()
    assert "Cumplió. […]" in html and "555-0199" not in html and "eliminó un pasaje" in html


def test_after_a_rejection_she_changes_her_review_and_sends_it_again(client_as, personas):
    agency = factories.recruiter()
    rosa = client_as("rosa")
    url = f"/es/registry/recruiters/{agency.slug}/review/"
    rosa.post(url, form_data(text="El señor Pedro Gómez miente."))
    review = RecruiterReview.objects.get()
    services.recruiter_review_moderate(
        actor=personas.ben, review=review, approve=False, rule="identifies-someone"
    )
    page = rosa.get(url).content.decode()
    assert "no se publicó" in page and "El señor Pedro Gómez miente." in page
    assert rosa.post(url, form_data(text="Nos mintió sobre el trabajo.")).status_code == 302
    review.refresh_from_db()
    assert RecruiterReview.objects.count() == 1
    assert (review.status, review.rejected_rule, review.text) == (
        "pending",
        "",
        "Nos mintió sobre el trabajo.",
    )
    assert review in list(pending_recruiter_reviews_for(personas.ben))


def test_only_moderators_decide(personas):
    review = factories.recruiter_review_row(factories.recruiter())
    for who in ("rosa", "rita", "carl", "amina", "dana"):
        with pytest.raises(PermissionDenied):
            services.recruiter_review_moderate(
                actor=getattr(personas, who), review=review, approve=True
            )
    review.refresh_from_db()
    assert review.status == "pending"


def test_the_queue_shows_reviews_of_recruiters_and_never_who_wrote_them(client_as, db):
    agency = factories.recruiter("Agencia Luna")
    review = factories.recruiter_review_row(agency, reviewer="k" * 64, text="WAITING")
    html = client_as("ben").get("/en/registry/moderation/").content.decode()
    assert "Agencia Luna" in html and "WAITING" in html and review.reviewer_key not in html


def test_recruiter_page_and_queue_queries_stay_flat(client, client_as, db):
    agency = factories.recruiter("Busy Agency")
    ben = client_as("ben")

    def add_published(n):
        for _ in range(n):
            factories.recruiter_review_row(agency, published=True, text="PUBLISHED")

    def add_pending(n):
        for _ in range(n):
            factories.recruiter_review_row(factories.recruiter(), text="waiting")

    def cards(response):
        return response.content.decode().count("PUBLISHED")

    assert_page_and_api_stay_flat(
        client,
        add_items=add_published,
        page=f"/en/registry/recruiters/{agency.slug}/",
        api=f"/api/registry/recruiters/{agency.slug}",
        limits=(7, 5),
        page_rows=cards,
    )
    assert_queries_do_not_grow(
        add_items=add_pending, fetch=lambda: ben.get("/en/registry/moderation/"), limit=12
    )


def test_the_api_takes_a_review_and_shows_only_published_ones_without_authors(client_as, db):
    agency = factories.recruiter("Agencia API")
    for _ in range(3):
        factories.recruiter_review_row(agency, published=True, text="publicada")
    factories.recruiter_review_row(agency, text="en espera")
    rosa = client_as("rosa")
    response = rosa.post(
        f"/api/registry/recruiters/{agency.slug}/reviews",
        {k: (int(v) if k not in ("fee_charged", "text") else v) for k, v in form_data().items()},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json() == {"status": "pending"}
    detail = client_as("dana").get(f"/api/registry/recruiters/{agency.slug}").json()
    assert [r["text"] for r in detail["reviews"]] == ["publicada"] * 3
    assert all("reviewer_key" not in r for r in detail["reviews"])
    refused = client_as("rita").post(
        f"/api/registry/recruiters/{ritas_agency().slug}/reviews",
        {k: (int(v) if k not in ("fee_charged", "text") else v) for k, v in form_data().items()},
        content_type="application/json",
    )
    assert refused.status_code == 403
