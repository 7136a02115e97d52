"""A citizen sends an enquiry: one form, one case, a receipt, and no way to make two by mistake."""

import re
from html import unescape

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from guidance import services
from guidance.forms import EnquiryForm
from guidance.models import Enquiry
from portal import intake
from portal.cases import services as cases
from portal.cases.models import Case
from portal.intake import ContactData
from portal.notifications.models import OutboxMessage
from portal.notifications.services import send_due_messages
from portal.registry.models import Company, Contact
from tests.concurrency import at_once
from tests.factories import CompanyFactory, valid_cvr

pytestmark = pytest.mark.django_db

MONTHS = "januar februar marts april maj juni juli august september oktober november december"


def danish_date(value) -> str:
    return f"{value.day}. {MONTHS.split()[value.month - 1]} {value.year}"


def enquiry(**changes) -> dict:
    """A filled-in form, each with its own one-time token (a fresh page load)."""
    return {
        "role": "entrepreneur",
        "name": "Mette Hansen",
        "email": "mette@example.dk",
        "phone": "",
        "contact_preference": "email",
        "company_name": "",
        "cvr": "",
        "topic": "start",
        "message": "Jeg vil starte en café, der ansætter unge uden uddannelse.",
        "form_token": EnquiryForm.new_form_token(),
        "website": "",
        **changes,
    }


def post(client, data: dict, **extra):
    return client.post(reverse("guidance:enquiry-create"), data, **extra)


def test_enquiry_opens_a_case_and_queues_a_receipt(client, mailoutbox):
    response = post(client, enquiry(phone="12345678"))

    case = Case.objects.select_related("contact", "enquiry").get()
    assert response.status_code == 302
    assert response.url == reverse("guidance:enquiry-receipt", args=[case.public_token])
    assert case.kind == Case.Kind.ADVICE
    assert case.subject == "At starte en socialøkonomisk virksomhed"
    assert case.company is None
    assert (case.contact.name, case.contact.email, case.contact.phone) == (
        "Mette Hansen",
        "mette@example.dk",
        "12 34 56 78",
    )
    assert case.enquiry.role == Enquiry.Role.ENTREPRENEUR
    assert case.enquiry.topic == Enquiry.Topic.START
    assert case.enquiry.message == "Jeg vil starte en café, der ansætter unge uden uddannelse."

    # One receipt, in the outbox until the worker sends it.
    receipt = OutboxMessage.objects.get()
    assert receipt.to == "mette@example.dk"
    assert receipt.about == case
    assert receipt.subject == f"Vi har modtaget din henvendelse ({case.reference})"
    assert case.reference in receipt.body
    assert f"senest den {danish_date(case.deadline)}" in receipt.body
    assert f"http://127.0.0.1:8000/sag/{case.public_token}/" in receipt.body
    assert "At starte en socialøkonomisk virksomhed" in receipt.body
    assert mailoutbox == []

    assert send_due_messages() == 1
    assert [message.to for message in mailoutbox] == [["mette@example.dk"]]
    assert f"/sag/{case.public_token}/" in mailoutbox[0].body


def test_the_receipt_does_not_repeat_the_message(client):
    # Anyone can type anyone's address: the municipality's mail must not carry their text.
    post(client, enquiry(message="Køb billige ure på example.com"))
    assert "billige ure" not in OutboxMessage.objects.get().body


def test_the_receipt_says_we_will_call_when_asked_to(client):
    post(client, enquiry(contact_preference="phone", phone="+45 12 34 56 78"))
    assert "Vi ringer til dig på 12 34 56 78" in OutboxMessage.objects.get().body


def test_the_receipt_page_shows_reference_answer_date_and_status_link(client):
    response = post(client, enquiry(), follow=True)

    case = Case.objects.get()
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert case.reference in page
    assert danish_date(case.deadline) in page
    assert f'href="/sag/{case.public_token}/"' in page
    assert f"http://testserver/sag/{case.public_token}/" in page
    assert "mette@example.dk" in page
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_the_receipt_page_lists_the_case_as_a_dkfds_list_without_repeating_itself(client):
    response = post(client, enquiry(), follow=True)

    case = Case.objects.get()
    page = unescape(response.content.decode())
    summary = re.search(r'<table class="table structured-list[^"]*">.*?</table>', page, re.S)
    assert summary, "no DKFDS structured list"
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>', summary.group(0), re.S)
    assert [(label, re.sub(r"<[^>]+>", "", value).strip()) for label, value in rows] == [
        ("Sagsnummer", case.reference),
        ("Emne", "At starte en socialøkonomisk virksomhed"),
        ("Forventet svar senest", danish_date(case.deadline)),
    ]
    assert "<dl>" not in page
    assert page.count(case.reference) == 1  # not also in the heading's lead
    assert f'<time datetime="{case.deadline:%Y-%m-%d}">' in page


def test_a_receipt_with_a_wrong_token_finds_nothing(client):
    url = reverse("guidance:enquiry-receipt", args=["gaet-et-token"])
    assert client.get(url).status_code == 404


def test_an_existing_company_is_linked_by_its_cvr_number(client):
    company = CompanyFactory(cvr=valid_cvr(1), name="Café Fællesskab ApS")
    cvr = company.cvr

    post(
        client,
        enquiry(
            role="company",
            cvr=f"DK {cvr[:2]} {cvr[2:4]} {cvr[4:6]} {cvr[6:]}",
            company_name="Et andet navn",
        ),
    )

    case = Case.objects.select_related("contact", "enquiry").get()
    assert case.company == company
    assert case.contact.company == company
    company.refresh_from_db()
    assert company.name == "Café Fællesskab ApS"  # an enquiry never renames a company
    assert case.enquiry.company_name == "Et andet navn"
    assert Company.objects.count() == 1


def test_an_unknown_cvr_number_creates_a_draft_company_for_the_caseworker(client):
    post(client, enquiry(role="entrepreneur", cvr=valid_cvr(2), company_name="Cykelkælderen"))
    post(client, enquiry(role="company", cvr=valid_cvr(3)))

    idea = Company.objects.get(cvr=valid_cvr(2))
    assert (idea.name, idea.kind) == ("Cykelkælderen", Company.Kind.STARTUP_IDEA)
    assert idea.history.get().history_change_reason == "Oprettet fra en henvendelse på portalen"
    unnamed = Company.objects.get(cvr=valid_cvr(3))
    assert unnamed.name == f"Ukendt virksomhed (CVR {valid_cvr(3)})"
    assert unnamed.kind == Company.Kind.ORDINARY
    assert set(Case.objects.values_list("company__cvr", flat=True)) == {valid_cvr(2), valid_cvr(3)}


def test_no_cvr_number_means_no_company(client):
    post(client, enquiry(role="private", company_name="Min idé"))
    assert Case.objects.get().company is None
    assert not Company.objects.exists()


def test_invalid_cvr_is_refused_and_keeps_the_message(client):
    data = enquiry(cvr="12345678")

    response = post(client, data)

    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Ugyldigt CVR-nummer" in page
    assert data["message"] in page
    assert 'value="12345678"' in page
    assert 'value="Mette Hansen"' in page
    assert not Case.objects.exists()
    assert not Contact.objects.exists()


def test_missing_required_fields_are_listed_in_the_error_summary(client):
    response = post(client, {"form_token": EnquiryForm.new_form_token()})

    page = unescape(response.content.decode())
    summary = re.search(
        r'<div class="alert alert-error error-summary".*?</div>\s*</div>', page, re.S
    )
    assert summary, "no error summary"
    for target, message in [
        ("id_role_0", "Hvem er du?: Vælg, hvem du er."),
        ("id_name", "Dit navn: Skriv dit navn."),
        ("id_email", "E-mail: Skriv din e-mail-adresse, så vi kan svare dig."),
        ("id_topic_0", "Vælg, hvad din henvendelse handler om."),
        ("id_message", "Skriv, hvad du gerne vil have hjælp til."),
    ]:
        assert f'href="#{target}"' in summary.group(0)
        assert message.split(": ")[-1] in summary.group(0)
    # … and next to each field.
    assert '<span class="form-error-message" id="id_name-error">' in page
    assert "<title>Fejl: Send en henvendelse" in page
    assert not Case.objects.exists()


def test_an_invalid_email_is_explained_next_to_the_field_and_the_rest_is_kept(client):
    data = enquiry(email="mette@", phone="12345678")

    page = unescape(post(client, data).content.decode())

    assert "Skriv en gyldig e-mail-adresse, fx navn@example.dk." in page
    assert re.search(r'<input[^>]*name="email"[^>]*aria-invalid="true"', page)
    assert 'value="mette@"' in page
    assert data["message"] in page
    assert re.search(r'name="role" value="entrepreneur" checked', page)
    assert not Case.objects.exists()


def test_asking_to_be_called_needs_a_phone_number(client):
    page = unescape(post(client, enquiry(contact_preference="phone")).content.decode())
    assert "Skriv dit telefonnummer, hvis du vil ringes op." in page
    assert not Case.objects.exists()


def test_the_same_form_posted_twice_opens_one_case(client):
    data = enquiry()

    first = post(client, data)
    second = post(client, data)

    case = Case.objects.get()
    assert first.url == second.url == reverse("guidance:enquiry-receipt", args=[case.public_token])
    assert Enquiry.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_a_new_page_load_is_a_new_enquiry(client):
    post(client, enquiry())
    post(client, enquiry())
    assert Case.objects.count() == 2


def test_a_post_that_loses_the_race_returns_the_winners_case(monkeypatch):
    """Two posts of one form at the same moment: both miss the check, the unique key decides."""
    key = "samme-formular"
    kwargs = {
        "contact": ContactData(name="Mette Hansen", email="mette@example.dk"),
        "role": "private",
        "topic": "other",
        "message": "Hej",
        "cvr": valid_cvr(4),
        "submission_key": key,
    }
    winner = services.submit_enquiry(**kwargs)
    real_lookup = cases.case_for_submission
    calls = []

    def lookup_that_misses_until_the_insert_fails(submission_key):
        # The loser's lookups (in the intake, in open_case) run before the winner commits.
        calls.append(submission_key)
        return None if len(calls) <= 2 else real_lookup(submission_key)

    monkeypatch.setattr(cases, "case_for_submission", lookup_that_misses_until_the_insert_fails)

    loser = services.submit_enquiry(**kwargs)

    assert loser == winner
    assert len(calls) == 3
    assert Case.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
    assert Contact.objects.count() == 1
    assert Company.objects.count() == 1


def test_an_enquiry_whose_receipt_cannot_be_queued_is_not_stored(client, monkeypatch):
    def broken_outbox(**kwargs):
        raise RuntimeError("the outbox table is locked")

    monkeypatch.setattr(intake, "queue_email", broken_outbox)

    with pytest.raises(RuntimeError):
        post(client, enquiry(role="company", cvr=valid_cvr(5), company_name="Café Kanten"))

    assert not Case.objects.exists()
    assert not Contact.objects.exists()
    assert not Company.objects.exists()
    assert not Enquiry.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_control_and_direction_characters_are_removed_before_anything_is_stored(client):
    post(
        client,
        enquiry(
            name="Mette\u202e Hansen\x0b",
            company_name="Café\tKanten\x00",
            message="Første linje\r\nAnden\tlinje\x0b med \u2066skjult\u2069 tekst\x1b[31m",
        ),
    )

    case = Case.objects.select_related("contact", "enquiry").get()
    assert case.contact.name == "Mette Hansen"
    assert case.enquiry.company_name == "Café Kanten"
    # Long text keeps its line breaks and tabs; a vertical tab is a line break.
    assert case.enquiry.message == "Første linje\nAnden\tlinje\n med skjult tekst[31m"


def test_a_name_of_only_direction_characters_is_a_missing_name(client):
    response = post(client, enquiry(name="\u202e\u202d"))
    assert "Skriv dit navn." in unescape(response.content.decode())
    assert not Case.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_concurrent_posts_of_one_form_open_one_case():
    data = enquiry()

    responses = at_once(lambda _n: post(Client(), data), times=2)

    case = Case.objects.get()
    assert [response.status_code for response in responses] == [302, 302]
    assert {response.url for response in responses} == {
        reverse("guidance:enquiry-receipt", args=[case.public_token])
    }
    assert OutboxMessage.objects.count() == 1


def test_a_tampered_form_token_is_refused_with_a_fresh_one(client):
    data = enquiry(form_token="hjemmelavet:token")

    response = post(client, data)

    page = unescape(response.content.decode())
    assert "Formularen kunne ikke sendes." in page
    assert data["message"] in page
    fresh = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    assert fresh != data["form_token"]
    signing.Signer(salt="guidance.enquiry.form-token").unsign(fresh)
    assert not Case.objects.exists()

    assert post(client, {**data, "form_token": fresh}).status_code == 302


def test_the_honeypot_is_hidden_from_people_and_labelled_for_screen_readers(client):
    page = client.get(reverse("guidance:enquiry-create")).content.decode()

    trap = re.search(r'<div class="sr-only">.*?</div>', page, re.S).group(0)
    assert "Lad dette felt være tomt" in trap
    assert 'for="id_website"' in trap
    field = re.search(r'<input[^>]*name="website"[^>]*>', trap).group(0)
    assert 'autocomplete="off"' in field and 'tabindex="-1"' in field


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(client):
    response = post(client, enquiry(website="https://spam.example"))

    assert response.status_code == 200
    assert "Tak for din henvendelse" in response.content.decode()
    assert not Case.objects.exists()
    assert not Contact.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_too_many_enquiries_from_one_address_get_a_polite_429(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    for _ in range(2):
        assert post(client, enquiry()).status_code == 302
    data = enquiry()

    response = post(client, data)

    page = unescape(response.content.decode())
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.ENQUIRY_RATE_WINDOW)
    assert "Vi har fået mange henvendelser fra din internetforbindelse" in page
    assert data["message"] in page
    assert Case.objects.count() == 2
    # Another address is not affected.
    assert post(client, enquiry(), REMOTE_ADDR="10.0.0.7").status_code == 302


def test_invalid_posts_do_not_count_towards_the_limit(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    for _ in range(3):
        post(client, enquiry(email="forkert"))
    assert post(client, enquiry()).status_code == 302


def test_a_double_submit_after_the_limit_still_finds_its_receipt(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    data = enquiry()
    first = post(client, data)
    assert post(client, data).url == first.url


def test_the_same_form_posted_more_times_than_the_limit_always_shows_its_receipt(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    data = enquiry()

    responses = [post(client, data) for _ in range(settings.ENQUIRY_RATE_LIMIT + 3)]

    case = Case.objects.get()
    receipt = reverse("guidance:enquiry-receipt", args=[case.public_token])
    assert [(r.status_code, r.url) for r in responses] == [(302, receipt)] * len(responses)
    assert OutboxMessage.objects.count() == 1
    # Re-posts did not use up the limit: a new enquiry is still welcome.
    assert post(client, enquiry()).status_code == 302


def test_a_form_refused_by_the_limit_is_refused_again_when_posted_again(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    post(client, enquiry())
    data = enquiry()
    assert post(client, data).status_code == 429
    assert post(client, data).status_code == 429
    assert Case.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_ten_concurrent_posts_of_one_form_give_one_case_and_ten_receipts(settings):
    settings.ENQUIRY_RATE_LIMIT = 3
    data = enquiry(cvr=valid_cvr(6))

    responses = at_once(lambda _n: post(Client(), data), times=10)

    case = Case.objects.get()
    receipt = reverse("guidance:enquiry-receipt", args=[case.public_token])
    assert [(r.status_code, r.url) for r in responses] == [(302, receipt)] * 10
    assert OutboxMessage.objects.count() == 1
    assert Contact.objects.count() == 1
    assert Company.objects.count() == 1


def test_the_form_says_what_happens_to_the_data(client):
    page = unescape(client.get(reverse("guidance:enquiry-create")).content.decode())

    assert "Det gør vi med dine oplysninger" in page
    assert f'href="{reverse("pages:privacy")}"' in page
    assert "samle jeres sager ét sted" in page  # why the CVR number is asked for
    assert "inden for 5 arbejdsdage" in page
    assert "no-store" in client.get(reverse("guidance:enquiry-create"))["Cache-Control"]


def test_the_advice_overview_leads_to_the_form(client):
    page = client.get(reverse("guidance:overview")).content.decode()
    assert (
        f'<a class="button button-primary" href="{reverse("guidance:enquiry-create")}">'
        "Send en henvendelse</a>"
    ) in page


def test_enquiry_form_query_count_is_bounded(client, django_assert_max_num_queries):
    client.get(reverse("guidance:enquiry-create"))  # site settings into the cache
    with django_assert_max_num_queries(1):
        client.get(reverse("guidance:enquiry-create"), {"emne": "start", "tjek": "jjjjj"})


def test_an_enquiry_in_english_is_filed_in_danish(client):
    response = client.post("/en/raadgivning/henvendelse/", enquiry())

    case = Case.objects.get()
    assert response.url == f"/en/raadgivning/henvendelse/kvittering/{case.public_token}/"
    assert case.subject == "At starte en socialøkonomisk virksomhed"
    assert "We have received your enquiry" in OutboxMessage.objects.get().subject


def test_caseworker_reads_the_enquiry_on_the_case_page(client, caseworker_client):
    post(client, enquiry(company_name="Café Kanten"))
    case = Case.objects.get()

    page = caseworker_client.get(reverse("admin:cases_case_change", args=[case.pk]))
    html = page.content.decode()

    assert "Henvendelsen" in html
    assert case.enquiry.message in html
    assert case.enquiry.get_topic_display() in html
    assert "Café Kanten" in html
