import datetime as dt
import json

from django.utils import timezone

from juntos.registry.models import Review
from juntos.registry.tests import factories


def test_recruiter_lookup_by_misspelled_name(client, db):
    recruiter = factories.recruiter("Pacific Agricultural Recruitment Services")
    licence = factories.licence(recruiter, expires_on=dt.date(2099, 3, 31))
    found = client.get("/api/registry/recruiters", {"q": "pasific agricultral"}).json()
    assert [r["slug"] for r in found] == [recruiter.slug]
    assert found[0]["licences"][0] == {
        "province": "BC",
        "number": licence.number,
        "status": "active",
        "expires_on": "2099-03-31",
        "in_good_standing": True,
        "conditions": "",
        "source": "test list",
        "source_date": timezone.localdate().isoformat(),
    }
    detail = client.get(f"/api/registry/recruiters/{recruiter.slug}").json()
    assert detail["name"] == recruiter.name
    assert client.get("/api/registry/recruiters/nobody").status_code == 404


def test_sites_and_employers(client, db):
    site = factories.site(factories.employer("Agrícola del Valle Ltd."), name="Delta farm")
    sites = client.get("/api/registry/sites", {"q": "agricola", "province": "BC"}).json()
    assert sites == [
        {
            "id": site.pk,
            "employer_name": "Agrícola del Valle Ltd.",
            "site_name": "Delta farm",
            "province": "BC",
        }
    ]
    employers = client.get("/api/registry/employers", {"q": "agricola"}).json()
    assert employers[0]["slug"] == site.employer.slug
    assert employers[0]["on_noncompliant_list"] is False
    assert client.get("/api/registry/employers", {"q": ""}).json() == []
    assert client.get("/api/registry/employers/nothing-here").status_code == 404


def post_review(browser, site_id, **overrides):
    body = {
        "season": timezone.localdate().year,
        "fee_charged": "no",
        "contract_matched": 3,
        "paid_on_time": 3,
        "respect_safety": 2,
        **overrides,
    }
    return browser.post(
        f"/api/registry/sites/{site_id}/reviews",
        data=json.dumps(body),
        content_type="application/json",
    )


def test_workers_send_reviews_through_the_api(client, client_as, db):
    site = factories.site()
    rosa = client_as("rosa")
    response = post_review(rosa, site.pk)
    assert response.status_code == 201 and response.json() == {"status": "pending"}
    assert Review.objects.get().site == site
    assert post_review(rosa, site.pk).status_code == 422  # once per season
    assert post_review(rosa, site.pk, contract_matched=9, season=2025).status_code == 422
    assert post_review(client_as("carl"), site.pk).status_code == 403
    assert post_review(client_as("dana"), site.pk).status_code == 403
    assert post_review(client, site.pk).status_code == 401
    assert post_review(rosa, 999999).status_code == 404
    assert Review.objects.count() == 1


def test_overlong_text_is_refused(client_as, db):
    site = factories.site()
    response = post_review(client_as("rosa"), site.pk, text="x" * 2001)
    assert response.status_code == 422
    assert not Review.objects.exists()
