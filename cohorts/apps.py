from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")

    def ready(self):
        from . import navigation  # noqa: F401  (registers the header links)

    def role_of(self, user):
        """The role label: mentor or trainee, from active memberships (one query)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        from .models import Membership

        roles = set(
            Membership.objects.filter(user=user, is_active=True)
            .order_by()
            .values_list("role", flat=True)
            .distinct()
        )
        return self._label(roles)

    def header_role_of(self, user):
        """role_of for the header of one request (request.user): from the active memberships
        that request reads once (cohorts.access.active_memberships), which a lesson page's
        access check shares, so the page asks once for both."""
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        from .access import active_memberships

        return self._label({role for role, _course_path in active_memberships(user)})

    @staticmethod
    def _label(roles):
        from .models import Membership

        if Membership.Role.MENTOR in roles:
            return "mentor"
        if Membership.Role.TRAINEE in roles:
            return "trainee"
        return None
