import pytest
from django import forms

from portal.registry.forms import CvrField, DanishPhoneField


class CompanyForm(forms.Form):
    cvr = CvrField(label="CVR-nummer", required=False)
    phone = DanishPhoneField(label="Telefon", required=False)


def test_a_cvr_number_typed_with_prefix_and_spaces_is_cleaned_to_eight_digits():
    form = CompanyForm({"cvr": "DK 96 10 01 59", "phone": "+45 74 00 10 01"})
    assert form.is_valid()
    assert form.cleaned_data == {"cvr": "96100159", "phone": "74 00 10 01"}


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("12345678", "12345678 findes ikke, for kontrolcifferet passer ikke."),
        ("9610015", "et CVR-nummer har 8 cifre, men du har skrevet 7 cifre."),
        ("abcdefgh", "et CVR-nummer består kun af cifre"),
    ],
)
def test_an_invalid_cvr_number_gets_a_danish_error_that_says_what_is_wrong(typed, says):
    form = CompanyForm({"cvr": typed})
    [error] = form.errors["cvr"]
    assert error.startswith("Ugyldigt CVR-nummer: ")
    assert says in error


def test_empty_optional_fields_stay_empty():
    form = CompanyForm({"cvr": "", "phone": ""})
    assert form.is_valid()
    assert form.cleaned_data == {"cvr": "", "phone": ""}


def test_an_invalid_phone_number_gets_a_danish_error():
    form = CompanyForm({"phone": "12 34"})
    assert "Skriv et telefonnummer med 8 cifre" in form.errors["phone"][0]


def test_the_fields_help_phones_show_the_right_keyboard():
    html = str(CompanyForm()["cvr"]) + str(CompanyForm()["phone"])
    assert 'inputmode="numeric"' in html
    assert 'inputmode="tel"' in html
