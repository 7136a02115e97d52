"""The ongoing dialogue: one list of who is due for contact, and who has not been contacted."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portal.cases.models import CaseEvent
from portal.privacy.models import PrivacyLogEntry
from portal.registrations.models import Registration
from portal.registry.dialogue import end_of_week, months_before
from tests.factories import CompanyFactory, OccasionFactory, RegistrationFactory
from tests.guidance.factories import OutreachFactory
from tests.network.factories import FollowUpFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

DUE = reverse("admin:registry_company_due_contacts")
QUIET = reverse("admin:registry_company_quiet")


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))


# One list of who is due for contact


@pytest.fixture
def due(caseworker):
    """Both kinds of planned contact, due, later and settled."""
    kernen = CompanyFactory(name="Café Kernen", cvr="96100159", kind="social_economy")
    genbrug = CompanyFactory(name="Østergades Genbrug", kind="social_economy")
    return {
        # A contact logged ten days ago, to be followed up three days ago: overdue.
        "outreach": OutreachFactory(
            company=kernen, date=days(-10), follow_up_on=days(-3), caseworker=caseworker
        ),
        # A follow-up about recruitment, overdue by a week: the oldest.
        "follow_up": FollowUpFactory(company=genbrug, topics=["recruitment"], due_on=days(-7)),
        # Due on Sunday: this week.
        "this_week": FollowUpFactory(
            company=kernen, topics=["partnerships"], due_on=end_of_week(), assignee=caseworker
        ),
        # Not due yet, done, and an outreach whose follow-up a later contact settled.
        "later": FollowUpFactory(company=genbrug, due_on=end_of_week() + datetime.timedelta(1)),
        "done": FollowUpFactory(company=genbrug, due_on=days(-20), done_on=days(-18)),
        "settled": OutreachFactory(company=genbrug, date=days(-30), follow_up_on=days(-25)),
        "settling": OutreachFactory(company=genbrug, date=days(-24)),
    }


def _shown(response) -> list[str]:
    return [row.url for row in response.context["page"].object_list]


def _url(item) -> str:
    model = item._meta.model_name
    return reverse(f"admin:{item._meta.app_label}_{model}_change", args=[item.pk])


def test_the_due_list_holds_outreach_and_follow_ups_oldest_first(caseworker_client, due):
    response = caseworker_client.get(f"{DUE}?frist=uge")

    assert _shown(response) == [
        _url(due["follow_up"]),
        _url(due["outreach"]),
        _url(due["this_week"]),
    ]
    html = response.content.decode()
    assert "Kontakter der skal følges op" in html
    assert "Østergades Genbrug" in html and "Café Kernen" in html
    assert "Rekruttering" in html
    assert "Følg op på kontakten" in html
    assert html.count("(forfalden)</strong>") == 2


def test_the_due_list_shows_what_is_due_by_today_without_a_filter(caseworker_client, due):
    response = caseworker_client.get(DUE)

    assert _shown(response) == [_url(due["follow_up"]), _url(due["outreach"])]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("frist=forfalden", ["follow_up", "outreach"]),
        ("frist=uge&mine=ja", ["outreach", "this_week"]),
        ("frist=alle", ["follow_up", "outreach", "this_week", "later"]),
    ],
)
def test_the_due_list_filters(caseworker_client, due, query, expected):
    response = caseworker_client.get(f"{DUE}?{query}")

    assert _shown(response) == [_url(due[name]) for name in expected]


def test_admin_home_counts_both_kinds_on_one_tile_group(caseworker_client, due):
    html = caseworker_client.get(reverse("admin:index")).content.decode()

    overdue = f'href="{DUE}?frist=forfalden"'
    this_week = f'href="{DUE}?frist=uge"'
    assert overdue in html and this_week in html
    tile = html[html.index(overdue) :]
    assert '<span class="workbench-count">2</span>' in tile[: tile.index("</a>")]
    assert "Opfølgninger forfaldne" in tile[: tile.index("</a>")]
    tile = html[html.index(this_week) :]
    assert '<span class="workbench-count">3</span>' in tile[: tile.index("</a>")]
    # Guidance's own follow-up tile is gone: one list, not two.
    assert html.count("Opfølgninger denne uge") == 1
    assert "opfoelgning_forfalden" not in html


def test_the_overdue_tile_is_a_warning(caseworker_client, due):
    html = caseworker_client.get(reverse("admin:index")).content.decode()

    warning = html.index("workbench-tile-warning")
    assert html.index(f'href="{DUE}?frist=forfalden"', warning) - warning < 200


def test_the_company_page_shows_planned_contacts_of_both_kinds_together(caseworker_client, due):
    company = due["outreach"].company

    html = caseworker_client.get(
        reverse("admin:registry_company_change", args=[company.pk])
    ).content.decode()

    start = html.index('id="company-section-planned-contacts"')
    section = html[start : html.index("</table>", start)]
    assert "Planlagt opfølgning" in section
    assert _url(due["outreach"]) in section
    assert _url(due["this_week"]) in section
    assert "Forfalden" in section and "Planlagt" in section
    assert html.count(f'href="{_url(due["this_week"])}"') == 1


def test_the_planned_section_shows_only_the_kinds_the_user_may_see(client, django_user_model, due):
    from django.contrib.auth.models import Permission

    registrar = django_user_model.objects.create_user(username="registrator", is_staff=True)
    registrar.user_permissions.set(
        Permission.objects.filter(codename__in=["view_company", "view_outreach"])
    )
    client.force_login(registrar)
    company = due["outreach"].company

    html = client.get(reverse("admin:registry_company_change", args=[company.pk])).content.decode()

    assert "Planlagt opfølgning" in html
    assert _url(due["outreach"]) in html
    assert _url(due["this_week"]) not in html
    assert _shown(client.get(f"{DUE}?frist=alle")) == [_url(due["outreach"])]


def test_the_planned_section_is_left_out_when_nothing_is_planned(caseworker_client):
    company = CompanyFactory()
    FollowUpFactory(company=company, due_on=days(-3), done_on=days(-2))

    response = caseworker_client.get(reverse("admin:registry_company_change", args=[company.pk]))

    assert "planned-contacts" not in [s.name for s in response.context["company_sections"]]
    assert "Gennemførte opfølgninger" in response.content.decode()


def test_the_due_list_exports_as_csv_and_excel_and_the_export_is_logged(
    caseworker_client, caseworker, due
):
    export = reverse("admin:registry_company_due_contacts_export", args=["csv"])

    rows = _csv(caseworker_client.get(f"{export}?frist=uge"))

    assert rows[0] == [
        "Frist",
        "Virksomhed",
        "CVR-nummer",
        "Type",
        "Hvad",
        "Ansvarlig",
        "Forfalden",
    ]
    assert [row[1] for row in rows[1:]] == ["Østergades Genbrug", "Café Kernen", "Café Kernen"]
    assert rows[1][3] == "Opfølgning" and rows[2][3] == "Kontakt"
    assert rows[1][0] == days(-7).strftime("%d-%m-%Y")
    assert [row[6] for row in rows[1:]] == ["Ja", "Ja", "Nej"]
    assert PrivacyLogEntry.objects.filter(user=caseworker).exists()

    workbook = caseworker_client.get(
        reverse("admin:registry_company_due_contacts_export", args=["xlsx"]) + "?frist=uge"
    )
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet.max_row == 4
    assert sheet["B2"].value == "Østergades Genbrug"


def test_who_may_see_the_dialogue_lists(client, manager, outsider, due):
    for url in (DUE, QUIET):
        assert client.get(url).status_code == 302  # to the sign-in page
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        client.force_login(manager)
        assert client.get(url).status_code == 200
        client.logout()


def test_the_due_list_costs_the_same_queries_for_3_and_30(
    caseworker_client, django_assert_max_num_queries
):
    def make(n):
        for _ in range(n):
            OutreachFactory(date=days(-10), follow_up_on=days(-2))
            FollowUpFactory(due_on=days(-1))

    make(3)
    caseworker_client.get(DUE)  # the site settings' first read
    with django_assert_max_num_queries(20) as few:
        caseworker_client.get(DUE)
    make(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = caseworker_client.get(DUE)
    assert response.context["total"] == 60


# Not contacted lately


def _attended(company, starts_at):
    occasion = OccasionFactory(
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        registration_deadline=starts_at - datetime.timedelta(days=1),
    )
    return RegistrationFactory(
        occasion=occasion, company=company, status=Registration.Status.ATTENDED
    )


def _case(company, when):
    case = CaseFactory(company=company)
    type(case).objects.filter(pk=case.pk).update(created_at=when)
    CaseEvent.objects.filter(case=case).update(created_at=when)
    return case


def _ago(days_: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_)


@pytest.fixture
def quiet():
    """Social-economy enterprises, each with its last contact of one kind, and others."""
    social = {"kind": "social_economy"}
    companies = {
        "never": CompanyFactory(name="Aarø Rengøringskooperativ", **social),
        "old_outreach": CompanyFactory(name="Åens Cykelværksted", **social),
        "old_case": CompanyFactory(name="Æblehaven Grønne Hænder", **social),
        "old_meeting_recent_follow_up": CompanyFactory(name="Café Kernen", **social),
        "recent_meeting": CompanyFactory(name="Østergades Genbrug", **social),
        "recent_case": CompanyFactory(name="Kaffevognen", **social),
        "rsv_old_follow_up": CompanyFactory(name="Byhaven", rsv_registered=True),
        "ordinary": CompanyFactory(name="Sønderjysk Emballage A/S", kind="ordinary"),
    }
    OutreachFactory(company=companies["old_outreach"], date=days(-400))
    OutreachFactory(company=companies["old_outreach"], date=days(-300))
    _case(companies["old_case"], _ago(250))
    _attended(companies["old_meeting_recent_follow_up"], _ago(500))
    FollowUpFactory(
        company=companies["old_meeting_recent_follow_up"], due_on=days(-12), done_on=days(-10)
    )
    _attended(companies["recent_meeting"], _ago(20))
    # Registered, but did not come: not a contact.
    RegistrationFactory(
        occasion=OccasionFactory(
            starts_at=_ago(3),
            ends_at=_ago(3) + datetime.timedelta(hours=2),
            registration_deadline=_ago(4),
        ),
        company=companies["old_case"],
        status=Registration.Status.NO_SHOW,
    )
    _case(companies["recent_case"], _ago(5))
    FollowUpFactory(company=companies["rsv_old_follow_up"], due_on=days(-200), done_on=days(-190))
    # An open follow-up is planned, not held: no contact yet.
    FollowUpFactory(company=companies["never"], due_on=days(-1))
    return companies


def test_not_contacted_lately_lists_never_contacted_first_then_oldest(caseworker_client, quiet):
    response = caseworker_client.get(QUIET)

    rows = response.context["page"].object_list
    assert [row.company.name for row in rows] == [
        "Aarø Rengøringskooperativ",
        "Åens Cykelværksted",
        "Æblehaven Grønne Hænder",
        "Byhaven",
    ]
    assert [(row.last_contact, row.last_kind) for row in rows] == [
        (None, ""),
        (days(-300), "Kontakt"),
        (timezone.localdate(_ago(250)), "Sag"),
        (days(-190), "Opfølgning"),
    ]
    html = response.content.decode()
    assert "Ikke kontaktet i 6 måneder" in html
    assert "Aldrig" in html
    assert "Østergades Genbrug" not in html  # came to a meeting 20 days ago
    assert "Kaffevognen" not in html  # a case five days ago
    assert "Café Kernen" not in html  # a follow-up held ten days ago
    assert "Sønderjysk Emballage" not in html  # not a social-economy enterprise


def test_the_quiet_period_is_a_setting(caseworker_client, quiet, settings):
    settings.DIALOGUE_QUIET_MONTHS = 24

    rows = caseworker_client.get(QUIET).context["page"].object_list

    assert [row.company.name for row in rows] == ["Aarø Rengøringskooperativ"]


def test_not_contacted_lately_has_a_tile_on_the_admin_home(caseworker_client, quiet):
    html = caseworker_client.get(reverse("admin:index")).content.decode()

    tile = html[html.index(f'href="{QUIET}"') :]
    tile = tile[: tile.index("</a>")]
    assert '<span class="workbench-count">4</span>' in tile
    assert "Ikke kontaktet i 6 måneder" in tile


def test_not_contacted_lately_exports_with_the_last_contact(caseworker_client, quiet):
    rows = _csv(caseworker_client.get(reverse("admin:registry_company_quiet_export", args=["csv"])))

    assert rows[0] == [
        "Virksomhed",
        "CVR-nummer",
        "Seneste kontakt",
        "Slags kontakt",
        "E-mail",
        "Telefon",
    ]
    assert rows[1][0] == "Aarø Rengøringskooperativ" and rows[1][2:4] == ["", ""]
    assert rows[2][0] == "Åens Cykelværksted"
    assert rows[2][2:4] == [days(-300).strftime("%d-%m-%Y"), "Kontakt"]
    assert len(rows) == 5

    workbook = caseworker_client.get(reverse("admin:registry_company_quiet_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert [cell.value for cell in sheet["A"]][1:] == [
        "Aarø Rengøringskooperativ",
        "Åens Cykelværksted",
        "Æblehaven Grønne Hænder",
        "Byhaven",
    ]


def test_an_unknown_export_format_is_not_found(caseworker_client):
    url = reverse("admin:registry_company_quiet_export", args=["pdf"])
    assert caseworker_client.get(url).status_code == 404


def _contacted_company(n: int, kind: int) -> None:
    company = CompanyFactory(kind="social_economy")
    if kind == 0:
        OutreachFactory(company=company, date=days(-400 + n))
    elif kind == 1:
        FollowUpFactory(company=company, due_on=days(-300), done_on=days(-300 + n))
    elif kind == 2:
        _case(company, _ago(250 + n))
    elif kind == 3:
        _attended(company, _ago(220 + n))


def test_not_contacted_lately_costs_the_same_queries_for_3_and_30_companies(
    caseworker_client, django_assert_max_num_queries
):
    for n in range(3):
        _contacted_company(n, n % 5)
    caseworker_client.get(QUIET)  # the site settings' first read
    with django_assert_max_num_queries(20) as few:
        caseworker_client.get(QUIET)
    for n in range(3, 30):
        _contacted_company(n, n % 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = caseworker_client.get(QUIET)
    assert response.context["total"] == 30


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(datetime.date(2026, 12, 1), 6) == datetime.date(2026, 6, 1)
    assert months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 3, 15), 15) == datetime.date(2024, 12, 15)
