"""What the public and staff read: seats left in words, the participants lists, the dates."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from portal.registrations import selectors, services
from portal.registrations.models import Occasion, Registration
from tests.factories import OccasionFactory, RegistrationFactory
from tests.portal.registrations.helpers import hours_from_now, sign_up

CPH = ZoneInfo("Europe/Copenhagen")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]


def _state(occasion: Occasion) -> tuple[str, int, str]:
    availability = selectors.availability(occasion)
    return availability.state, availability.seats_left, availability.label


def test_seats_left_are_said_exactly_in_danish():
    occasion = OccasionFactory(capacity=10)
    assert _state(occasion) == ("open", 10, "10 ledige pladser")
    sign_up(occasion, 1, seats=4)
    sign_up(occasion, 2, seats=3)
    assert _state(occasion) == ("few", 3, "3 ledige pladser")
    sign_up(occasion, 3, seats=2)
    assert _state(occasion) == ("few", 1, "1 ledig plads")
    sign_up(occasion, 4, seats=1)
    assert _state(occasion) == ("full", 0, "Fuldt – skriv dig på ventelisten")
    assert selectors.availability(occasion).can_register


def test_closed_cancelled_and_past_are_said_so():
    assert _state(OccasionFactory(registration_deadline=hours_from_now(-1)))[::2] == (
        "closed",
        "Tilmelding lukket",
    )
    assert _state(OccasionFactory(published=False))[0] == "closed"
    assert _state(OccasionFactory(cancelled_at=timezone.now()))[::2] == ("cancelled", "Aflyst")
    past = OccasionFactory(
        starts_at=hours_from_now(-30),
        ends_at=hours_from_now(-27),
        registration_deadline=hours_from_now(-40),
    )
    assert _state(past)[0] == "past"
    assert not selectors.availability(past).can_register


def test_attended_and_no_show_hold_their_seats_and_waiting_does_not():
    occasion = OccasionFactory(capacity=5)
    RegistrationFactory(occasion=occasion, seats=2, status=Registration.Status.ATTENDED)
    RegistrationFactory(occasion=occasion, seats=1, status=Registration.Status.NO_SHOW)
    RegistrationFactory(occasion=occasion, seats=2, waiting=True)
    RegistrationFactory(occasion=occasion, seats=2, status=Registration.Status.CANCELLED)

    assert occasion.seats_taken_now() == 3
    counted = Occasion.objects.with_seat_counts().get(pk=occasion.pk)
    assert (counted.seats_taken, counted.seats_waiting) == (3, 2)


def test_a_list_of_occasions_counts_seats_in_one_query(django_assert_num_queries):
    for n in range(5):
        occasion = OccasionFactory(capacity=4)
        RegistrationFactory.create_batch(n % 3 + 1, occasion=occasion)

    with django_assert_num_queries(1):
        states = [
            selectors.availability(o).seats_left
            # By pk: the five start at the same moment, so their own order is a tie.
            for o in Occasion.objects.published().coming().with_seat_counts().order_by("pk")
        ]

    assert states == [3, 2, 1, 3, 2]


def test_the_shared_participants_list_holds_only_those_who_agreed():
    occasion = OccasionFactory(capacity=3)
    RegistrationFactory(occasion=occasion, name="Åse", listed=True)
    RegistrationFactory(occasion=occasion, name="Bent", listed=False)
    RegistrationFactory(occasion=occasion, name="Anna", listed=True)
    RegistrationFactory(occasion=occasion, name="Carl", listed=True, waiting=True)
    RegistrationFactory(
        occasion=occasion, name="Dora", listed=True, status=Registration.Status.CANCELLED
    )

    door = [r.name for r in selectors.participants(occasion)]
    shared = [r.name for r in selectors.participants(occasion, listed_only=True)]

    assert sorted(door) == ["Anna", "Bent", "Åse"]
    assert sorted(shared) == ["Anna", "Åse"]


def test_the_waiting_list_is_in_order_of_arrival():
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    second = sign_up(occasion, 2)
    third = sign_up(occasion, 3)
    assert list(selectors.waiting_list(occasion)) == [second, third]


def _render(template: str, **context) -> str:
    return Template("{% load seats %}" + template).render(Context(context))


def test_when_an_occasion_is_reads_the_same_everywhere_in_the_visitors_language():
    starts_at = datetime.datetime(2027, 1, 12, 9, 0, tzinfo=CPH)
    occasion = OccasionFactory.build(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=3)
    )
    deadline = datetime.datetime(2027, 1, 5, 12, 0, tzinfo=CPH)

    assert _render("{{ o|occasion_when }}", o=occasion) == "tirsdag 12. januar 2027 kl. 9.00–12.00"
    assert _render("{{ d|moment }}", d=deadline) == "5. januar 2027 kl. 12.00"
    with translation.override("en"):
        assert "Tuesday" in _render("{{ o|occasion_when }}", o=occasion)


def test_an_occasion_over_two_days_gives_both_dates():
    starts_at = datetime.datetime(2027, 1, 12, 9, 0, tzinfo=CPH)
    occasion = OccasionFactory.build(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(days=1, hours=6)
    )

    assert _render("{{ o|occasion_when }}", o=occasion) == (
        "tirsdag 12. januar 2027 kl. 9.00 til onsdag 13. januar 2027 kl. 15.00"
    )


def test_promotion_stops_the_configured_hours_before_the_start(settings):
    occasion = OccasionFactory()
    settings.REGISTRATIONS_PROMOTION_STOP_HOURS = 6
    assert services.promotion_stops_at(occasion) == occasion.starts_at - datetime.timedelta(hours=6)
