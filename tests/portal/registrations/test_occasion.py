"""update_occasion(), cancel_occasion(), copy_occasion(): staff change what people signed up for."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from portal.notifications.models import OutboxMessage
from portal.registrations import calendar, services
from portal.registrations.models import Occasion, Registration
from tests.factories import OccasionFactory
from tests.portal.registrations.helpers import (
    invitation,
    mails_to,
    occasion_starting_in,
    sign_up,
    status_of,
    subjects_to,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]

DAY = datetime.timedelta(days=1)


# update_occasion -----------------------------------------------------------------------------


def test_capacity_below_the_seats_held_is_refused_on_the_capacity_field(caseworker):
    occasion = OccasionFactory(capacity=5)
    sign_up(occasion, 1, seats=2)
    sign_up(occasion, 2, seats=1)

    with pytest.raises(ValidationError) as refused:
        services.update_occasion(occasion=occasion, by=caseworker, capacity=2)

    assert list(refused.value.message_dict) == ["capacity"]
    assert "Der er allerede givet 3 pladser" in refused.value.message_dict["capacity"][0]
    occasion.refresh_from_db()
    assert occasion.capacity == 5


def test_capacity_down_to_the_seats_held_is_allowed(caseworker):
    occasion = OccasionFactory(capacity=5)
    sign_up(occasion, 1, seats=3)

    services.update_occasion(occasion=occasion, by=caseworker, capacity=3)

    occasion.refresh_from_db()
    assert occasion.capacity == 3


def test_raising_the_capacity_promotes_from_the_waiting_list(caseworker):
    occasion = OccasionFactory(capacity=2, title="Morgenkaffe")
    sign_up(occasion, 1, seats=2)
    first = sign_up(occasion, 2, seats=2)
    second = sign_up(occasion, 3)

    services.update_occasion(occasion=occasion, by=caseworker, capacity=4)

    assert (status_of(first), status_of(second)) == ("confirmed", "waiting")
    assert subjects_to(first.email)[-1] == "Du har fået en plads: Morgenkaffe"
    assert occasion.capacity == 4  # the caller's object is updated too


def test_moving_the_time_mails_everyone_active_an_updated_invitation(caseworker):
    occasion = OccasionFactory(capacity=1, title="Temadag")
    confirmed = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)
    gone = sign_up(occasion, 3)
    services.cancel_registration(registration=gone)
    first_invitation = invitation(mails_to(confirmed.email)[0])
    assert first_invitation["SEQUENCE"] == 0
    before = OutboxMessage.objects.count()

    services.update_occasion(
        occasion=occasion,
        by=caseworker,
        starts_at=occasion.starts_at + DAY,
        ends_at=occasion.ends_at + DAY,
    )

    occasion.refresh_from_db()
    assert occasion.sequence == 1
    assert OutboxMessage.objects.count() == before + 2
    changed = mails_to(confirmed.email)[-1]
    assert changed.subject == "Ændret tid eller sted: Temadag"
    assert "Vi har ændret tid eller sted for arrangementet" in changed.body
    updated = invitation(changed)
    assert updated["SEQUENCE"] == 1
    assert str(updated["UID"]) == str(first_invitation["UID"]) == calendar.occasion_uid(occasion)
    assert updated["DTSTART"].dt == occasion.starts_at
    told_waiting = mails_to(waiting.email)[-1]
    assert told_waiting.subject == "Ændret tid eller sted: Temadag"
    assert told_waiting.attachments == []  # no seat, so no calendar entry to update
    assert subjects_to(gone.email)[-1] == "Du er afmeldt: Temadag"


def test_moving_the_place_raises_the_sequence_and_tells_the_registered(caseworker):
    occasion = OccasionFactory()
    registration = sign_up(occasion, 1)

    services.update_occasion(occasion=occasion, by=caseworker, address="Bibliotekets sal")

    message = mails_to(registration.email)[-1]
    assert str(invitation(message)["LOCATION"]) == "Bibliotekets sal"
    assert "Sted: Bibliotekets sal" in message.body
    assert invitation(message)["SEQUENCE"] == 1


def test_changing_only_the_title_mails_nobody(caseworker):
    occasion = OccasionFactory()
    sign_up(occasion, 1)
    before = OutboxMessage.objects.count()

    services.update_occasion(occasion=occasion, by=caseworker, title="Nyt navn")

    occasion.refresh_from_db()
    assert occasion.title == "Nyt navn"
    assert OutboxMessage.objects.count() == before


def test_saving_the_same_time_again_mails_nobody(caseworker):
    occasion = OccasionFactory()
    sign_up(occasion, 1)
    before = OutboxMessage.objects.count()

    services.update_occasion(occasion=occasion, by=caseworker, starts_at=occasion.starts_at)

    occasion.refresh_from_db()
    assert (occasion.sequence, OutboxMessage.objects.count()) == (0, before)


def test_a_deadline_after_the_start_is_refused_and_nothing_is_mailed(caseworker):
    occasion = OccasionFactory()
    sign_up(occasion, 1)
    before = OutboxMessage.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.update_occasion(
            occasion=occasion, by=caseworker, registration_deadline=occasion.starts_at + DAY
        )

    assert "registration_deadline" in refused.value.message_dict
    assert OutboxMessage.objects.count() == before


def test_a_cancelled_occasion_cannot_be_changed(caseworker):
    occasion = OccasionFactory()
    services.cancel_occasion(occasion=occasion, reason="Sygdom", by=caseworker)

    with pytest.raises(ValidationError):
        services.update_occasion(occasion=occasion, by=caseworker, capacity=50)


# cancel_occasion -----------------------------------------------------------------------------


def test_cancelling_the_occasion_tells_everyone_active_and_cancels_their_registrations(caseworker):
    occasion = OccasionFactory(capacity=1, title="Netværksfrokost")
    confirmed = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)
    gone = sign_up(occasion, 3)
    services.cancel_registration(registration=gone)
    before = OutboxMessage.objects.count()

    told = services.cancel_occasion(
        occasion=occasion, reason="Oplægsholderen er syg.", by=caseworker
    )

    assert told == 2
    assert OutboxMessage.objects.count() == before + 2
    for registration in (confirmed, waiting):
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CANCELLED
        assert registration.cancelled_by == Registration.CancelledBy.OCCASION
        message = mails_to(registration.email)[-1]
        assert message.subject == "Aflyst: Netværksfrokost"
        assert "Oplægsholderen er syg." in message.body
    entry = invitation(mails_to(confirmed.email)[-1])
    assert str(entry["STATUS"]) == "CANCELLED"
    assert entry["SEQUENCE"] == 1
    assert mails_to(waiting.email)[-1].attachments == []
    occasion.refresh_from_db()
    assert occasion.is_cancelled and occasion.cancellation_reason == "Oplægsholderen er syg."


def test_cancelling_the_occasion_twice_is_harmless(caseworker):
    occasion = OccasionFactory()
    sign_up(occasion, 1)
    services.cancel_occasion(occasion=occasion, reason="Sygdom", by=caseworker)
    before = OutboxMessage.objects.count()

    assert services.cancel_occasion(occasion=occasion, reason="Igen", by=caseworker) == 0

    occasion.refresh_from_db()
    assert (occasion.cancellation_reason, occasion.sequence) == ("Sygdom", 1)
    assert OutboxMessage.objects.count() == before


def test_cancelling_the_occasion_needs_a_reason(caseworker):
    occasion = OccasionFactory()
    registration = sign_up(occasion, 1)

    with pytest.raises(ValidationError) as refused:
        services.cancel_occasion(occasion=occasion, reason="   ", by=caseworker)

    assert refused.value.message_dict == {
        "cancellation_reason": ["Skriv, hvorfor arrangementet aflyses."]
    }
    occasion.refresh_from_db()
    assert not occasion.is_cancelled
    assert status_of(registration) == "confirmed"


# copy_occasion -------------------------------------------------------------------------------


def test_a_copy_keeps_the_length_and_deadline_offset_and_is_not_published(caseworker):
    occasion = OccasionFactory(
        capacity=12, max_seats_per_registration=2, online_url="https://teams.example/m"
    )
    sign_up(occasion, 1)
    new_start = occasion.starts_at + datetime.timedelta(days=35, hours=4)

    copy = services.copy_occasion(occasion=occasion, starts_at=new_start, by=caseworker)

    copy = Occasion.objects.get(pk=copy.pk)
    assert copy.pk != occasion.pk
    assert copy.starts_at == new_start
    assert copy.ends_at - copy.starts_at == occasion.ends_at - occasion.starts_at
    assert (
        copy.starts_at - copy.registration_deadline
        == occasion.starts_at - occasion.registration_deadline
    )
    assert not copy.published
    assert (copy.title, copy.kind, copy.capacity, copy.max_seats_per_registration) == (
        occasion.title,
        occasion.kind,
        12,
        2,
    )
    assert (copy.address, copy.online_url) == (occasion.address, occasion.online_url)
    assert (copy.sequence, copy.registrations.count()) == (0, 0)


def test_raising_the_capacity_inside_the_stop_window_leaves_the_seats_to_staff(caseworker):
    occasion = occasion_starting_in(10, capacity=1)
    sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    services.update_occasion(occasion=occasion, by=caseworker, capacity=2)

    assert status_of(waiting) == "waiting"
    assert services.promote(occasion=occasion, by=caseworker, force=True) == [waiting]


def test_the_cancellation_mail_to_someone_waiting_mentions_no_attachment(caseworker):
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    services.cancel_occasion(occasion=occasion, reason="Sygdom", by=caseworker)

    message = mails_to(waiting.email)[-1]
    assert message.attachments == []
    assert "vedhæftede" not in message.body


def test_postponing_out_of_the_stop_window_offers_the_free_seats_to_the_waiting_list(caseworker):
    occasion = occasion_starting_in(10, capacity=1)
    holder = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)
    services.cancel_registration(registration=holder)  # inside the window: seat left free
    later = occasion.starts_at + datetime.timedelta(days=7)

    services.update_occasion(
        occasion=occasion, by=caseworker, starts_at=later, ends_at=later + DAY / 8
    )

    assert status_of(waiting) == "confirmed"


def test_a_copy_of_a_cancelled_occasion_is_not_cancelled(caseworker):
    occasion = OccasionFactory()
    services.cancel_occasion(occasion=occasion, reason="Sygdom", by=caseworker)

    copy = services.copy_occasion(
        occasion=occasion, starts_at=occasion.starts_at + 7 * DAY, by=caseworker
    )

    copy.refresh_from_db()
    assert (copy.is_cancelled, copy.cancellation_reason, copy.sequence) == (False, "", 0)
