"""The public registration form (RegistrationForm) and submit_registration(): bad input gets a
Danish message next to the field, a CVR number finds or drafts the company."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation

from portal.intake import ContactData
from portal.notifications.models import OutboxMessage
from portal.registrations import services
from portal.registrations.forms import RegistrationForm
from portal.registrations.intake import take_registration
from portal.registrations.models import Occasion, Registration
from portal.registry.models import Company
from tests.factories import CompanyFactory, OccasionFactory, valid_cvr

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]


def form_data(**changes) -> dict:
    return {
        "name": "Mette Hansen",
        "email": "mette@example.dk",
        "phone": "12345678",
        "company_name": "Mettes Café ApS",
        "cvr": "",
        "seats": "2",
        "needs": "Vegetar",
        "listed": "on",
        "form_token": RegistrationForm.new_form_token(),
        "website": "",
        **changes,
    }


def bound(occasion=None, **changes) -> RegistrationForm:
    return RegistrationForm(form_data(**changes), occasion=occasion or OccasionFactory())


# RegistrationForm ----------------------------------------------------------------------------


def test_a_complete_form_is_valid_and_gives_the_service_its_arguments():
    occasion = OccasionFactory()
    form = bound(occasion, cvr="DK " + valid_cvr(1))

    assert form.is_valid(), form.errors
    kwargs = form.service_kwargs()
    assert kwargs["occasion"] == occasion
    assert kwargs["contact"] == ContactData(
        name="Mette Hansen", email="mette@example.dk", phone="12 34 56 78"
    )
    assert (kwargs["cvr"], kwargs["seats"], kwargs["listed"]) == (valid_cvr(1), 2, True)
    assert kwargs["submission_key"] == form.submission_key


def test_a_bad_email_is_refused_with_a_danish_message():
    form = bound(email="mette@")

    assert not form.is_valid()
    assert form.errors["email"] == ["Skriv en gyldig e-mail-adresse, fx navn@example.dk."]


def test_an_invalid_cvr_is_refused_with_a_danish_message():
    form = bound(cvr="12345678")

    assert not form.is_valid()
    [message] = form.errors["cvr"]
    assert message.startswith("Ugyldigt CVR-nummer")
    assert "kontrolcifferet passer ikke" in message


def test_no_cvr_is_fine_for_an_entrepreneur_without_one():
    form = bound(cvr="", company_name="")
    assert form.is_valid(), form.errors


def test_zero_participants_is_refused():
    form = bound(seats="0")

    assert not form.is_valid()
    assert form.errors["seats"] == ["Skriv, hvor mange I kommer (mindst 1)."]


def test_more_participants_than_the_occasion_allows_is_refused():
    form = bound(OccasionFactory(max_seats_per_registration=3), seats="4")

    assert not form.is_valid()
    assert form.errors["seats"] == ["Der kan højst tilmeldes 3 deltagere ad gangen."]


def test_the_most_participants_is_said_in_the_field():
    form = RegistrationForm(occasion=OccasionFactory(max_seats_per_registration=3))

    seats = form.fields["seats"]
    assert seats.widget.attrs["max"] == 3
    assert "højst 3" in str(seats.help_text)


def test_control_characters_are_removed_from_the_name():
    form = bound(name="Mette\x00 Han\u202esen\x1b", needs="Vegetar\r\nIngen nødder")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Mette Hansen"
    assert form.cleaned_data["needs"] == "Vegetar\nIngen nødder"


def test_a_missing_name_and_email_say_what_to_write():
    form = bound(name="", email="")

    assert not form.is_valid()
    assert form.errors["name"] == ["Skriv dit navn."]
    assert form.errors["email"] == ["Skriv din e-mail-adresse, så vi kan sende dig bekræftelsen."]


def test_a_tampered_form_token_is_refused_and_what_was_typed_is_kept():
    form = bound(form_token="falsk")

    assert not form.is_valid()
    assert "form_token" in form.errors
    assert form.data["name"] == "Mette Hansen"


def test_the_honeypot_is_caught():
    assert bound(website="http://spam.example").caught_in_honeypot()
    assert not bound().caught_in_honeypot()


# submit_registration --------------------------------------------------------------------------


def submit(occasion, *, email="mette@example.dk", **kwargs):
    return services.submit_registration(
        occasion=occasion,
        contact=ContactData(name="Mette Hansen", email=email),
        submission_key=kwargs.pop("submission_key", None),
        **kwargs,
    )


def test_an_unknown_cvr_drafts_a_company_with_the_name_the_registrant_wrote():
    registration = submit(OccasionFactory(), cvr=valid_cvr(2), company_name="Mettes Café ApS")

    company = Company.objects.get()
    assert (company.cvr, company.name) == (valid_cvr(2), "Mettes Café ApS")
    assert registration.company == company
    assert registration.company_name == "Mettes Café ApS"
    assert company.history.first().history_change_reason == services.CREATED_FROM_REGISTRATION


def test_an_existing_cvr_links_the_company_and_changes_nothing_about_it():
    company = CompanyFactory(name="Det rigtige navn A/S")

    registration = submit(OccasionFactory(), cvr=company.cvr, company_name="Forkert navn")

    assert Company.objects.count() == 1
    company.refresh_from_db()
    assert company.name == "Det rigtige navn A/S"
    assert registration.company == company
    assert registration.company_name == "Forkert navn"  # as written, for the participants list


def test_no_cvr_links_no_company():
    registration = submit(OccasionFactory(), company_name="Idé uden CVR")

    assert registration.company is None
    assert registration.company_name == "Idé uden CVR"
    assert not Company.objects.exists()


def test_a_refused_registration_leaves_no_draft_company():
    closed = OccasionFactory(cancelled_at=timezone.now())

    with pytest.raises(ValidationError):
        submit(closed, cvr=valid_cvr(3), company_name="Ny virksomhed")

    assert not Company.objects.exists()
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_too_many_seats_leaves_no_draft_company():
    with pytest.raises(ValidationError):
        submit(OccasionFactory(max_seats_per_registration=2), cvr=valid_cvr(4), seats=3)

    assert not Company.objects.exists()


def test_a_second_registration_with_the_same_email_leaves_no_draft_company():
    occasion = OccasionFactory()
    submit(occasion)

    with pytest.raises(services.AlreadyRegistered):
        submit(occasion, email="Mette@Example.dk", cvr=valid_cvr(5), company_name="Ny")

    assert not Company.objects.exists()
    assert Registration.objects.count() == 1


def test_the_same_form_submitted_twice_gives_one_registration():
    occasion = OccasionFactory()

    first = submit(occasion, submission_key="nøgle-1", cvr=valid_cvr(6))
    second = submit(occasion, submission_key="nøgle-1", cvr=valid_cvr(6))

    assert first == second
    assert Registration.objects.count() == 1
    assert Company.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_the_language_of_the_form_is_the_language_of_the_emails():
    registration = submit(OccasionFactory(), language="de")

    assert registration.language == "de"
    [message] = OutboxMessage.objects.all()
    assert f"/de/tilmelding/{registration.token}/" in message.body
    assert message.body.startswith("Guten Tag Mette Hansen")
    assert "Mit freundlichen Grüßen" in message.body


# take_registration: the form's steps on a post ------------------------------------------------


def post(occasion, **changes):
    request = RequestFactory().post("/", form_data(**changes))
    form = RegistrationForm(request.POST, occasion=occasion)
    return take_registration(request, form), form


def test_a_valid_post_registers():
    occasion = OccasionFactory()

    submission, _form = post(occasion)

    assert submission.registration == Registration.objects.get()
    assert (submission.status, submission.check_email) == (200, False)


def test_the_honeypot_answers_check_your_email_and_stores_nothing():
    submission, _form = post(OccasionFactory(), website="http://spam.example")

    assert submission.caught and submission.check_email
    assert submission.registration is None
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_address_already_registered_answers_check_your_email():
    occasion = OccasionFactory()
    post(occasion)

    submission, _form = post(occasion, email="METTE@example.dk")

    assert submission.already_registered and submission.check_email
    assert submission.registration is None
    assert Registration.objects.count() == 1


def test_a_post_the_service_refuses_shows_the_danish_reason_and_keeps_what_was_typed():
    submission, form = post(OccasionFactory(published=False), cvr=valid_cvr(7))

    assert submission.registration is None and not submission.check_email
    assert form.non_field_errors() == ["Der er ikke åbnet for tilmelding endnu."]
    assert form.data["name"] == "Mette Hansen" and form.data["needs"] == "Vegetar"
    assert not Registration.objects.exists()
    assert not Company.objects.exists()


def test_a_limit_lowered_after_the_page_was_loaded_is_shown_on_the_seats_field():
    occasion = OccasionFactory(max_seats_per_registration=4)
    request = RequestFactory().post("/", form_data(seats="3"))
    form = RegistrationForm(request.POST, occasion=occasion)
    Occasion.objects.filter(pk=occasion.pk).update(max_seats_per_registration=2)

    submission = take_registration(request, form)

    assert submission.registration is None
    assert form.errors["seats"] == ["Der kan højst tilmeldes 2 deltagere ad gangen."]
    assert not Registration.objects.exists()


def test_too_many_new_registrations_from_one_address_are_refused_but_a_repeat_is_not(settings):
    settings.REGISTRATION_RATE_LIMIT = 1
    occasion = OccasionFactory()
    token = RegistrationForm.new_form_token()
    first, _form = post(occasion, form_token=token)

    refused, form = post(occasion, email="ole@example.dk")
    repeat, _form = post(occasion, form_token=token)

    assert (refused.status, refused.retry_after) == (429, settings.REGISTRATION_RATE_WINDOW)
    assert "Vent et kvarter" in form.non_field_errors()[0]
    assert repeat.registration == first.registration
    assert Registration.objects.count() == 1


def test_the_registration_takes_the_language_of_the_page():
    with translation.override("en"):
        submission, _form = post(OccasionFactory())

    assert submission.registration.language == "en"


def test_the_form_renders_its_fields_the_honeypot_and_what_the_data_is_used_for():
    form = RegistrationForm(occasion=OccasionFactory(max_seats_per_registration=3))

    html = render_to_string(
        "registrations/_form.html", {"form": form}, request=RequestFactory().get("/")
    )

    for name in ("name", "email", "phone", "company_name", "cvr", "seats", "needs", "listed"):
        assert f'name="{name}"' in html, name
    assert 'name="website"' in html and 'name="form_token"' in html
    assert 'max="3"' in html
    assert "Det gør vi med dine oplysninger" in html
    assert "Et år efter arrangementet sletter vi dit navn" in html
    assert "<form" not in html  # the page's own form wraps it


def test_a_refused_form_renders_the_danish_error_next_to_the_field():
    form = bound(cvr="12345678", email="mette@")
    form.is_valid()

    html = render_to_string(
        "registrations/_form.html", {"form": form}, request=RequestFactory().get("/")
    )

    assert "Ugyldigt CVR-nummer" in html
    assert "Skriv en gyldig e-mail-adresse, fx navn@example.dk." in html
    assert 'value="Mette Hansen"' in html  # what was typed is kept
