"""Rosa shares one credential by a revocable link with whom she chooses, hides one, downloads
it; an employer sees only what she shared with his organisation."""

from __future__ import annotations

import json

from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.credentials.models import CredentialShare
from juntos.credentials.selectors import SiteSources
from juntos.credentials.services import credential_hide, share_create, share_revoke
from juntos.credentials.tests.helpers import issue_to
from juntos.credentials.verification import VALID, verify_token
from juntos.testing.personas import logged_in_client


def _orchard() -> int:
    return organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"].pk


def test_a_share_link_works_until_she_stops_it(client, personas, authorised, fraser):
    credential = issue_to(personas, authorised, fraser.pk)
    share = share_create(
        actor=personas.rosa, credential=credential, recipient_label="Okanagan", organisation_id=None
    )
    url = f"/en/credentials/s/{share.token}/"
    page = client.get(url)
    assert page.status_code == 200 and ">Valid<" in page.content.decode()
    assert credential.token in page.content.decode()
    share_revoke(actor=personas.rosa, share=share)
    assert client.get(url).status_code == 404


def test_a_hidden_credential_is_behind_no_link(client, personas, authorised, fraser):
    credential = issue_to(personas, authorised, fraser.pk)
    share = share_create(
        actor=personas.rosa, credential=credential, recipient_label="x", organisation_id=_orchard()
    )
    credential_hide(actor=personas.rosa, credential=credential, hidden=True)
    assert client.get(f"/en/credentials/s/{share.token}/").status_code == 404
    carl = logged_in_client(personas.carl).get("/en/credentials/shared-with-us/")
    assert authorised.titles["en"] not in carl.content.decode()


def test_the_employer_sees_only_what_she_shared_with_his_organisation(personas, authorised, fraser):
    shown = issue_to(personas, authorised, fraser.pk)
    share_create(
        actor=personas.rosa, credential=shown, recipient_label="Carl", organisation_id=_orchard()
    )
    carl = logged_in_client(personas.carl)
    page = carl.get("/en/credentials/shared-with-us/").content.decode()
    assert "Rosa" in page and authorised.titles["en"] in page
    # Her own pages, and her credential's detail, stay hers.
    assert carl.get(f"/en/credentials/mine/{shown.pk}/").status_code == 404
    assert carl.get(f"/en/credentials/mine/{shown.pk}/credential.json").status_code == 404
    dana = logged_in_client(personas.dana).get("/en/credentials/shared-with-us/").content.decode()
    assert "Rosa" not in dana


def test_only_the_holder_shares(personas, authorised, fraser):
    import pytest
    from django.core.exceptions import PermissionDenied

    credential = issue_to(personas, authorised, fraser.pk)
    with pytest.raises(PermissionDenied):
        share_create(
            actor=personas.carl, credential=credential, recipient_label="x", organisation_id=None
        )
    assert not CredentialShare.objects.exists()


def test_the_download_is_an_enveloped_credential_that_verifies(personas, authorised, fraser):
    credential = issue_to(personas, authorised, fraser.pk)
    rosa = logged_in_client(personas.rosa)
    response = rosa.get(f"/es/credentials/mine/{credential.pk}/credential.json")
    assert "attachment" in response["Content-Disposition"]
    body = json.loads(response.content)
    assert body["type"] == "EnvelopedVerifiableCredential"
    assert verify_token(response.content, SiteSources(), timezone.now()).state == VALID


def test_the_share_form_keeps_what_she_typed_and_says_why(personas, authorised, fraser):
    credential = issue_to(personas, authorised, fraser.pk)
    rosa = logged_in_client(personas.rosa)
    response = rosa.post(
        f"/es/credentials/mine/{credential.pk}/share/",
        {"recipient_label": "  ", "organisation": "x"},
    )
    assert response.status_code == 400
    assert (
        "Este campo es obligatorio" in response.content.decode()
        or "Escoja" in response.content.decode()
    )


def test_she_hides_and_shows_from_her_list(personas, authorised, fraser):
    credential = issue_to(personas, authorised, fraser.pk)
    rosa = logged_in_client(personas.rosa)
    assert (
        rosa.post(f"/es/credentials/mine/{credential.pk}/hide/", {"hidden": "1"}).status_code == 302
    )
    credential.refresh_from_db()
    assert credential.hidden
    assert "Oculta" in rosa.get("/es/credentials/mine/").content.decode()
