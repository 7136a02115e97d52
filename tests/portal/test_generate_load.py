from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from stdnum.dk import cvr

from entrepreneurs.load import GENERATOR as ENTREPRENEURS
from entrepreneurs.models import CourseEnrolment, Decision, GrantApplication
from guidance.load import GENERATOR as GUIDANCE
from guidance.models import Enquiry, Outreach
from network.load import GENERATOR as NETWORK
from network.models import FollowUp, Meeting
from partnerships.load import GENERATOR as PARTNERSHIPS
from partnerships.models import Listing, Partnership, PartnershipStatusChange
from portal.cases import services
from portal.cases.models import Case
from portal.dashboard.models import Tally
from portal.loadgen import load_generators
from portal.registrations.models import Registration
from portal.registry.models import Company
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

SMALL = {
    "cases": 60,
    "companies": 12,
    "outreach": 5,
    "partnerships": 6,
    "listings": 10,
    "meetings": 4,
    "followups": 7,
    "sessions": 3,
    "enrolments": 12,
    "grants": 8,
}


@pytest.fixture
def generators():
    with load_generators.only(GUIDANCE, PARTNERSHIPS, NETWORK, ENTREPRENEURS):
        yield


def test_load_data_is_valid_and_the_portal_keeps_numbering_after_it(settings):
    settings.DEBUG = True
    with load_generators.only():
        call_command("generate_load", cases=60, companies=12)

    assert Case.objects.count() == 60
    assert Company.objects.count() == 12
    assert all(cvr.is_valid(number) for number in Company.objects.values_list("cvr", flat=True))

    case = services.open_case(kind=Case.Kind.ADVICE, contact=ContactFactory(), subject="Ny sag")
    assert Case.objects.filter(reference=case.reference).count() == 1


def test_load_data_is_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("generate_load", cases=1, companies=1)
    assert not Case.objects.exists()


def test_every_app_gets_rows_in_the_numbers_asked_for(settings, generators):
    settings.DEBUG = True
    call_command("generate_load", **SMALL)

    # 60 advice cases from the command itself, 8 grant cases from the entrepreneurs' generator.
    assert Case.objects.filter(kind=Case.Kind.ADVICE).count() == 60
    assert Case.objects.filter(kind=Case.Kind.GRANT).count() == 8
    assert Enquiry.objects.count() == 60
    assert Outreach.objects.count() == 5
    assert Partnership.objects.count() == 6
    assert Listing.objects.count() == 10
    assert Meeting.objects.count() == 4
    assert FollowUp.objects.count() == 7
    # 12 enrolments over 3 sessions of 20 seats: 4 each, all fit.
    assert CourseEnrolment.objects.count() == 12
    assert GrantApplication.objects.count() == 8
    assert Registration.objects.filter(occasion__meeting__isnull=False).exists()
    assert Tally.objects.filter(name="guidance.article_view").exists()
    assert Tally.objects.filter(name="guidance.self_check").exists()
    # Every partnership's path starts when it was made.
    assert PartnershipStatusChange.objects.count() >= 6


def test_the_history_lies_in_the_last_three_years_and_not_in_the_future(settings, generators):
    settings.DEBUG = True
    before = timezone.now()
    call_command("generate_load", **SMALL)
    after = timezone.now()
    three_years_ago = before - timedelta(days=3 * 365 + 1)

    for model, field in [
        (Case, "created_at"),
        (Company, "created_at"),
        (Partnership, "created_at"),
        (Listing, "created_at"),
        (Registration, "created_at"),
        (GrantApplication, "created_at"),
    ]:
        moments = list(model.objects.values_list(field, flat=True))
        assert all(three_years_ago <= moment <= after for moment in moments), model
    # auto_now_add kept the generated dates, not today's: they spread over more than a year.
    created = sorted(Partnership.objects.values_list("created_at", flat=True))
    assert created[-1] - created[0] > timedelta(days=100)
    # ... and is back on afterwards: a partnership made now is made now.
    fresh = Partnership.objects.create(title="Nyt", purpose="Et formål")
    assert fresh.created_at >= after


def test_answered_cases_carry_their_first_answer_as_the_service_records_it(settings, generators):
    settings.DEBUG = True
    call_command("generate_load", **SMALL)

    closed = Case.objects.filter(status=Case.Status.CLOSED)
    answered = closed.filter(first_answer_at__isnull=False)
    assert answered.count() >= closed.count() * 0.8
    for case in answered:
        assert case.created_at < case.first_answer_at <= case.closed_at
        facts = services.first_answer_facts(case, case.first_answer_at)
        assert case.first_answer_workdays == facts["first_answer_workdays"]
    assert not Case.objects.filter(first_answer_at__isnull=True).exclude(first_answer_workdays=None)


def test_what_the_measures_must_leave_out_is_there_to_leave_out(settings, generators):
    settings.DEBUG = True
    call_command("generate_load", **{**SMALL, "listings": 60, "meetings": 10, "grants": 30})

    statuses = set(Listing.objects.values_list("status", flat=True))
    assert {Listing.Status.PUBLISHED, Listing.Status.WITHDRAWN, Listing.Status.REJECTED} <= statuses
    # A listing withdrawn before it was approved was never published.
    assert Listing.objects.filter(status=Listing.Status.WITHDRAWN, published_at=None).exists()
    assert not Listing.objects.filter(status=Listing.Status.PENDING).exclude(published_at=None)
    assert Registration.objects.filter(status=Registration.Status.CANCELLED).exists()
    assert Registration.objects.filter(status=Registration.Status.ATTENDED).exists()
    # Only closed grant cases are decided; a refusal grants nothing.
    assert not Decision.objects.exclude(application__case__status=Case.Status.CLOSED)
    assert not Decision.objects.filter(outcome=Decision.Outcome.REJECTED).exclude(amount=None)


def test_a_second_run_adds_to_the_first_and_numbering_continues(settings, generators):
    settings.DEBUG = True
    call_command("generate_load", **SMALL)
    call_command("generate_load", **SMALL)

    assert Case.objects.count() == 2 * 68
    assert Company.objects.count() == 24
    assert Meeting.objects.count() == 8
    case = services.open_case(kind=Case.Kind.ADVICE, contact=ContactFactory(), subject="Ny sag")
    assert Case.objects.filter(reference=case.reference).count() == 1


def test_each_generator_offers_its_counts_as_options(settings, generators, capsys):
    settings.DEBUG = True
    with pytest.raises(SystemExit):
        call_command("generate_load", "--help")
    help_text = capsys.readouterr().out
    for option in ("--meetings", "--listings", "--partnerships", "--grants", "--enrolments"):
        assert option in help_text
