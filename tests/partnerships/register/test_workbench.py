import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Partnership
from partnerships.register.selectors import quiet_partnerships
from tests.partnerships.factories import ActivityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _partnership(title: str, *, created_days_ago: int, status="development", activity=None):
    partnership = PartnershipFactory(title=title, status=status)
    created = timezone.make_aware(
        datetime.datetime.combine(_days_ago(created_days_ago), datetime.time(9))
    )
    Partnership.objects.filter(pk=partnership.pk).update(created_at=created)
    if activity is not None:
        ActivityFactory(partnership=partnership, date=_days_ago(activity))
    return partnership


@pytest.fixture
def partnerships():
    _partnership("Møde for 91 dage siden", created_days_ago=200, activity=91)
    _partnership("Aldrig et møde, oprettet for 91 dage siden", created_days_ago=91)
    _partnership("Møde for 89 dage siden", created_days_ago=200, activity=89)
    _partnership("Oprettet for 89 dage siden", created_days_ago=89)
    _partnership("Afsluttet og stille", created_days_ago=300, status="ended", activity=200)


def test_quiet_means_neither_an_activity_nor_the_creation_in_the_last_90_days(partnerships):
    assert {p.title for p in quiet_partnerships()} == {
        "Møde for 91 dage siden",
        "Aldrig et møde, oprettet for 91 dage siden",
    }


def test_the_tile_counts_them_and_links_to_the_filtered_list(caseworker_client, partnerships):
    html = caseworker_client.get(reverse("admin:index")).content.decode()
    assert "Partnerskaber uden aktivitet i 3 måneder" in html
    url = reverse("admin:partnerships_partnership_changelist") + "?aktivitet=ingen-i-3-maaneder"
    assert url in html

    response = caseworker_client.get(url)
    assert {p.title for p in response.context["cl"].result_list} == {
        "Møde for 91 dage siden",
        "Aldrig et møde, oprettet for 91 dage siden",
    }
    assert "Ingen aktivitet i 3 måneder" in response.content.decode()


def test_staff_without_a_role_get_no_tile(outsider_client, partnerships):
    html = outsider_client.get(reverse("admin:index")).content.decode()
    assert "Partnerskaber uden aktivitet" not in html
