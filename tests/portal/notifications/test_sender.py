"""Sender and Reply-To come from the site settings in the admin, not from the environment."""

import pytest
from django.urls import reverse

from portal.cases import services as cases
from portal.notifications.models import OutboxMessage
from portal.notifications.services import queue_email, send_due_messages
from portal.pages.models import SiteSettings

pytestmark = pytest.mark.django_db


def configure(**values) -> SiteSettings:
    site = SiteSettings.load()
    for name, value in {"municipality_name": "Haderslev Kommune", **values}.items():
        setattr(site, name, value)
    site.save()
    return site


def queue(to: str = "mette@example.dk") -> OutboxMessage:
    return queue_email(to=to, subject="Din sag", body="Tak for din henvendelse.")


def test_the_sent_mail_has_the_sender_and_reply_to_of_the_site_settings(mailoutbox):
    configure(
        sender_name="Haderslev Kommune, Socialøkonomi",
        sender_email="socialokonomi@haderslev.dk",
        reply_to_email="erhverv@haderslev.dk",
    )
    queue()

    assert send_due_messages() == 1

    [sent] = mailoutbox
    assert sent.from_email == '"Haderslev Kommune, Socialøkonomi" <socialokonomi@haderslev.dk>'
    assert sent.reply_to == ["erhverv@haderslev.dk"]
    assert sent.message()["From"] == (
        "=?utf-8?q?Haderslev_Kommune=2C_Social=C3=B8konomi?= <socialokonomi@haderslev.dk>"
    )
    assert sent.message()["Reply-To"] == "erhverv@haderslev.dk"


def test_without_a_sender_name_the_municipality_sends(mailoutbox):
    configure(sender_name="", sender_email="post@aabenraa.dk", municipality_name="Aabenraa Kommune")
    queue()

    send_due_messages()

    assert mailoutbox[0].from_email == "Aabenraa Kommune <post@aabenraa.dk>"


def test_without_a_sender_address_the_servers_default_sends_and_nobody_gets_replies(
    settings, mailoutbox
):
    configure(sender_name="Haderslev Kommune", sender_email="", reply_to_email="")
    message = queue()

    send_due_messages()

    assert (message.from_email, message.reply_to) == ("", "")
    assert mailoutbox[0].from_email == settings.DEFAULT_FROM_EMAIL
    assert mailoutbox[0].reply_to == []
    assert "Reply-To" not in mailoutbox[0].message()


def test_a_renamed_municipality_sends_the_next_mail_from_its_new_name(mailoutbox):
    configure(sender_email="post@haderslev.dk")
    queue()
    configure(municipality_name="Sønderborg Kommune", sender_email="post@sonderborg.dk")
    queue()

    send_due_messages()

    assert [m.from_email for m in mailoutbox] == [
        "Haderslev Kommune <post@haderslev.dk>",
        "Sønderborg Kommune <post@sonderborg.dk>",
    ]


def test_a_queued_message_keeps_the_sender_it_was_queued_with(mailoutbox):
    configure(sender_email="post@haderslev.dk")
    queue()
    configure(sender_email="ny@haderslev.dk")

    send_due_messages()

    assert mailoutbox[0].from_email == "Haderslev Kommune <post@haderslev.dk>"


def test_a_line_break_in_the_sender_name_cannot_reach_the_header(mailoutbox):
    configure(sender_name="Haderslev\nBcc: alle@example.dk", sender_email="post@haderslev.dk")
    queue()

    send_due_messages()

    assert mailoutbox[0].from_email == '"Haderslev Bcc: alle@example.dk" <post@haderslev.dk>'
    assert mailoutbox[0].bcc == []


def test_the_case_reply_is_sent_from_the_site_settings(contact, caseworker, mailoutbox):
    configure(sender_email="post@haderslev.dk", reply_to_email="erhverv@haderslev.dk")
    case = cases.open_case(kind="advice", contact=contact, subject="Hjælp til opstart")
    cases.reply(case=case, text="Vi ringer i morgen.", by=caseworker)

    send_due_messages()

    [sent] = mailoutbox
    assert sent.to == ["mette@example.dk"]
    assert sent.from_email == "Haderslev Kommune <post@haderslev.dk>"
    assert sent.reply_to == ["erhverv@haderslev.dk"]
    assert "Du kan svare ved at besvare denne e-mail" in sent.body


def test_queueing_costs_no_query_for_the_settings_beyond_their_cache(
    django_assert_num_queries,
):
    configure(sender_email="post@haderslev.dk")
    SiteSettings.load()  # the cache is warm, as after the first page or e-mail

    with django_assert_num_queries(5):  # each message's own INSERT, nothing more
        for _ in range(5):
            queue()


def test_the_outbox_shows_who_sent_it(admin_client):
    configure(sender_email="post@haderslev.dk", reply_to_email="erhverv@haderslev.dk")
    message = queue()

    page = admin_client.get(
        reverse("admin:notifications_outboxmessage_change", args=[message.pk])
    ).content.decode()

    assert "Haderslev Kommune &lt;post@haderslev.dk&gt;" in page
    assert "erhverv@haderslev.dk" in page


def test_the_site_settings_admin_has_an_e_mail_section(admin_client):
    site = configure()

    page = admin_client.get(
        reverse("admin:pages_sitesettings_change", args=[site.pk])
    ).content.decode()

    assert "E-mails" in page
    assert "Afsendernavn på e-mails" in page
    assert "Afsenderadresse på e-mails" in page
    assert "Svaradresse (Reply-To)" in page
    assert 'name="reply_to_email"' in page
