"""/partnerskaber/: what a partnership is, real examples, and the ways in."""

from html import unescape

import pytest
from django.urls import reverse

from partnerships.models import Partnership
from portal.registry.models import Company
from tests.partnerships.factories import MemberFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def example(title="Frokost fra Café Kanten", status=Partnership.Status.ACTIVE, public=True):
    """An example marked public, with two consenting companies."""
    partnership = PartnershipFactory(
        title=title,
        status=status,
        public=public,
        public_summary="Café Kanten leverer frokost til Madsen Tekstil hver dag.",
    )
    MemberFactory(
        partnership=partnership,
        company__name="Café Kanten ApS",
        company__listing_consent=True,
        company__kind="social_economy",
    )
    MemberFactory(
        partnership=partnership, company__name="Madsen Tekstil A/S", company__listing_consent=True
    )
    return partnership


def page(client) -> str:
    response = client.get(reverse("partnerships:overview"))
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_page_explains_partnerships_in_plain_danish(client):
    html = page(client)

    assert "<h1>Partnerskaber</h1>" in html
    assert "mellem kommunen og en socialøkonomisk virksomhed" in html
    assert "mellem flere socialøkonomiske virksomheder" in html
    assert "mellem en ordinær virksomhed og en socialøkonomisk virksomhed" in html
    assert "fælles tredje" in html
    assert "kanten af arbejdsmarkedet" in html
    assert "praktik- eller jobtræningspladser" in html
    assert "socialøkonomisk leverandør" in html
    assert 'id="contact-heading"' in html  # the contact box is kept


def test_the_page_links_to_the_exchange_the_directory_and_the_proposal_form(client):
    html = page(client)

    assert f'href="{reverse("partnerships:listing-list")}"' in html
    assert f'href="{reverse("directory:entry-list")}"' in html
    assert (
        f'<a class="button button-primary" href="{reverse("partnerships:proposal-create")}">'
        "Foreslå et partnerskab</a>"
    ) in html


def test_a_consented_public_partnership_is_shown_as_an_example(client):
    example()
    with_municipality = example(title="Grønne områder", status=Partnership.Status.AGREED)
    MemberFactory(partnership=with_municipality, company=None, is_municipality=True)

    html = page(client)

    assert "Eksempler på partnerskaber" in html
    assert "Frokost fra Café Kanten" in html
    assert "Café Kanten leverer frokost til Madsen Tekstil hver dag." in html
    assert "Café Kanten ApS" in html and "Madsen Tekstil A/S" in html
    assert "En ordinær og en socialøkonomisk virksomhed" in html
    assert "Grønne områder" in html
    assert "Haderslev Kommune" in html  # the municipality as a member, by its name


def test_withdrawn_consent_hides_the_example_at_once(client):
    shown = example(title="Frokost fra Café Kanten")
    assert "Frokost fra Café Kanten" in page(client)

    Company.objects.filter(partnership_memberships__partnership=shown).filter(
        name="Café Kanten ApS"
    ).update(listing_consent=False)

    assert "Frokost fra Café Kanten" not in page(client)


def test_withdrawn_consent_hidden_examples_and_ideas_are_not_shown(client):
    withdrawn = example(title="Trukket tilbage")
    Company.objects.filter(partnership_memberships__partnership=withdrawn).filter(
        name="Madsen Tekstil A/S"
    ).update(listing_consent=False)
    example(title="Ikke offentligt", public=False)
    example(title="Kun en idé", status=Partnership.Status.IDEA)
    example(title="Afsluttet samarbejde", status=Partnership.Status.ENDED)

    html = page(client)

    for title in ("Trukket tilbage", "Ikke offentligt", "Kun en idé", "Afsluttet samarbejde"):
        assert title not in html
    assert "Eksempler på partnerskaber" not in html


def test_script_in_an_example_is_shown_as_text(client):
    example(title="<script>alert(1)</script>")
    response = client.get(reverse("partnerships:overview"))
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_the_page_costs_the_same_queries_for_5_and_50_examples(client, django_assert_num_queries):
    for n in range(5):
        example(title=f"Eksempel {n}")
    client.get(reverse("partnerships:overview"))  # site settings into the cache
    with django_assert_num_queries(2):
        client.get(reverse("partnerships:overview"))
    for n in range(5, 50):
        example(title=f"Eksempel {n}")

    with django_assert_num_queries(2):
        response = client.get(reverse("partnerships:overview"))

    assert len(response.context["examples"]) == 50
