"""Staff's other actions on registrations: attendance and a message to everyone registered."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from portal.notifications.models import OutboxMessage
from portal.registrations import services
from portal.registrations.models import OccasionMessage, Registration
from portal.registry.dialogue import last_contact_providers
from portal.registry.models import Company
from tests.factories import CompanyFactory, OccasionFactory, RegistrationFactory
from tests.portal.registrations.helpers import hours_from_now, sign_up, status_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]


def _today():
    return OccasionFactory(
        starts_at=hours_from_now(-2),
        ends_at=hours_from_now(1),
        registration_deadline=hours_from_now(-30),
    )


def test_attendance_is_marked_on_the_day_and_keeps_the_seats(caseworker):
    occasion = _today()
    came = RegistrationFactory(occasion=occasion, seats=2)
    stayed_away = RegistrationFactory(occasion=occasion)
    waiting = RegistrationFactory(occasion=occasion, waiting=True)

    assert services.mark_attendance(registrations=[came], attended=True, by=caseworker) == 1
    assert (
        services.mark_attendance(
            registrations=[stayed_away, waiting], attended=False, by=caseworker
        )
        == 1
    )

    assert (status_of(came), status_of(stayed_away), status_of(waiting)) == (
        "attended",
        "no_show",
        "waiting",
    )
    assert occasion.seats_taken_now() == 3
    assert came.history.first().history_user == caseworker


def test_marking_the_same_attendance_twice_counts_once(caseworker):
    registration = RegistrationFactory(occasion=_today())
    services.mark_attendance(registrations=[registration], attended=True, by=caseworker)
    assert services.mark_attendance(registrations=[registration], attended=True, by=caseworker) == 0


def test_attendance_cannot_be_marked_before_the_day(caseworker):
    registration = RegistrationFactory(occasion=OccasionFactory())

    with pytest.raises(ValidationError):
        services.mark_attendance(registrations=[registration], attended=True, by=caseworker)

    assert status_of(registration) == "confirmed"


def test_a_message_to_everyone_is_queued_per_person_and_kept_on_the_occasion(caseworker):
    occasion = OccasionFactory(capacity=1)
    holder = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    message = services.message_registered(
        occasion=occasion,
        subject=" Parkering ",
        body="Brug P-huset ved Rådhuset.",
        by=caseworker,
        include_waiting=True,
    )

    stored = OccasionMessage.objects.get()
    assert stored == message
    assert (stored.subject, stored.recipients, stored.sent_by) == ("Parkering", 2, caseworker)
    sent = OutboxMessage.objects.filter(subject="Parkering")
    assert sorted(sent.values_list("to", flat=True)) == sorted([holder.email, waiting.email])
    assert all("Brug P-huset ved Rådhuset." in m.body for m in sent)


@pytest.mark.parametrize(
    ("subject", "body", "field"), [("", "Tekst", "subject"), ("Emne", "  ", "body")]
)
def test_a_message_needs_a_subject_and_a_text(caseworker, subject, body, field):
    occasion = OccasionFactory()
    sign_up(occasion, 1)
    before = OutboxMessage.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.message_registered(occasion=occasion, subject=subject, body=body, by=caseworker)

    assert field in refused.value.message_dict
    assert OutboxMessage.objects.count() == before
    assert not OccasionMessage.objects.exists()


def test_a_message_to_nobody_is_refused(caseworker):
    occasion = OccasionFactory()
    RegistrationFactory(occasion=occasion, status=Registration.Status.CANCELLED)

    with pytest.raises(ValidationError) as refused:
        services.message_registered(occasion=occasion, subject="Hej", body="Tekst", by=caseworker)

    assert "ingen tilmeldte" in refused.value.messages[0]


def test_creating_an_occasion_needs_a_place_and_a_known_kind(caseworker):
    starts_at = hours_from_now(24 * 30)
    times = {
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=2),
        "registration_deadline": starts_at - datetime.timedelta(days=2),
    }

    with pytest.raises(ValidationError) as refused:
        services.create_occasion(kind="tests.occasion", title="Uden sted", capacity=5, **times)
    assert "address" in refused.value.message_dict
    with pytest.raises(LookupError):
        services.create_occasion(
            kind="ukendt", title="Ukendt", capacity=5, address="Rådhuset", **times
        )

    created = services.create_occasion(
        kind="tests.occasion",
        title="Med sted",
        capacity=5,
        address="Rådhuset",
        by=caseworker,
        **times,
    )
    assert (created.published, created.sequence, created.max_seats_per_registration) == (
        False,
        0,
        4,
    )


def test_attending_counts_as_the_companys_latest_contact():
    company = CompanyFactory()
    other = CompanyFactory()
    early = OccasionFactory(
        starts_at=hours_from_now(-24 * 60),
        ends_at=hours_from_now(-24 * 60 + 3),
        registration_deadline=hours_from_now(-24 * 70),
    )
    late = OccasionFactory(
        starts_at=hours_from_now(-24 * 10),
        ends_at=hours_from_now(-24 * 10 + 3),
        registration_deadline=hours_from_now(-24 * 20),
    )
    for occasion in (early, late):
        RegistrationFactory(occasion=occasion, company=company, status="attended")
    RegistrationFactory(occasion=late, company=other, status="no_show")
    provider = last_contact_providers.get("attendance")

    rows = list(provider.last_contacts(Company.objects.all()))

    assert rows == [{"company_id": company.pk, "last": late.starts_at}]
    assert str(provider.label) == "Deltog i et arrangement"
