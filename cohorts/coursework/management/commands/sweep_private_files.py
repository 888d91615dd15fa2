"""Find (and with --delete remove) stored submission files that no row points at.

The submit service deletes the files of a failed transaction itself; this catches what a
killed process leaves behind. Only files older than --older-than-hours are considered, so an
upload still in flight is never touched.
"""

import time

from django.core.management.base import BaseCommand

from cohorts.coursework.models import SubmissionFile
from cohorts.uploads.storage import private_storage


def stored_names(storage, directory=""):
    directories, files = storage.listdir(directory)
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for sub in directories:
        yield from stored_names(storage, f"{directory}/{sub}" if directory else sub)


class Command(BaseCommand):
    help = "List or delete private submission files that no database row refers to."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-hours", type=float, default=24)
        parser.add_argument("--delete", action="store_true", help="Delete them (default: list).")

    def handle(self, *args, **options):
        storage = private_storage()
        if not storage.exists(""):
            self.stdout.write("No private files yet.")
            return
        cutoff = time.time() - options["older_than_hours"] * 3600
        known = set(SubmissionFile.objects.values_list("file", flat=True))
        orphans = [
            name
            for name in stored_names(storage)
            if name not in known and storage.get_modified_time(name).timestamp() < cutoff
        ]
        for name in orphans:
            self.stdout.write(name)
            if options["delete"]:
                storage.delete(name)
        verb = "deleted" if options["delete"] else "found"
        self.stdout.write(self.style.SUCCESS(f"{len(orphans)} orphan file(s) {verb}."))
