import pytest
from django.utils.dateformat import format as date_format

from tests.entrepreneurs.factories import GrantApplicationFactory

pytestmark = pytest.mark.django_db


def test_status_page_shows_what_was_applied_for_and_the_expected_decision(client):
    application = GrantApplicationFactory()
    page = client.get(application.case.get_absolute_url()).content.decode()
    assert "Din ansøgning" in page
    assert "40.000 kr." in page
    assert "Café Kanten" in page
    assert "Forventet afgørelse senest" in page
    assert "Forventet svar senest" not in page
    assert date_format(application.case.deadline, "j. F Y") in page
    assert application.expected_decision_on == application.case.deadline
