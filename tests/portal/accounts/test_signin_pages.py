"""The sign-in page carries the municipality's name and logo; signing out says what to do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.pages.models import SiteSettings

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe"
    b"\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_the_login_page_shows_the_municipality_and_its_logo(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    site = SiteSettings.load()
    site.municipality_name = "Aabenraa Kommune"
    site.logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    site.save()

    page = client.get(reverse("admin:login")).content.decode()

    assert "Aabenraa Kommune" in page
    assert f'src="{reverse("pages:logo")}"' in page
    assert "Ny medarbejder? Brug linket i din invitation" in page


def test_signing_out_says_what_a_public_service_would(caseworker_client):
    response = caseworker_client.post(reverse("admin:logout"))

    page = response.content.decode()
    assert "Du er nu logget ud af Socialøkonomi-portalen." in page
    assert "Luk browseren, hvis du har brugt en fælles computer." in page
    assert f'href="{reverse("admin:login")}"' in page
