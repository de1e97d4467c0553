from django.core.management.base import BaseCommand

from juntos.core.services import audit_seal_anonymous_entries, audit_seal_chain


class Command(BaseCommand):
    help = "Chain the audit entries waiting for it, and earlier days' anonymous entries shuffled."

    def handle(self, *args: object, **options: object) -> None:
        chained = audit_seal_chain()
        sealed = audit_seal_anonymous_entries()
        self.stdout.write(f"chained {chained} entries; sealed {sealed} anonymous entries")
