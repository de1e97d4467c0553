import pytest

from juntos.accounts.tests.factories import OrganisationFactory
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_me_describes_the_signed_in_person(client_as):
    body = client_as("amina").get("/api/me").json()
    assert body["display_name"] == "Amina Yusuf"
    assert body["memberships"] == [
        {
            "organisation": "Fraser Valley Migrant Worker Support",
            "organisation_kind": "support-nonprofit",
            "role": "caseworker",
        }
    ]


def test_me_needs_a_login(client):
    assert client.get("/api/me").status_code == 401


def test_the_directory_is_public_and_filterable(client, personas):
    body = client.get("/api/organisations?kind=support-nonprofit&province=on").json()
    assert [o["slug"] for o in body] == ["niagara-workers-centre"]
    assert body[0]["languages"] == ["en", "es", "fr"]


def test_the_directory_query_count_does_not_grow(client, personas):
    assert_queries_do_not_grow(
        add_items=lambda n: OrganisationFactory.create_batch(n),
        fetch=lambda: client.get("/api/organisations"),
        limit=2,
    )


def test_the_openapi_document_is_served(client):
    document = client.get("/api/openapi.json").json()
    assert "/api/me" in document["paths"]


def test_refusals_and_bad_input_from_services_are_json_not_tracebacks(rf):
    from django.core.exceptions import PermissionDenied, ValidationError

    from juntos.api import permission_denied, validation_failed

    request = rf.get("/api/x")
    assert permission_denied(request, PermissionDenied()).status_code == 403
    response = validation_failed(request, ValidationError({"phone": ["bad"]}))
    assert response.status_code == 422
    assert b'"phone"' in response.content
