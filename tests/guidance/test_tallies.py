"""Article views and self-checks are counted per day on the server, without cookies: a reader's
page view counts, a robot's, a staff member's or a HEAD request does not."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guidance.measures import ARTICLE_VIEW, SELF_CHECK
from guidance.selfcheck import CRITERIA, YES
from portal.dashboard.models import Tally
from tests.guidance.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
ALL_YES = {criterion.key: YES for criterion in CRITERIA}


@pytest.fixture
def reader():
    """Someone reading the site in a browser."""
    return Client(headers={"user-agent": BROWSER})


def counts(name: str) -> dict[str, int]:
    return {
        tally.key: tally.count
        for tally in Tally.objects.filter(name=name, day=timezone.localdate())
    }


def test_each_view_of_a_published_article_counts_once_on_the_days_row(reader):
    article = ArticleFactory(slug="de-fem-kendetegn")
    other = ArticleFactory(slug="finansiering")

    for _view in range(2):
        assert reader.get(article.get_absolute_url()).status_code == 200
    reader.get(other.get_absolute_url())

    # One row per article and day, counted up (the second view updates the first's row).
    assert counts(ARTICLE_VIEW) == {"de-fem-kendetegn": 2, "finansiering": 1}
    assert Tally.objects.count() == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"user-agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"},
        {"user-agent": BROWSER, "sec-purpose": "prefetch;prerender"},
        {},  # no user agent at all: a script
    ],
)
def test_robots_and_prefetches_are_not_readers(client, headers):
    article = ArticleFactory()
    assert client.get(article.get_absolute_url(), headers=headers).status_code == 200
    assert counts(ARTICLE_VIEW) == {}


def test_a_head_request_and_a_staff_member_are_not_counted(reader, caseworker):
    article = ArticleFactory()
    assert reader.head(article.get_absolute_url()).status_code == 200
    reader.force_login(caseworker)
    assert reader.get(article.get_absolute_url()).status_code == 200
    assert counts(ARTICLE_VIEW) == {}


def test_a_draft_article_is_not_found_and_not_counted(reader):
    draft = ArticleFactory(draft=True)
    response = reader.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert counts(ARTICLE_VIEW) == {}


def test_a_self_check_counts_when_its_result_is_shown(reader):
    url = reverse("guidance:self-check-result")

    reader.get(url, ALL_YES)
    reader.get(url, {**ALL_YES, "cvr": "nej"})

    assert counts(SELF_CHECK) == {"": 2}


def test_the_questions_and_an_incomplete_set_of_answers_are_not_a_self_check(reader):
    unanswered = {key: value for key, value in ALL_YES.items() if key != "cvr"}

    reader.get(reverse("guidance:self-check"))
    response = reader.get(reverse("guidance:self-check-result"), unanswered)

    assert "Der er problemer" in response.content.decode()
    assert counts(SELF_CHECK) == {}
