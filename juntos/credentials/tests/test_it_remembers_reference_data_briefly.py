"""Standards and mappings are remembered per process for a few seconds (every check of a
credential reads them), and a change made in the process shows at once."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from juntos.credentials.models import Equivalence
from juntos.credentials.tests.helpers import issue_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(personas, authorised, fraser):
    return issue_to(personas, authorised, fraser.pk)


def _verify_page(client, token: str) -> str:
    return client.post("/en/credentials/verify/", {"token": token}).content.decode()


def test_a_changed_mapping_shows_on_the_next_check(client, credential, authorised):
    first = _verify_page(client, credential.token)
    mapping = (
        Equivalence.objects.filter(source=authorised).first()
        or Equivalence.objects.filter(target=authorised).first()
    )
    assert mapping is not None, "the demo standard has a mapping abroad"
    assert escape(mapping.source_note) in first
    mapping.source_note = "A note changed a moment ago"
    mapping.save()
    assert "A note changed a moment ago" in _verify_page(client, credential.token)


def test_a_mapping_removed_is_gone_at_once(client, credential, authorised):
    _verify_page(client, credential.token)
    Equivalence.objects.filter(source=authorised).delete()
    Equivalence.objects.filter(target=authorised).delete()
    assert "No mapping to another country" in _verify_page(client, credential.token)
    response = client.post("/api/credentials/verify", {"credential": credential.token},
                           content_type="application/json")  # fmt: skip
    assert response.json()["mappings"] == []
