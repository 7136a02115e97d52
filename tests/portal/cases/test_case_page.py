"""The case page: summary, journal timeline, reply templates, CVR link, conflicts, failures."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from portal.accounts import roles
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


def test_use_template_fills_the_message_box_and_saves_nothing(caseworker_client):
    template = ReplyTemplate.objects.create(
        title="Kort svar", body="Vi har set på sagen {sagsnummer}."
    )
    case = CaseFactory()
    events_before, outbox_before = case.events.count(), OutboxMessage.objects.count()

    response = caseworker_client.post(
        change_url(case),
        form_data(case, reply_template=template.pk, note="Mit notat.", subject="Nyt emne")
        | {"_use_template": "1"},
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form["message"].value() == f"Vi har set på sagen {case.reference}."
    page = response.content.decode()
    assert "Skabelonen »Kort svar« er sat ind i beskeden" in page
    assert "Intet er gemt endnu." in page
    assert "Mit notat." in page and "Nyt emne" in page  # nothing typed is lost
    case.refresh_from_db()
    assert case.subject != "Nyt emne"
    assert (case.events.count(), OutboxMessage.objects.count()) == (events_before, outbox_before)


def test_use_template_keeps_a_message_already_typed(caseworker_client):
    template = ReplyTemplate.objects.create(title="Afslutning", body="Tak for samarbejdet.")
    case = CaseFactory()

    response = caseworker_client.post(
        change_url(case),
        form_data(case, reply_template=template.pk, message="Hej Mette.") | {"_use_template": "1"},
    )

    message = response.context["adminform"].form["message"].value()
    assert message == "Hej Mette.\n\nTak for samarbejdet."


def test_use_template_without_choosing_one_says_so(caseworker_client):
    case = CaseFactory()

    response = caseworker_client.post(change_url(case), form_data(case) | {"_use_template": "1"})

    assert "Vælg en svarskabelon" in response.content.decode()


def test_saving_a_template_with_no_message_fills_it_in_instead_of_sending(caseworker_client):
    template = ReplyTemplate.objects.create(title="Kort svar", body="Sag {sagsnummer}.")
    case = CaseFactory()

    response = caseworker_client.post(change_url(case), form_data(case, reply_template=template.pk))

    assert response.status_code == 200
    assert response.context["adminform"].form["message"].value() == f"Sag {case.reference}."
    assert "Læs den, ret den til" in response.content.decode()
    assert not case.events.filter(kind=CaseEvent.Kind.MESSAGE).exists()


def test_the_template_edited_is_what_is_sent(caseworker_client, client):
    template = ReplyTemplate.objects.create(title="Kort svar", body="Sag {sagsnummer}.")
    case = CaseFactory()
    edited = f"Sag {case.reference}. Jeg ringer i morgen."

    response = caseworker_client.post(
        change_url(case), form_data(case, reply_template=template.pk, message=edited)
    )

    assert response.status_code == 302
    assert case.events.get(kind=CaseEvent.Kind.MESSAGE).text == edited
    assert edited in case.messages.latest("pk").body
    assert edited in client.get(case.get_absolute_url()).content.decode()


def test_a_typed_message_wins_over_the_template(caseworker_client):
    template = ReplyTemplate.objects.create(title="Kort svar", body="Skabelontekst.")
    case = CaseFactory()

    caseworker_client.post(
        change_url(case), form_data(case, reply_template=template.pk, message="Mit eget svar.")
    )

    assert case.events.get(kind=CaseEvent.Kind.MESSAGE).text == "Mit eget svar."


def test_the_page_has_a_use_template_button_and_no_blind_previews(caseworker_client):
    ReplyTemplate.objects.create(title="Kort svar", body="Sag {sagsnummer} er modtaget.")
    case = CaseFactory()

    page = caseworker_client.get(change_url(case)).content.decode()

    assert 'name="_use_template"' in page and "Brug skabelonen" in page
    assert f"Sag {case.reference} er modtaget." not in page


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


def test_a_colleagues_change_is_shown_field_by_field(caseworker_client, colleague):
    case = CaseFactory(subject="Café i Haderslev")
    loaded = form_data(case)
    services.update_case(case=case, changes={"subject": "Café i Vojens"}, by=colleague)

    response = caseworker_client.post(change_url(case), loaded | {"subject": "Café i Gram"})

    page = response.content.decode()
    changes = page[page.index('class="module case-conflict"') :]
    assert "Ændret af en anden, mens du arbejdede" in changes
    assert "Emne" in changes and "Café i Haderslev" in changes and "Café i Vojens" in changes
    assert "Karl Kollega" in changes
    assert "Også ændret af en anden, til »Café i Vojens«" in page
    assert "Gem mine ændringer alligevel" in page
    assert "Café i Gram" in page  # what this caseworker typed is kept


def test_a_field_both_changed_is_refused_again_until_the_caseworker_chooses(
    caseworker_client, colleague
):
    case = CaseFactory()
    loaded = form_data(case)
    services.update_case(case=case, changes={"subject": "Karls emne"}, by=colleague)
    first = caseworker_client.post(change_url(case), loaded | {"subject": "Saras emne"})
    retry = dict(first.context["adminform"].form.data.items())

    # Pressing save again on the page that showed the conflict is refused again.
    second = caseworker_client.post(change_url(case), retry)
    assert second.status_code == 200
    assert "Gem mine ændringer alligevel" in second.content.decode()
    case.refresh_from_db()
    assert case.subject == "Karls emne"

    # Ticking the box overwrites, knowingly.
    chosen = dict(second.context["adminform"].form.data.items()) | {"override_conflict": "on"}
    assert caseworker_client.post(change_url(case), chosen).status_code == 302
    case.refresh_from_db()
    assert case.subject == "Saras emne"


def test_a_conflict_on_other_fields_only_saves_on_the_second_press(caseworker_client, colleague):
    case = CaseFactory()
    loaded = form_data(case)
    services.update_case(case=case, changes={"subject": "Karls emne"}, by=colleague)

    first = caseworker_client.post(change_url(case), loaded | {"led_to_arrival": "on"})
    assert CONFLICT in first.content.decode()
    retry = dict(first.context["adminform"].form.data.items())

    assert caseworker_client.post(change_url(case), retry).status_code == 302
    case.refresh_from_db()
    assert (case.subject, case.led_to_arrival) == ("Karls emne", True)


# --- reading the case top-down ----------------------------------------------------------


def test_the_caseworker_is_shown_once_by_name_and_there_are_no_id_boxes(
    caseworker_client, caseworker
):
    case = CaseFactory()
    services.assign(case=case, to=caseworker, by=caseworker)

    page = caseworker_client.get(change_url(case)).content.decode()

    assert "field-assignee" not in page  # no read-only copy beside the select
    assert f'<option value="{caseworker.pk}" selected>Sara Sagsbehandler</option>' in page
    assert "vForeignKeyRawIdAdminField" not in page
    assert ">sara<" not in page


def test_the_page_reads_summary_details_others_journal_then_actions(caseworker_client):
    case = CaseFactory()
    page = caseworker_client.get(change_url(case)).content.decode()

    order = [
        'class="module case-summary"',
        'class="module case-others"',
        'class="module case-timeline"',
        'id="messages-group"',
        'name="new_status"',
    ]
    assert [page.index(marker) for marker in order] == sorted(page.index(m) for m in order)


def test_other_cases_from_the_same_email_or_company_are_linked(caseworker_client):
    company = CompanyFactory(name="Café Kernen")
    case = CaseFactory(contact=ContactFactory(email="mette@example.dk"))
    same_email = CaseFactory(
        contact=ContactFactory(email="Mette@Example.dk"), subject="Et gammelt spørgsmål"
    )
    Case.objects.filter(pk=same_email.pk).update(status=Case.Status.CLOSED)
    same_company = CaseFactory(company=company)
    Case.objects.filter(pk=case.pk).update(company=company)
    unrelated = CaseFactory()

    page = caseworker_client.get(change_url(case)).content.decode()
    others = page[page.index('class="module case-others"') : page.index("case-timeline")]

    assert change_url(same_email) in others and change_url(same_company) in others
    assert "Et gammelt spørgsmål" in others and "Afsluttet" in others
    assert "samme e-mail" in others and "samme virksomhed" in others
    assert unrelated.reference not in others
    assert f">{case.reference}<" not in others


def test_a_case_with_no_others_says_so(caseworker_client):
    page = caseworker_client.get(change_url(CaseFactory())).content.decode()
    assert "Ingen andre sager." in page


@pytest.fixture
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_enquirers_answer_is_shown_as_theirs_with_its_files(caseworker_client, private_media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.cases.enquirer import receive_answer

    case = CaseFactory(contact=ContactFactory(name="Mette Hansen"))
    receive_answer(
        case=case,
        text="Her er vores vedtægter.",
        files=[SimpleUploadedFile("vedtaegter.pdf", b"%PDF-1.4 test", "application/pdf")],
    )

    page = caseworker_client.get(change_url(case)).content.decode()
    timeline = page[page.index('class="module case-timeline"') :]

    assert 'class="enquirer"' in timeline
    assert "Svar fra henvender" in timeline
    assert "Mette Hansen (henvender)" in timeline
    assert "Her er vores vedtægter." in timeline
    assert "vedtaegter.pdf" in timeline


def test_the_case_page_query_count_does_not_grow_with_the_journal(
    caseworker_client, caseworker, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = CaseFactory(company=CompanyFactory())
    CaseFactory(contact=ContactFactory(email=case.contact.email))
    services.add_note(case=case, text="Første notat.", by=caseworker)
    caseworker_client.get(change_url(case))  # fills the per-process caches
    with CaptureQueriesContext(connection) as few:
        caseworker_client.get(change_url(case))

    for n in range(20):
        services.add_note(case=case, text=f"Notat {n}.", by=caseworker)
    with django_assert_max_num_queries(len(few)):
        response = caseworker_client.get(change_url(case))
    assert "Notat 19." in response.content.decode()
    assert len(few) <= 40


def test_the_legal_hold_link_is_for_a_manager_only(client, caseworker, manager):
    from portal.cases.case_page import case_tools

    case = CaseFactory()
    manager_links = [label for label, _url in case_tools(manager, case)]
    caseworker_links = [label for label, _url in case_tools(caseworker, case)]

    assert "Retslig tilbageholdelse" not in caseworker_links
    try:
        reverse("admin:cases_case_legal_hold", args=[case.pk])
    except Exception:  # the page is not there yet: no link for anybody
        assert "Retslig tilbageholdelse" not in manager_links
    else:
        assert "Retslig tilbageholdelse" in manager_links


# --- who a case can be given to -------------------------------------------------------------


def assignable(response) -> list[str]:
    field = response.context["adminform"].form.fields["assign_to"]
    return [label for value, label in field.choices if value]


def test_a_case_is_given_only_to_active_staff_with_a_role(
    caseworker_client, manager, outsider, django_user_model
):
    django_user_model.objects.create_superuser(
        username="root", email="root@haderslev.dk", first_name="Drift", last_name="Konto"
    )
    gone = django_user_model.objects.create_user(
        username="ole", first_name="Ole", last_name="Fratrådt", is_staff=True, is_active=False
    )
    gone.groups.set([Group.objects.get(name=roles.CASEWORKER)])

    response = caseworker_client.get(change_url(CaseFactory()))

    assert assignable(response) == ["Lene Leder", "Sara Sagsbehandler"]
    page = response.content.decode()
    assert "Drift Konto" not in page and "Per Praktikant" not in page and "Ole Fratrådt" not in page


def test_a_superuser_without_a_role_cannot_be_given_the_case(caseworker_client, django_user_model):
    root = django_user_model.objects.create_superuser(username="root", email="root@haderslev.dk")
    case = CaseFactory()

    response = caseworker_client.post(change_url(case), form_data(case, assign_to=root.pk))

    assert response.status_code == 200
    assert "assign_to" in response.context["adminform"].form.errors
    case.refresh_from_db()
    assert case.assignee is None


def test_the_caseworker_who_has_the_case_stays_selected_after_losing_the_role(
    caseworker_client, outsider
):
    case = CaseFactory()
    services.assign(case=case, to=outsider, by=outsider)

    response = caseworker_client.get(change_url(case))
    assert "Per Praktikant" in assignable(response)
    # Saving something else does not take the case from them.
    case.refresh_from_db()
    caseworker_client.post(change_url(case), form_data(case, note="Et notat."))
    case.refresh_from_db()
    assert case.assignee == outsider


def _said_after(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_after_a_save_the_caseworker_is_told_what_reached_the_enquirer(caseworker_client):
    case = CaseFactory(contact=ContactFactory(name="Mette Hansen", email="mette@example.dk"))

    replied = caseworker_client.post(
        change_url(case),
        form_data(case, message="Vi ringer i morgen.", note="Har talt med jobcentret."),
        follow=True,
    )

    assert replied.redirect_chain[-1][0].startswith(reverse("admin:cases_case_changelist"))
    assert _said_after(replied) == [
        f"{case.reference}: Beskeden er sendt til Mette Hansen og vist på statussiden. "
        "Notatet er gemt."
    ]


def test_a_status_change_without_an_email_says_so(caseworker_client):
    case = CaseFactory()

    closed = caseworker_client.post(
        change_url(case), form_data(case, new_status=Case.Status.CLOSED), follow=True
    )

    assert _said_after(closed) == [
        f"{case.reference}: Status er nu »Afsluttet«. Der er ikke sendt en e-mail."
    ]
    assert not OutboxMessage.objects.filter(subject__contains="Afsluttet").exists()


def test_save_and_continue_stays_on_the_case(caseworker_client):
    case = CaseFactory()

    stayed = caseworker_client.post(
        change_url(case), {**form_data(case, note="Ringer igen fredag."), "_continue": "1"}
    )

    assert stayed.status_code == 302 and stayed.url == change_url(case)
