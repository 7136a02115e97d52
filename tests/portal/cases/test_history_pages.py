"""The history pages (portal.history.PortalHistoryAdmin): Danish, names, readable values, and a
revert only a manager may make, for a case through the journal."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from portal.cases import services
from portal.cases.models import Case, CaseEvent, ReplyTemplate
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def history_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def version_url(obj, record) -> str:
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_simple_history"
    return reverse(name, args=[obj.pk, record.history_id])


def first_version(obj):
    return obj.history.order_by("history_date", "history_id").first()


def danish(day) -> str:
    return formats.date_format(day, "j. F Y")


@pytest.fixture
def worked_case(caseworker):
    """Opened by the public form, then taken, edited and moved on by Sara."""
    case = CaseFactory(subject="Hjælp til en café")
    old_deadline = case.deadline
    services.assign(case=case, to=caseworker, by=caseworker)
    services.update_case(
        case=case,
        changes={"subject": "Hjælp til en kantine", "deadline": old_deadline + timedelta(days=7)},
        by=caseworker,
    )
    services.change_status(
        case=case, to=Case.Status.IN_PROGRESS, by=caseworker, share_with_enquirer=False
    )
    case.old_deadline = old_deadline
    return case


def test_history_is_danish_with_names_and_readable_values(caseworker_client, worked_case):
    page = caseworker_client.get(history_url(worked_case)).content.decode()

    assert f"Historik for {worked_case}" in page
    assert "Systemet (en offentlig formular eller baggrundsjob)" in page  # the public form
    assert "Sara Sagsbehandler" in page and ">sara<" not in page
    assert "Deleted" not in page and "pk=None" not in page
    assert "Sagsbehandler:</strong> – → Sara Sagsbehandler" in page
    assert "Status:</strong> Modtaget → Under behandling" in page
    assert "Emne:</strong> Hjælp til en café → Hjælp til en kantine" in page
    new_deadline = worked_case.old_deadline + timedelta(days=7)
    assert f"{danish(worked_case.old_deadline)} → {danish(new_deadline)}" in page
    assert "Oprettet" in page and "Ændret" in page
    assert "Version:" not in page  # the counter every save bumps is not a change to read


def test_a_caseworker_reads_an_old_version_but_is_not_offered_a_revert(
    caseworker_client, worked_case
):
    history = caseworker_client.get(history_url(worked_case)).content.decode()
    assert "sætte det tilbage" not in history

    page = caseworker_client.get(version_url(worked_case, first_version(worked_case)))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Hjælp til en café" in text and "Systemet" in text
    assert "Sæt tilbage til denne version" not in text
    assert "<textarea" not in text and 'name="subject"' not in text  # read-only


def test_a_caseworkers_revert_by_post_is_refused_and_changes_nothing(
    caseworker_client, worked_case
):
    response = caseworker_client.post(version_url(worked_case, first_version(worked_case)))

    assert response.status_code == 403
    worked_case.refresh_from_db()
    assert worked_case.subject == "Hjælp til en kantine"


def test_a_manager_reverts_a_case_through_the_journal(manager_client, manager, worked_case):
    version = worked_case.version
    url = version_url(worked_case, first_version(worked_case))

    page = manager_client.get(url).content.decode()
    assert "Sæt tilbage til denne version" in page
    assert "Status og sagsbehandler sættes ikke tilbage" in page
    response = manager_client.post(url)

    assert response.url == reverse("admin:cases_case_change", args=[worked_case.pk])
    worked_case.refresh_from_db()
    assert worked_case.subject == "Hjælp til en café"
    assert worked_case.deadline == worked_case.old_deadline
    assert worked_case.status == Case.Status.IN_PROGRESS  # only through change_status
    assert worked_case.version == version + 1
    note = worked_case.events.latest("pk")
    assert (note.kind, note.author) == (CaseEvent.Kind.NOTE, manager)
    assert note.text.startswith("Sagen er sat tilbage til versionen fra ")
    assert "Emne: Hjælp til en kantine → Hjælp til en café" in note.text
    assert LogEntry.objects.filter(object_id=str(worked_case.pk), user=manager).exists()
    latest = worked_case.history.latest("history_date")
    assert latest.history_user == manager


def test_a_reply_template_is_reverted_by_a_manager_only(client, caseworker, manager):
    template = ReplyTemplate(title="Tak", body="Tak for din henvendelse, {navn}.")
    template._history_user = caseworker
    template.save()
    template.body = "Tak for din besked."
    template._history_user = caseworker
    template.save()
    url = version_url(template, first_version(template))

    client.force_login(caseworker)
    assert client.post(url).status_code == 403
    template.refresh_from_db()
    assert template.body == "Tak for din besked."
    client.force_login(manager)
    client.post(url)

    template.refresh_from_db()
    assert template.body == "Tak for din henvendelse, {navn}."
    assert template.history.latest("history_date").history_user == manager
    page = client.get(history_url(template)).content.decode()
    assert "Gendannet til versionen fra" in page and "Lene Leder" in page


def test_reverting_to_the_version_it_is_now_changes_nothing(manager_client, caseworker):
    case = CaseFactory()
    record = case.history.latest("history_date")

    manager_client.post(version_url(case, record))

    assert not case.events.filter(text__startswith="Sagen er sat tilbage").exists()


def test_history_page_queries_do_not_grow_with_the_changes(caseworker_client, caseworker):
    def queries_for(changes: int) -> int:
        case = CaseFactory()
        for number in range(changes):
            services.update_case(case=case, changes={"subject": f"Emne {number}"}, by=caseworker)
        caseworker_client.get(history_url(case))
        with CaptureQueriesContext(connection) as queries:
            assert caseworker_client.get(history_url(case)).status_code == 200
        return len(queries)

    assert queries_for(20) == queries_for(2)


def test_an_old_version_shows_dates_in_danish(caseworker_client, worked_case):
    record = first_version(worked_case)

    page = caseworker_client.get(version_url(worked_case, record)).content.decode()

    assert danish(worked_case.old_deadline) in page
    assert danish(timezone.localtime(record.history_date)) in page
