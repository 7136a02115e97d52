"""Registrations in retention and in the data-subject report (portal.privacy)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.privacy import services as privacy
from portal.privacy.models import PrivacyLogEntry
from portal.privacy.policy import Period, retention_rules
from portal.privacy.registrations import ANONYMISED, ANONYMISED_EMAIL
from portal.privacy.registry import Subject
from portal.registrations.models import Registration
from tests.factories import CompanyFactory, OccasionFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]

RETENTION = reverse("admin:privacy_retention")


def ended(days_ago: int, **kwargs):
    ends_at = timezone.now() - datetime.timedelta(days=days_ago)
    return OccasionFactory(
        starts_at=ends_at - datetime.timedelta(hours=3),
        ends_at=ends_at,
        registration_deadline=ends_at - datetime.timedelta(days=7),
        **kwargs,
    )


def registration_for(occasion, **kwargs) -> Registration:
    registration = RegistrationFactory(
        occasion=occasion,
        name=kwargs.pop("name", "Mette Hansen"),
        email=kwargs.pop("email", "mette@example.dk"),
        phone="12 34 56 78",
        needs="Glutenfri, kørestol",
        listed=True,
        seats=2,
        company_name="Mettes Café ApS",
        **kwargs,
    )
    # A later change, so the history table holds more than one copy of the person.
    registration.status = kwargs.get("status", Registration.Status.ATTENDED)
    registration.save()
    return registration


def test_the_rule_is_one_year_after_the_occasion_ended_with_its_legal_basis():
    rules = {rule.kind: rule for rule in retention_rules()}

    rule = rules["ended_registrations"]
    assert rule.keep_for == Period(years=1)
    assert rule.action == "anonymise"
    assert "art. 5" in str(rule.legal_basis)
    assert "fremmøde bevares" in str(rule.legal_basis)


def test_registrations_of_an_occasion_that_ended_over_a_year_ago_are_anonymised():
    company = CompanyFactory()
    old = registration_for(ended(400), company=company)
    token = old.token

    run = privacy.apply_retention()

    assert run.counts["ended_registrations"] == 1
    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.needs, old.listed) == (
        ANONYMISED,
        ANONYMISED_EMAIL,
        "",
        "",
        False,
    )
    # What statistics need stays: the occasion, the company, the seats and who came.
    assert (old.status, old.seats, old.company, old.company_name) == (
        Registration.Status.ATTENDED,
        2,
        company,
        "Mettes Café ApS",
    )
    assert old.anonymised_at is not None
    assert old.token != token
    history = Registration.history.filter(id=old.pk)
    assert history.count() >= 2
    assert set(history.values_list("name", "email", "phone", "needs")) == {
        (ANONYMISED, ANONYMISED_EMAIL, "", "")
    }


def test_newer_registrations_are_untouched():
    recent = registration_for(ended(100), email="ny@example.dk")
    coming = registration_for(OccasionFactory(), email="snart@example.dk")

    run = privacy.apply_retention()

    assert run.counts["ended_registrations"] == 0
    for registration in (recent, coming):
        registration.refresh_from_db()
        assert registration.name == "Mette Hansen" and registration.anonymised_at is None
    assert not Registration.history.filter(name=ANONYMISED).exists()


def test_running_retention_twice_is_harmless():
    old = registration_for(ended(400))
    privacy.apply_retention()
    old.refresh_from_db()
    after_first = (old.token, old.anonymised_at)

    second = privacy.apply_retention()

    assert second.counts["ended_registrations"] == 0
    old.refresh_from_db()
    assert (old.token, old.anonymised_at) == after_first


def test_two_anonymised_registrations_of_one_occasion_do_not_collide():
    occasion = ended(400)
    registration_for(occasion, email="a@example.dk")
    registration_for(occasion, email="b@example.dk")

    assert privacy.apply_retention().counts["ended_registrations"] == 2
    assert set(occasion.registrations.values_list("email", flat=True)) == {ANONYMISED_EMAIL}


def test_the_period_can_be_changed_in_the_settings(settings):
    settings.PRIVACY_RETENTION = {"ended_registrations": {"months": 6}}
    half_a_year = registration_for(ended(200))

    privacy.apply_retention()

    half_a_year.refresh_from_db()
    assert half_a_year.anonymised_at is not None


def test_the_dry_run_shows_the_rule_and_what_is_due_and_writes_nothing(manager):
    old = registration_for(ended(400))
    registration_for(ended(100), email="ny@example.dk")

    plan = privacy.dry_run_retention(by=manager)

    planned = {p.rule.kind: p for p in plan.rules}["ended_registrations"]
    assert planned.count == 1
    assert planned.preview == [old]
    old.refresh_from_db()
    assert old.anonymised_at is None and old.name == "Mette Hansen"
    assert PrivacyLogEntry.objects.get().counts["ended_registrations"] == 1


def test_the_managers_dry_run_page_shows_the_rule_and_the_due_registration(manager_client):
    registration_for(ended(400), name="Gammel Deltager")
    registration_for(ended(100), name="Ny Deltager", email="ny@example.dk")

    response = manager_client.get(RETENTION)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tilmeldinger til afholdte arrangementer" in page
    assert "efter arrangementets afslutning" in page
    assert "Gammel Deltager" in page and "Ny Deltager" not in page


def test_the_dry_run_page_costs_the_same_queries_for_5_and_50_due_registrations(manager_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert manager_client.get(RETENTION).status_code == 200
        return len(captured)

    queries()  # the first page fills the caches (content types, permissions)
    for n in range(5):
        registration_for(ended(400), email=f"a{n}@example.dk")
    five = queries()
    for n in range(45):
        registration_for(ended(400), email=f"b{n}@example.dk")

    assert queries() == five


def test_the_subject_report_holds_the_persons_registrations(manager):
    occasion = ended(30, title="Netværksmøde om partnerskaber")
    registration_for(occasion, email="Mette@Example.dk")
    registration_for(occasion, name="Ole Olsen", email="ole@example.dk")

    report = privacy.make_subject_report(
        subject=Subject(email="mette@example.dk"), by=manager, output="json"
    )

    [row] = report.as_dict()["Tilmeldinger til arrangementer"]
    assert row["Arrangement"] == "Netværksmøde om partnerskaber"
    assert (row["Navn"], row["E-mail"], row["Telefon"]) == (
        "Mette Hansen",
        "Mette@Example.dk",
        "12 34 56 78",
    )
    assert (row["Antal deltagere"], row["Særlige behov"], row["Status"]) == (
        2,
        "Glutenfri, kørestol",
        "Deltog",
    )
    assert "Ole Olsen" not in report.to_json()
    assert report.counts["registrations"] == 1


def test_the_subject_report_for_a_cvr_holds_the_companys_registrations(manager):
    company = CompanyFactory()
    registration_for(OccasionFactory(), company=company)
    registration_for(OccasionFactory(), name="Ole Olsen", email="ole@example.dk")

    report = privacy.make_subject_report(
        subject=Subject(cvr=company.cvr), by=manager, output="json"
    )

    assert [row["Navn"] for row in report.as_dict()["Tilmeldinger til arrangementer"]] == [
        "Mette Hansen"
    ]
