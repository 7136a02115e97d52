"""cancel_registration() and promote(): freed seats go to the first waiting party that fits."""

import pytest
from django.core.exceptions import ValidationError

from portal.notifications.models import OutboxMessage
from portal.registrations import services
from portal.registrations.models import Registration
from tests.factories import OccasionFactory, RegistrationFactory
from tests.portal.registrations.helpers import (
    hours_from_now,
    invitation,
    mails_to,
    occasion_starting_in,
    sign_up,
    status_of,
    subjects_to,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]


def test_cancelling_promotes_the_first_waiting_party_that_fits_and_mails_them():
    occasion = OccasionFactory(capacity=3, title="Partnerskaber")
    holder = sign_up(occasion, "holder", seats=2)
    sign_up(occasion, "stays", seats=1)
    too_big = sign_up(occasion, "too-big", seats=3)
    fits = sign_up(occasion, "fits", seats=2)
    behind = sign_up(occasion, "behind", seats=1)

    cancelled = services.cancel_registration(registration=holder)

    assert cancelled.status == Registration.Status.CANCELLED
    assert cancelled.cancelled_by == Registration.CancelledBy.PERSON
    assert status_of(holder) == "cancelled"
    assert status_of(too_big) == "waiting"  # three seats do not fit in two
    assert status_of(fits) == "confirmed"
    assert status_of(behind) == "waiting"  # the two freed seats are gone
    assert occasion.seats_taken_now() == 3
    fits.refresh_from_db()
    assert fits.promoted_at is not None and fits.confirmed_at == fits.promoted_at
    assert (too_big.place_in_line(), status_of(behind)) == (1, "waiting")
    promoted_mail = mails_to(fits.email)[-1]
    assert promoted_mail.subject == "Du har fået en plads: Partnerskaber"
    assert "rykket op fra ventelisten" in promoted_mail.body
    assert str(invitation(promoted_mail)["SUMMARY"]) == "Partnerskaber"
    assert subjects_to(holder.email)[-1] == "Du er afmeldt: Partnerskaber"
    assert "Du har afmeldt dig arrangementet" in mails_to(holder.email)[-1].body
    assert len(mails_to(behind.email)) == 1  # only the waiting-list e-mail


def test_one_cancellation_can_promote_several_small_parties():
    occasion = OccasionFactory(capacity=3)
    holder = sign_up(occasion, 1, seats=3)
    first = sign_up(occasion, 2, seats=1)
    second = sign_up(occasion, 3, seats=2)
    third = sign_up(occasion, 4, seats=1)

    services.cancel_registration(registration=holder)

    assert [status_of(r) for r in (first, second, third)] == ["confirmed", "confirmed", "waiting"]


def test_cancelling_twice_is_harmless():
    occasion = OccasionFactory(capacity=1)
    holder = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)
    services.cancel_registration(registration=holder)
    mails = OutboxMessage.objects.count()

    again = services.cancel_registration(registration=holder)

    assert again.status == Registration.Status.CANCELLED
    assert OutboxMessage.objects.count() == mails
    assert status_of(waiting) == "confirmed"
    assert occasion.seats_taken_now() == 1


def test_a_waiting_person_who_cancelled_is_never_promoted():
    occasion = OccasionFactory(capacity=1)
    holder = sign_up(occasion, 1)
    changed_mind = sign_up(occasion, 2)
    next_in_line = sign_up(occasion, 3)
    services.cancel_registration(registration=changed_mind)
    assert next_in_line.place_in_line() == 1

    # The object from before the cancellation still says "waiting": the service reads again.
    services.cancel_registration(registration=holder)

    assert status_of(changed_mind) == "cancelled"
    assert status_of(next_in_line) == "confirmed"
    assert "Du har fået en plads" not in " ".join(subjects_to(changed_mind.email))


def test_cancelling_a_place_on_the_waiting_list_promotes_nobody():
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)
    behind = sign_up(occasion, 3)

    services.cancel_registration(registration=waiting)

    assert status_of(behind) == "waiting"
    assert behind.place_in_line() == 1


def test_no_promotion_inside_the_stop_window_but_staff_may_force_it(settings, caseworker):
    settings.REGISTRATIONS_PROMOTION_STOP_HOURS = 48
    occasion = occasion_starting_in(30, capacity=1)
    holder = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)
    assert services.promotion_stops_at(occasion) < hours_from_now(0)

    services.cancel_registration(registration=holder)

    assert status_of(waiting) == "waiting"
    assert services.promote(occasion=occasion) == []
    assert status_of(waiting) == "waiting"

    promoted = services.promote(occasion=occasion, by=caseworker, force=True)

    assert promoted == [waiting]
    assert status_of(waiting) == "confirmed"
    assert subjects_to(waiting.email)[-1].startswith("Du har fået en plads")


def test_outside_the_stop_window_a_cancellation_promotes(settings):
    settings.REGISTRATIONS_PROMOTION_STOP_HOURS = 24
    occasion = occasion_starting_in(30, capacity=1)
    holder = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    services.cancel_registration(registration=holder)

    assert status_of(waiting) == "confirmed"


def test_staff_cancelling_says_so_in_the_email(caseworker):
    occasion = OccasionFactory(title="Frokostmøde")
    registration = sign_up(occasion, 1)

    cancelled = services.cancel_registration(registration=registration, by=caseworker)

    assert cancelled.cancelled_by == Registration.CancelledBy.STAFF
    message = mails_to(registration.email)[-1]
    assert message.subject == "Du er afmeldt: Frokostmøde"
    assert "Vi har afmeldt dig arrangementet. Er det en fejl, så kontakt os." in message.body
    assert registration.history.first().history_user == caseworker


def test_the_person_cannot_cancel_once_it_has_begun_but_staff_can(caseworker):
    occasion = OccasionFactory(
        starts_at=hours_from_now(-1),
        ends_at=hours_from_now(2),
        registration_deadline=hours_from_now(-5),
    )
    registration = RegistrationFactory(occasion=occasion)

    with pytest.raises(ValidationError) as refused:
        services.cancel_registration(registration=registration)

    assert "begyndt" in refused.value.messages[0]
    assert status_of(registration) == "confirmed"
    services.cancel_registration(registration=registration, by=caseworker)
    assert status_of(registration) == "cancelled"


def test_attendance_marked_cannot_be_cancelled():
    registration = RegistrationFactory(status=Registration.Status.ATTENDED)

    with pytest.raises(ValidationError):
        services.cancel_registration(registration=registration)

    assert status_of(registration) == "attended"


def test_promote_gives_nothing_when_no_seat_is_free():
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    assert services.promote(occasion=occasion, force=True) == []
    assert status_of(waiting) == "waiting"
