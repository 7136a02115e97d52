"""The case page: summary, journal timeline, reply templates, CVR link, conflicts, failures."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from portal.cases import selectors, services
from portal.cases.models import Case, CaseEvent, ReplyTemplate
from portal.notifications.models import OutboxMessage
from portal.registry.models import Company
from tests.factories import CompanyFactory, ContactFactory, valid_cvr
from tests.portal.cases.factories import CaseFactory
from tests.portal.cases.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db

CONFLICT = "Sagen er blevet ændret af en anden, mens du arbejdede."


# --- summary: working days left -------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "deadline", "text"),
    [
        # Over Christmas 2026: 24 Dec (closed), 25 Dec (holiday) and the weekend do not count.
        (date(2026, 12, 23), date(2026, 12, 29), "2 arbejdsdage tilbage"),
        (date(2026, 12, 23), date(2026, 12, 28), "1 arbejdsdag tilbage"),
        (date(2026, 12, 29), date(2026, 12, 29), "Fristen er i dag"),
        # 31 Dec is closed, 1 Jan a holiday, 2-3 Jan the weekend: only Monday 4 Jan counts.
        (date(2027, 1, 4), date(2026, 12, 30), "Overskredet med 1 arbejdsdag"),
        (date(2026, 11, 30), date(2026, 11, 26), "Overskredet med 2 arbejdsdage"),
        # Due on a Saturday that has passed: late, though by no whole working day.
        (date(2026, 11, 29), date(2026, 11, 28), "Fristen er overskredet"),
        (date(2026, 11, 30), date(2026, 11, 28), "Overskredet med 1 arbejdsdag"),
    ],
)
def test_summary_counts_danish_working_days_left(today, deadline, text):
    case = CaseFactory(deadline=deadline)
    assert selectors.case_summary(case, today).deadline_text == text


def test_summary_of_a_case_without_company_or_caseworker():
    case = CaseFactory(
        contact=ContactFactory(name="Mette Hansen", email="mette@example.dk", phone="12 34 56 78")
    )
    summary = selectors.case_summary(case, timezone.localdate())
    assert (summary.enquirer_name, summary.enquirer_email, summary.enquirer_phone) == (
        "Mette Hansen",
        "mette@example.dk",
        "12 34 56 78",
    )
    assert (summary.company_url, summary.assignee) == ("", "")
    assert summary.status == "Modtaget"


@pytest.mark.parametrize(
    ("status", "text"),
    [(Case.Status.CLOSED, "Sagen er afsluttet"), (Case.Status.WAITING, "Afventer henvender")],
)
def test_summary_of_a_closed_or_waiting_case_does_not_count_down(status, text):
    case = CaseFactory(status=status, deadline=date(2026, 1, 5))
    summary = selectors.case_summary(case, date(2026, 3, 2))
    assert summary.deadline_text.startswith(text)
    assert not summary.overdue


def test_case_page_shows_the_summary(caseworker_client, caseworker):
    company = CompanyFactory(name="Cykelværkstedet ApS")
    case = CaseFactory(company=company, deadline=timezone.localdate() - timedelta(days=10))
    services.assign(case=case, to=caseworker, by=caseworker)

    page = caseworker_client.get(change_url(case)).content.decode()

    assert f"Sag {case.reference}" in page
    assert reverse("admin:registry_company_change", args=[company.pk]) in page
    assert "Sara Sagsbehandler" in page
    assert "Overskredet med" in page
    assert reverse("admin:cases_case_history", args=[case.pk]) in page
    assert "af Sara Sagsbehandler" in page  # who changed it last, from its history


def test_case_page_says_when_nobody_has_the_case_and_there_is_no_company(caseworker_client):
    case = CaseFactory(legal_hold=True, legal_hold_reason="Klage over afgørelsen.")

    page = caseworker_client.get(change_url(case)).content.decode()

    assert "Ingen virksomhed" in page
    assert "Ikke tildelt" in page
    assert "Klage over afgørelsen." in page


# --- journal timeline --------------------------------------------------------------------


def test_journal_is_a_timeline_newest_first_and_marks_what_the_enquirer_sees(
    caseworker_client, caseworker
):
    case = CaseFactory()
    services.add_note(case=case, text="Første notat.", by=caseworker)
    services.reply(case=case, text="Et svar til Mette.", by=caseworker)
    services.change_status(case=case, to=Case.Status.IN_PROGRESS, by=caseworker)

    page = caseworker_client.get(change_url(case)).content.decode()
    timeline = page[page.index('class="module case-timeline"') :]

    assert timeline.index("Modtaget → Under behandling") < timeline.index("Et svar til Mette.")
    assert timeline.index("Et svar til Mette.") < timeline.index("Første notat.")
    assert timeline.index("Første notat.") < timeline.index("Sagen er modtaget")
    assert "Vist for henvender" in timeline
    assert " kl. " in timeline
    assert "Sara Sagsbehandler" in timeline


# --- reply templates ---------------------------------------------------------------------


def test_four_danish_reply_templates_are_seeded():
    # Run the data migration's function itself: a transactional test elsewhere may have
    # emptied the table the migration filled.
    seed_migration = importlib.import_module("portal.cases.migrations.0004_seed_reply_templates")
    seed_migration.seed(django_apps, None)
    seed_migration.seed(django_apps, None)  # idempotent

    assert ReplyTemplate.objects.count() == 4
    assert set(ReplyTemplate.objects.values_list("title", flat=True)) >= {
        "Tak for henvendelsen",
        "Vi mangler oplysninger",
        "Aftale om møde",
        "Sagen er afsluttet",
    }


def test_rendering_fills_placeholders_and_leaves_the_unknown_as_written():
    case = CaseFactory(contact=ContactFactory(name="Mette Hansen"), deadline=date(2026, 11, 27))
    template = ReplyTemplate(
        body="Kære {navn}, sag {sagsnummer} ({frist}): {statusside} {ukendt} {"
    )

    text = services.render_reply_template(template, case)

    assert text.startswith(f"Kære Mette Hansen, sag {case.reference} (27. november 2026): ")
    assert f"/sag/{case.public_token}/" in text
    assert text.endswith("{ukendt} {")


def test_a_template_with_an_unknown_placeholder_is_refused():
    template = ReplyTemplate(title="Test", body="Hej {navnet}")
    with pytest.raises(ValidationError, match=r"Ukendt pladsholder: \{navnet\}"):
        template.full_clean()


def test_choosing_a_template_with_no_message_sends_the_template(caseworker_client, client):
    template = ReplyTemplate.objects.create(
        title="Kort svar", body="Vi har set på sagen {sagsnummer}."
    )
    case = CaseFactory()

    response = caseworker_client.post(change_url(case), form_data(case, reply_template=template.pk))

    assert response.status_code == 302
    expected = f"Vi har set på sagen {case.reference}."
    assert case.events.get(kind=CaseEvent.Kind.MESSAGE).text == expected
    assert expected in case.messages.latest("pk").body
    assert expected in client.get(case.get_absolute_url()).content.decode()


def test_a_typed_message_wins_over_the_template(caseworker_client):
    template = ReplyTemplate.objects.create(title="Kort svar", body="Skabelontekst.")
    case = CaseFactory()

    caseworker_client.post(
        change_url(case), form_data(case, reply_template=template.pk, message="Mit eget svar.")
    )

    assert case.events.get(kind=CaseEvent.Kind.MESSAGE).text == "Mit eget svar."


def test_the_page_offers_the_templates_filled_in_for_copying(caseworker_client):
    ReplyTemplate.objects.create(title="Kort svar", body="Sag {sagsnummer} er modtaget.")
    case = CaseFactory()

    page = caseworker_client.get(change_url(case)).content.decode()

    assert "<details" in page
    assert f"Sag {case.reference} er modtaget." in page


# --- company by CVR ----------------------------------------------------------------------


def test_a_known_cvr_links_the_company_and_journals_it(caseworker_client, caseworker):
    company = CompanyFactory(name="Café Kernen", cvr=valid_cvr(900))
    case = CaseFactory()

    response = caseworker_client.post(change_url(case), form_data(case, link_cvr=company.cvr))

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.company == company
    note = case.events.filter(kind=CaseEvent.Kind.NOTE).latest("pk")
    assert "Café Kernen" in note.text
    assert note.author == caseworker
    assert Company.objects.filter(cvr=company.cvr).count() == 1


def test_an_unknown_cvr_creates_a_draft_company(caseworker):
    case = CaseFactory()
    cvr = valid_cvr(901)

    company = services.link_company_by_cvr(case=case, cvr=f"DK {cvr}", by=caseworker)

    assert company.name == f"Ukendt virksomhed (CVR {cvr})"
    assert company.kind == Company.Kind.ORDINARY
    case.refresh_from_db()
    assert case.company == company
    assert "oprettet som kladde" in case.events.latest("pk").text


def test_an_invalid_cvr_is_refused_next_to_the_field(caseworker_client):
    case = CaseFactory()

    response = caseworker_client.post(
        change_url(case), form_data(case, link_cvr="12345678", note="Mit notat.")
    )

    assert response.status_code == 200
    assert "CVR-nummer" in str(response.context["adminform"].form.errors["link_cvr"])
    assert "Mit notat." in response.content.decode()
    assert not case.events.filter(kind=CaseEvent.Kind.NOTE).exists()


# --- two caseworkers at once -------------------------------------------------------------


@pytest.fixture
def colleague(django_user_model):
    return django_user_model.objects.create_user(
        username="kollega", first_name="Karl", last_name="Kollega", is_staff=True
    )


def test_a_stale_status_change_is_refused_with_a_conflict_and_keeps_the_typed_text(
    caseworker_client, caseworker, colleague
):
    case = CaseFactory()
    loaded = form_data(case)  # the form as it was shown
    services.change_status(case=case, to=Case.Status.IN_PROGRESS, by=colleague)

    response = caseworker_client.post(
        change_url(case),
        loaded | {"new_status": "closed", "message": "Tak for i dag.", "note": "Lukker."},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert CONFLICT in page
    assert "Tak for i dag." in page and "Lukker." in page
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS
    assert not case.events.filter(text="Lukker.").exists()
    # Trying again from the page that showed the conflict succeeds.
    form = response.context["adminform"].form
    retry = loaded | {"new_status": "closed", "message": "Tak for i dag.", "note": "Lukker."}
    retry["loaded_version"] = form.data["loaded_version"]
    assert caseworker_client.post(change_url(case), retry).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED


def test_a_stale_form_never_undoes_someone_elses_assignment(
    caseworker_client, caseworker, colleague
):
    case = CaseFactory()
    loaded = form_data(case)
    services.assign(case=case, to=colleague, by=colleague)

    response = caseworker_client.post(change_url(case), loaded | {"note": "Ringede til Mette."})

    # Only a note: no conflict, and both changes survive.
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == colleague
    assert case.events.filter(text="Ringede til Mette.", author=caseworker).exists()


def test_two_replies_from_stale_forms_both_survive(caseworker_client, caseworker, colleague):
    case = CaseFactory()
    loaded = form_data(case)
    services.reply(case=case, text="Svar fra Karl.", by=colleague)
    services.assign(case=case, to=colleague, by=colleague)

    caseworker_client.post(change_url(case), loaded | {"message": "Svar fra Sara."})

    texts = set(case.events.filter(kind=CaseEvent.Kind.MESSAGE).values_list("text", flat=True))
    assert texts == {"Svar fra Karl.", "Svar fra Sara."}


def test_editing_a_field_someone_else_changed_meanwhile_is_a_conflict(caseworker_client, colleague):
    case = CaseFactory()
    loaded = form_data(case)
    services.update_case(case=case, changes={"subject": "Karls emne"}, by=colleague)

    response = caseworker_client.post(change_url(case), loaded | {"subject": "Saras emne"})

    assert CONFLICT in response.content.decode()
    case.refresh_from_db()
    assert case.subject == "Karls emne"


def test_every_service_change_bumps_the_version(caseworker):
    case = CaseFactory()
    services.assign(case=case, to=caseworker, by=caseworker)
    services.change_status(case=case, to=Case.Status.IN_PROGRESS, by=caseworker)
    services.update_case(case=case, changes={"subject": "Nyt emne"}, by=caseworker)
    services.add_note(case=case, text="Et notat ændrer ikke sagen.", by=caseworker)
    case.refresh_from_db()
    assert case.version == 3


# --- a reply that cannot be queued --------------------------------------------------------


def test_a_reply_that_cannot_be_queued_leaves_the_case_unchanged(
    caseworker_client, caseworker, monkeypatch
):
    case = CaseFactory()
    events_before = case.events.count()
    outbox_before = OutboxMessage.objects.count()

    def broken_queue(**kwargs):
        raise DatabaseError("outbox is down")

    monkeypatch.setattr(services, "queue_email", broken_queue)
    response = caseworker_client.post(
        change_url(case),
        form_data(
            case,
            new_status="waiting",
            message="Vi mangler jeres vedtægter.",
            note="Et notat.",
            assign_to=caseworker.pk,
        ),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "beskeden er ikke sendt. Sagen er uændret." in page
    assert "Vi mangler jeres vedtægter." in page
    case.refresh_from_db()
    assert (case.status, case.assignee) == (Case.Status.RECEIVED, None)
    assert case.events.count() == events_before
    assert OutboxMessage.objects.count() == outbox_before


def test_a_reply_to_an_enquirer_without_e_mail_is_refused_in_danish(caseworker_client):
    case = CaseFactory()
    case.contact.__class__.objects.filter(pk=case.contact_id).update(email="")

    response = caseworker_client.post(change_url(case), form_data(case, message="Hej."))

    assert response.status_code == 200
    assert "Henvenderen har ingen e-mailadresse" in str(
        response.context["adminform"].form.errors["message"]
    )
    assert not case.events.filter(kind=CaseEvent.Kind.MESSAGE).exists()


# --- who and when ------------------------------------------------------------------------


def test_a_save_on_the_case_page_is_recorded_with_the_caseworker(caseworker_client, caseworker):
    case = CaseFactory()

    caseworker_client.post(
        change_url(case), form_data(case, subject="Nyt emne", assign_to=caseworker.pk)
    )

    records = case.history.order_by("-history_date")[:2]
    assert {record.history_user for record in records} == {caseworker}
    assert records[1].subject == "Nyt emne" or records[0].subject == "Nyt emne"
