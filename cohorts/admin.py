"""The kernel in the Wagtail admin: cohorts, memberships and pairings, invitations, roster.

Feature apps add their items to the "Cohorts" menu through a viewset whose menu_hook is
MENU_HOOK; wagtail_hooks.py only registers what is defined here.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from .forms import MembershipAdminForm
from .models import Cohort, Invitation, Membership
from .services import memberships
from .views import admin_invitations, admin_roster

MENU_HOOK = "register_cohorts_menu_item"


# Views that save through services and explain refused deletes; feature apps use them too.


class RefusedSaveMixin:
    """A save the service refuses (ValidationError, e.g. an archived cohort) shows the message
    on the form; the transaction leaves nothing behind."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
            return self.form_invalid(form)


class ServiceCreateView(RefusedSaveMixin, generic.CreateView):
    """Saves through the app's service (its rules and the audit entry), as the site does, then
    logs in Wagtail's history. Subclasses say how: create(form) -> instance."""

    def create(self, form):
        raise NotImplementedError

    def save_instance(self):
        instance = self.create(self.form)
        log(instance, "wagtail.create", user=self.request.user)
        return instance


class ServiceEditView(RefusedSaveMixin, generic.EditView):
    """As ServiceCreateView, for changes: update(form) -> instance."""

    def update(self, form):
        raise NotImplementedError

    def save_instance(self):
        instance = self.update(self.form)
        log(instance, "wagtail.edit", user=self.request.user)
        return instance


class RefusedDeleteMixin:
    """A delete the database refuses (the object still has work or records that depend on
    it, PROTECT) says why instead of failing: back on the edit page, or on the listing for
    someone who may delete but not edit. The transaction leaves nothing behind."""

    protected_message = _("This cannot be deleted: trainees' work depends on it.")

    def form_valid(self, form):
        if self.usage and self.usage.is_protected:
            return self.refused()  # Wagtail saw it coming (it would answer "permission denied")
        try:
            return super().form_valid(form)
        except ProtectedError:
            return self.refused()

    def refused(self):
        messages.error(self.request, self.protected_message)
        if self.edit_url_name and self.user_has_permission("change"):
            return redirect(reverse(self.edit_url_name, args=[self.object.pk]))
        return redirect(self.get_success_url())


class RefusedDeleteView(RefusedDeleteMixin, generic.DeleteView):
    pass


class ServiceDeleteView(RefusedDeleteMixin, generic.DeleteView):
    """Deletes through the app's service (the audit entry), logged in Wagtail's history in the
    same transaction; a refused delete says why (RefusedDeleteMixin)."""

    def remove(self, instance):
        raise NotImplementedError

    def delete_action(self):
        with transaction.atomic():
            log(self.object, "wagtail.delete", user=self.request.user)  # while it has its pk
            self.remove(self.object)


class CohortDeleteView(RefusedDeleteView):
    protected_message = _(
        "This cohort has members and cannot be deleted; set its status to archived instead."
    )


class CohortIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course").with_counts()


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    menu_hook = MENU_HOOK
    url_prefix = "cohorts"
    index_view_class = CohortIndexView
    delete_view_class = CohortDeleteView
    form_fields = ["course", "name", "starts_on", "ends_on", "status", "behind_after_overdue"]
    list_display = [
        "name",
        "course",
        "status",
        "starts_on",
        "ends_on",
        Column("trainee_count", label=_("Trainees")),
        Column("mentor_count", label=_("Mentors")),
    ]
    list_filter = ["status", "course"]
    search_fields = ["name"]
    search_backend_name = None
    copy_view_enabled = False


def invitation_state(membership):
    if membership.invitation_used:
        return _("Accepted")
    if membership.invitation_open:
        return _("Waiting")
    if membership.invitation_sent:
        return _("Expired or replaced")
    return "—"


class MembershipFilterSet(WagtailFilterSet):
    invitation = django_filters.ChoiceFilter(
        label=_("invitation"),
        choices=[
            ("open", _("Waiting")),
            ("used", _("Accepted")),
            ("lapsed", _("Expired or replaced")),
            ("none", _("No invitation")),
        ],
        method="filter_invitation",
    )

    class Meta:
        model = Membership
        fields = ["cohort", "role", "is_active"]

    def filter_invitation(self, queryset, name, value):
        """Uses the annotations of MembershipIndexView's queryset."""
        if value == "open":
            return queryset.filter(invitation_open=True)
        if value == "used":
            return queryset.filter(invitation_used=True)
        if value == "lapsed":
            return queryset.filter(
                invitation_sent=True, invitation_used=False, invitation_open=False
            )
        if value == "none":
            return queryset.filter(invitation_sent=False)
        return queryset


class MembershipIndexView(generic.IndexView):
    def get_base_queryset(self):
        invitations = Invitation.objects.filter(membership=OuterRef("pk"))
        return (
            super()
            .get_base_queryset()
            .select_related("user", "cohort")
            .annotate(
                invitation_sent=Exists(invitations),
                invitation_used=Exists(invitations.filter(used_at__isnull=False)),
                invitation_open=Exists(
                    invitations.filter(
                        used_at__isnull=True, voided_at__isnull=True, expires_at__gt=timezone.now()
                    )
                ),
            )
        )

    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Invite a person"), url=reverse("cohorts_admin:invite"), icon_name="mail"
            ),
            HeaderButton(
                _("Import a roster"), url=reverse("cohorts_admin:roster_import"), icon_name="upload"
            ),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active:
            buttons.append(
                ListingMenuItem(
                    _("Send the invitation again"),
                    url=reverse("cohorts_admin:reinvite", args=[instance.pk]),
                    icon_name="mail",
                    priority=40,
                )
            )
        return buttons


class MembershipCreateView(ServiceCreateView):
    def create(self, form):
        data = form.cleaned_data
        return memberships.add_member(
            actor=self.request.user,
            user=data["user"],
            cohort=data["cohort"],
            role=data["role"],
            is_active=data["is_active"],
            mentors=list(data.get("mentors") or []),
        )


class MembershipEditView(ServiceEditView):
    def update(self, form):
        return memberships.update_member(
            actor=self.request.user,
            membership=form.instance,
            mentors=list(form.cleaned_data.get("mentors") or []),
        )


class MembershipDeleteView(ServiceDeleteView):
    protected_message = _(
        "This membership holds the trainee's work and cannot be deleted. "
        "Untick “active” to take their access away instead; their history is kept."
    )

    def remove(self, instance):
        memberships.remove_member(actor=self.request.user, membership=instance)


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    menu_hook = MENU_HOOK
    url_prefix = "cohorts/memberships"
    index_view_class = MembershipIndexView
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    list_display = [
        "user",
        Column("email", label=_("e-mail address"), accessor="user.email"),
        "cohort",
        "role",
        BooleanColumn("is_active", label=_("active")),
        Column("invitation", label=_("invitation"), accessor=invitation_state),
    ]
    filterset_class = MembershipFilterSet
    search_fields = ["user__email", "user__display_name", "user__last_name", "user__first_name"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return MembershipAdminForm


class CohortsGroup(ModelViewSetGroup):
    menu_label = _("Cohorts")
    menu_icon = "group"
    menu_order = 250
    submenu_hook = MENU_HOOK
    items = []


def viewsets():
    return [
        CohortsGroup(),
        CohortViewSet("cohorts_cohort"),
        MembershipViewSet("cohorts_membership"),
    ]


def invite_menu_item():
    return MenuItem(
        _("Invite a person"), reverse("cohorts_admin:invite"), icon_name="mail", order=300
    )


def roster_menu_item():
    return MenuItem(
        _("Import a roster"), reverse("cohorts_admin:roster_import"), icon_name="upload", order=310
    )


admin_urlpatterns = [
    path("invite/", admin_invitations.invite_person, name="invite"),
    path("memberships/<int:pk>/reinvite/", admin_invitations.reinvite, name="reinvite"),
    path("roster/", admin_roster.roster_import, name="roster_import"),
    path("roster/template.csv", admin_roster.roster_template, name="roster_template"),
]


def admin_urls():
    return [path("cohorts/", include((admin_urlpatterns, "cohorts_admin")))]
