"""Who the person is: signed-in member, staff; and the one staff guard for views."""

from functools import wraps

from django.http import Http404


def is_member(user):
    """Signed in with an active account (not necessarily in any cohort)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_staff(user):
    return is_member(user) and bool(user.is_staff)


def staff_required(view):
    """The one guard for staff-only views: anyone else gets a 404, like any hidden object.

    Admin views registered through Wagtail also sit behind Wagtail's own sign-in redirect.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not is_staff(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return guarded
