"""Print the current second-step code of a demo persona (development only)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from juntos.accounts.selectors import user_by_identifier
from juntos.accounts.services import second_factor_current_code
from juntos.demo.personas import PERSONAS


class Command(BaseCommand):
    help = "Print the authenticator code a demo staff persona's phone would show now."

    def add_arguments(self, parser):
        parser.add_argument("who", help="A persona (amina, ben...) or another demo login's email.")

    def handle(self, *args: object, **options: object) -> None:
        who = str(options["who"])
        spec = next((p for p in PERSONAS if p.key == who), None)
        person = user_by_identifier(spec.email or spec.phone if spec else who)
        code = second_factor_current_code(person) if person else ""
        if not code:
            raise CommandError("run `manage.py seed_demo` first")
        self.stdout.write(code)
