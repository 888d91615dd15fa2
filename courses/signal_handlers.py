"""Wagtail signals: the waiting list moves up on publish; changed seminars are mailed.

- When staff publish a seminar with more seats, the waiting list moves up at once.
- When staff publish a seminar with another date, time, place or online link, every
  confirmed registrant is mailed the change with an updated calendar entry (courses/emails.py).

A course outline's structure is cached for every visitor under the content version, which
academy/apps.py renews on any page, site or view-restriction change (academy/content_cache.py).
"""

from wagtail.signals import page_published

from .models import SeminarPage


def fill_seats_on_publish(sender, instance, **kwargs):
    from .services import fill_free_seats_after_edit

    fill_free_seats_after_edit(instance)


def mail_seminar_changes_on_publish(sender, instance, revision=None, **kwargs):
    from .emails import send_seminar_update_emails

    send_seminar_update_emails(instance, revision)


def connect():
    # The change goes to the seats held before the waiting list moves up: a new seat's
    # e-mail already has the new details.
    page_published.connect(
        mail_seminar_changes_on_publish, sender=SeminarPage, dispatch_uid="courses-seminar-changed"
    )
    page_published.connect(fill_seats_on_publish, sender=SeminarPage)
