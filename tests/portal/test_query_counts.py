"""Every page named here costs the same number of queries with 5 objects as with 50.

The count is measured on the small data set (after one request that fills the per-process
caches), then 45 more objects are made and the page must cost exactly as much again.
"""

import datetime

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance.models import Article
from portal.cases import services
from portal.cases.models import Case
from tests.factories import CompanyFactory
from tests.guidance.factories import ArticleAttachmentFactory, ArticleFactory, OutreachFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

CASES = reverse("admin:cases_case_changelist")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _articles(n: int) -> None:
    ArticleFactory.create_batch(
        n,
        summary="Sådan starter du en socialøkonomisk virksomhed.",
        theme=factory.Iterator(Article.Theme.values),
    )


def _everything(n: int) -> None:
    """n articles, companies, cases and logged contacts: what the public pages might show."""
    _articles(n)
    companies = CompanyFactory.create_batch(n, listing_consent=True)
    for company in companies:
        CaseFactory(company=company)
        OutreachFactory(company=company)


def _cases(n: int, caseworker=None) -> None:
    CaseFactory.create_batch(
        n,
        company=factory.SubFactory(CompanyFactory),
        assignee=caseworker,
        deadline=timezone.localdate() - datetime.timedelta(days=3),
    )


def _assert_same_queries_for_5_and_50(client, url, create, django_assert_num_queries):
    create(5)
    assert client.get(url).status_code == 200  # fills the caches: site settings, content types
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    create(45)

    with django_assert_num_queries(len(small)):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_front_page(client, django_assert_num_queries):
    _assert_same_queries_for_5_and_50(client, "/", _everything, django_assert_num_queries)


def test_article_list(client, django_assert_num_queries):
    response = _assert_same_queries_for_5_and_50(
        client, reverse("guidance:article-list"), _everything, django_assert_num_queries
    )

    assert sum(len(group.articles) for group in response.context["theme_groups"]) == 50


def test_article_page_with_attachments_and_related_articles(client, django_assert_num_queries):
    article = ArticleFactory(theme=Article.Theme.ADVICE)

    def create(n: int) -> None:
        ArticleAttachmentFactory.create_batch(n, article=article)
        ArticleFactory.create_batch(n, theme=Article.Theme.ADVICE)

    response = _assert_same_queries_for_5_and_50(
        client, article.get_absolute_url(), create, django_assert_num_queries
    )

    assert len(response.context["attachments"]) == 50


def test_search(client, django_assert_num_queries):
    response = _assert_same_queries_for_5_and_50(
        client, f"{reverse('pages:search')}?q=virksomhed", _everything, django_assert_num_queries
    )

    assert response.context["hit_count"] > 5


@pytest.mark.parametrize(
    "query",
    ["", "?status__exact=received", "?overskredet=ja", "?q=Virksomhed", "?assignee__id__exact=1"],
    ids=["all", "status", "overdue", "search", "assignee"],
)
def test_case_inbox(caseworker_client, caseworker, django_assert_num_queries, query):
    query = query.replace("assignee__id__exact=1", f"assignee__id__exact={caseworker.pk}")

    response = _assert_same_queries_for_5_and_50(
        caseworker_client,
        f"{CASES}{query}",
        lambda n: _cases(n, caseworker),
        django_assert_num_queries,
    )

    assert response.context["cl"].result_count == 50
    assert Case.objects.count() == 50


def test_case_page_with_its_journal_and_e_mails(
    caseworker_client, caseworker, django_assert_num_queries
):
    case = CaseFactory(company=CompanyFactory())

    def create(n: int) -> None:
        for i in range(n):
            services.add_note(case=case, text=f"Notat {i}", by=caseworker)
            services.reply(case=case, text=f"Svar {i}", by=caseworker)

    response = _assert_same_queries_for_5_and_50(
        caseworker_client,
        reverse("admin:cases_case_change", args=[case.pk]),
        create,
        django_assert_num_queries,
    )

    assert response.content.decode().count("Notat ") >= 50
