"""register(): a seat while there are seats, else the waiting list; closed is closed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.intake import ContactData
from portal.notifications.models import OutboxMessage
from portal.registrations import services
from portal.registrations.models import Registration
from tests.factories import CompanyFactory, OccasionFactory, RegistrationFactory
from tests.portal.registrations.helpers import (
    hours_from_now,
    invitation,
    mails_to,
    occasion_starting_in,
    sign_up,
    subjects_to,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]


def test_a_registration_gets_a_seat_and_a_confirmation_with_the_invitation():
    occasion = OccasionFactory(title="Netværk om rekruttering", capacity=3)

    registration = services.register(
        occasion=occasion,
        contact=ContactData(name="Mette Hansen", email="mette@example.dk", phone="12 34 56 78"),
        seats=2,
        needs="Vegetar",
        listed=True,
        company_name="Mettes Café ApS",
    )

    stored = Registration.objects.get()
    assert stored == registration
    assert (stored.status, stored.seats, stored.needs, stored.listed) == (
        Registration.Status.CONFIRMED,
        2,
        "Vegetar",
        True,
    )
    assert stored.confirmed_at is not None and stored.waiting_since is None
    assert stored.language == "da"
    assert len(stored.token) >= 32
    [message] = mails_to("mette@example.dk")
    assert message.subject == "Du er tilmeldt: Netværk om rekruttering"
    assert message.body.startswith("Kære Mette Hansen")
    assert "Tilmeldt: 2 deltagere" in message.body
    assert f"/tilmelding/{stored.token}/" in message.body
    assert message.about == stored
    assert str(invitation(message)["SUMMARY"]) == "Netværk om rekruttering"


def test_a_party_larger_than_the_seats_left_waits_with_its_place_in_line():
    occasion = OccasionFactory(capacity=3, title="Morgenmøde")

    first = sign_up(occasion, 1, seats=2)
    too_big = sign_up(occasion, 2, seats=2)
    fits = sign_up(occasion, 3, seats=1)
    late = sign_up(occasion, 4, seats=1)

    assert [r.status for r in (first, too_big, fits, late)] == [
        "confirmed",
        "waiting",
        "confirmed",
        "waiting",
    ]
    assert occasion.seats_taken_now() == 3
    assert (too_big.place_in_line(), late.place_in_line()) == (1, 2)
    assert first.place_in_line() is None
    [waiting_mail] = mails_to(late.email)
    assert waiting_mail.subject == "Du er på ventelisten: Morgenmøde"
    assert "som nummer 2" in waiting_mail.body
    assert waiting_mail.attachments == []  # no invitation before there is a seat


def test_more_seats_than_allowed_per_registration_is_refused_in_danish():
    occasion = OccasionFactory(capacity=20, max_seats_per_registration=4)

    with pytest.raises(ValidationError) as refused:
        sign_up(occasion, 1, seats=5)

    assert refused.value.message_dict == {
        "seats": ["Der kan højst tilmeldes 4 deltagere ad gangen."]
    }
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_zero_seats_is_refused():
    with pytest.raises(ValidationError) as refused:
        sign_up(OccasionFactory(), 1, seats=0)

    assert "seats" in refused.value.message_dict
    assert not Registration.objects.exists()


def _past_deadline():
    return OccasionFactory(registration_deadline=hours_from_now(-1))


def _cancelled():
    return OccasionFactory(cancelled_at=timezone.now(), cancellation_reason="Sygdom")


def _unpublished():
    return OccasionFactory(published=False)


def _started():
    return OccasionFactory(
        starts_at=hours_from_now(-1),
        ends_at=hours_from_now(2),
        registration_deadline=hours_from_now(-2),
    )


def _ended():
    return OccasionFactory(
        starts_at=hours_from_now(-30),
        ends_at=hours_from_now(-27),
        registration_deadline=hours_from_now(-50),
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_past_deadline, "Tilmeldingen lukkede"),
        (_cancelled, "Arrangementet er aflyst, så du kan ikke tilmelde dig."),
        (_unpublished, "Der er ikke åbnet for tilmelding endnu."),
        (_started, "Arrangementet er allerede begyndt, så du kan ikke tilmelde dig."),
        (_ended, "Arrangementet er allerede begyndt, så du kan ikke tilmelde dig."),
    ],
    ids=["deadline-passed", "cancelled", "unpublished", "started", "ended"],
)
def test_a_closed_occasion_refuses_the_registration_and_writes_nothing(make, message):
    occasion = make()

    with pytest.raises(ValidationError) as refused:
        sign_up(occasion, 1)

    assert message in " ".join(refused.value.messages)
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


MONTHS = "januar februar marts april maj juni juli august september oktober november december"


def test_the_deadline_message_says_when_registration_closed():
    deadline = timezone.localtime(hours_from_now(-3)).replace(minute=0, second=0)
    occasion = OccasionFactory(registration_deadline=deadline)

    with pytest.raises(ValidationError) as refused:
        sign_up(occasion, 1)

    month = MONTHS.split()[deadline.month - 1]
    assert refused.value.messages == [
        f"Tilmeldingen lukkede {deadline.day}. {month} {deadline.year} kl. {deadline:%H}.00."
    ]


def test_the_same_email_twice_writes_nothing_and_mails_the_link_again():
    occasion = OccasionFactory(title="Kaffemøde")
    first = services.register(
        occasion=occasion, contact=ContactData(name="Mette", email="mette@example.dk")
    )

    with pytest.raises(services.AlreadyRegistered) as again:
        services.register(
            occasion=occasion,
            contact=ContactData(name="Mette H.", email="METTE@Example.DK"),
            seats=3,
        )

    assert again.value.registration == first
    stored = Registration.objects.get()
    assert (stored.name, stored.seats) == ("Mette", 1)  # nothing changed
    assert subjects_to("mette@example.dk") == [
        "Du er tilmeldt: Kaffemøde",
        "Din tilmelding: Kaffemøde",
    ]
    link_again = mails_to("mette@example.dk")[1]
    assert f"/tilmelding/{first.token}/" in link_again.body
    assert "allerede tilmeldt" in link_again.body
    assert not OutboxMessage.objects.filter(to="METTE@Example.DK").exists()


def test_someone_on_the_waiting_list_is_also_already_registered():
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    with pytest.raises(services.AlreadyRegistered) as again:
        sign_up(occasion, 2)

    assert again.value.registration == waiting
    assert Registration.objects.count() == 2


def test_the_same_email_may_register_for_another_occasion():
    sign_up(OccasionFactory(), 1)
    other = sign_up(OccasionFactory(), 1)
    assert other.status == Registration.Status.CONFIRMED
    assert Registration.objects.count() == 2


def test_the_same_form_posted_twice_gives_one_registration_and_one_email():
    occasion = OccasionFactory()

    first = sign_up(occasion, 1, submission_key="formular-1")
    second = sign_up(occasion, 1, submission_key="formular-1")

    assert first == second
    assert Registration.objects.count() == 1
    assert len(mails_to(first.email)) == 1


def test_after_cancelling_the_same_email_may_register_again():
    occasion = OccasionFactory()
    first = sign_up(occasion, 1)
    services.cancel_registration(registration=first)

    again = sign_up(occasion, 1)

    assert again.pk != first.pk
    assert again.status == Registration.Status.CONFIRMED
    assert again.token != first.token
    assert status_pairs(occasion) == [("cancelled", 1), ("confirmed", 1)]


def status_pairs(occasion):
    return list(occasion.registrations.order_by("pk").values_list("status", "seats"))


def test_the_registrants_language_is_kept_and_an_unknown_one_falls_back_to_danish():
    occasion = OccasionFactory()
    assert sign_up(occasion, 1, language="en").language == "en"
    assert sign_up(occasion, 2, language="de-at").language == "de"
    assert sign_up(occasion, 3, language="xx").language == "da"


def test_a_newcomer_does_not_overtake_a_waiting_party_that_fits_after_promotion_stopped():
    occasion = occasion_starting_in(10, capacity=2)  # inside the 24 hours: no promotion
    holder = sign_up(occasion, 1)
    sign_up(occasion, 2)
    waiting = sign_up(occasion, 3)
    services.cancel_registration(registration=holder)
    assert waiting.place_in_line() == 1 and occasion.seats_taken_now() == 1

    newcomer = sign_up(occasion, 4)

    # The freed seat is staff's to offer, first to the one who has waited.
    assert newcomer.status == Registration.Status.WAITING
    assert newcomer.place_in_line() == 2


def test_confirmed_at_and_waiting_since_are_when_it_happened():
    occasion = OccasionFactory(capacity=1)
    before = timezone.now()
    confirmed = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)
    after = timezone.now() + datetime.timedelta(seconds=1)
    assert before <= confirmed.confirmed_at <= after
    assert before <= waiting.waiting_since <= after
    assert waiting.confirmed_at is None


def test_a_new_registration_is_refused_when_the_kind_of_occasion_is_not_known():
    occasion = OccasionFactory(kind="unknown.kind")
    with pytest.raises(LookupError):
        sign_up(occasion, 1)
    assert not Registration.objects.exists()


def test_a_company_given_to_register_is_linked_and_named():
    company = CompanyFactory(name="Kaffebaren ApS")

    registration = sign_up(OccasionFactory(), 1, company=company)

    assert (registration.company, registration.company_name) == (company, "Kaffebaren ApS")


def test_the_database_itself_refuses_a_second_active_registration_for_one_address():
    occasion = OccasionFactory()
    RegistrationFactory(occasion=occasion, email="mette@example.dk")
    RegistrationFactory(
        occasion=occasion, email="mette@example.dk", status=Registration.Status.CANCELLED
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(occasion=occasion, email="Mette@Example.dk", waiting=True)


def test_an_apps_own_answers_are_stored_with_a_new_registration_only():
    occasion = OccasionFactory(capacity=2)
    stored = []

    first = services.register(
        occasion=occasion,
        contact=ContactData(name="Mette", email="mette@example.dk"),
        submission_key="form-1",
        on_new=stored.append,
    )
    again = services.register(
        occasion=occasion,
        contact=ContactData(name="Mette", email="mette@example.dk"),
        submission_key="form-1",
        on_new=stored.append,
    )
    with pytest.raises(services.AlreadyRegistered):
        services.register(
            occasion=occasion,
            contact=ContactData(name="Mette", email="mette@example.dk"),
            submission_key="form-2",
            on_new=stored.append,
        )

    assert again == first
    assert stored == [first]


def test_a_failing_app_answer_leaves_no_seat_taken_and_no_mail():
    occasion = OccasionFactory(capacity=2)

    def refuse(registration):
        raise ValidationError("Idéen mangler.")

    with pytest.raises(ValidationError):
        services.register(
            occasion=occasion,
            contact=ContactData(name="Mette", email="mette@example.dk"),
            on_new=refuse,
        )

    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()
