"""The registrant's own pages: /tilmelding/<token>/, its cancel step and its calendar file."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from portal.intake import ContactData
from portal.privacy.services import apply_retention
from portal.registrations import services
from portal.registrations.models import Registration
from tests.factories import OccasionFactory, RegistrationFactory
from tests.portal.registrations.helpers import hours_from_now, mails_to, sign_up, status_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]


def detail(registration) -> str:
    return reverse("registrations:registration-detail", args=[registration.token])


def cancel(registration) -> str:
    return reverse("registrations:registration-cancel", args=[registration.token])


def text(response) -> str:
    return " ".join(strip_tags(response.content.decode()).split())


def test_the_link_is_at_tilmelding():
    registration = RegistrationFactory()
    assert registration.get_absolute_url() == f"/tilmelding/{registration.token}/"


def test_a_confirmed_registrant_sees_what_and_when_and_how_many_in_danish(client):
    occasion = OccasionFactory(title="Netværk om rekruttering")
    registration = services.register(
        occasion=occasion,
        contact=ContactData(name="Mette Hansen", email="mette@example.dk"),
        seats=2,
        company_name="Mettes Café ApS",
        needs="Glutenfri",
    )

    response = client.get(detail(registration))

    page = text(response)
    assert response.status_code == 200
    assert "Din tilmelding" in page
    assert "Netværk om rekruttering" in page
    assert "Du er tilmeldt. Der er reserveret 2 pladser." in page
    assert "Status Tilmeldt" in page
    assert "Mette Hansen, Mettes Café ApS" in page
    assert "Glutenfri" in page
    assert "Rådhuset, Gåskærgade 26" in page
    assert "kl. 9.00–12.00" in page
    assert "Hent kalenderinvitation (.ics)" in page
    html = response.content.decode()
    assert reverse("registrations:registration-ics", args=[registration.token]) in html
    assert cancel(registration) in html


def test_a_waiting_registrant_sees_their_place_in_line(client):
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    sign_up(occasion, 2)
    third = sign_up(occasion, 3)

    page = text(client.get(detail(third)))

    assert "Du er på ventelisten som nummer 2" in page
    assert "Status På venteliste" in page
    assert "Hent kalenderinvitation" not in page  # no seat, no calendar entry yet


def test_the_page_answers_in_english_under_en(client):
    registration = sign_up(OccasionFactory(), 1)

    with translation.override("en"):
        url = detail(registration)
    response = client.get(url)

    assert url.startswith("/en/tilmelding/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_the_cancel_step_asks_first_and_cancels_nothing(client):
    occasion = OccasionFactory(capacity=1)
    registration = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    response = client.get(cancel(registration))

    page = text(response)
    assert response.status_code == 200
    assert "Vil du afmelde dig?" in page
    assert "Din plads går videre til den første på ventelisten." in page
    assert "Ja, afmeld mig" in page and "Nej, behold tilmeldingen" in page
    assert 'method="post"' in response.content.decode()
    assert status_of(registration) == "confirmed"
    assert status_of(waiting) == "waiting"
    assert "noindex" in response["X-Robots-Tag"]


def test_posting_the_cancel_step_cancels_promotes_and_redirects(client):
    occasion = OccasionFactory(capacity=1, title="Frokostmøde")
    registration = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    response = client.post(cancel(registration), follow=True)

    assert response.redirect_chain == [(detail(registration), 302)]
    page = text(response)
    assert "Du er afmeldt. Vi har sendt dig en bekræftelse." in page
    assert "Du er afmeldt" in page and "Status Afmeldt" in page
    assert status_of(registration) == "cancelled"
    assert status_of(waiting) == "confirmed"
    assert mails_to(registration.email)[-1].subject == "Du er afmeldt: Frokostmøde"
    assert mails_to(waiting.email)[-1].subject == "Du har fået en plads: Frokostmøde"


def test_posting_the_cancel_step_twice_is_harmless(client):
    registration = sign_up(OccasionFactory(), 1)
    client.post(cancel(registration))
    mails = len(mails_to(registration.email))

    again = client.post(cancel(registration))

    assert (again.status_code, again.url) == (302, detail(registration))
    assert status_of(registration) == "cancelled"
    assert len(mails_to(registration.email)) == mails


def test_the_cancel_step_of_a_cancelled_registration_leads_back_to_it(client):
    registration = sign_up(OccasionFactory(), 1)
    services.cancel_registration(registration=registration)

    response = client.get(cancel(registration))

    assert (response.status_code, response.url) == (302, detail(registration))


def test_once_it_has_begun_the_page_offers_no_cancelling_and_a_post_changes_nothing(client):
    occasion = OccasionFactory(
        starts_at=hours_from_now(-1),
        ends_at=hours_from_now(2),
        registration_deadline=hours_from_now(-3),
    )
    registration = RegistrationFactory(occasion=occasion)

    assert cancel(registration) not in client.get(detail(registration)).content.decode()
    step = text(client.get(cancel(registration)))
    assert "Tilmeldingen kan ikke længere afmeldes her." in step
    assert "Ja, afmeld mig" not in step
    response = client.post(cancel(registration), follow=True)
    assert "Arrangementet er begyndt" in text(response)
    assert status_of(registration) == "confirmed"


def test_a_cancelled_occasion_says_so_on_the_page(client, caseworker):
    occasion = OccasionFactory()
    registration = sign_up(occasion, 1)
    services.cancel_occasion(occasion=occasion, reason="Oplægsholderen er syg.", by=caseworker)

    page = text(client.get(detail(registration)))

    assert "Vi har aflyst arrangementet" in page
    assert "Oplægsholderen er syg." in page
    assert "Afmeld" not in page.replace("Afmeldt", "")


@pytest.mark.parametrize("page", ["registration-detail", "registration-cancel", "registration-ics"])
def test_the_pages_are_private(client, page):
    registration = sign_up(OccasionFactory(), 1)

    response = client.get(reverse(f"registrations:{page}", args=[registration.token]))

    assert response.status_code == 200
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("page", ["registration-detail", "registration-cancel", "registration-ics"])
def test_a_wrong_token_is_404(client, page):
    registration = sign_up(OccasionFactory(), 1)
    wrong = registration.token[:-1] + ("A" if registration.token[-1] != "A" else "B")

    assert client.get(reverse(f"registrations:{page}", args=[wrong])).status_code == 404


@pytest.mark.parametrize("junk", ["%00", "kort", "a" * 31 + "%00", "x" * 200])
def test_a_malformed_token_is_404_without_looking_it_up(client, junk):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/tilmelding/{junk}/")

    assert response.status_code == 404
    assert not [q for q in queries.captured_queries if "registrations_registration" in q["sql"]]


def test_a_wrong_token_cancels_nothing(client):
    registration = sign_up(OccasionFactory(), 1)

    response = client.post(f"/tilmelding/{'A' * 32}/afmeld/")

    assert response.status_code == 404
    assert status_of(registration) == "confirmed"


def test_too_many_wrong_tokens_are_refused_also_with_the_right_one(client, settings):
    settings.CASE_TOKEN_MISS_LIMIT = 3
    registration = sign_up(OccasionFactory(), 1)
    for n in range(3):
        assert client.get(f"/tilmelding/{'A' * 31}{n}/").status_code == 404

    blocked = client.get(detail(registration))

    assert blocked.status_code == 429
    assert blocked["Retry-After"] == str(settings.CASE_TOKEN_MISS_WINDOW)
    assert "Vent lidt, før du prøver igen" in blocked.content.decode()
    assert client.post(cancel(registration)).status_code == 429
    assert status_of(registration) == "confirmed"


def test_wrong_registration_tokens_and_wrong_case_tokens_share_one_budget(client, settings):
    settings.CASE_TOKEN_MISS_LIMIT = 2
    client.get(f"/tilmelding/{'A' * 32}/")
    client.get(f"/sag/{'B' * 32}/")

    assert client.get(f"/tilmelding/{'C' * 32}/").status_code == 429


def test_an_anonymised_registrations_old_link_is_404(client):
    old = OccasionFactory(
        starts_at=hours_from_now(-24 * 400),
        ends_at=hours_from_now(-24 * 400 + 3),
        registration_deadline=hours_from_now(-24 * 410),
    )
    registration = RegistrationFactory(occasion=old, status=Registration.Status.ATTENDED)
    assert client.get(detail(registration)).status_code == 200

    apply_retention()

    assert client.get(detail(registration)).status_code == 404
    assert client.get(cancel(registration)).status_code == 404


def test_the_cancel_step_for_someone_waiting_says_they_leave_the_waiting_list(client):
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    page = text(client.get(cancel(waiting)))

    assert "Du bliver taget af ventelisten." in page
    assert status_of(waiting) == "waiting"


def test_the_waiting_page_says_when_promotion_stops_with_the_default_setting(client):
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    assert "frem til 24 timer før start" in text(client.get(detail(waiting)))
    assert "frem til 24 timer før start" in mails_to(waiting.email)[0].body


def test_the_waiting_page_follows_the_configured_promotion_stop(client, settings):
    settings.REGISTRATIONS_PROMOTION_STOP_HOURS = 48
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    page = text(client.get(detail(waiting)))

    assert "frem til 48 timer før start" in page
    assert "frem til 48 timer før start" in mails_to(waiting.email)[0].body


def test_the_registration_page_costs_few_queries(client, django_assert_max_num_queries):
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    for n in range(2, 12):
        sign_up(occasion, n)
    last = Registration.objects.order_by("pk").last()

    with django_assert_max_num_queries(8):
        response = client.get(detail(last))

    assert "som nummer 10" in text(response)
