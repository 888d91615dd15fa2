"""When staff publish a seminar with more seats, the waiting list moves up at once."""

from wagtail.signals import page_published

from .models import SeminarPage


def fill_seats_on_publish(sender, instance, **kwargs):
    from .services import fill_free_seats_after_edit

    fill_free_seats_after_edit(instance)


def connect():
    page_published.connect(fill_seats_on_publish, sender=SeminarPage)
