import pytest
from django.db import connection

from guidance.models import Article, refresh_search_vectors
from guidance.selectors import search_article_hits, search_articles
from tests.guidance.factories import ArticleFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.postgresql  # Danish full-text search
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback")


def test_search_finds_published_articles_only():
    ArticleFactory(title="Fleksjob for begyndere")
    ArticleFactory(title="Fleksjob i kladde", draft=True)

    assert [a.title for a in search_articles("fleksjob")] == ["Fleksjob for begyndere"]


def test_a_title_hit_ranks_above_a_body_hit():
    ArticleFactory(title="Om at ansætte", body="Læs om løntilskud og praktik.")
    ArticleFactory(title="Løntilskud", body="Et tilskud til lønnen.")

    assert [a.title for a in search_articles("løntilskud")] == ["Løntilskud", "Om at ansætte"]


def test_every_word_must_match():
    ArticleFactory(title="Fonde", body="Fonde støtter projekter.")
    ArticleFactory(title="Puljer og fonde", body="Puljer har frister.")

    assert [a.title for a in search_articles("fonde puljer")] == ["Puljer og fonde"]


def test_snippet_marks_the_word_and_escapes_the_text():
    ArticleFactory(
        title="Kode",
        summary="Om sikkerhed.",
        body="Skriv aldrig <script>alert(1)</script> i en virksomhed & et fællesskab.",
    )

    [article] = search_articles("virksomhed")

    assert "<mark>virksomhed</mark>" in article.snippet
    assert "<script>" not in article.snippet
    assert "alert(1)" not in article.snippet
    assert "&amp; et fællesskab" in article.snippet


def test_snippet_escapes_markup_written_as_text():
    ArticleFactory(title="Tabeller", body="Brug `<b>` og `a < b` i en vejledning om virksomhed.")

    [article] = search_articles("vejledning")

    assert "<b>" not in article.snippet
    assert "<mark>vejledning</mark>" in article.snippet


@pytest.mark.parametrize(
    "junk", ["", "   ", "'\"&|!", "!!!", "(((", "a:*", "x" * 500, "\x00fleksjob", "<mark>"]
)
def test_junk_queries_give_no_error(junk):
    ArticleFactory(title="Fleksjob")
    results = search_articles(junk)
    assert isinstance(results, list)


def test_the_provider_gives_hits_with_title_link_and_theme():
    article = ArticleFactory(title="Netværksmøder", theme=Article.Theme.NETWORK)

    [hit] = search_article_hits("netværksmøder", 20)

    assert hit.title == "Netværksmøder"
    assert hit.url == article.get_absolute_url()
    assert hit.kind_label == "Netværk og sparring"


@on_postgresql
def test_stemming_finds_virksomhed_when_searching_for_virksomheder():
    ArticleFactory(title="Om os", body="Vi er en lille virksomhed i Haderslev.")

    [article] = search_articles("virksomheder")

    assert article.title == "Om os"
    assert "<mark>virksomhed</mark>" in article.snippet


@on_postgresql
def test_websearch_syntax_excludes_words():
    ArticleFactory(title="Fonde og lån")
    ArticleFactory(title="Fonde og puljer")

    assert [a.title for a in search_articles("fonde -lån")] == ["Fonde og puljer"]


@on_postgresql
def test_bulk_updates_are_searchable_after_refreshing_the_vectors():
    article = ArticleFactory(title="Gammel titel")
    Article.objects.filter(pk=article.pk).update(title="Andelsselskab")
    assert search_articles("andelsselskab") == []

    refresh_search_vectors()

    assert search_articles("andelsselskab") == [article]


@on_postgresql
def test_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'guidance_article_search_gin'"
        )
        [(definition,)] = cursor.fetchall()
    assert "USING gin (search_vector)" in definition


@on_sqlite
def test_fallback_finds_words_anywhere_in_the_text_case_insensitively():
    ArticleFactory(title="Partnerskaber", summary="Om FÆLLES tredje.", body="Samarbejde lokalt.")

    assert [a.title for a in search_articles("samarbejde")] == ["Partnerskaber"]
    assert [a.title for a in search_articles("partnerskab")] == ["Partnerskaber"]


def test_an_article_updated_with_update_or_create_is_found_by_its_new_text():
    ArticleFactory(slug="om-formen", body="Gammel tekst.")

    Article.objects.update_or_create(
        slug="om-formen", defaults={"body": "Ny tekst om andelsselskab."}
    )

    assert [a.slug for a in search_articles("andelsselskab")] == ["om-formen"]
