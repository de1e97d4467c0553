from django.core.management.base import BaseCommand, CommandError

from juntos.core.services import audit_verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain and name the first broken entry."

    def handle(self, *args: object, **options: object) -> None:
        broken = audit_verify_chain()
        if broken is not None:
            raise CommandError(f"audit chain broken at entry #{broken.sequence}: {broken.reason}")
        self.stdout.write(self.style.SUCCESS("audit chain intact"))
