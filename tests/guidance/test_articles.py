import datetime

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance.models import Article
from tests.guidance.factories import PDF_BYTES, ArticleAttachmentFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_article_list_groups_published_articles_by_theme(client):
    ArticleFactory(title="Vælg virksomhedsform", theme=Article.Theme.ENTREPRENEURS)
    ArticleFactory(title="Hvad er socialøkonomi?", theme=Article.Theme.ADVICE)
    ArticleFactory(title="Fælles tredje", theme=Article.Theme.PARTNERSHIPS)

    response = client.get(reverse("guidance:article-list"))

    page = response.content.decode()
    assert response.status_code == 200
    # Themes in the strategy's order, each article under its theme.
    advice = page.index('<h2 id="theme-advice">Råd og vejledning</h2>')
    partnerships = page.index('<h2 id="theme-partnerships">Partnerskaber</h2>')
    entrepreneurs = page.index("Støtte til iværksættere</h2>")
    assert advice < page.index("Hvad er socialøkonomi?") < partnerships
    assert partnerships < page.index("Fælles tredje") < entrepreneurs
    assert entrepreneurs < page.index("Vælg virksomhedsform")
    assert "Netværk og sparring</h2>" not in page  # no empty themes


def test_article_list_shows_summary_and_review_date_in_danish(client):
    ArticleFactory(summary="Sådan starter du.", last_reviewed=datetime.date(2026, 11, 28))

    page = client.get(reverse("guidance:article-list")).content.decode()

    assert "Sådan starter du." in page
    assert "Senest gennemgået 28. november 2026" in page


def test_unpublished_and_future_articles_are_hidden(client):
    draft = ArticleFactory(title="Kladde om fonde", draft=True)
    future = ArticleFactory(
        title="Kommer senere", published_at=timezone.now() + datetime.timedelta(days=3)
    )

    page = client.get(reverse("guidance:article-list")).content.decode()

    assert "Kladde om fonde" not in page
    assert "Kommer senere" not in page
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404


def test_publishing_without_a_date_publishes_now():
    article = ArticleFactory(published_at=None)
    assert article.published_at is not None
    assert Article.objects.published().get() == article


def test_article_page_renders_the_markdown_body(client):
    article = ArticleFactory(
        title="Fleksjob",
        body="## Hvem kan få fleksjob?\n\nBorgere med **varigt** nedsat arbejdsevne.",
    )

    response = client.get(article.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Fleksjob</h1>" in page
    assert "<h2>Hvem kan få fleksjob?</h2>" in page
    assert "<strong>varigt</strong>" in page


def test_article_page_never_shows_unsafe_markup(client):
    article = ArticleFactory(
        body=(
            'Tekst <script>alert("x")</script> <a href="javascript:alert(1)" onclick="x()">link</a>'
        )
    )

    page = client.get(article.get_absolute_url()).content.decode()

    assert 'alert("x")' not in page
    assert "javascript:alert" not in page
    assert "onclick" not in page


def test_article_page_lists_attachments_with_type_and_danish_size(client):
    article = ArticleFactory()
    attachment = ArticleAttachmentFactory(article=article, title="Skabelon til vedtægter")
    type(attachment).objects.filter(pk=attachment.pk).update(size=1_258_291)

    page = client.get(article.get_absolute_url()).content.decode()

    url = reverse("guidance:article-attachment", args=[article.slug, attachment.pk])
    assert f'href="{url}"' in page
    assert "Skabelon til vedtægter" in page
    assert "(PDF, 1,2\xa0MB)" in page  # filesizeformat keeps number and unit together


def test_article_page_shows_up_to_three_related_articles_on_the_same_theme(client):
    article = ArticleFactory(theme=Article.Theme.NETWORK)
    related = ArticleFactory.create_batch(4, theme=Article.Theme.NETWORK)
    ArticleFactory(title="Andet tema", theme=Article.Theme.ADVICE)
    ArticleFactory(title="Kladde i samme tema", theme=Article.Theme.NETWORK, draft=True)

    response = client.get(article.get_absolute_url())

    shown = response.context["related_articles"]
    assert len(shown) == 3
    assert set(shown) <= set(related)
    page = response.content.decode()
    assert "Andet tema" not in page
    assert "Kladde i samme tema" not in page


def test_attachment_of_a_published_article_downloads_with_a_safe_name(client):
    attachment = ArticleAttachmentFactory(title="Ansøgning: støtte/tilskud Æble")

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="ansoegning-stoettetilskud-aeble.pdf"'
    )
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_attachment_of_an_unpublished_article_is_not_found(client):
    attachment = ArticleAttachmentFactory(article=ArticleFactory(draft=True))

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 404
    assert "Content-Disposition" not in response


def test_attachment_under_another_articles_address_is_not_found(client):
    attachment = ArticleAttachmentFactory()
    other = ArticleFactory()

    url = reverse("guidance:article-attachment", args=[other.slug, attachment.pk])
    assert client.get(url).status_code == 404


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["guidance:article-list", "guidance:article-detail"])
def test_article_pages_use_the_same_number_of_queries_for_5_and_50_articles(
    client, django_assert_max_num_queries, url_name
):
    article = ArticleFactory(slug="fast", theme=Article.Theme.ADVICE)
    ArticleAttachmentFactory.create_batch(2, article=article)
    url = reverse(url_name, args=["fast"] if url_name.endswith("detail") else [])
    ArticleFactory.create_batch(4, theme=Article.Theme.ADVICE)
    client.get(url)  # warm the site settings cache
    few = _query_count(client, url)

    ArticleFactory.create_batch(45, theme=factory.Iterator(Article.Theme.values))
    with django_assert_max_num_queries(few):
        client.get(url)
    assert few <= 4
