from typing import Any

import pytest
from django.utils.translation import gettext_lazy

from juntos.accounts.choices import Channel
from juntos.accounts.tests.factories import UserFactory
from juntos.core.models import OutboxMessage
from juntos.core.services import notify_person

pytestmark = pytest.mark.django_db

HELLO = gettext_lazy("Email")  # an existing translated string: "Correo electrónico" in Spanish


def test_the_message_is_rendered_in_her_language_and_sent_on_her_channel(
    django_capture_on_commit_callbacks,
):
    person: Any = UserFactory(preferred_channel=Channel.SMS, phone="+12505550199", email=None)
    person.preferred_language = "es"
    with django_capture_on_commit_callbacks(execute=True):
        queued = notify_person(person, lambda: ("", HELLO))
    assert queued
    (message,) = OutboxMessage.objects.all()
    assert message.recipient == "+12505550199"
    assert message.channel == Channel.SMS
    assert message.body == "Correo electrónico"


def test_nothing_is_queued_for_a_person_with_no_address_on_her_channel(
    django_capture_on_commit_callbacks,
):
    person: Any = UserFactory(preferred_channel=Channel.SMS, phone=None, email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        queued = notify_person(person, lambda: ("", HELLO))
    assert not queued
    assert not OutboxMessage.objects.exists()
