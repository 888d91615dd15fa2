"""Names and other one-line fields refuse line breaks and control characters (a registrant's
name with a newline went into an e-mail greeting), with a clear message, nothing saved."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from academy.forms import OneLineCharField, validate_one_line
from cohorts import roster
from cohorts.forms import InvitePersonForm
from courses.models import SeminarRegistration
from tests.factories import CohortFactory, SeminarPageFactory
from tests.registration_helpers import register

BAD = ["山田\n太郎", "山田\r太郎", "山田\x00", "a\x1bb", "A\u2028B", "\u202eevil", "x\x7f"]
GOOD = ["山田 太郎", "髙橋 𠮷子", "O'Brien-Smith", "株式会社 山田製作所（本社）", "Ａ　Ｂ"]


@pytest.mark.parametrize("value", BAD)
def test_the_validator_refuses_breaks_and_controls(value):
    with pytest.raises(ValidationError) as caught:
        validate_one_line(value)
    assert caught.value.code == "not_one_line"


@pytest.mark.parametrize("value", GOOD)
def test_the_validator_accepts_real_names(value):
    validate_one_line(value)


def test_the_field_says_why():
    class Form(forms.Form):
        name = OneLineCharField()

    form = Form({"name": "山田\n太郎"})
    assert not form.is_valid()
    assert "改行" in form.errors["name"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["name", "company", "phone"])
def test_the_seminar_form_refuses_a_name_on_two_lines(anonymous, field):
    seminar = SeminarPageFactory()
    value = "090\n1234" if field == "phone" else "山田\nご当選おめでとうございます"
    response = register(anonymous, seminar, **{field: value})
    assert response.status_code == 400
    assert "改行" in response.content.decode()
    assert SeminarRegistration.objects.count() == 0


@pytest.mark.django_db
def test_the_invitation_form_refuses_a_name_on_two_lines():
    cohort = CohortFactory()
    form = InvitePersonForm(
        {
            "cohort": cohort.pk,
            "email": "new@example.com",
            "name": "新人\n太郎",
            "role": "trainee",
            "language": "ja",
        }
    )
    assert not form.is_valid()
    assert "name" in form.errors


@pytest.mark.django_db
def test_a_roster_row_with_a_control_character_is_an_error():
    cohort = CohortFactory()
    text = 'email,name,role,mentors,language\nnew@example.com,"新人\n太郎",trainee,,ja\n'
    preview = roster.parse(text, cohort)
    assert not preview.is_valid
    assert any("line" in str(error) or "改行" in str(error) for error in preview.rows[0].errors)
