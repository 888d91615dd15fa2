"""Wagtail signals: the waiting list moves up on publish; cached outlines are forgotten.

- When staff publish a seminar with more seats, the waiting list moves up at once.
- When staff publish a seminar with another date, time, place or online link, every
  confirmed registrant is mailed the change with an updated calendar entry (courses/emails.py).
- A course outline's structure (titles, order, what is published) is cached for every
  visitor (courses/outline.py); any save, publish, unpublish, move or delete of a page, or a
  change of view restrictions, starts a new cache version.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import SeminarPage


def fill_seats_on_publish(sender, instance, **kwargs):
    from .services import fill_free_seats_after_edit

    fill_free_seats_after_edit(instance)


def mail_seminar_changes_on_publish(sender, instance, revision=None, **kwargs):
    from .emails import send_seminar_update_emails

    send_seminar_update_emails(instance, revision)


def forget_outlines(sender, instance=None, **kwargs):
    from .outline import forget_structures

    if isinstance(instance, (Page, PageViewRestriction)):
        forget_structures()


def connect():
    # The change goes to the seats held before the waiting list moves up: a new seat's
    # e-mail already has the new details.
    page_published.connect(
        mail_seminar_changes_on_publish, sender=SeminarPage, dispatch_uid="courses-seminar-changed"
    )
    page_published.connect(fill_seats_on_publish, sender=SeminarPage)
    page_published.connect(forget_outlines, dispatch_uid="courses-outline-published")
    page_unpublished.connect(forget_outlines, dispatch_uid="courses-outline-unpublished")
    post_page_move.connect(forget_outlines, dispatch_uid="courses-outline-moved")
    post_delete.connect(forget_outlines, dispatch_uid="courses-outline-deleted")
    post_save.connect(forget_outlines, dispatch_uid="courses-outline-saved")
