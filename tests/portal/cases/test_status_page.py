"""The enquirer's private status page, reached through the link in the receipt."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.html import strip_tags

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
    # The status change with a message answered the enquirer: no deadline is promised now.
    assert "Besvaret" in page and "4. december 2026" not in page
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
    # The case, its messages, their files (one query for all), each section its own.
    with django_assert_max_num_queries(6):
        client.get(case.get_absolute_url())


def summary_rows(page: str) -> list[tuple[str, str]]:
    """The page's summary list as (label, value) pairs, as a screen reader reads the table."""
    rows = re.findall(r'<th scope="row"[^>]*>(.*?)</th>\s*<td>(.*?)</td>', page, re.S)
    return [(strip_tags(label).strip(), strip_tags(value).strip()) for label, value in rows]


def test_the_summary_is_a_dkfds_list_whose_labels_do_not_repeat_the_status(client):
    case = CaseFactory(deadline=date(2026, 12, 4))
    received = date_format(timezone.localtime(case.created_at), "j. F Y")

    page = client.get(case.get_absolute_url()).content.decode()

    assert 'class="table structured-list' in page
    assert "<dl>" not in page and "<ol>" not in page
    assert summary_rows(page) == [
        ("Status", "Modtaget"),
        ("Sendt til os", received),
        ("Forventet svar senest", "4. december 2026"),
    ]


def test_once_answered_the_summary_says_when_and_the_next_step_instead_of_the_deadline(
    client, caseworker
):
    case = CaseFactory(deadline=date(2026, 12, 4))
    services.reply(case=case, text="Vi sender et tilbud i næste uge.", by=caseworker)
    services.update_case(case=case, changes={"next_deadline": date(2026, 12, 18)}, by=caseworker)
    case.refresh_from_db()
    answered = date_format(timezone.localtime(case.first_answer_at), "j. F Y")

    page = client.get(case.get_absolute_url()).content.decode()

    rows = dict(summary_rows(page))
    assert rows["Besvaret"] == answered
    assert rows["Næste skridt senest"] == "18. december 2026"
    assert "Forventet svar senest" not in rows


def test_every_time_element_has_a_valid_html_datetime(client, caseworker):
    case = CaseFactory(deadline=date(2026, 12, 4))
    services.reply(case=case, text="Vi ringer i morgen.", by=caseworker)

    page = client.get(case.get_absolute_url()).content.decode()

    values = re.findall(r'<time datetime="([^"]*)"', page)
    assert len(values) == 4  # received, answered, and the two messages
    for value in values:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?", value), value


def test_a_topic_stored_in_danish_is_shown_in_the_visitors_language(client):
    case = CaseFactory(subject="Socialt ansvar i min virksomhed")

    with translation.override("en"):
        url = reverse("cases:status", args=[case.public_token])
    page = client.get(url).content.decode()

    assert '<html lang="en"' in page
    assert "Social responsibility in my company" in page
    assert "Socialt ansvar i min virksomhed" not in page
    assert "The case has been received" in page


def test_a_subject_without_a_translation_is_marked_as_danish(client):
    case = CaseFactory(subject="Hjælp til vores café")

    with translation.override("de"):
        url = reverse("cases:status", args=[case.public_token])
    page = client.get(url).content.decode()

    assert '<p class="font-lead" lang="da">Hjælp til vores café</p>' in page
