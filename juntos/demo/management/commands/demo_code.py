"""Print the current second-step code of a demo persona (development only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.management.base import BaseCommand, CommandError

from juntos.accounts.selectors import (
    second_factor_current_code,
    staff_with_roles,
    user_by_identifier,
)
from juntos.demo.personas import PERSONAS

if TYPE_CHECKING:
    from juntos.accounts.models import User


def demo_short_name(person: User) -> str:
    """What `make code who=...` accepts for a demo login: the part of the email before the @."""
    return (person.email or person.phone or "").split("@", 1)[0].lower()


def find_demo_person(who: str) -> User | None:
    """A persona key (amina), a login (tom@...), or a demo staff member's short or first name."""
    spec = next((p for p in PERSONAS if p.key == who.lower()), None)
    person = user_by_identifier(spec.email or spec.phone if spec else who)
    if person is not None:
        return person
    wanted = who.strip().lower()
    matches = [
        staff
        for staff in staff_with_roles()
        if wanted in {demo_short_name(staff), (staff.display_name or "").split(" ", 1)[0].lower()}
    ]
    if len(matches) > 1:
        logins = ", ".join(p.email or p.phone or "" for p in matches)
        raise CommandError(f"{who!r} names more than one demo login ({logins}): give the login")
    return matches[0] if matches else None


class Command(BaseCommand):
    help = "Print the authenticator code a demo staff persona's phone would show now."

    def add_arguments(self, parser):
        parser.add_argument(
            "who", help="A persona (amina, ben...), a demo login's name (tom) or its email."
        )

    def handle(self, *args: object, **options: object) -> None:
        who = str(options["who"])
        person = find_demo_person(who)
        code = second_factor_current_code(person) if person else ""
        if person is not None and not code:
            raise CommandError(f"{who!r} logs in with the password alone: there is no second step")
        if not code:
            personas = [(p.key, user_by_identifier(p.email or p.phone)) for p in PERSONAS]
            known = [key for key, user in personas if user and second_factor_current_code(user)]
            known += [demo_short_name(s) for s in staff_with_roles()]
            raise CommandError(
                f"no demo login with a second step is called {who!r} (run `manage.py seed_demo`"
                f" first); known: {', '.join(sorted(set(known)))}"
            )
        self.stdout.write(code)
