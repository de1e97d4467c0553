"""Deleting her account removes her learning data and gives her places to the people waiting."""

from __future__ import annotations

from juntos.accounts.models import User
from juntos.core.models import AuditEntry
from juntos.learning.choices import EnrolmentStatus
from juntos.learning.models import Enrolment, VaultDocument, WorkerProfile
from juntos.learning.services import document_upload, enrolment_create, goal_set, profile_start
from juntos.learning.tests.factories import SessionFactory


def test_deleting_her_account_removes_everything_and_promotes_the_next_person(personas, course):
    profile = profile_start(actor=personas.rosa)
    goal_set(actor=personas.rosa, profile=profile, kind="english")
    document_upload(
        actor=personas.rosa,
        kind="photo",
        title="Foto",
        filename="f.png",
        data=b"\x89PNG\r\n\x1a\n-not-a-real-picture",
    )
    session = SessionFactory.create(course=course, capacity=1)
    enrolment_create(actor=personas.rosa, session=session)
    enrolment_create(actor=personas.amina, session=session)
    client = personas.client_for("rosa")

    response = client.post("/es/learning/my/delete/", {})
    assert response.status_code == 400  # the box was not ticked
    assert User.objects.filter(pk=personas.rosa.pk).exists()

    response = client.post("/es/learning/my/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=personas.rosa.pk).exists()
    assert not WorkerProfile.objects.exists() and not VaultDocument.objects.exists()
    assert Enrolment.objects.get().status == EnrolmentStatus.ENROLLED  # amina got the place
    assert AuditEntry.objects.filter(action="accounts.person_deleted").exists()
    assert client.get("/es/learning/profile/").status_code == 302  # logged out


def test_nobody_deletes_someone_else(personas):
    import pytest
    from django.core.exceptions import PermissionDenied

    from juntos.learning.services import person_erase

    with pytest.raises(PermissionDenied):
        person_erase(actor=personas.amina, user=personas.rosa)
    assert User.objects.filter(pk=personas.rosa.pk).exists()
