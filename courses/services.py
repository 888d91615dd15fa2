"""Changes that span models: seminar seats and the waiting list, lesson progress.

Seats are counted while the seminar row is locked (SELECT ... FOR UPDATE on PostgreSQL; on
SQLite every transaction begins IMMEDIATE, which serialises writers), so two people taking
the last seat at once get one seat and one waiting-list place.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .emails import send_registration_email
from .models import LessonProgress, SeminarPage, SeminarRegistration
from .models.seminars import RegistrationState

Status = SeminarRegistration.Status


class RegistrationRefused(Exception):
    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


DUPLICATE_MESSAGE = _(
    "This e-mail address is already registered for this seminar. "
    "Use the link in your confirmation e-mail to see or cancel your registration."
)
UNPUBLISHED_MESSAGE = _("This seminar is no longer published, so registration is not possible.")


def _lock(seminar):
    return SeminarPage.objects.select_for_update(of=("self",)).get(pk=seminar.pk)


def register(seminar, data, *, user=None, language="ja"):
    """A confirmed seat if one is free, else a waiting-list place; e-mails the person."""
    email = data["email"].strip()
    with transaction.atomic():
        seminar = _lock(seminar)
        if not seminar.live:
            raise RegistrationRefused(UNPUBLISHED_MESSAGE)
        state = seminar.registration_state()
        if state != RegistrationState.OPEN:
            raise RegistrationRefused(state.label)
        if seminar.registrations.active().for_email(email).exists():
            raise RegistrationRefused(DUPLICATE_MESSAGE, field="email")
        has_seat = seminar.registrations.confirmed().count() < seminar.capacity
        registration = SeminarRegistration(
            seminar=seminar,
            user=user if user is not None and user.is_authenticated else None,
            name=data["name"],
            company=data["company"],
            email=email,
            phone=data.get("phone", ""),
            note=data.get("note", ""),
            language=language,
            status=Status.CONFIRMED if has_seat else Status.WAITLISTED,
        )
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise RegistrationRefused(DUPLICATE_MESSAGE, field="email") from None
        kind = "confirmed" if has_seat else "waitlisted"
        transaction.on_commit(lambda: send_registration_email(registration, kind))
    return registration


def remind(seminar, email):
    """Someone registered an address that already has a place: e-mail its owner their own
    registration again (never to the typist, who learns nothing). Returns the registration."""
    registration = seminar.registrations.active().for_email(email.strip()).first()
    if registration is not None:
        kind = "confirmed" if registration.status == Status.CONFIRMED else "waitlisted"
        send_registration_email(registration, kind)
    return registration


def fill_free_seats(seminar):
    """Move people off the waiting list, first come first served, while seats are free.

    Call inside a transaction holding the seminar lock. Returns the promoted registrations.
    """
    if seminar.is_past:
        return []
    free = seminar.capacity - seminar.registrations.confirmed().count()
    if free <= 0:
        return []
    promoted = list(seminar.registrations.waiting_order().select_for_update()[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        transaction.on_commit(
            lambda registration=registration: send_registration_email(registration, "promoted")
        )
    return promoted


def cancel(registration):
    """Cancel a seat or waiting-list place; a freed seat goes to the first person waiting."""
    with transaction.atomic():
        seminar = _lock(registration.seminar)
        registration = SeminarRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return registration, []
        had_seat = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        transaction.on_commit(
            lambda: send_registration_email(registration, "cancelled", with_calendar=had_seat)
        )
        promoted = fill_free_seats(seminar)
    return registration, promoted


def fill_free_seats_after_edit(seminar):
    """After staff raise the capacity of a published seminar."""
    with transaction.atomic():
        return fill_free_seats(_lock(seminar))


def mark_done(user, lesson):
    """Record a lesson as done; marking it twice keeps the first date."""
    progress, _created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson, defaults={"completed_at": timezone.now()}
    )
    return progress


def mark_not_done(user, lesson):
    LessonProgress.objects.filter(user=user, lesson=lesson).delete()
