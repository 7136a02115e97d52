"""The enquirer's private status page, reached through the link in the receipt."""

from datetime import date

import pytest
from django.urls import reverse

from portal.cases import services
from portal.cases.models import Case
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_citizen_sees_reference_status_dates_and_shared_messages(client, caseworker):
    case = CaseFactory(deadline=date(2026, 12, 4))
    services.add_note(case=case, text="Internt: virker useriøs?", by=caseworker)
    services.change_status(
        case=case,
        to=Case.Status.WAITING,
        by=caseworker,
        message="Send os jeres budget, så ser vi på det.",
    )

    response = client.get(reverse("cases:status", args=[case.public_token]))

    page = response.content.decode()
    assert response.status_code == 200
    assert case.reference in page
    assert "Afventer dig" in page
    assert "4. december 2026" in page
    assert case.created_at.strftime("%Y") in page
    assert "Send os jeres budget, så ser vi på det." in page
    assert "Sagen er modtaget" in page
    assert "Internt: virker useriøs?" not in page


def test_a_status_change_kept_internal_is_not_shown(client, caseworker):
    case = CaseFactory()
    services.change_status(
        case=case,
        to=Case.Status.IN_PROGRESS,
        by=caseworker,
        message="Internt: afventer leder",
        share_with_enquirer=False,
    )

    page = client.get(case.get_absolute_url()).content.decode()

    assert "Under behandling" in page
    assert "Internt: afventer leder" not in page


def test_a_wrong_token_finds_nothing(client):
    case = CaseFactory()
    assert client.get(reverse("cases:status", args=["gaet-et-token"])).status_code == 404
    assert client.get(reverse("cases:status", args=[case.public_token[:-1]])).status_code == 404


def test_the_page_is_private(client):
    response = client.get(CaseFactory().get_absolute_url())
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


def test_the_status_link_is_at_sag(client):
    case = CaseFactory()
    assert case.get_absolute_url() == f"/sag/{case.public_token}/"


def test_status_page_query_count_does_not_grow_with_messages(
    client, caseworker, django_assert_max_num_queries
):
    case = CaseFactory()
    for n in range(10):
        services.reply(case=case, text=f"Besked {n}", by=caseworker)
    with django_assert_max_num_queries(4):
        client.get(case.get_absolute_url())
