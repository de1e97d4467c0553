"""Load the demo data: personas, organisations and each module's examples. Idempotent."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from juntos.accounts.policies import requires_second_factor
from juntos.accounts.services import second_factor_current_code, second_factor_install
from juntos.demo.personas import DEMO_PASSWORD, PERSONAS, ensure_personas


def demo_totp_key(persona_key: str) -> str:
    """A fixed authenticator key per staff persona, so demo logins can be scripted."""
    return hashlib.sha256(f"juntos-demo-totp:{persona_key}".encode()).hexdigest()[:40]


class Command(BaseCommand):
    help = "Create the demo personas and data (running it twice changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            people = ensure_personas()
            for key, person in people.items():
                if requires_second_factor(person) and not second_factor_current_code(person):
                    second_factor_install(actor=None, user=person, key_hex=demo_totp_key(key))
            for app in settings.JUNTOS_DOMAIN_APPS:
                module = f"juntos.demo.seed_{app}"
                if importlib.util.find_spec(module):
                    importlib.import_module(module).seed(people)
        if not options["quiet"]:
            self.print_logins(people)

    def print_logins(self, people: dict) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for spec in PERSONAS:
            person = people[spec.key]
            login = spec.email or spec.phone
            second = (
                f" + second step: `make code who={spec.key}`"
                if requires_second_factor(person)
                else ""
            )
            self.stdout.write(f"  {spec.key:<6} {login:<36} {spec.display_name}{second}")
        self.stdout.write("")
