from typing import Any

import pytest
from django.utils import timezone

from juntos.registry.models import Review
from juntos.registry.tests import factories


def form_data(**overrides):
    return {
        "season": timezone.localdate().year,
        "fee_charged": "yes",
        "contract_matched": "1",
        "paid_on_time": "2",
        "housing": "",
        "respect_safety": "3",
        "text": "Nos cobraron por el trabajo.",
        **overrides,
    }


def test_rosa_reviews_a_site_in_spanish(client_as, db):
    site = factories.site(name="Rancho Norte")
    rosa = client_as("rosa")
    page = rosa.get(f"/es/registry/sites/{site.pk}/review/")
    assert page.status_code == 200
    assert "Rancho Norte" in page.content.decode()
    response = rosa.post(f"/es/registry/sites/{site.pk}/review/", form_data())
    assert response.status_code == 302
    assert response["Location"] == f"/es/registry/employers/{site.employer.slug}/"
    review = Review.objects.get()
    assert (review.fee_charged, review.contract_matched, review.housing) == ("yes", 1, None)
    assert review.status == "pending" and review.published_on is None


def test_a_second_review_this_season_is_refused_in_her_language(client_as, db):
    owner = factories.employer()
    first, second = factories.site(owner), factories.site(owner)
    rosa = client_as("rosa")
    rosa.post(f"/es/registry/sites/{first.pk}/review/", form_data())
    response = rosa.post(f"/es/registry/sites/{second.pk}/review/", form_data(text="Otra vez"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ya ha evaluado a este empleador en esta temporada" in html
    assert "Otra vez" in html  # what she typed is kept
    assert Review.objects.count() == 1
    page = rosa.get(f"/es/registry/sites/{second.pk}/review/").content.decode()
    assert "Todavía puede evaluar la temporada pasada." in page


def test_bad_input_keeps_what_was_typed_and_says_why(client_as, db):
    site = factories.site()
    response = client_as("rosa").post(
        f"/es/registry/sites/{site.pk}/review/",
        form_data(contract_matched="9", season="abc", text="Mi texto"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mi texto" in html
    assert "Revise lo que escribió" in html
    assert Review.objects.count() == 0


def test_anonymous_visitors_are_asked_to_log_in(client, db):
    site = factories.site()
    response = client.get(f"/es/registry/sites/{site.pk}/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/login/")


@pytest.mark.parametrize("who", ["carl", "amina", "ben", "rita", "ines", "dana", "admin"])
def test_only_workers_review(client_as, db, who):
    site = factories.site()
    browser = client_as(who)
    assert browser.get(f"/en/registry/sites/{site.pk}/review/").status_code == 403
    assert browser.post(f"/en/registry/sites/{site.pk}/review/", form_data()).status_code == 403
    assert Review.objects.count() == 0


def test_a_worker_cannot_review_her_own_organisations_site(personas, client_as):
    from juntos.accounts.services import membership_grant
    from juntos.accounts.tests.factories import OrganisationFactory

    farm: Any = OrganisationFactory(kind="employer")
    membership_grant(actor=None, user=personas.rosa, organisation=farm, role="member")
    site = factories.site(factories.employer(organisation_id=farm.pk))
    assert client_as("rosa").get(f"/en/registry/sites/{site.pk}/review/").status_code == 403


def test_unknown_site_is_404(client_as, db):
    assert client_as("rosa").get("/en/registry/sites/999999/review/").status_code == 404


def test_the_review_page_offers_a_prefilled_confidential_report(client_as, db):
    site = factories.site(factories.employer("Agrícola del Valle Ltd."), name="Delta")
    html = client_as("rosa").get(f"/es/registry/sites/{site.pk}/review/").content.decode()
    assert f"employer_site={site.pk}" in html
    assert "employer_name=Agr%C3%ADcola+del+Valle+Ltd." in html
    assert "source=registry" in html


def test_the_review_link_is_offered_only_to_those_who_may_use_it(client, client_as, db):
    site = factories.site()
    link = f"/en/registry/sites/{site.pk}/review/"
    page = f"/en/registry/employers/{site.employer.slug}/"
    assert link in client.get(page).content.decode()  # leads anonymous visitors to log in
    assert link in client_as("rosa").get(page).content.decode()
    for who in ("carl", "dana", "ben"):
        assert link not in client_as(who).get(page).content.decode()


def test_she_sees_where_her_own_review_stands(client_as, personas):
    from juntos.registry import services

    site = factories.site()
    rosa = client_as("rosa")
    rosa.post(f"/es/registry/sites/{site.pk}/review/", form_data())
    page = rosa.get(f"/es/registry/sites/{site.pk}/review/").content.decode()
    assert "Su opinión: En espera de moderación" in page
    services.review_moderate(
        actor=personas.ben, review=Review.objects.get(), approve=False, rule="private-data"
    )
    page = rosa.get(f"/es/registry/sites/{site.pk}/review/").content.decode()
    assert "no se publicó por esta regla: Contiene datos privados, como números de teléfono" in page
