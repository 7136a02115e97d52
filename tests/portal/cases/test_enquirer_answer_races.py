"""One answer form posted twice at the same moment, as two app servers would take it: one
answer. PostgreSQL only (SQLite serialises every write)."""

import pytest
from django.test import Client

from portal.cases.models import CaseEvent
from tests.concurrency import at_once
from tests.portal.cases.factories import CaseFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def test_one_answer_form_sent_twice_at_once_stores_one_answer():
    case = CaseFactory()
    posted = {"text": "Tirsdag kl. 14 passer fint.", "answer_key": "en-nøgle-til-én-formular"}

    responses = at_once(lambda _n: Client().post(case.get_absolute_url(), posted), times=2)

    assert [response.status_code for response in responses] == [302, 302]
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.ENQUIRER_REPLY).count() == 1
