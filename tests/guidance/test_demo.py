import pytest

from guidance.demo import load_demo_articles
from guidance.models import Article

pytestmark = pytest.mark.django_db


def test_demo_articles_load_twice_without_duplicates(client):
    load_demo_articles()
    articles = load_demo_articles()

    assert Article.objects.count() == len(articles) >= 8
    assert {article.theme for article in articles} == set(Article.Theme.values)
    for article in articles:
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "<h2>" in response.content.decode()


def test_demo_articles_keep_their_publication_date_when_loaded_again():
    first = {a.slug: a.published_at for a in load_demo_articles()}
    again = {a.slug: a.published_at for a in load_demo_articles()}
    assert first == again
