"""The Wagtail admin's user screens with our fields: the name as the school writes it, its
reading (フリガナ) and the preferred language; the list in あいうえお order.

academy.apps.UsersConfig (in INSTALLED_APPS instead of "wagtail.users") points Wagtail here.
"""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users

from .readings import person_order

EXTRA_FIELDS = ["display_name", "name_reading", "preferred_language"]


class NamesForm:
    """Family and given names are optional here: many people have only a display name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = False


class AcademyUserCreationForm(NamesForm, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = [*UserCreationForm.Meta.fields, *EXTRA_FIELDS]


class AcademyUserEditForm(NamesForm, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*UserEditForm.Meta.fields, *EXTRA_FIELDS]


class IndexView(users.IndexView):
    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            return queryset.order_by(*person_order(descending=self.ordering == "-name"))
        return super().order_queryset(queryset)


class UserViewSet(users.UserViewSet):
    index_view_class = IndexView
    ordering = "name"
    create_template_name = "academy/admin/user_create.html"
    edit_template_name = "academy/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return AcademyUserEditForm if for_update else AcademyUserCreationForm
