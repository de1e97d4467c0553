from django.core.management.base import BaseCommand

from juntos.core.services import audit_seal_anonymous_entries


class Command(BaseCommand):
    help = "Append earlier days' anonymous audit entries to the chain in random order."

    def handle(self, *args: object, **options: object) -> None:
        sealed = audit_seal_anonymous_entries()
        self.stdout.write(f"sealed {sealed} anonymous entries")
