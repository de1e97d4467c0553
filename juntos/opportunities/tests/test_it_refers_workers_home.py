"""Referrals home: consent recorded, only the ticked fields, follow-ups and outcomes as facts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from juntos.core.models import PendingMessage
from juntos.learning.models import ProfileGrant
from juntos.monitoring.models import Fact
from juntos.opportunities import services
from juntos.opportunities.services.referrals import months_after
from juntos.opportunities.tests.factories import org_id, profile_for

pytestmark = pytest.mark.django_db


def _refer(personas, **changes):
    profile = profile_for(personas.rosa)
    profile.gender = "woman"
    profile.home_state = "Oaxaca"
    profile.save()
    ProfileGrant.objects.get_or_create(
        profile=profile, organisation_id=org_id("fraser-valley-support"), revoked_at=None
    )
    values = {
        "actor": personas.amina,
        "worker": personas.rosa,
        "home_organisation_id": org_id("fondo-oaxaca"),
        "kind": "microcredit",
        "consent": True,
        "shared_fields": ["skills"],
        "today": dt.date(2026, 11, 30),
    }
    values.update(changes)
    return services.referral_create(**values)


def test_months_after_keeps_to_the_month():
    assert months_after(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert months_after(dt.date(2026, 1, 15), 12) == dt.date(2027, 1, 15)


def test_without_consent_nothing_is_sent(personas):
    with pytest.raises(ValidationError):
        _refer(personas, consent=False)


def test_only_what_she_ticked_is_shared(personas):
    referral = _refer(personas)
    assert set(referral.shared_values) == {"skills"}
    assert "Oaxaca" not in str(referral.shared_values)
    assert [f.due_on for f in referral.follow_ups.all()] == [
        dt.date(2027, 2, 28),
        dt.date(2027, 5, 30),
        dt.date(2027, 11, 30),
    ]


def test_outsiders_cannot_follow_it(personas):
    referral = _refer(personas)
    with pytest.raises(PermissionDenied):
        services.referral_set_status(actor=personas.dana, referral=referral, status="accepted")
    assert (
        personas.client_for("dana").get(f"/en/opportunities/referrals/{referral.pk}/").status_code
        == 404
    )


def test_reminders_go_to_the_caseworker_once_when_due(personas):
    _refer(personas)
    before = PendingMessage.objects.count()
    assert services.follow_up_reminders_send(today=dt.date(2027, 2, 27)) == 0
    assert services.follow_up_reminders_send(today=dt.date(2027, 2, 28)) == 1
    assert services.follow_up_reminders_send(today=dt.date(2027, 3, 1)) == 0
    assert PendingMessage.objects.count() == before + 1


def test_the_outcome_is_a_fact_by_gender_country_kind_and_outcome(personas):
    referral = _refer(personas)
    services.referral_set_status(
        actor=personas.amina, referral=referral, status="outcome", outcome="loan-disbursed"
    )
    fact = Fact.objects.get(kind="opportunities.referral", outcome="loan-disbursed")
    assert (fact.gender, fact.country_of_origin, fact.category) == ("woman", "MX", "microcredit")
    with pytest.raises(ValidationError):
        services.referral_set_status(actor=personas.amina, referral=referral, status="sent")
