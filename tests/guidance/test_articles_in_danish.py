"""Articles are written in Danish only: on /en/ and /de/ pages they say so and carry lang="da"."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.guidance.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def url_in(lang: str, name: str, *args) -> str:
    with translation.override(lang):
        return reverse(name, args=args)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_an_article_on_an_english_or_german_page_is_marked_as_danish(client, lang):
    article = ArticleFactory(title="Sådan starter du", summary="Om at starte en virksomhed.")

    html = client.get(url_in(lang, "guidance:article-detail", article.slug)).content.decode()

    assert f'<html lang="{lang}"' in html
    article_html = html[html.index('<article lang="da">') : html.index("</article>")]
    assert "<h1>Sådan starter du</h1>" in article_html
    assert "Om at starte en virksomhed." in article_html
    assert '<div class="article-body">' in article_html
    assert f'<p class="form-hint" lang="{lang}">' in article_html  # the labels are not Danish
    assert 'role="note"' in html  # "Denne artikel findes kun på dansk.", translated


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_article_list_says_the_articles_are_in_danish(client, lang):
    ArticleFactory(title="Sådan starter du")

    html = client.get(url_in(lang, "guidance:article-list")).content.decode()

    assert '<h3 class="h4 mb-0" lang="da"><a href=' in html
    assert 'role="note"' in html


def test_the_danish_article_page_has_no_notice_about_language(client):
    article = ArticleFactory()

    html = client.get(url_in("da", "guidance:article-detail", article.slug)).content.decode()

    assert '<html lang="da"' in html
    assert "Denne artikel findes kun på dansk." not in html
    assert 'role="note"' not in html
