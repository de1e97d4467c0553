from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from juntos.core.replica import measure_lag, replica_configured


class Command(BaseCommand):
    help = "Show how far the replica is behind the primary; fail when public reads would skip it."

    def handle(self, *args: object, **options: object) -> None:
        if not replica_configured():
            self.stdout.write("no replica: every query goes to the primary (DATABASE_URL)")
            return
        lag = measure_lag()
        limit = settings.JUNTOS_REPLICA_MAX_LAG_SECONDS
        if lag == float("inf"):
            raise CommandError("the replica cannot be reached: public reads go to the primary")
        if lag > limit:
            raise CommandError(
                f"the replica is {lag:.1f} s behind (limit {limit} s): public reads go to the "
                "primary until it catches up"
            )
        self.stdout.write(
            f"the replica is {lag:.1f} s behind (limit {limit} s): public reads use it"
        )
