import time

from django.core.management.base import BaseCommand

from juntos.core.services import periodic_enqueue_due


class Command(BaseCommand):
    help = "Enqueue the periodic jobs that are due (once, or every --interval seconds with --loop)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between checks.")

    def handle(self, *args: object, **options: object) -> None:
        while True:
            for name in periodic_enqueue_due():
                self.stdout.write(f"enqueued {name}")
            if not options["loop"]:
                return
            time.sleep(int(str(options["interval"])))
