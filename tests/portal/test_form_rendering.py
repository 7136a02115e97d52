"""The crispy-forms "dkfds" template pack renders forms the DKFDS way, accessibly."""

import re

import pytest
from crispy_forms.helper import FormHelper
from django import forms
from django.template import Context, Template
from django.test import RequestFactory


class ExampleForm(forms.Form):
    name = forms.CharField(label="Dit navn", max_length=50)
    email = forms.EmailField(label="E-mail", help_text="Vi svarer på denne adresse.")
    phone = forms.CharField(label="Telefon", required=False)
    consent = forms.BooleanField(label="Jeg accepterer betingelserne")
    topic = forms.ChoiceField(
        label="Emne",
        choices=[("start", "Start af virksomhed"), ("network", "Netværk")],
        widget=forms.RadioSelect,
    )
    size = forms.ChoiceField(label="Antal ansatte", choices=[("", "Vælg"), ("1", "1-9")])
    message = forms.CharField(label="Besked", widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        if self.cleaned_data.get("name") == "Afvist":
            raise forms.ValidationError("Vi kan ikke tage imod henvendelsen lige nu.")
        return self.cleaned_data


VALID = {
    "name": "Mette Hansen",
    "email": "mette@example.dk",
    "consent": "on",
    "topic": "start",
    "size": "1",
    "message": "Hej",
}


def render(form: forms.Form, source: str = "{% crispy form %}") -> str:
    request = RequestFactory().get("/")
    template = Template("{% load crispy_forms_tags %}" + source)
    return template.render(Context({"form": form, "request": request}))


def tag(html: str, element_id: str) -> str:
    """The opening tag of the element with this id."""
    pattern = r"<(?:input|select|textarea)[^>]*\bid=\"" + re.escape(element_id) + r"\"[^>]*>"
    match = re.search(pattern, html)
    assert match, f"no form control with id {element_id}"
    return match.group(0)


def test_every_control_has_a_label_tied_to_it():
    html = render(ExampleForm())

    for field_id in ["id_name", "id_email", "id_phone", "id_consent", "id_size", "id_message"]:
        assert f'for="{field_id}"' in html
    assert 'class="form-label" for="id_name">Dit navn</label>' in html
    assert 'class="form-input"' in tag(html, "id_name")
    assert "form-select" in tag(html, "id_size")
    assert "form-input" in tag(html, "id_message")
    assert "form-checkbox" in tag(html, "id_consent")


def test_radio_choices_are_a_fieldset_with_a_legend():
    html = render(ExampleForm())

    fieldset = re.search(r"<fieldset[^>]*>.*?</fieldset>", html, re.S).group(0)
    assert '<legend class="form-label">Emne</legend>' in fieldset
    assert 'class="form-radio" id="id_topic_0" name="topic" value="start"' in fieldset
    assert '<label class="form-label" for="id_topic_1">Netværk</label>' in fieldset


def test_optional_fields_say_so_and_required_fields_do_not():
    html = render(ExampleForm())

    assert re.search(r'for="id_phone">Telefon<span class="weight-normal"> \(valgfrit\)', html)
    assert 'for="id_name">Dit navn</label>' in html


def test_a_filter_field_may_leave_out_that_it_is_optional():
    form = ExampleForm()
    form.fields["phone"].show_optional = False  # as the exchange's and directory's filters do

    assert 'for="id_phone">Telefon</label>' in render(form)


def test_help_text_is_a_hint_the_input_points_to():
    html = render(ExampleForm())

    assert '<span class="form-hint" id="id_email-hint">Vi svarer på denne adresse.</span>' in html
    assert 'aria-describedby="id_email-hint"' in tag(html, "id_email")
    assert "aria-describedby" not in tag(html, "id_name")


def test_a_valid_form_has_no_error_summary():
    form = ExampleForm(data=VALID)
    assert form.is_valid()

    html = render(form)

    assert "Der er problemer" not in html
    assert "aria-invalid" not in html
    assert "form-error" not in html


def test_errors_are_shown_next_to_the_field_and_the_field_is_marked_invalid():
    form = ExampleForm(data={**VALID, "email": "ikke-en-adresse"})
    form.is_valid()

    html = render(form)

    email = tag(html, "id_email")
    assert 'aria-invalid="true"' in email
    assert 'aria-describedby="id_email-hint id_email-error"' in email
    assert re.search(
        r'<span class="form-error-message" id="id_email-error">'
        r'<span class="sr-only">Fejl: </span>Indtast en gyldig e-mail-adresse.</span>',
        html,
    )
    assert re.search(r'<div id="div_id_email" class="form-group form-error">', html)
    assert 'aria-invalid="true"' not in tag(html, "id_name")


def test_the_error_summary_links_to_each_invalid_field():
    form = ExampleForm(data={**VALID, "email": "ikke-en-adresse", "topic": "", "message": ""})
    form.is_valid()

    html = render(form)

    summary = re.search(
        r'<div class="alert alert-error error-summary".*?</div>\s*</div>', html, re.S
    )
    assert summary, "no error summary"
    summary = summary.group(0)
    assert 'tabindex="-1"' in summary
    assert 'data-module="error-summary"' in summary
    assert "Der er problemer" in summary
    assert '<a href="#id_email">E-mail: Indtast en gyldig e-mail-adresse.</a>' in summary
    assert '<a href="#id_topic_0">Emne: Dette felt er påkrævet.</a>' in summary
    assert '<a href="#id_message">Besked: Dette felt er påkrævet.</a>' in summary
    assert html.index("error-summary") < html.index('id="id_name"')


def test_the_summary_lists_errors_about_the_whole_form():
    form = ExampleForm(data={**VALID, "name": "Afvist"})
    form.is_valid()

    html = render(form)

    assert "<li>Vi kan ikke tage imod henvendelsen lige nu.</li>" in html


def test_what_was_typed_is_kept_when_the_form_has_errors():
    form = ExampleForm(data={**VALID, "email": "ikke-en-adresse", "message": "Min idé"})
    form.is_valid()

    html = render(form)

    assert 'value="Mette Hansen"' in tag(html, "id_name")
    assert 'value="ikke-en-adresse"' in tag(html, "id_email")
    assert "Min idé</textarea>" in html
    assert "checked" in tag(html, "id_topic_0")
    assert "checked" in tag(html, "id_consent")
    assert re.search(r'<option value="1" selected>', html)


def test_the_crispy_filter_renders_the_same_pack():
    form = ExampleForm(data={**VALID, "email": ""})
    form.is_valid()

    html = render(form, "{{ form|crispy }}")

    assert "Der er problemer" in html
    assert '<a href="#id_email">' in html
    assert 'aria-invalid="true"' in tag(html, "id_email")


@pytest.mark.parametrize("field_name", ["name", "consent", "size"])
def test_field_errors_have_a_visually_hidden_prefix(field_name):
    form = ExampleForm(data={**VALID, field_name: ""})
    form.is_valid()

    html = render(form)

    assert f'id="id_{field_name}-error"><span class="sr-only">Fejl: </span>' in html
