"""The front page's extension point: sections an app adds, left out when they have nothing."""

import pytest
from django.urls import reverse

from portal.pages.home import HomeSection, home_sections

pytestmark = pytest.mark.django_db

# A template of portal's own that shows one value from its context.
TEMPLATE = "includes/only_in_danish.html"


def test_each_section_is_rendered_with_its_own_context_in_order(client):
    seen = []

    def news(request):
        seen.append(request.path)
        return {"message": "Nyt fra kommunen"}

    sections = [
        HomeSection(name="second", template=TEMPLATE, context=news, order=20),
        HomeSection(
            name="first", template=TEMPLATE, context=lambda request: {"message": "Først"}, order=10
        ),
    ]
    with home_sections.only(*sections):
        html = client.get(reverse("pages:home")).content.decode()

    assert seen == ["/"]
    assert html.index("Først") < html.index("Nyt fra kommunen")
    # Between the principles' cards and the text under them.
    assert html.index('class="principles"') < html.index("Først")
    assert html.index("Nyt fra kommunen") < html.index("Hvad er en socialøkonomisk virksomhed?")


def test_a_section_with_nothing_to_show_is_left_out(client):
    section = HomeSection(name="empty", template=TEMPLATE, context=lambda request: None)

    with home_sections.only(section):
        html = client.get(reverse("pages:home")).content.decode()

    assert 'role="note"' not in html.split('class="principles"')[1]


def test_without_sections_the_front_page_is_as_before(client):
    with home_sections.only():
        response = client.get(reverse("pages:home"))

    assert response.status_code == 200
    assert "Hvad er en socialøkonomisk virksomhed?" in response.content.decode()
