"""Anyone proposes a partnership: one form, one case, a receipt, and no way to make two."""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.models import PartnershipProposal
from partnerships.proposals.forms import ProposalForm
from portal.cases.models import Case
from portal.notifications.models import OutboxMessage
from portal.notifications.services import send_due_messages
from portal.registry.models import Company, Contact
from tests.concurrency import at_once
from tests.factories import CompanyFactory, valid_cvr
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

PURPOSE = "Frokost til medarbejderne fra et køkken, der ansætter unge uden uddannelse."


def proposal(**changes) -> dict:
    """A filled-in form, each with its own one-time token (a fresh page load)."""
    return {
        "role": "company",
        "name": "Jens Madsen",
        "email": "jens@tekstil.example",
        "phone": "",
        "organisation": "Madsen Tekstil A/S",
        "cvr": "",
        "partners": "Café Kanten eller en anden socialøkonomisk cateringvirksomhed",
        "purpose": PURPOSE,
        "needs_from_municipality": "Hjælp til at finde en leverandør.",
        "form_token": ProposalForm.new_form_token(),
        "website": "",
        **changes,
    }


def post(client, data: dict, **extra):
    return client.post(reverse("partnerships:proposal-create"), data, **extra)


def test_proposal_opens_a_partnership_case_and_queues_the_receipt(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, proposal(phone="12345678"))

    case = Case.objects.select_related("contact", "partnership_proposal").get()
    assert response.status_code == 302
    assert response.url == reverse("partnerships:proposal-receipt", args=[case.public_token])
    assert case.kind == Case.Kind.PARTNERSHIP
    assert case.subject == f"Forslag om partnerskab: {PURPOSE}"
    assert case.company is None
    assert (case.contact.name, case.contact.email, case.contact.phone) == (
        "Jens Madsen",
        "jens@tekstil.example",
        "12 34 56 78",
    )
    details = case.partnership_proposal
    assert details.role == PartnershipProposal.Role.COMPANY
    assert details.organisation == "Madsen Tekstil A/S"
    assert details.partners.startswith("Café Kanten")
    assert details.purpose == PURPOSE
    assert details.needs_from_municipality == "Hjælp til at finde en leverandør."

    receipt = OutboxMessage.objects.get()
    assert receipt.to == "jens@tekstil.example"
    assert receipt.about == case
    assert receipt.subject == f"Vi har modtaget dit forslag om partnerskab ({case.reference})"
    assert "Tak for dit forslag om et partnerskab" in receipt.body
    assert f"http://127.0.0.1:8000/sag/{case.public_token}/" in receipt.body
    # Anyone can type anyone's address: the municipality's mail never carries the text.
    assert "ansætter unge" not in receipt.body
    assert "Café Kanten" not in receipt.body

    assert send_due_messages() == 1
    assert [message.to for message in mailoutbox] == [["jens@tekstil.example"]]
    assert f"/sag/{case.public_token}/" in mailoutbox[0].body


def test_a_long_purpose_gives_a_short_one_line_subject(client):
    post(client, proposal(purpose="Vi vil\n\n" + "samarbejde " * 40))
    subject = Case.objects.get().subject
    assert subject.startswith("Forslag om partnerskab: Vi vil samarbejde")
    assert "\n" not in subject
    assert subject == "Forslag om partnerskab: Vi vil " + "samarbejde " * 6 + "…"


def test_the_receipt_page_shows_reference_and_status_link(client):
    response = post(client, proposal(), follow=True)

    case = Case.objects.get()
    page = unescape(response.content.decode())
    assert "Tak for dit forslag" in page
    assert case.reference in page
    assert f'href="/sag/{case.public_token}/"' in page
    assert PURPOSE in page
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_a_receipt_with_a_wrong_token_finds_nothing(client):
    url = reverse("partnerships:proposal-receipt", args=["gaet-et-token"])
    assert client.get(url).status_code == 404


def test_another_kind_of_case_has_no_proposal_receipt(client):
    case = CaseFactory()
    url = reverse("partnerships:proposal-receipt", args=[case.public_token])
    assert client.get(url).status_code == 404


def test_script_in_the_fields_is_shown_as_text_on_the_receipt(client):
    script = "<script>alert('x')</script>"
    response = post(client, proposal(partners=script, purpose=f"Fælles {script}"), follow=True)

    page = response.content.decode()
    assert script not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_an_existing_company_is_linked_by_its_cvr_number(client):
    company = CompanyFactory(cvr=valid_cvr(11), name="Madsen Tekstil A/S")

    post(client, proposal(cvr=f"DK {company.cvr}", organisation="Et andet navn"))

    case = Case.objects.select_related("contact").get()
    assert case.company == company
    assert case.contact.company == company
    company.refresh_from_db()
    assert company.name == "Madsen Tekstil A/S"  # a proposal never renames a company
    assert Company.objects.count() == 1


def test_an_unknown_cvr_number_creates_a_draft_company_guessed_from_the_role(client):
    post(
        client,
        proposal(role="social_economy", cvr=valid_cvr(12), organisation="Café Kanten"),
    )

    draft = Company.objects.get(cvr=valid_cvr(12))
    assert (draft.name, draft.kind) == ("Café Kanten", Company.Kind.SOCIAL_ECONOMY)
    assert (
        draft.history.get().history_change_reason
        == "Oprettet fra et forslag om partnerskab på portalen"
    )
    assert Case.objects.get().company == draft


def test_invalid_cvr_is_refused_next_to_the_field_and_nothing_is_stored(client):
    data = proposal(cvr="12345678")

    response = post(client, data)

    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert '<span class="form-error-message" id="id_cvr-error">' in page
    assert "Ugyldigt CVR-nummer" in page
    assert data["purpose"] in page
    assert 'value="Jens Madsen"' in page
    assert not Case.objects.exists()
    assert not Contact.objects.exists()
    assert not Company.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_missing_fields_are_explained_in_danish_and_nothing_is_stored(client):
    response = post(client, {"form_token": ProposalForm.new_form_token()})

    page = unescape(response.content.decode())
    for message in (
        "Vælg, hvem du er.",
        "Skriv dit navn.",
        "Skriv din e-mail-adresse, så vi kan svare dig.",
        "Skriv, hvem du gerne vil lave partnerskabet med.",
        "Skriv, hvad I vil løse sammen.",
    ):
        assert message in page
    assert "<title>Fejl: Foreslå et partnerskab" in page
    assert not Case.objects.exists()


def test_the_same_form_posted_twice_opens_one_case(client):
    data = proposal()

    first = post(client, data)
    second = post(client, data)

    case = Case.objects.get()
    assert (
        first.url
        == second.url
        == reverse("partnerships:proposal-receipt", args=[case.public_token])
    )
    assert PartnershipProposal.objects.count() == 1
    assert Contact.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_concurrent_posts_of_one_form_open_one_case():
    data = proposal()

    responses = at_once(lambda _n: post(Client(), data), times=2)

    case = Case.objects.get()
    assert {response.url for response in responses} == {
        reverse("partnerships:proposal-receipt", args=[case.public_token])
    }
    assert OutboxMessage.objects.count() == 1


def test_a_new_page_load_is_a_new_proposal(client):
    post(client, proposal())
    post(client, proposal())
    assert Case.objects.count() == 2


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(client):
    response = post(client, proposal(website="https://spam.example"))

    assert response.status_code == 200
    assert "Tak for dit forslag" in response.content.decode()
    assert not Case.objects.exists()
    assert not Contact.objects.exists()
    assert not PartnershipProposal.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_too_many_proposals_from_one_address_get_a_polite_429(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    for _ in range(2):
        assert post(client, proposal()).status_code == 302
    data = proposal()

    response = post(client, data)

    page = unescape(response.content.decode())
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.ENQUIRY_RATE_WINDOW)
    assert "Vi har fået mange henvendelser fra din internetforbindelse" in page
    assert data["purpose"] in page
    assert Case.objects.count() == 2
    # The same form posted again still finds nothing new; another address is not affected.
    assert post(client, data).status_code == 429
    assert post(client, proposal(), REMOTE_ADDR="10.0.0.7").status_code == 302


def test_a_double_submit_after_the_limit_still_finds_its_receipt(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    data = proposal()
    first = post(client, data)
    assert post(client, data).url == first.url
    assert Case.objects.count() == 1


def test_the_form_says_why_each_piece_of_personal_data_is_asked_for(client):
    response = client.get(reverse("partnerships:proposal-create"))

    page = unescape(response.content.decode())
    assert "<h1>Foreslå et partnerskab</h1>" in page
    assert "Det gør vi med dine oplysninger" in page
    assert "Så vi ved, hvem vi skal tale med om forslaget." in page  # name
    assert "Vi sender en kvittering og svarer på denne adresse." in page  # e-mail
    assert "Kun hvis du vil have, at vi ringer til dig om forslaget." in page  # phone
    assert "samle jeres sager ét sted" in page  # CVR
    assert f'href="{reverse("pages:privacy")}"' in page
    assert "Lad dette felt være tomt" in page  # the honeypot, for screen readers
    assert "no-store" in response["Cache-Control"]


def test_a_proposal_in_english_is_filed_in_danish(client):
    response = client.post("/en/partnerskaber/foreslaa/", proposal())

    case = Case.objects.get()
    assert response.url == f"/en/partnerskaber/foreslaa/kvittering/{case.public_token}/"
    assert case.subject == f"Forslag om partnerskab: {PURPOSE}"


def test_the_status_link_opens_the_proposers_case(client):
    post(client, proposal())
    case = Case.objects.get()

    response = client.get(reverse("cases:status", args=[case.public_token]))

    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert f"Din sag {case.reference}" in page
    assert f"Forslag om partnerskab: {PURPOSE}" in page
