"""/ivaerksaettere/: the path from idea to enterprise as numbered steps with working links, the
next course sessions and the support schemes open today."""

import datetime
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from entrepreneurs.courses.demo import DEMO_STEPS, load_demo_path
from entrepreneurs.models import PathStep, SchemePeriod
from guidance.demo import load_demo_articles
from tests.entrepreneurs.factories import CourseSessionFactory, SupportSchemeFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _steps_html(response) -> str:
    html = response.content.decode()
    return html[html.index('class="path-steps"') :]


def test_the_page_shows_the_published_steps_in_order(client):
    PathStep.objects.create(
        position=20, title="Andet trin", text="Tekst", link_text="Selvtjek", link="/tjek/"
    )
    PathStep.objects.create(
        position=10, title="Første trin", text="Tekst", link_text="Råd", link="/raadgivning/"
    )
    PathStep.objects.create(
        position=5, title="Skjult trin", text="T", link_text="L", link="/tjek/", published=False
    )

    text = _text(client.get(reverse("entrepreneurs:overview")))

    assert text.index("Første trin") < text.index("Andet trin")
    assert "Skjult trin" not in text


def test_every_demo_step_links_to_a_page_that_exists(client):
    load_demo_articles()
    load_demo_path()
    response = client.get(reverse("entrepreneurs:overview"))
    links = re.findall(r'<a href="([^"]+)" lang="da">', _steps_html(response))

    assert links == [link for *_rest, link in DEMO_STEPS]
    support = reverse("entrepreneurs:overview") + "stoette/"
    for link in links:
        if link == support and not _support_pages_exist():
            continue  # the scheme pages are the applications part's
        assert client.get(link).status_code == 200, link


def _support_pages_exist() -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse("entrepreneurs:support")
    except NoReverseMatch:
        return False
    return True


def test_the_links_are_in_the_visitors_language_and_the_texts_marked_danish(client):
    load_demo_path()
    response = client.get("/en" + reverse("entrepreneurs:overview"))
    steps = _steps_html(response)

    assert '<a href="/en/tjek/" lang="da">' in steps
    assert '<h3 class="h4 mb-0" lang="da">Tag selvtjekket</h3>' in steps
    assert 'role="note"' in response.content.decode()  # "only in Danish"


def test_a_step_link_must_be_a_page_of_the_portal():
    step = PathStep(title="Trin", text="Tekst", link_text="Link", link="https://example.com/")
    with pytest.raises(ValidationError, match="Skriv stien"):
        step.full_clean()
    step.link = "/findes-ikke/"
    with pytest.raises(ValidationError, match="Portalen har ingen side"):
        step.full_clean()
    step.link = "/tjek/"
    step.full_clean()


def test_the_page_shows_the_next_sessions_and_the_open_schemes(client):
    CourseSessionFactory(occasion__title="Fra idé til virksomhed, forår")
    SupportSchemeFactory(name="Iværksætterpuljen")
    later = SupportSchemeFactory(name="Puljen til næste år", open_period=False)
    today = timezone.localdate()
    SchemePeriod.objects.create(
        scheme=later,
        opens_on=today + datetime.timedelta(days=100),
        closes_on=today + datetime.timedelta(days=200),
    )

    text = _text(client.get(reverse("entrepreneurs:overview")))

    assert "Fra idé til virksomhed" in text and "10 ledige pladser" in text
    assert "Iværksætterpuljen" in text
    assert "Puljen til næste år" not in text


def test_the_page_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    load_demo_path()
    for _ in range(5):
        CourseSessionFactory()
        SupportSchemeFactory()
    client.get(reverse("entrepreneurs:overview"))  # the site settings' row is made once
    # The steps, the sessions with their courses and seats, the open schemes, the settings.
    with django_assert_max_num_queries(4):
        assert client.get(reverse("entrepreneurs:overview")).status_code == 200


def test_the_path_demo_loader_is_idempotent_and_keeps_hand_edits():
    load_demo_path()
    PathStep.objects.filter(link="/tjek/").update(title="Rettet i hånden")
    load_demo_path()

    assert PathStep.objects.count() == 8
    assert PathStep.objects.get(link="/tjek/").title == "Rettet i hånden"
    for step in PathStep.objects.all():
        step.full_clean()
