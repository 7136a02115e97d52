import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.notifications.models import OutboxMessage
from tests.entrepreneurs.applications.answers import ANSWERS, fill_all_steps, post_step, step_url

pytestmark = pytest.mark.django_db


def _link_in(message: OutboxMessage) -> str:
    return re.search(r"https?://\S+/stoette/ansoegning/\S+/", message.body).group(0)


def test_save_and_send_link_mails_the_private_link_and_it_resumes(client, draft):
    post_step(client, draft, "ansoeger")
    response = post_step(client, draft, "virksomhed", action="save_link")
    assert response.status_code == 302
    message = OutboxMessage.objects.get()
    assert message.to == "mette@example.dk"
    link = _link_in(message)
    assert link.endswith(draft.get_absolute_url())
    page = client.get(response["Location"]).content.decode()
    assert "Vi har sendt linket til den til mette@example.dk" in page

    # Another browser: the link opens the first step not yet done, with the answers kept.
    fresh = client.__class__()
    resumed = fresh.get(draft.get_absolute_url())
    assert resumed["Location"] == step_url(draft, "formaal")
    page = fresh.get(step_url(draft, "virksomhed")).content.decode()
    assert 'value="Café Kanten"' in page


def test_save_link_with_errors_keeps_the_valid_answers_and_shows_the_errors(client, draft):
    response = post_step(client, draft, "ansoeger", action="save_link", phone="", city="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv din by." in page
    assert OutboxMessage.objects.filter(to="mette@example.dk").count() == 1
    draft.refresh_from_db()
    assert draft.answers["ansoeger"]["address"] == "Storegade 12"
    assert "city" not in draft.answers["ansoeger"]


def test_save_link_without_an_email_says_where_to_write_it(client, draft):
    page = post_step(client, draft, "virksomhed", action="save_link").content.decode()
    assert "Skriv din e-mail-adresse på første trin" in page
    assert not OutboxMessage.objects.exists()


def test_back_saves_the_step_and_goes_to_the_previous_one(client, draft):
    response = post_step(client, draft, "virksomhed", action="back")
    assert response["Location"] == step_url(draft, "ansoeger")
    draft.refresh_from_db()
    assert draft.answers["virksomhed"]["enterprise_name"] == "Café Kanten"


def test_every_save_renews_the_expiry(client, draft, settings):
    draft.expires_at = timezone.now() + datetime.timedelta(days=1)
    draft.save()
    post_step(client, draft, "ansoeger")
    draft.refresh_from_db()
    assert draft.expires_at > timezone.now() + datetime.timedelta(days=29)


def test_expired_draft_says_so_politely(client, draft):
    post_step(client, draft, "ansoeger")
    draft.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    draft.save()
    for url in (draft.get_absolute_url(), step_url(draft, "virksomhed")):
        response = client.get(url)
        assert response.status_code == 410
        page = response.content.decode()
        assert "Kladden er udløbet" in page
        assert draft.scheme.get_absolute_url() in page
    response = post_step(client, draft, "virksomhed")
    assert response.status_code == 410
    draft.refresh_from_db()
    assert "virksomhed" not in draft.answers


def test_wrong_token_is_404_and_counted(client, draft, settings):
    settings.CASE_TOKEN_MISS_LIMIT = 2
    wrong = reverse("entrepreneurs:draft", args=["x" * 43])
    assert client.get(wrong).status_code == 404
    assert client.get(reverse("entrepreneurs:draft", args=["short"])).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 429


def test_unknown_step_is_404(client, draft):
    assert client.get(step_url(draft, "ukendt")).status_code == 404


def test_submitted_draft_link_says_sent_and_links_to_the_receipt(client, draft):
    fill_all_steps(client, draft)
    client.post(step_url(draft, "indsend"), {"action": "submit", "declaration": "on"})
    draft.refresh_from_db()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Ansøgningen er sendt" in page
    assert draft.submitted_case.reference in page
    assert (
        reverse("entrepreneurs:application-receipt", args=[draft.submitted_case.public_token])
        in page
    )
    # The answers live on the case now, not in the draft.
    assert draft.answers == {}
    assert draft.email == ""


def test_draft_pages_are_never_cached_nor_indexed(client, draft):
    response = client.get(step_url(draft, "ansoeger"))
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_step_shown_again_has_its_answers(client, draft):
    post_step(client, draft, "formaal")
    page = client.get(step_url(draft, "formaal")).content.decode()
    assert ANSWERS["formaal"]["criterion_sales"] in page
