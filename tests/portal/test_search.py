import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidance.models import Article
from portal.search import (
    SearchHit,
    SearchProvider,
    highlight_snippet,
    normalise_query,
    sanitise_headline,
    search_all,
    search_providers,
)
from tests.guidance.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("pages:search")


@pytest.fixture
def providers():
    """The registered providers plus those a test registers, for that test only."""
    with search_providers.only(*search_providers.entries()):
        yield search_providers


def test_search_page_lists_articles_with_count_link_and_snippet(client):
    article = ArticleFactory(title="Virksomhedsformer", body="Vælg den rette virksomhed.")
    ArticleFactory(title="Fleksjob", body="Ansæt en medarbejder i virksomhed.")
    ArticleFactory(title="Kladde om virksomhed", draft=True)

    response = client.get(SEARCH, {"q": "virksomhed"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "2 resultater for »virksomhed«" in page
    assert f'<a href="{article.get_absolute_url()}">Virksomhedsformer</a>' in page
    assert "<mark>virksomhed</mark>" in page
    assert "Artikler (2)" in page
    assert "Kladde om virksomhed" not in page
    assert 'value="virksomhed"' in page


def test_one_result_is_singular(client):
    ArticleFactory(title="Netværksmøder")

    page = client.get(SEARCH, {"q": "netværksmøder"}).content.decode()

    assert "1 resultat for »netværksmøder«" in page


def test_no_results_gives_a_friendly_message(client):
    ArticleFactory(title="Fleksjob")

    response = client.get(SEARCH, {"q": "cykelværksted"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Vi fandt ikke noget om »cykelværksted«." in page


def test_an_empty_search_asks_for_words(client):
    response = client.get(SEARCH)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv et eller flere ord i feltet" in page
    assert '<label class="form-label" for="search-query">' in page
    assert 'type="search"' in page


@pytest.mark.parametrize("junk", ["'\"&|!", "!!!", "   ", "((( ", "--", "\x00", "…", "<>"])
def test_junk_queries_answer_politely(client, junk):
    ArticleFactory(title="Fleksjob")

    response = client.get(SEARCH, {"q": junk})

    assert response.status_code == 200
    assert "Skriv et eller flere ord" in response.content.decode()


@pytest.mark.parametrize("query", ["x" * 500, "fleksjob " * 80, "fleksjob & | ! ' \" : * ( )"])
def test_long_and_odd_queries_are_searched_without_error(client, query):
    ArticleFactory(title="Fleksjob")

    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200


def test_the_query_is_escaped_on_the_page(client):
    response = client.get(SEARCH, {"q": "<script>alert(1)</script>"})

    page = response.content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page


def test_search_page_query_count_does_not_grow_with_hits(client):
    # Each provider that searches the database costs at most one query (some cache theirs);
    # what matters is that 30 more hits cost none.
    ArticleFactory.create_batch(3, title="Fonde")
    client.get(SEARCH, {"q": "fonde"})  # warm the site settings cache
    with CaptureQueriesContext(connection) as few:
        client.get(SEARCH, {"q": "fonde"})
    ArticleFactory.create_batch(30, title="Fonde")
    with CaptureQueriesContext(connection) as many:
        response = client.get(SEARCH, {"q": "fonde"})
    assert len(many) == len(few) <= len(search_providers.entries())
    assert "20 resultater for »fonde«" in response.content.decode()


def test_registered_providers_get_their_own_section(client, providers):
    def events(query, limit):
        return [SearchHit("Netværksmøde i marts", "/netvaerk/moeder/1/", "", "Arrangement")]

    providers.register(SearchProvider(name="events", label="Arrangementer", search=events))
    ArticleFactory(title="Netværk")

    page = client.get(SEARCH, {"q": "netværk"}).content.decode()

    assert page.index("Artikler (1)") < page.index("Arrangementer (1)")
    assert "2 resultater for »netværk«" in page
    assert '<a href="/netvaerk/moeder/1/">Netværksmøde i marts</a>' in page


def test_search_all_skips_empty_sections_and_empty_queries(providers):
    providers.register(
        SearchProvider(name="nothing", label="Intet", search=lambda query, limit: [])
    )

    assert search_all("") == []
    assert search_all("noget") == []


def test_normalise_query_cuts_and_cleans():
    assert normalise_query("  fonde \n\t puljer ") == "fonde puljer"
    assert normalise_query("fonde\x00") == "fonde"
    assert normalise_query("'\"&|!") == ""
    assert len(normalise_query("x" * 500)) == 200


def test_headline_keeps_only_mark_and_escapes_the_rest():
    html = sanitise_headline('<b>fed</b> <mark>ord</mark> <img src=x onerror="x()"> & <mark>')

    assert html.startswith("&lt;b&gt;fed&lt;/b&gt; <mark>ord</mark> &lt;img")
    assert "<img" not in html
    assert html.count("<mark>") == html.count("</mark>")


def test_plain_snippet_marks_every_hit_around_the_first():
    text = "Indledning. " * 40 + "En socialøkonomisk virksomhed <geninvesterer> overskuddet."

    html = highlight_snippet(text, ["virksomhed"], width=80)

    assert html.startswith("… ")
    assert "socialøkonomisk <mark>virksomhed</mark> &lt;geninvesterer&gt;" in html


def test_the_article_page_offers_search(client):
    ArticleFactory(theme=Article.Theme.ADVICE)

    page = client.get(reverse("guidance:article-list")).content.decode()

    assert f'action="{SEARCH}"' in page
    assert '<label class="form-label" for="article-search">Søg i artiklerne</label>' in page


def test_a_provider_with_a_permission_is_not_searched_for_the_public(client, providers):
    def companies(query, limit):
        raise AssertionError("searched for someone without the permission")

    providers.register(
        SearchProvider(
            name="companies",
            label="Virksomheder",
            search=companies,
            permission="registry.view_company",
        )
    )
    ArticleFactory(title="Kernen")

    page = client.get(SEARCH, {"q": "kernen"}).content.decode()

    assert "Artikler (1)" in page
    assert "Virksomheder" not in page
