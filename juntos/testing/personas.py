"""The personas of DESIGN.md as test fixtures, with logins that pass the second factor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from juntos.demo.personas import DEMO_PASSWORD, ensure_personas

PERSONA_KEYS = ("rosa", "amina", "ben", "carl", "rita", "ines", "dana", "admin")


@dataclass
class Personas:
    """Attribute access to the seeded people: personas.rosa, personas.amina, ..."""

    people: dict[str, Any]

    def __getattr__(self, key: str) -> Any:
        try:
            return self.people[key]
        except KeyError as exc:
            raise AttributeError(key) from exc

    def client_for(self, key: str) -> Client:
        """A test client logged in as the persona, second factor passed where required."""
        return logged_in_client(self.people[key])


def make_personas() -> Personas:
    return Personas(ensure_personas(password=DEMO_PASSWORD))


def logged_in_client(user: Any) -> Client:
    """Log the person in; staff get a verified session as if they had typed their code."""
    client = Client()
    client.force_login(user, backend="juntos.accounts.backends.EmailOrPhoneBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and _needs_second_factor(user):
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def _needs_second_factor(user: Any) -> bool:
    from juntos.accounts.policies import requires_second_factor

    return requires_second_factor(user)
