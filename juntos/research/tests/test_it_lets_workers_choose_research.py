"""A worker chooses on her profile whether research counts her; off until she says yes."""

from __future__ import annotations

import pytest

from juntos.core.models import AuditEntry
from juntos.learning.models import WorkerProfile
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db


def test_consent_is_off_until_she_says_yes_and_she_can_take_it_back(personas):
    profile = WorkerProfile.objects.create(user=personas.rosa, display_name="Rosa")
    assert profile.research_consent is False
    rosa = logged_in_client(personas.rosa)
    page = rosa.get("/es/learning/profile/research/")
    assert page.status_code == 200
    assert "nombre en clave" in page.content.decode()
    assert (
        rosa.post("/es/learning/profile/research/", {"research_consent": "on"}).status_code == 302
    )
    profile.refresh_from_db()
    assert profile.research_consent and profile.research_consent_changed_at
    assert rosa.post("/es/learning/profile/research/", {}).status_code == 302
    profile.refresh_from_db()
    assert profile.research_consent is False
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"learning.research_consent_given", "learning.research_consent_withdrawn"} <= actions
