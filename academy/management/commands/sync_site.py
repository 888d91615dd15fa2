"""Copy SITE_URL into the Wagtail Site (hostname and port); run at every deploy."""

from django.core.management.base import BaseCommand, CommandError

from academy.site_sync import sync_site


class Command(BaseCommand):
    help = "Point the default Wagtail Site at SITE_URL (hostname and port)."

    def handle(self, *args, **options):
        site = sync_site()
        if site is None:
            raise CommandError("There is no default Wagtail Site yet: run `migrate` first.")
        self.stdout.write(f"Site {site.pk}: {site.root_url}")
