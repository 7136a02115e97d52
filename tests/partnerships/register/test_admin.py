import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Partnership, PartnershipActivity, PartnershipStatusChange
from partnerships.register import services
from tests.factories import CompanyFactory
from tests.partnerships.factories import (
    ActivityFactory,
    ListingFactory,
    MemberFactory,
    PartnershipFactory,
)
from tests.partnerships.register.conftest import inline_management
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:partnerships_partnership_changelist")
ADD = reverse("admin:partnerships_partnership_add")


def _change_url(partnership) -> str:
    return reverse("admin:partnerships_partnership_change", args=[partnership.pk])


def _form(*, members=(), kind="", status="idea", **fields) -> dict:
    """The add page's POST: the partnership and its members (company pk or "kommunen")."""
    data = {
        "title": "Frokost i Rådhuskantinen",
        "kind": kind,
        "purpose": "Frisk frokost og job til flere.",
        "status": status,
        "public_summary": "",
        "status_note": "",
        **inline_management("members", len(members)),
        **inline_management("activities", 1),
        **inline_management("results", 0),
        "activities-0-date": "2026-11-20",
        "activities-0-kind": "idea_meeting",
        "activities-0-participants": "Mette Lauridsen og erhvervskonsulenten",
        "activities-0-note": "Første møde.",
        **fields,
    }
    for number, member in enumerate(members):
        if member == "kommunen":
            data[f"members-{number}-is_municipality"] = "on"
        else:
            data[f"members-{number}-company"] = str(member.pk)
        data[f"members-{number}-contribution"] = "Bidrager med noget."
    return data


def test_the_list_shows_members_last_activity_and_status_change(caseworker_client, social_company):
    partnership = PartnershipFactory(title="Frokost i kantinen", kind="municipality")
    MemberFactory(partnership=partnership, company=None, is_municipality=True)
    MemberFactory(partnership=partnership, company=social_company)
    ActivityFactory(partnership=partnership, date=datetime.date(2026, 10, 3))
    ActivityFactory(partnership=partnership, date=datetime.date(2026, 11, 14))

    html = caseworker_client.get(CHANGELIST).content.decode()

    assert "Frokost i kantinen" in html
    assert "Kommunen, Café Kernen" in html
    assert "14. november 2026" in html
    assert "Kommunen og en socialøkonomisk virksomhed" in html


def test_staff_without_a_role_may_not_see_the_register(outsider_client):
    PartnershipFactory()
    assert outsider_client.get(CHANGELIST).status_code == 403
    assert outsider_client.get(ADD).status_code == 403


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("status__exact=active", {"Aktiv"}),
        ("kind__exact=social_economy", {"Fælles"}),
        ("aar=2024", {"Gammel"}),
        ("q=Emballage", {"Aktiv"}),
        ("q=96100779", {"Aktiv"}),
        ("q=bageri", {"Gammel"}),  # in the purpose
    ],
)
def test_filters_and_search(caseworker_client, query, shown):
    active = PartnershipFactory(title="Aktiv", status="active", kind="ordinary")
    MemberFactory(
        partnership=active, company=CompanyFactory(name="Sønderjysk Emballage", cvr="96100779")
    )
    PartnershipFactory(title="Fælles", kind="social_economy")
    old = PartnershipFactory(title="Gammel", purpose="Brød fra et bageri.")
    Partnership.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2024, 6, 1, 12, tzinfo=datetime.UTC)
    )

    response = caseworker_client.get(f"{CHANGELIST}?{query}")

    assert response.status_code == 200
    listed = {p.title for p in response.context["cl"].result_list}
    assert listed == shown


def test_the_year_filter_offers_the_years_partnerships_were_created(caseworker_client):
    old = PartnershipFactory()
    Partnership.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2024, 6, 1, 12, tzinfo=datetime.UTC)
    )
    PartnershipFactory()

    html = caseworker_client.get(CHANGELIST).content.decode()

    assert "Oprettet i 2024" in html
    assert f"Oprettet i {timezone.localdate().year}" in html


def test_the_add_page_creates_the_partnership_with_its_members_and_derives_the_kind(
    caseworker_client, caseworker, social_company
):
    response = caseworker_client.post(ADD, _form(members=["kommunen", social_company]))

    assert response.status_code == 302
    partnership = Partnership.objects.get()
    assert partnership.kind == Partnership.Kind.MUNICIPALITY
    assert [(m.is_municipality, m.company) for m in partnership.members.all()] == [
        (True, None),
        (False, social_company),
    ]
    assert partnership.created_by == caseworker
    change = PartnershipStatusChange.objects.get(partnership=partnership)
    assert (change.status, change.changed_by) == ("idea", caseworker)
    activity = PartnershipActivity.objects.get()
    assert activity.created_by == caseworker


def test_the_derived_kind_wins_over_a_chosen_one_and_the_caseworker_is_told(
    caseworker_client, social_company, ordinary_company
):
    response = caseworker_client.post(
        ADD, _form(members=[social_company, ordinary_company], kind="municipality"), follow=True
    )

    assert Partnership.objects.get().kind == Partnership.Kind.ORDINARY
    assert "Typen er sat til “En ordinær og en socialøkonomisk virksomhed”" in (
        response.content.decode()
    )


def test_a_missing_kind_is_refused_in_danish_and_nothing_is_stored(
    caseworker_client, ordinary_company
):
    response = caseworker_client.post(ADD, _form(members=["kommunen", ordinary_company]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Vælg, hvilken slags partnerskab det er. Det kan ikke ses af parterne." in html
    assert "tilføj en socialøkonomisk virksomhed som part, eller vælg typen" in html
    assert not Partnership.objects.exists()
    assert not PartnershipActivity.objects.exists()


def test_a_chosen_kind_is_kept_when_the_members_do_not_tell_it(caseworker_client, ordinary_company):
    caseworker_client.post(ADD, _form(members=["kommunen", ordinary_company], kind="municipality"))
    assert Partnership.objects.get().kind == Partnership.Kind.MUNICIPALITY


def test_a_member_is_a_company_or_the_municipality_not_both(caseworker_client, social_company):
    data = _form(members=[social_company], kind="ordinary")
    data["members-0-is_municipality"] = "on"

    response = caseworker_client.post(ADD, data)

    assert "En part er enten en virksomhed eller kommunen." in response.content.decode()
    assert not Partnership.objects.exists()


def test_a_public_example_needs_every_company_members_consent(
    caseworker_client, social_company, ordinary_company
):
    data = _form(
        members=[social_company, ordinary_company],
        public="on",
        public_summary="Café og emballage sammen.",
    )

    response = caseworker_client.post(ADD, data)

    assert "Sønderjysk Emballage A/S har ikke sagt ja til at blive vist" in (
        response.content.decode()
    )
    assert not Partnership.objects.exists()


def _existing(social_company, **kwargs):
    partnership = services.create_partnership(
        title="Frokost",
        purpose="Mad.",
        companies=[social_company],
        with_municipality=True,
        **kwargs,
    )
    return partnership


def _change_form(partnership, **fields) -> dict:
    members = list(partnership.members.all())
    data = {
        "title": partnership.title,
        "kind": partnership.kind,
        "purpose": partnership.purpose,
        "status": partnership.status,
        "public_summary": partnership.public_summary,
        "status_note": "",
        **inline_management("members", len(members), len(members)),
        **inline_management("activities", 0),
        **inline_management("results", 0),
        **fields,
    }
    for number, member in enumerate(members):
        data[f"members-{number}-id"] = str(member.pk)
        data[f"members-{number}-partnership"] = str(partnership.pk)
        data[f"members-{number}-company"] = str(member.company_id or "")
        if member.is_municipality:
            data[f"members-{number}-is_municipality"] = "on"
        data[f"members-{number}-contribution"] = member.contribution
    return data


def test_a_status_change_on_the_page_is_dated_and_recorded_with_its_note(
    caseworker_client, caseworker, social_company
):
    partnership = _existing(social_company)

    response = caseworker_client.post(
        _change_url(partnership),
        _change_form(partnership, status="agreed", status_note="Aftale underskrevet"),
    )

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == "agreed"
    last = partnership.status_changes.last()
    assert (last.status, last.note, last.changed_by) == (
        "agreed",
        "Aftale underskrevet",
        caseworker,
    )
    assert last.changed_at == partnership.status_changed_at
    page = caseworker_client.get(_change_url(partnership)).content.decode()
    assert "Aftalt (Sara Sagsbehandler). Aftale underskrevet" in page


def test_saving_without_a_status_change_records_none(caseworker_client, social_company):
    partnership = _existing(social_company)

    caseworker_client.post(_change_url(partnership), _change_form(partnership, title="Ny titel"))

    partnership.refresh_from_db()
    assert partnership.title == "Ny titel"
    assert partnership.status_changes.count() == 1


def test_the_page_links_the_listings_and_the_source_case(caseworker_client, social_company):
    case = CaseFactory()
    listing = ListingFactory(title="Vi søger en cateringleverandør")
    partnership = _existing(social_company, source_case=case, listings=[listing])

    html = caseworker_client.get(_change_url(partnership)).content.decode()

    assert reverse("admin:cases_case_change", args=[case.pk]) in html
    assert "Vi søger en cateringleverandør" in html


def test_the_add_page_from_a_company_page_has_the_company_as_first_member(
    caseworker_client, social_company
):
    html = caseworker_client.get(f"{ADD}?part={social_company.pk}").content.decode()
    assert f'<option value="{social_company.pk}" selected>Café Kernen (CVR' in html


def _partnerships_with_members_and_activities(count: int) -> None:
    for _number in range(count):
        partnership = PartnershipFactory()
        MemberFactory(partnership=partnership)
        MemberFactory(partnership=partnership, company=None, is_municipality=True)
        ActivityFactory(partnership=partnership)


def test_the_list_costs_the_same_queries_for_5_and_50(caseworker_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = caseworker_client.get(CHANGELIST)
        return len(captured), len(response.context["cl"].result_list)

    _partnerships_with_members_and_activities(5)
    caseworker_client.get(CHANGELIST)  # the session and the site settings' row, made once
    with_5, shown = queries()
    _partnerships_with_members_and_activities(45)
    assert queries() == (with_5, 50)
    assert shown == 5 and with_5 <= 12


def test_an_activity_and_a_result_added_on_the_page_are_shown_with_who_registered_it(
    client, manager, social_company
):
    client.force_login(manager)
    partnership = _existing(social_company)
    data = _change_form(
        partnership,
        **inline_management("activities", 1),
        **inline_management("results", 1),
        **{
            "activities-0-date": "2026-11-24",
            "activities-0-kind": "visit",
            "activities-0-participants": "Karen Wind og erhvervskonsulenten",
            "activities-0-note": "Rundvisning i bageriet.",
            "results-0-date": "2026-11-25",
            "results-0-kind": "training_places",
            "results-0-number": "2",
            "results-0-note": "",
        },
    )

    response = client.post(_change_url(partnership), data)

    assert response.status_code == 302
    activity = partnership.activities.get()
    assert activity.created_by == manager
    assert partnership.results.get().number == 2
    html = client.get(_change_url(partnership)).content.decode()
    assert "Karen Wind og erhvervskonsulenten" in html
    assert "Lene Leder" in html
    assert "2 × Praktik- og oplæringspladser oprettet" in html


def test_html_typed_into_the_register_is_shown_as_text(caseworker_client, caseworker):
    company = CompanyFactory(name="<b>Fed</b> ApS", kind="social_economy")
    partnership = services.create_partnership(
        title="<script>alert(1)</script>",
        purpose="x",
        companies=[company],
        with_municipality=True,
    )
    services.change_status(
        partnership=partnership, status="active", by=caseworker, note="<img src=x onerror=1>"
    )

    pages = [
        caseworker_client.get(CHANGELIST).content.decode(),
        caseworker_client.get(_change_url(partnership)).content.decode(),
        caseworker_client.get(
            reverse("admin:registry_company_change", args=[company.pk])
        ).content.decode(),
    ]

    for html in pages:
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x onerror=1>" not in pages[1]
    assert "<b>Fed</b>" not in pages[0]


def test_the_caseworker_reaches_the_history_and_delete_pages(caseworker_client, social_company):
    partnership = _existing(social_company)
    for name in ["history", "delete"]:
        url = reverse(f"admin:partnerships_partnership_{name}", args=[partnership.pk])
        assert caseworker_client.get(url).status_code == 200
    record = partnership.history.first()
    url = reverse(
        "admin:partnerships_partnership_simple_history", args=[partnership.pk, record.history_id]
    )
    assert caseworker_client.get(url).status_code == 200
