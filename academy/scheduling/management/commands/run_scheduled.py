"""Run the scheduled jobs once (a systemd timer calls this every 15 minutes).

Every job is idempotent: running this twice, or in two places at once, sends nothing twice.
Exit status 1 when a job failed (the others still ran), so the timer's unit shows it.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from academy.scheduling.registry import jobs, run


class Command(BaseCommand):
    help = "Run the scheduled jobs (reminders, pruning) once; safe to run at any time."

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="*", help="Only these jobs (default: all).")
        parser.add_argument("--list", action="store_true", help="List the jobs and stop.")
        parser.add_argument(
            "--now", help="Pretend it is this moment (ISO 8601 with a zone), e.g. to catch up."
        )

    def handle(self, *args, **options):
        known = jobs()
        if options["list"]:
            for name in known:
                self.stdout.write(name)
            return
        unknown = sorted(set(options["jobs"]) - set(known))
        if unknown:
            raise CommandError(f"Unknown jobs: {', '.join(unknown)} (see --list).")
        now = None
        if options["now"]:
            now = parse_datetime(options["now"])
            if now is None or now.tzinfo is None:
                raise CommandError("--now needs an ISO 8601 moment with a zone.")
        results = run(options["jobs"] or None, now=now)
        failed = [name for name, result in results.items() if isinstance(result, Exception)]
        for name, result in results.items():
            outcome = f"failed: {type(result).__name__}" if name in failed else result
            self.stdout.write(f"{name}: {outcome}")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)} (the log has the traceback).")
