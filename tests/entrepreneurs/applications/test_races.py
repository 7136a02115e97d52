"""The same draft sent from several browsers at the same moment opens one case (PostgreSQL)."""

import pytest
from django.test import Client

from entrepreneurs.models import ApplicationAttachment, ApplicationDraft, GrantApplication
from portal.cases.models import Case
from portal.notifications.models import OutboxMessage
from tests.concurrency import at_once
from tests.entrepreneurs.applications.answers import fill_all_steps, step_url
from tests.entrepreneurs.applications.files import upload

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_ten_submits_of_one_draft_at_once_open_one_case_and_send_one_receipt(client, draft):
    fill_all_steps(client, draft)
    client.post(step_url(draft, "bilag"), {"files": [upload("plan.pdf")], "action": "upload"})
    OutboxMessage.objects.all().delete()

    def submit(_n):
        response = Client().post(
            step_url(draft, "indsend"), {"action": "submit", "declaration": "on"}
        )
        return response.status_code, response.headers.get("Location")

    results = at_once(submit, times=10)

    case = Case.objects.get()
    assert GrantApplication.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
    assert ApplicationAttachment.objects.get().application_id == case.pk
    assert ApplicationDraft.objects.get().submitted_case == case
    # Each browser got the receipt of the one case, or the page that says it was sent.
    assert {status for status, _location in results} <= {200, 302}
