"""The e-mails to the enquirer about their case read as one letter from a person."""

import pytest

from portal.cases import services
from portal.cases.models import Case, ReplyTemplate
from portal.notifications.models import OutboxMessage
from portal.pages.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = SiteSettings.load()
    site.municipality_name = "Haderslev Kommune"
    site.email = "erhverv@haderslev.dk"
    site.phone = "74 34 34 34"
    site.reply_to_email = ""
    site.save()
    return site


@pytest.fixture
def case(contact, site):
    return services.open_case(kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp til opstart")


def last_mail(case: Case) -> OutboxMessage:
    return case.messages.latest("pk")


def assert_one_letter(body: str, case: Case) -> None:
    assert body.count("Kære") == 1
    assert body.startswith("Kære Mette Hansen\n\n")
    assert body.count("Venlig hilsen") == 1
    assert body.count(services.status_url(case)) == 1


def test_a_reply_has_one_greeting_the_link_once_and_the_caseworkers_signature(case, caseworker):
    services.reply(case=case, text="Vi ringer dig op i morgen formiddag.", by=caseworker)

    body = last_mail(case).body
    assert_one_letter(body, case)
    assert "Vi ringer dig op i morgen formiddag." in body
    assert body.endswith(
        "Venlig hilsen\nSara Sagsbehandler\nHaderslev Kommune\nerhverv@haderslev.dk\n"
        "Telefon 74 34 34 34\n"
    )


def test_without_a_reply_address_the_e_mail_says_to_answer_on_the_status_page(case, caseworker):
    services.reply(case=case, text="Send os jeres budget.", by=caseworker)

    body = last_mail(case).body
    assert "besvare denne e-mail" not in body
    assert (
        "Du kan følge din sag og svare os på din sags side. Linket er personligt, så del det "
        f"ikke med andre:\n{services.status_url(case)}\n" in body
    )


def test_with_a_reply_address_the_e_mail_may_be_answered(case, caseworker, site):
    site.reply_to_email = "socialokonomi@haderslev.dk"
    site.save()

    services.reply(case=case, text="Send os jeres budget.", by=caseworker)

    body = last_mail(case).body
    assert "Du kan svare ved at besvare denne e-mail eller på din sags side." in body
    assert_one_letter(body, case)


def test_a_reply_whose_text_has_the_link_does_not_repeat_it(case, caseworker):
    template = ReplyTemplate.objects.create(
        title="Følg sagen", body="Du kan følge sagen her: {statusside}"
    )
    text = services.render_reply_template(template, case)

    services.reply(case=case, text=text, by=caseworker)

    body = last_mail(case).body
    assert_one_letter(body, case)
    assert f"Du kan følge sagen her: {services.status_url(case)}" in body


def test_a_reply_without_a_named_caseworker_is_signed_by_the_municipality(case):
    services.reply(case=case, text="Tak for din henvendelse.", by=None)

    body = last_mail(case).body
    assert_one_letter(body, case)
    assert body.endswith(
        "Venlig hilsen\nHaderslev Kommune\nerhverv@haderslev.dk\nTelefon 74 34 34 34\n"
    )


def test_a_status_change_reads_as_one_letter_with_its_message(case, caseworker):
    services.change_status(
        case=case, to=Case.Status.WAITING, by=caseworker, message="Vi mangler jeres vedtægter."
    )

    body = last_mail(case).body
    assert_one_letter(body, case)
    assert (
        f"Din sag {case.reference} har nu status: Afventer dig.\n\nVi mangler jeres vedtægter."
        in (body)
    )
    assert "Sara Sagsbehandler" in body


def test_a_status_change_without_a_message_still_has_one_letters_shape(case, caseworker):
    services.change_status(case=case, to=Case.Status.IN_PROGRESS, by=caseworker)

    body = last_mail(case).body
    assert_one_letter(body, case)
    assert "\n\n\n" not in body


def test_a_closed_case_does_not_invite_an_answer(case, caseworker):
    services.change_status(
        case=case, to=Case.Status.CLOSED, by=caseworker, message="Tak for samarbejdet."
    )

    body = last_mail(case).body
    assert_one_letter(body, case)
    assert "svare" not in body
    assert "Her kan du se din sag." in body
