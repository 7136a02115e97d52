"""Amounts in whole kroner: typed as people type them, shown as "12.500 kr."."""

import pytest
from django import forms
from django.utils import translation

from portal.money import KronerField, format_kroner, parse_kroner


@pytest.mark.parametrize(
    "typed", ["12500", "12.500", "12 500", "12\u00a0500", " 12.500 kr. ", "12.500 kr", "12500 DKK"]
)
def test_the_ways_people_write_twelve_thousand_five_hundred(typed):
    assert parse_kroner(typed) == 12_500


@pytest.mark.parametrize(
    "typed", ["", "12,5", "12.50", "-5", "1.2.3", "abc", "12 50", "1e4", "12.500,00", "½"]
)
def test_anything_else_is_not_an_amount(typed):
    with pytest.raises(ValueError):
        parse_kroner(typed)


def test_amounts_read_as_danish_amounts():
    with translation.override("da"):
        assert format_kroner(12_500) == "12.500 kr."
        assert format_kroner(1_250_000) == "1.250.000 kr."
        assert format_kroner(0) == "0 kr."
    assert format_kroner(None) == ""


class _Form(forms.Form):
    amount = KronerField(label="Beløb", max_value=50_000)


def test_the_field_takes_a_typed_amount_and_refuses_others_in_danish():
    form = _Form({"amount": "12 500"})
    assert form.is_valid()
    assert form.cleaned_data["amount"] == 12_500

    for typed, message in [
        ("12,5", "Skriv beløbet i hele kroner, fx 12.500."),
        ("0", "Beløbet skal være mindst 1 kr."),
        ("60.000", "Beløbet kan højst være 50.000 kr."),
    ]:
        form = _Form({"amount": typed})
        assert not form.is_valid()
        assert form.errors["amount"] == [message]


def test_the_field_shows_a_refused_amount_as_typed_and_a_stored_one_grouped():
    with translation.override("da"):
        assert 'value="12,5"' in str(_Form({"amount": "12,5"})["amount"])
        assert 'value="12.500"' in str(_Form(initial={"amount": 12_500})["amount"])
        assert 'inputmode="numeric"' in str(_Form()["amount"])
