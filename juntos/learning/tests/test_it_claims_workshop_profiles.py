"""Workshop staff create or link profiles by phone or email; the worker claims hers with a code."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from juntos.core.models import AuditEntry
from juntos.learning.models import WorkerProfile, WorkshopAttendance
from juntos.learning.services import profile_claim, profile_start, workshop_attendee_add
from juntos.learning.tests.factories import WorkshopFactory
from juntos.testing.outbox import outbox_last
from juntos.testing.personas import logged_in_client


def _code(recipient):
    body = outbox_last(recipient).body
    match = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", body)
    assert match is not None, body
    return match.group(0)


@pytest.fixture
def workshop(partner):
    return WorkshopFactory.create(organisation_id=partner.organisation.pk)


def test_the_same_phone_at_two_workshops_links_one_profile(
    partner, workshop, django_capture_on_commit_callbacks
):
    second = WorkshopFactory.create(organisation_id=partner.organisation.pk, title="Segundo taller")
    with django_capture_on_commit_callbacks(execute=True):
        first = workshop_attendee_add(
            actor=partner.staff, workshop=workshop, display_name="Ana", phone="+52 951 000 1111"
        )
        again = workshop_attendee_add(
            actor=partner.staff, workshop=second, display_name="Ana G.", phone="+529510001111"
        )
    assert first.pk == again.pk
    assert WorkshopAttendance.objects.filter(profile=first).count() == 2
    stored = str(WorkerProfile.objects.filter(pk=first.pk).values().get())
    assert "0001111" not in stored  # only a keyed hash of the number is kept


def test_email_attendees_get_the_code_by_email(
    partner, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workshop_attendee_add(
            actor=partner.staff, workshop=workshop, display_name="Eva", email="eva@example.org"
        )
    # Tests send email through Django's in-memory backend.
    (message,) = mail.outbox
    assert message.to == ["eva@example.org"] and message.subject == "Tu perfil de Juntos está listo"


def test_staff_of_another_organisation_cannot_add_attendees(personas, workshop):
    with pytest.raises(PermissionDenied):
        workshop_attendee_add(
            actor=personas.dana, workshop=workshop, display_name="X", phone="+529510002222"
        )
    response = personas.client_for("dana").post(
        f"/en/learning/workshops/{workshop.pk}/attendees/",
        {"display_name": "X", "phone": "+529510002222"},
    )
    assert response.status_code == 404
    assert not WorkerProfile.objects.exists()


def test_a_number_without_country_code_is_refused_and_kept_in_the_form(partner, workshop):
    client = logged_in_client(partner.staff)
    response = client.post(
        f"/es/learning/workshops/{workshop.pk}/attendees/",
        {"display_name": "Luz", "phone": "951 123"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "con la clave del país" in page and 'value="Luz"' in page


def test_a_wrong_code_is_refused_and_counted(personas, partner, workshop):
    client = personas.client_for("rosa")
    response = client.post("/es/learning/claim/", {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 400
    assert "no es correcto" in response.content.decode()
    for _ in range(10):
        with pytest.raises(ValidationError):
            profile_claim(actor=personas.rosa, code="AAAA-BBBB-CCCC")
    with pytest.raises(ValidationError) as error:
        profile_claim(actor=personas.rosa, code="AAAA-BBBB-CCCC")
    assert "Demasiados intentos" in str(error.value)  # the language of her last request


def test_a_code_works_once(personas, partner, workshop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workshop_attendee_add(
            actor=partner.staff, workshop=workshop, display_name="Rosa", phone="+529510003333"
        )
    code = _code("+529510003333")
    profile_claim(actor=personas.rosa, code=code)
    with pytest.raises(ValidationError):
        profile_claim(actor=personas.amina, code=code)
    assert AuditEntry.objects.filter(action="learning.profile_claimed").count() == 1


def test_claiming_when_she_already_has_a_profile_merges_the_workshop_in(
    personas, partner, workshop, django_capture_on_commit_callbacks
):
    own = profile_start(actor=personas.rosa)
    own.goals.create(kind="english")
    with django_capture_on_commit_callbacks(execute=True):
        workshop_attendee_add(
            actor=partner.staff, workshop=workshop, display_name="Rosa", phone="+529510004444"
        )
    claimed = profile_claim(actor=personas.rosa, code=_code("+529510004444"))
    assert claimed.pk == own.pk
    assert WorkerProfile.objects.count() == 1
    assert claimed.workshops.filter(workshop=workshop).exists()
    assert claimed.goals.filter(kind="english").exists()
    assert claimed.grants.filter(organisation_id=partner.organisation.pk, revoked_at=None).exists()


def test_an_expired_code_no_longer_works(
    personas, partner, workshop, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        profile = workshop_attendee_add(
            actor=partner.staff, workshop=workshop, display_name="Rosa", phone="+529510005555"
        )
    WorkerProfile.objects.filter(pk=profile.pk).update(
        claim_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError):
        profile_claim(actor=personas.rosa, code=_code("+529510005555"))
    assert WorkerProfile.objects.get(pk=profile.pk).user_id is None


def test_an_advisor_adds_to_her_plan_and_she_sees_it(
    personas, partner, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        profile = workshop_attendee_add(
            actor=partner.staff, workshop=workshop, display_name="Rosa", phone="+529510006666"
        )
    staff = logged_in_client(partner.staff)
    response = staff.post(
        f"/es/learning/profiles/{profile.pk}/objectives/",
        {"title": "Certificado de poda", "target_on": "2027-06-01"},
    )
    assert response["Location"] == f"/es/learning/people/{profile.pk}/"
    profile_claim(actor=personas.rosa, code=_code("+529510006666"))
    page = personas.client_for("rosa").get("/es/learning/profile/").content.decode()
    assert "Certificado de poda" in page
    assert partner.organisation.name in page
