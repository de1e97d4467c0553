"""After a plenary every member gets the digest in her language, on her channel."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse
from django.utils import translation

from juntos.core.models import OutboxMessage
from juntos.network import services
from juntos.network.tests.factories import make_meeting, make_members
from juntos.testing.outbox import outbox_one


def test_each_member_gets_the_digest_in_her_language(personas, django_capture_on_commit_callbacks):
    make_members(personas)
    plenary = make_meeting(personas, days=-1)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_record_held(actor=personas.ben, meeting=plenary, attended_member_ids=[])
    sms = outbox_one(personas.rosa.phone)
    assert sms.channel == "sms"
    with translation.override("es"):
        assert reverse("network:decisions") in sms.body
    french = next(m for m in mail.outbox if m.to == [personas.ines.email])
    with translation.override("fr"):
        assert reverse("network:decisions") in french.body
    assert len(mail.outbox) == 5  # amina, ben, carl, rita, ines; dana is not a member
    assert all(m.to != [personas.dana.email] for m in mail.outbox)


def test_a_working_group_meeting_sends_no_digest(personas, django_capture_on_commit_callbacks):
    from juntos.network.tests.factories import make_group

    meeting = make_meeting(personas, group=make_group(personas), days=-1)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_record_held(actor=personas.ben, meeting=meeting, attended_member_ids=[])
    assert mail.outbox == [] and not OutboxMessage.objects.exists()


def test_coordinators_get_the_latest_audit_checkpoint_and_members_do_not(
    personas, django_capture_on_commit_callbacks
):
    from juntos.core.checkpoints import checkpoint_make

    make_members(personas)
    plenary = make_meeting(personas, days=-1)
    checkpoint = checkpoint_make()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_record_held(actor=personas.ben, meeting=plenary, attended_member_ids=[])
    to_ben = next(m for m in mail.outbox if m.to == [personas.ben.email])
    assert checkpoint.signature in to_ben.body
    to_amina = next(m for m in mail.outbox if m.to == [personas.amina.email])
    assert checkpoint.signature not in to_amina.body
    assert checkpoint.signature not in outbox_one(personas.rosa.phone).body
