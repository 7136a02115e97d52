"""Races only PostgreSQL can prove: many app servers taking the last seats at the same moment.

Each thread has its own database connection, as each app-server process has. The occasion's
row lock orders them; the order they got it in is the order of their primary keys (assigned by
the INSERT, under the lock), which is the arrival order the waiting list must keep.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from portal.notifications.models import OutboxMessage
from portal.registrations import services
from portal.registrations.forms import RegistrationForm
from portal.registrations.intake import take_registration
from portal.registrations.models import Occasion, Registration
from tests.concurrency import at_once
from tests.factories import OccasionFactory, RegistrationFactory
from tests.portal.registrations.helpers import occasion_starting_in, sign_up

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("occasion_kind"),
]


def _fresh(occasion: Occasion) -> Occasion:
    """The occasion read on this thread's own connection."""
    return Occasion.objects.get(pk=occasion.pk)


def _first_fit(registrations: list[Registration], capacity: int) -> list[str]:
    """The statuses arrivals in this order must get: a seat while their party fits."""
    left, expected = capacity, []
    for registration in registrations:
        if registration.seats <= left:
            left -= registration.seats
            expected.append(Registration.Status.CONFIRMED)
        else:
            expected.append(Registration.Status.WAITING)
    return expected


def _seats_held(occasion: Occasion) -> int:
    return _fresh(occasion).seats_taken_now()


def test_24_registrations_at_once_for_3_seats_fill_exactly_the_capacity_in_arrival_order():
    occasion = OccasionFactory(capacity=3, max_seats_per_registration=2)
    seats = {n: 2 if n % 3 == 0 else 1 for n in range(24)}  # 8 parties of two, 16 of one

    at_once(lambda n: sign_up(_fresh(occasion), n, seats=seats[n]), times=24)

    arrivals = list(occasion.registrations.order_by("pk"))
    assert len(arrivals) == 24
    assert arrivals == sorted(arrivals, key=lambda r: r.created_at)
    assert [r.status for r in arrivals] == _first_fit(arrivals, capacity=3)
    assert _seats_held(occasion) == 3  # never more, and as full as the arrivals allow
    waiting = [r for r in arrivals if r.status == Registration.Status.WAITING]
    assert list(occasion.registrations.in_line()) == waiting  # waiting_since keeps arrivals
    assert [r.place_in_line() for r in waiting] == list(range(1, len(waiting) + 1))
    # Everyone had exactly one e-mail, and it said what they got.
    for registration in arrivals:
        [message] = OutboxMessage.objects.filter(to=registration.email)
        expected = "Du er tilmeldt" if registration.holds_seats else "Du er på ventelisten"
        assert message.subject.startswith(expected)


def test_cancellations_racing_promotions_and_new_registrations_never_overfill():
    occasion = OccasionFactory(capacity=3, max_seats_per_registration=2)
    holders = [sign_up(occasion, f"holder{n}") for n in range(3)]
    for n, party in enumerate([2, 1, 2, 1, 1, 2]):
        sign_up(occasion, f"waiting{n}", seats=party)
    newcomer_seats = [1, 2, 1, 1, 2, 1, 2, 1, 1]

    def work(n: int):
        if n < len(holders):
            return services.cancel_registration(
                registration=Registration.objects.get(pk=holders[n].pk)
            )
        return sign_up(_fresh(occasion), f"new{n}", seats=newcomer_seats[n - len(holders)])

    at_once(work, times=len(holders) + len(newcomer_seats))

    held = _seats_held(occasion)
    assert held <= 3
    free = 3 - held
    waiting = list(occasion.registrations.in_line())
    # Outside the stop window, no party that fits is left waiting while seats are free.
    assert all(r.seats > free for r in waiting), (free, [r.seats for r in waiting])
    assert held == 3  # with parties of one waiting, the seats are all given
    assert all(
        Registration.objects.get(pk=h.pk).status == Registration.Status.CANCELLED for h in holders
    )
    promoted = occasion.registrations.filter(promoted_at__isnull=False)
    assert promoted.exists()
    for registration in promoted:
        assert (
            OutboxMessage.objects.filter(
                to=registration.email, subject__startswith="Du har fået en plads"
            ).count()
            == 1
        )


def test_cancellations_racing_inside_the_stop_window_promote_nobody():
    occasion = occasion_starting_in(10, capacity=2)
    holders = [sign_up(occasion, f"holder{n}") for n in range(2)]
    waiting = sign_up(occasion, "waiting")

    at_once(
        lambda n: services.cancel_registration(
            registration=Registration.objects.get(pk=holders[n].pk)
        ),
        times=2,
    )

    assert _seats_held(occasion) == 0
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.WAITING


def test_the_same_email_posted_ten_times_at_once_gives_one_active_registration():
    occasion = OccasionFactory(capacity=5)

    def post(n: int) -> str:
        try:
            sign_up(_fresh(occasion), "mette")
        except services.AlreadyRegistered:
            return "already"
        return "new"

    outcomes = at_once(post, times=10)

    assert sorted(outcomes) == ["already"] * 9 + ["new"]
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    subjects = sorted(OutboxMessage.objects.values_list("subject", flat=True))
    assert subjects.count(f"Du er tilmeldt: {occasion.title}") == 1
    assert subjects.count(f"Din tilmelding: {occasion.title}") == 9


def test_the_same_form_posted_ten_times_at_once_gives_one_registration_and_one_email():
    occasion = OccasionFactory(capacity=5)

    pks = at_once(
        lambda n: sign_up(_fresh(occasion), "mette", submission_key="formular-1").pk, times=10
    )

    assert len(set(pks)) == 1
    assert Registration.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_the_same_registration_cancelled_twice_at_once_is_cancelled_once():
    occasion = OccasionFactory(capacity=1)
    holder = sign_up(occasion, "holder")
    waiting = sign_up(occasion, "waiting")

    at_once(
        lambda n: services.cancel_registration(registration=Registration.objects.get(pk=holder.pk)),
        times=2,
    )

    assert (
        OutboxMessage.objects.filter(to=holder.email, subject__startswith="Du er afmeldt").count()
        == 1
    )
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.CONFIRMED
    assert _seats_held(occasion) == 1


def test_two_workers_sending_reminders_at_once_queue_one_each():
    occasion = occasion_starting_in(20)
    for n in range(5):
        RegistrationFactory(
            occasion=occasion,
            email=f"kommer{n}@example.dk",
            confirmed_at=timezone.now() - datetime.timedelta(days=3),
        )

    queued = at_once(lambda n: services.send_reminders(), times=2)

    assert sum(queued) == 5
    reminders = OutboxMessage.objects.filter(subject__startswith="Påmindelse")
    assert sorted(reminders.values_list("to", flat=True)) == [
        f"kommer{n}@example.dk" for n in range(5)
    ]


def test_registrations_racing_the_occasions_cancellation_leave_nobody_registered():
    occasion = OccasionFactory(capacity=20)

    def work(n: int) -> str:
        if n == 0:
            services.cancel_occasion(occasion=_fresh(occasion), reason="Sygdom", by=None)
            return "cancelled"
        try:
            sign_up(_fresh(occasion), n)
        except ValidationError:
            return "refused"
        return "registered"

    outcomes = at_once(work, times=11)

    assert "cancelled" in outcomes
    assert not occasion.registrations.active().exists()
    # Whoever got in before the cancellation was told it is off.
    for registration in occasion.registrations.all():
        assert (
            OutboxMessage.objects.filter(
                to=registration.email, subject__startswith="Aflyst"
            ).count()
            == 1
        )


def test_lowering_the_capacity_while_people_register_never_leaves_more_seats_than_capacity():
    occasion = OccasionFactory(capacity=6, max_seats_per_registration=2)

    def work(n: int) -> str:
        if n == 0:
            try:
                services.update_occasion(occasion=_fresh(occasion), by=None, capacity=3)
            except ValidationError:
                return "refused"
            return "lowered"
        sign_up(_fresh(occasion), n, seats=1 + n % 2)
        return "registered"

    at_once(work, times=9)

    occasion.refresh_from_db()
    assert occasion.capacity in (3, 6)
    assert _seats_held(occasion) <= occasion.capacity


def test_one_form_posted_ten_times_at_once_through_the_form_steps_gives_one_registration(
    settings,
):
    settings.REGISTRATION_RATE_LIMIT = 2
    occasion = OccasionFactory(capacity=5)
    data = {
        "name": "Mette Hansen",
        "email": "mette@example.dk",
        "seats": "1",
        "form_token": RegistrationForm.new_form_token(),
    }

    def post(n: int):
        request = RequestFactory().post("/", data)
        submission = take_registration(
            request, RegistrationForm(request.POST, occasion=_fresh(occasion))
        )
        return (submission.status, submission.check_email, submission.registration.pk)

    answers = at_once(post, times=10)

    registration = Registration.objects.get()
    assert answers == [(200, False, registration.pk)] * 10
    assert OutboxMessage.objects.count() == 1
