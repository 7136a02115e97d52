import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guidance.models import Article, ArticleAttachment
from tests.guidance.factories import PDF_BYTES, ArticleAttachmentFactory, ArticleFactory

pytestmark = pytest.mark.django_db

ARTICLE = {
    "title": "Fonde og puljer",
    "slug": "fonde-og-puljer",
    "theme": "entrepreneurs",
    "summary": "Hvor kan pengene komme fra?",
    "body": "## Fonde\n\nMange fonde støtter sociale formål.",
    "published": "on",
    "attachments-TOTAL_FORMS": "1",
    "attachments-INITIAL_FORMS": "0",
    "attachments-MIN_NUM_FORMS": "0",
    "attachments-MAX_NUM_FORMS": "1000",
    "attachments-0-title": "Budgetskabelon",
}


def _add(caseworker_client, upload):
    return caseworker_client.post(
        reverse("admin:guidance_article_add"), {**ARTICLE, "attachments-0-file": upload}
    )


def test_staff_adds_an_article_with_a_pdf(caseworker_client):
    response = _add(caseworker_client, SimpleUploadedFile("budget.pdf", PDF_BYTES))

    assert response.status_code == 302
    attachment = ArticleAttachment.objects.get()
    assert attachment.article.slug == "fonde-og-puljer"
    assert attachment.size == len(PDF_BYTES)
    assert attachment.article.published_at is not None


def test_a_file_of_the_wrong_type_is_refused_with_a_danish_message(caseworker_client):
    response = _add(caseworker_client, SimpleUploadedFile("program.exe", b"MZ\x90\x00"))

    assert response.status_code == 200
    assert "Filtypen »exe« er ikke tilladt." in response.content.decode()
    assert not Article.objects.exists()


def test_a_renamed_file_is_refused(caseworker_client):
    response = _add(caseworker_client, SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf"))

    assert "Filens indhold passer ikke til filtypen »pdf«." in response.content.decode()
    assert not ArticleAttachment.objects.exists()


def test_a_file_over_10_mb_is_refused_with_a_danish_message(caseworker_client):
    too_big = PDF_BYTES + b"0" * (10 * 1024 * 1024)

    response = _add(caseworker_client, SimpleUploadedFile("stor.pdf", too_big))

    assert "Filen er for stor. En fil må højst fylde 10 MB." in response.content.decode()
    assert not ArticleAttachment.objects.exists()


def test_change_form_shows_the_rendered_body_and_a_preview_button(caseworker_client):
    article = ArticleFactory(body="Læs **dette** <script>alert(1)</script>")

    response = caseworker_client.get(reverse("admin:guidance_article_change", args=[article.pk]))

    page = response.content.decode()
    assert "Læs <strong>dette</strong>" in page
    assert "<script>alert(1)" not in page
    preview_url = reverse("admin:guidance_article_preview", args=[article.pk])
    assert f'href="{preview_url}"' in page
    assert "Forhåndsvis" in page


def test_staff_previews_an_unpublished_article_with_the_public_page(caseworker_client):
    article = ArticleFactory(title="Kladde om lån", body="## Banklån", draft=True)
    ArticleAttachmentFactory(article=article)

    response = caseworker_client.get(reverse("admin:guidance_article_preview", args=[article.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Kladde om lån</h1>" in page
    assert "<h2>Banklån</h2>" in page
    assert "Den er ikke offentliggjort" in page


def test_anonymous_visitors_cannot_preview(client):
    article = ArticleFactory(draft=True)

    response = client.get(reverse("admin:guidance_article_preview", args=[article.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_without_permission_to_articles_cannot_preview(client, outsider):
    article = ArticleFactory(draft=True)
    client.force_login(outsider)

    response = client.get(reverse("admin:guidance_article_preview", args=[article.pk]))

    assert response.status_code == 403
    outsider.user_permissions.add(Permission.objects.get(codename="view_article"))
    response = client.get(reverse("admin:guidance_article_preview", args=[article.pk]))
    assert response.status_code == 200


def test_changelist_filters_by_theme(caseworker_client):
    ArticleFactory(title="Om netværk", theme=Article.Theme.NETWORK)
    ArticleFactory(title="Om partnerskaber", theme=Article.Theme.PARTNERSHIPS)

    response = caseworker_client.get(
        reverse("admin:guidance_article_changelist") + "?theme=network"
    )

    page = response.content.decode()
    assert "Om netværk" in page
    assert "Om partnerskaber" not in page
