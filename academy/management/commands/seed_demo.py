"""Fill an empty database with a believable school. Documented accounts: see README.md."""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from academy.demo import DemoContext

# Each app's seeder, in dependency order; later issues append theirs.
SEEDERS = [
    "academy.demo.seed",
    "courses.demo.seed",
    "cohorts.demo.seed",
    "cohorts.coursework.demo.seed",
    "cohorts.review.demo.seed",
    "cohorts.attendance.demo.seed",
    "cohorts.mentoring.demo.seed",
    "cohorts.reports.demo.seed",
    "cohorts.plans.demo.seed",
    "cohorts.certificates.demo.seed",
]


class Command(BaseCommand):
    help = "Fill an empty database with demo data (accounts, courses, cohorts, work)."

    def add_arguments(self, parser):
        parser.add_argument("--trainees", type=int, default=9)
        parser.add_argument("--mentors", type=int, default=3)
        parser.add_argument("--assignments", type=int, default=4)
        parser.add_argument("--sessions", type=int, default=6)
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when users already exist."
        )
        parser.add_argument("--i-know-this-is-not-production", action="store_true")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["i_know_this_is_not_production"]:
            raise CommandError(
                "DEBUG is off: this looks like production. seed_demo creates accounts with a "
                "published password; pass --i-know-this-is-not-production if you are sure."
            )
        if options["trainees"] < 9 or options["mentors"] < 3:
            raise CommandError("The documented accounts need at least 9 trainees and 3 mentors.")
        if options["assignments"] < 0 or options["sessions"] < 0:
            raise CommandError("--assignments and --sessions cannot be negative.")
        if get_user_model().objects.exists():
            if options["if_empty"]:
                self.stdout.write("Demo data already present: nothing to do.")
                return
            raise CommandError("The database already has users: seed_demo fills an empty one.")

        started = time.monotonic()
        context = DemoContext(
            trainees=options["trainees"],
            mentors=options["mentors"],
            assignments=options["assignments"],
            sessions=options["sessions"],
            stdout=self.stdout,
        )
        with transaction.atomic():
            for path in SEEDERS:
                import_string(path)(context)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s.")
        )
