"""A status change for many cases at once asks first, and says who would get an e-mail."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from portal.cases.models import Case, CaseEvent
from portal.notifications.models import OutboxMessage
from portal.registry.models import Contact
from tests.factories import ContactFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("admin:cases_case_changelist")
# Every case, closed ones too (the inbox shows open cases unless asked).
ALL_CASES = f"{INBOX}?aaben=alle"


def queued_after_receipts(before: int) -> list[str]:
    return [m.to for m in OutboxMessage.objects.order_by("pk")[before:]]


@pytest.fixture
def two_cases():
    with_email = CaseFactory(contact=ContactFactory(name="Mette Hansen", email="mette@example.dk"))
    # Opened by hand from a phone call: no address (the factory's receipt needs one).
    without_email = CaseFactory(contact=ContactFactory(name="Ole Olsen"))
    Contact.objects.filter(pk=without_email.contact_id).update(email="")
    without_email.refresh_from_db()
    return with_email, without_email


def send_box(page: str) -> str:
    """The "Send besked til henvender" checkbox's tag."""
    match = re.search(r'<input type="checkbox" name="send_to_enquirer"[^>]*>', page)
    assert match, "no checkbox"
    return match.group(0)


def choose(action: str, *cases: Case) -> dict:
    return {"action": action, "_selected_action": [case.pk for case in cases]}


def test_the_confirmation_lists_the_cases_and_who_gets_an_e_mail_and_changes_nothing(
    caseworker_client, two_cases
):
    with_email, without_email = two_cases
    mails = OutboxMessage.objects.count()

    response = caseworker_client.post(INBOX, choose("close", with_email, without_email))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Skift status til »Afsluttet«?" in page
    assert with_email.reference in page and without_email.reference in page
    assert "mette@example.dk" in page
    assert "Ingen e-mailadresse: får ingen e-mail" in page
    assert "får 1 henvender en e-mail" in page
    assert "1 har ingen e-mailadresse og får ingen e-mail." in page
    # Closing is not a step the enquirer must take: no e-mail unless the caseworker ticks it.
    assert "Send besked til henvender" in page
    assert "checked" not in send_box(page)
    assert set(Case.objects.values_list("status", flat=True)) == {Case.Status.RECEIVED}
    assert OutboxMessage.objects.count() == mails


def test_waiting_for_the_enquirer_always_e_mails_and_says_why(caseworker_client, two_cases):
    with_email, _without_email = two_cases

    page = caseworker_client.post(INBOX, choose("mark_waiting", with_email)).content.decode()

    box = send_box(page)
    assert "checked" in box and "disabled" in box
    assert "Sagen skal vente på henvenderen, så henvenderen skal have besked" in page
    assert "Henvenderen får en e-mail om den nye status." in page


def test_waiting_leaves_out_and_names_the_enquirers_without_an_address(
    caseworker_client, two_cases
):
    with_email, without_email = two_cases

    page = caseworker_client.post(INBOX, choose("mark_waiting", *two_cases)).content.decode()

    left_out = page[page.index("Ændres ikke") :]
    assert "Disse henvendere har ingen e-mailadresse og kan ikke få besked herfra" in left_out
    assert without_email.reference in left_out and "Ole Olsen" in left_out
    form = page[page.index('name="post"') - 2000 : page.index('name="post"')]
    assert f'value="{with_email.pk}"' in form and f'value="{without_email.pk}"' not in form
    assert "Ingen e-mailadresse: får ingen e-mail" not in page


def test_confirmed_waiting_e_mails_even_unticked_and_leaves_out_those_without_an_address(
    caseworker_client, two_cases
):
    with_email, without_email = two_cases
    mails = OutboxMessage.objects.count()

    # A disabled box is not posted: the e-mail goes all the same.
    response = caseworker_client.post(
        INBOX, {**choose("mark_waiting", *two_cases), "post": "yes"}, follow=True
    )

    with_email.refresh_from_db()
    without_email.refresh_from_db()
    assert with_email.status == Case.Status.WAITING
    assert with_email.events.get(new_status=Case.Status.WAITING).shared_with_enquirer
    assert without_email.status == Case.Status.RECEIVED
    assert not without_email.events.filter(new_status=Case.Status.WAITING).exists()
    assert queued_after_receipts(mails) == ["mette@example.dk"]
    page = response.content.decode()
    assert "1 sag har fået status »Afventer henvender«. 1 henvender får en e-mail." in page
    assert (
        f"1 sag er ikke ændret, fordi henvenderen ikke har en e-mailadresse og skal have besked, "
        f"når sagen venter på henvenderen: {without_email.reference}." in page
    )


def test_waiting_with_no_enquirer_to_tell_changes_nothing_and_says_why(
    caseworker_client, two_cases
):
    _with_email, without_email = two_cases

    response = caseworker_client.post(INBOX, choose("mark_waiting", without_email), follow=True)

    page = response.content.decode()
    assert "Ingen af de valgte sager kan få status »Afventer henvender«." in page
    assert (
        "ikke har en e-mailadresse og skal have besked, når sagen venter på henvenderen: "
        f"{without_email.reference}." in page
    )
    without_email.refresh_from_db()
    assert without_email.status == Case.Status.RECEIVED


def test_confirmed_without_a_message_changes_status_and_sends_nothing(
    caseworker_client, caseworker, two_cases
):
    mails = OutboxMessage.objects.count()

    response = caseworker_client.post(
        INBOX, {**choose("close", *two_cases), "post": "yes"}, follow=True
    )

    assert set(Case.objects.values_list("status", flat=True)) == {Case.Status.CLOSED}
    assert OutboxMessage.objects.count() == mails
    event = CaseEvent.objects.filter(new_status=Case.Status.CLOSED).first()
    assert event.author == caseworker and not event.shared_with_enquirer
    assert "2 sager har fået status »Afsluttet«. Ingen henvendere får en e-mail." in (
        response.content.decode()
    )


def test_confirmed_with_a_message_e_mails_only_those_with_an_address(caseworker_client, two_cases):
    with_email, without_email = two_cases
    mails = OutboxMessage.objects.count()

    response = caseworker_client.post(
        INBOX,
        {**choose("mark_in_progress", *two_cases), "post": "yes", "send_to_enquirer": "on"},
        follow=True,
    )

    assert set(Case.objects.values_list("status", flat=True)) == {Case.Status.IN_PROGRESS}
    assert queued_after_receipts(mails) == ["mette@example.dk"]
    assert with_email.events.get(new_status=Case.Status.IN_PROGRESS).shared_with_enquirer
    assert not without_email.events.get(new_status=Case.Status.IN_PROGRESS).shared_with_enquirer
    assert "1 henvender får en e-mail." in response.content.decode()


def test_cases_that_cannot_change_are_named_and_left_out(caseworker_client):
    received = CaseFactory()
    closed = CaseFactory(status=Case.Status.CLOSED)

    page = caseworker_client.post(
        ALL_CASES, choose("mark_waiting", received, closed)
    ).content.decode()

    assert "kan ikke få status »Afventer henvender« og bliver ikke ændret" in page
    assert f"{closed.reference} {closed.subject} (har status »Afsluttet«)" in page
    form = page[page.index('name="post"') - 2000 : page.index('name="post"')]
    assert f'value="{received.pk}"' in form and f'value="{closed.pk}"' not in form


def test_when_no_case_can_change_the_list_says_so(caseworker_client):
    closed = CaseFactory(status=Case.Status.CLOSED)

    response = caseworker_client.post(INBOX, choose("close", closed), follow=True)

    assert "Ingen af de valgte sager kan få status »Afsluttet«." in response.content.decode()


def test_taking_cases_is_still_done_at_once(caseworker_client, caseworker, two_cases):
    caseworker_client.post(INBOX, choose("take", *two_cases))
    assert set(Case.objects.values_list("assignee", flat=True)) == {caseworker.pk}


def test_the_confirmation_page_posts_back_with_its_csrf_token(caseworker, two_cases):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(caseworker)
    token = csrf_client.get(INBOX).cookies["csrftoken"].value

    confirmation = csrf_client.post(
        INBOX, {**choose("close", *two_cases), "csrfmiddlewaretoken": token}
    )

    assert 'name="csrfmiddlewaretoken"' in confirmation.content.decode()
