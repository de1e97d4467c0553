"""Load the demo data: personas, organisations and each module's examples. Idempotent."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from juntos.accounts.policies import requires_second_factor
from juntos.accounts.selectors import (
    second_factor_current_code,
    staff_with_roles,
    staff_without_second_factor,
)
from juntos.accounts.services import second_factor_install
from juntos.demo.management.commands.demo_code import demo_short_name
from juntos.demo.personas import DEMO_PASSWORD, PERSONAS, ensure_personas
from juntos.demo.seed_evaluations import DEMO_LIAISON_PASSPHRASE, LUPE
from juntos.demo.seed_network import DEMO_TRUSTEES


def demo_totp_key(who: str) -> str:
    """A fixed authenticator key per demo staff member, so demo logins can be scripted."""
    return hashlib.sha256(f"juntos-demo-totp:{who}".encode()).hexdigest()[:40]


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
            for app in [*settings.JUNTOS_DOMAIN_APPS, "monitoring", "research"]:
                module = f"juntos.demo.seed_{app}"
                if importlib.util.find_spec(module):
                    importlib.import_module(module).seed(people)
            # Staff that the modules' demo data added (teachers, workshop leaders...).
            extra_staff = list(staff_without_second_factor())
            for person in extra_staff:
                login = person.email or person.phone or ""
                second_factor_install(actor=None, user=person, key_hex=demo_totp_key(login))
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
        known = {p.pk for p in people.values()}
        others = [p for p in staff_with_roles() if p.pk not in known]
        if others:
            self.stdout.write("  Other demo staff (second step: `make code who=<name>`):")
            for person in others:
                self.stdout.write(
                    f"  {demo_short_name(person):<6} {person.email or person.phone:<36}"
                    f" {person.display_name}"
                )
        self.stdout.write("  Network trustee passphrases (any two open a secret vote's count):")
        for login, (_name, _language, passphrase) in DEMO_TRUSTEES.items():
            self.stdout.write(f"         {login:<36} {passphrase}")
        self.stdout.write("  Consulate's evaluations key passphrase (lupe unlocks it to read):")
        self.stdout.write(f"         {LUPE:<36} {DEMO_LIAISON_PASSPHRASE}")
        self.stdout.write("")
