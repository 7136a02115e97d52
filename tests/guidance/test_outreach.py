import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance.models import Outreach
from guidance.outreach import log_outreach
from tests.factories import CompanyFactory, ContactFactory
from tests.guidance.factories import OutreachFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:guidance_outreach_add")
CHANGELIST = reverse("admin:guidance_outreach_changelist")


@pytest.fixture
def company():
    return CompanyFactory(name="Café Kernen ApS", cvr="96100159")


def _outreach_form(company, caseworker, **changes):
    return {
        "company": company.pk,
        "date": "2026-11-28",
        "channel": "meeting",
        "caseworker": caseworker.pk,
        "contact": "",
        "contact_name": "Mette Lauridsen",
        "outcome": "more_information",
        "notes": "Besøg i caféen. Vil gerne høre mere om partnerskaber.",
        "follow_up_on": "2026-12-14",
        **changes,
    }


def test_the_add_form_from_the_company_page_has_the_company_and_you_filled_in(
    caseworker_client, caseworker, company
):
    response = caseworker_client.get(f"{ADD}?company={company.pk}")

    form = response.context["adminform"].form
    assert response.status_code == 200
    assert form.initial["company"] == str(company.pk)
    assert form.initial["caseworker"] == caseworker.pk
    assert f'<option value="{company.pk}" selected>Café Kernen ApS' in response.content.decode()


def test_a_contact_logged_from_the_company_page_returns_to_it(
    caseworker_client, caseworker, company
):
    response = caseworker_client.post(
        f"{ADD}?company={company.pk}", _outreach_form(company, caseworker), follow=True
    )

    outreach = Outreach.objects.get()
    assert response.redirect_chain == [
        (reverse("admin:registry_company_change", args=[company.pk]), 302)
    ]
    assert "Kontakten med Café Kernen ApS er registreret." in response.content.decode()
    assert (outreach.company, outreach.caseworker) == (company, caseworker)
    assert outreach.follow_up_on == datetime.date(2026, 12, 14)
    assert outreach.history.get().history_user == caseworker


def test_a_contact_logged_from_the_list_goes_back_to_the_list(
    caseworker_client, caseworker, company
):
    response = caseworker_client.post(ADD, _outreach_form(company, caseworker))

    assert response.url == CHANGELIST
    assert Outreach.objects.get().outcome == Outreach.Outcome.MORE_INFORMATION


def test_a_contact_person_of_another_company_is_refused(caseworker_client, caseworker, company):
    stranger = ContactFactory(name="Fremmed Person")

    response = caseworker_client.post(ADD, _outreach_form(company, caseworker, contact=stranger.pk))

    assert response.status_code == 200
    assert "Kontaktpersonen hører ikke til den valgte virksomhed." in response.content.decode()
    assert not Outreach.objects.exists()


def test_a_follow_up_before_the_contact_is_refused(caseworker_client, caseworker, company):
    response = caseworker_client.post(
        ADD, _outreach_form(company, caseworker, follow_up_on="2026-11-01")
    )

    assert "Opfølgningen kan ikke ligge før kontakten." in response.content.decode()
    assert not Outreach.objects.exists()


def test_staff_without_permission_cannot_log_contacts(client, django_user_model, company):
    client.force_login(
        django_user_model.objects.create_user(username="anden", password="x", is_staff=True)
    )

    assert client.get(f"{ADD}?company={company.pk}").status_code == 403


def test_log_outreach_makes_the_author_the_caseworker(caseworker, company):
    contact = ContactFactory(company=company, name="Mette Lauridsen")

    outreach = log_outreach(
        company=company,
        by=caseworker,
        channel=Outreach.Channel.PHONE,
        outcome=Outreach.Outcome.MEETING_AGREED,
        contact=contact,
    )

    assert outreach.caseworker == caseworker
    assert outreach.date == timezone.localdate()
    assert outreach.person_name == "Mette Lauridsen"
    assert outreach.history.get().history_user == caseworker


def test_log_outreach_refuses_a_caseworker_who_is_not_staff(caseworker, company, django_user_model):
    citizen = django_user_model.objects.create_user(username="borger", password="x")

    with pytest.raises(ValidationError):
        log_outreach(
            company=company,
            by=caseworker,
            caseworker=citizen,
            channel=Outreach.Channel.EMAIL,
            outcome=Outreach.Outcome.NOT_NOW,
        )
    assert not Outreach.objects.exists()


def test_the_due_filter_shows_follow_ups_nobody_has_made_yet(caseworker_client, caseworker):
    today = timezone.localdate()
    due = OutreachFactory(
        company__name="Glemt Opfølgning ApS",
        date=today - datetime.timedelta(days=30),
        follow_up_on=today - datetime.timedelta(days=1),
        caseworker=caseworker,
    )
    settled = OutreachFactory(
        company__name="Klaret Opfølgning ApS",
        date=today - datetime.timedelta(days=30),
        follow_up_on=today - datetime.timedelta(days=1),
    )
    OutreachFactory(company=settled.company, date=today - datetime.timedelta(days=2))
    OutreachFactory(
        company__name="Senere Opfølgning ApS", follow_up_on=today + datetime.timedelta(days=7)
    )

    response = caseworker_client.get(f"{CHANGELIST}?opfoelgning_forfalden=ja")

    assert [o.pk for o in response.context["cl"].result_list] == [due.pk]
    assert "forfalden" in response.content.decode()
    assert Outreach.objects.follow_up_due(today).get() == due


def test_search_finds_contacts_by_cvr_number(caseworker_client, company):
    OutreachFactory(company=company)
    OutreachFactory(company__name="Anden Virksomhed ApS")

    response = caseworker_client.get(f"{CHANGELIST}?q=96100159")

    assert [o.company for o in response.context["cl"].result_list] == [company]


def test_the_list_costs_the_same_queries_for_5_and_50_contacts(
    caseworker_client, caseworker, django_assert_num_queries
):
    OutreachFactory.create_batch(5, caseworker=caseworker, follow_up_on=timezone.localdate())
    caseworker_client.get(CHANGELIST)  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as small:
        assert caseworker_client.get(CHANGELIST).status_code == 200
    OutreachFactory.create_batch(45, caseworker=caseworker, follow_up_on=timezone.localdate())

    with django_assert_num_queries(len(small)):
        caseworker_client.get(CHANGELIST)


def test_a_logged_contact_can_be_corrected(caseworker_client, caseworker, company):
    outreach = OutreachFactory(company=company, caseworker=caseworker)

    response = caseworker_client.post(
        reverse("admin:guidance_outreach_change", args=[outreach.pk]),
        _outreach_form(company, caseworker, outcome="meeting_agreed"),
    )

    assert response.url == CHANGELIST
    outreach.refresh_from_db()
    assert outreach.outcome == Outreach.Outcome.MEETING_AGREED
    assert outreach.history.first().history_user == caseworker


def test_admin_home_counts_follow_ups_due_this_week_on_the_one_due_list(caseworker_client):
    """Follow-ups on contacts are counted on portal's dialogue tiles, with network's."""
    from datetime import timedelta

    from django.utils import timezone

    from guidance.outreach import end_of_week

    today = timezone.localdate()
    OutreachFactory(follow_up_on=today - timedelta(days=3), date=today - timedelta(days=10))
    OutreachFactory(follow_up_on=end_of_week(), date=today - timedelta(days=10))
    OutreachFactory(follow_up_on=end_of_week() + timedelta(days=1), date=today)

    response = caseworker_client.get("/admin/")

    tiles = {tile.label: tile for tile in response.context["tiles"]}
    assert tiles["Opfølgninger denne uge"].count == 2
    assert tiles["Opfølgninger forfaldne"].count == 1
    assert 'href="/admin/guidance/outreach/?opfoelgning_forfalden=uge"' not in (
        response.content.decode()
    )
    listed = caseworker_client.get(tiles["Opfølgninger denne uge"].url)
    assert listed.context["total"] == 2


def test_the_list_shows_follow_ups_as_danish_dates_and_says_which_are_due(caseworker_client):
    OutreachFactory(follow_up_on=datetime.date(2030, 12, 1))
    OutreachFactory(follow_up_on=datetime.date(2026, 3, 2), date=datetime.date(2026, 2, 1))

    page = caseworker_client.get(CHANGELIST).content.decode()

    assert "1. december 2030" in page
    assert '<strong class="overdue">2. marts 2026 (forfalden)</strong>' in page
