"""The seminar page's registration form, built here so the page model needs no form."""

from django import template

from courses.forms import SeminarRegistrationForm

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_form(context):
    """The form the registration view re-renders with its errors, else an empty one for the
    visitor (their name and e-mail filled in when signed in)."""
    form = context.get("form")
    if form is not None:
        return form
    return SeminarRegistrationForm.for_user(context["request"].user)
