"""portal.intake: what every public form that opens a case shares."""

import re

import pytest
from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from portal import intake
from portal.cases import services as cases
from portal.cases.models import Case
from portal.intake import ContactData, IntakeForm, clean_text
from portal.notifications.models import OutboxMessage
from portal.registry.models import Company, Contact
from portal.registry.services import company_for_cvr_or_draft
from tests.factories import CompanyFactory, ContactFactory, valid_cvr


class ProposalForm(IntakeForm):
    """A made-up public form, as the next apps will write one."""

    form_token_salt = "tests.proposal.form-token"

    title = forms.CharField(max_length=100)
    description = forms.CharField(widget=forms.Textarea)
    choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])


@pytest.fixture
def contact():
    return ContactFactory(name="Mette Hansen", email="mette@example.dk")


def filled(**changes) -> dict:
    return {
        "title": "Grønne områder",
        "description": "Vi vil passe parken.",
        "choice": "a",
        "form_token": ProposalForm.new_form_token(),
        "website": "",
        **changes,
    }


@pytest.mark.parametrize(
    ("typed", "one_line", "long_text"),
    [
        ("Mette Hansen", "Mette Hansen", "Mette Hansen"),
        ("æøå ÆØÅ é ü", "æøå ÆØÅ é ü", "æøå ÆØÅ é ü"),
        ("faktura\u202efdp.exe", "fakturafdp.exe", "fakturafdp.exe"),
        ("\u2066skjult\u2069", "skjult", "skjult"),
        ("a\x00b\x1bc\x7fd\x9fe", "abcde", "abcde"),
        ("linje 1\r\nlinje 2", "linje 1 linje 2", "linje 1\nlinje 2"),
        ("a\tb", "a b", "a\tb"),
        ("a\x0bb\u2028c", "a b c", "a\nb\nc"),
    ],
)
def test_free_text_loses_control_and_direction_characters(typed, one_line, long_text):
    assert clean_text(typed, multiline=False) == one_line
    assert clean_text(typed, multiline=True) == long_text


def test_the_form_cleans_text_before_it_is_validated_and_shown_again():
    form = ProposalForm(filled(title="Park\u202e\x0b", description="Linje 1\r\nLinje 2\x00"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Park"
    assert form.cleaned_data["description"] == "Linje 1\nLinje 2"
    # A choice must match as sent: only free text is cleaned.
    assert not ProposalForm(filled(choice="\u202ea")).is_valid()


def test_the_form_cleans_a_posted_querydict_too():
    data = QueryDict(mutable=True)
    data.update(filled(title="Park\u202e"))
    form = ProposalForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Park"
    assert 'value="Park"' in str(form["title"])


def test_a_field_of_nothing_but_control_characters_is_empty():
    form = ProposalForm(filled(title="\u202e\x00"))
    assert not form.is_valid()
    assert "title" in form.errors


def test_the_token_is_signed_per_form_and_its_random_part_is_the_key():
    form = ProposalForm(filled())
    assert form.is_valid()
    token = form.data["form_token"]
    assert form.submission_key == signing.Signer(salt="tests.proposal.form-token").unsign(token)
    assert len(form.submission_key) >= 24

    # A token from another form (another salt) is refused, with a fresh one to send again.
    other = signing.Signer(salt="portal.intake.form-token").sign("a" * 24)
    refused = ProposalForm(filled(form_token=other))
    assert not refused.is_valid()
    assert "Formularen kunne ikke sendes." in str(refused.errors)
    assert refused.data["form_token"] != other


def test_each_page_load_gets_its_own_token_and_the_intake_fields_come_last():
    first, second = ProposalForm(), ProposalForm()
    assert first.initial["form_token"] != second.initial["form_token"]
    assert list(first.fields) == ["title", "description", "choice", "form_token", "website"]


def test_the_honeypot_catches_a_filled_in_website():
    assert ProposalForm(filled(website="https://spam.example")).caught_in_honeypot()
    assert not ProposalForm(filled()).caught_in_honeypot()


@pytest.mark.django_db
def test_submit_once_opens_a_case_once_per_submission_key(contact):
    def open_new():
        case = cases.open_case(
            kind=Case.Kind.PARTNERSHIP, contact=contact, subject="Park", submission_key="k1"
        )
        intake.queue_receipt(case=case, template="intake/email/receipt")
        return case

    first = intake.submit_once(submission_key="k1", open_new=open_new)
    again = intake.submit_once(submission_key="k1", open_new=open_new)

    assert again == first
    assert Case.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_post_that_finds_the_winners_case_late_stores_none_of_its_own(contact, monkeypatch):
    """The winner commits between the loser's first lookup and its call to open_case."""
    winner = cases.open_case(
        kind=Case.Kind.GRANT, contact=contact, subject="Støtte", submission_key="k2"
    )
    monkeypatch.setattr(cases, "case_for_submission", lambda key: None)

    def open_new():
        person = intake.new_contact(
            contact=ContactData(name="Mette Hansen", email="mette@example.dk"),
            company=None,
            reason="test",
        )
        monkeypatch.undo()  # open_case's own lookup finds the winner
        case = cases.open_case(
            kind=Case.Kind.GRANT, contact=person, subject="Støtte", submission_key="k2"
        )
        intake.queue_receipt(case=case, template="intake/email/receipt")
        return case

    assert intake.submit_once(submission_key="k2", open_new=open_new) == winner
    assert list(Contact.objects.all()) == [contact]
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_a_case_whose_receipt_cannot_be_queued_is_not_stored(contact, monkeypatch):
    def broken_outbox(**kwargs):
        raise RuntimeError("the outbox is full")

    monkeypatch.setattr(intake, "queue_email", broken_outbox)

    def open_new():
        case = cases.open_case(
            kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp", submission_key="k3"
        )
        intake.queue_receipt(case=case, template="intake/email/receipt")
        return case

    with pytest.raises(RuntimeError):
        intake.submit_once(submission_key="k3", open_new=open_new)
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_the_shared_receipt_email_names_the_case_and_the_status_link(contact, settings):
    settings.SITE_URL = "https://socialokonomi.haderslev.dk/"
    with transaction.atomic():
        case = cases.open_case(kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp til opstart")
        receipt = intake.queue_receipt(case=case, template="intake/email/receipt")

    assert receipt.about == case
    assert receipt.to == contact.email
    assert receipt.subject == f"Vi har modtaget din henvendelse ({case.reference})"
    assert receipt.body.startswith(f"Kære {contact.name}\n\n")
    assert 'Tak for din henvendelse om "Hjælp til opstart".' in receipt.body
    assert f"https://socialokonomi.haderslev.dk/sag/{case.public_token}/" in receipt.body
    assert "{%" not in receipt.body and not re.search(r"\n{3,}", receipt.body)


@pytest.mark.django_db
def test_the_receipt_page_is_kept_out_of_search_engines(contact):
    case = cases.open_case(kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp")
    request = RequestFactory().get("/")

    response = intake.receipt_page(request, case=case, template="intake/receipt.html")

    page = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert case.reference in page
    assert f'href="/sag/{case.public_token}/"' in page


@pytest.mark.django_db
def test_an_unknown_cvr_number_gets_a_draft_named_in_danish_whatever_the_language():
    with translation.override("en"):
        draft, created = company_for_cvr_or_draft(cvr=valid_cvr(40), reason="Fra en formular")

    assert created
    assert draft.name == f"Ukendt virksomhed (CVR {valid_cvr(40)})"
    assert draft.kind == Company.Kind.ORDINARY
    assert draft.history.get().history_change_reason == "Fra en formular"


@pytest.mark.django_db
def test_a_draft_keeps_the_name_and_kind_the_form_gave():
    draft, created = company_for_cvr_or_draft(
        cvr=f"DK{valid_cvr(41)}", name=" Cykelkælderen ", kind=Company.Kind.STARTUP_IDEA, reason="x"
    )
    assert created
    assert (draft.cvr, draft.name, draft.kind) == (
        valid_cvr(41),
        "Cykelkælderen",
        Company.Kind.STARTUP_IDEA,
    )


@pytest.mark.django_db
def test_a_known_cvr_number_finds_the_company_and_never_renames_it():
    company = CompanyFactory(name="Café Fællesskab ApS")
    found, created = company_for_cvr_or_draft(cvr=company.cvr, name="Et andet navn", reason="x")
    assert (found, created) == (company, False)
    company.refresh_from_db()
    assert company.name == "Café Fællesskab ApS"


@pytest.mark.django_db
def test_two_drafts_of_one_new_number_at_once_make_one_company(monkeypatch):
    """The loser's lookup missed the winner's row; the unique CVR number decides."""
    winner = CompanyFactory(cvr=valid_cvr(42))
    real_filter = Company.objects.filter
    calls = []

    def filter_that_misses_first(*args, **kwargs):
        calls.append(kwargs)
        return Company.objects.none() if len(calls) == 1 else real_filter(*args, **kwargs)

    monkeypatch.setattr(Company.objects, "filter", filter_that_misses_first)

    company, created = company_for_cvr_or_draft(cvr=valid_cvr(42), reason="x")

    assert (company, created) == (winner, False)
    assert Company.objects.count() == 1


# take_submission(): the steps a public form's view takes on a post ------------------------


def _post(data: dict):
    return RequestFactory().post("/foreslaa/", data, REMOTE_ADDR="192.0.2.7")


def _take(data: dict, submit, *, limit: int = 5):
    form = ProposalForm(data)
    submission = intake.take_submission(
        _post(data), form, scope="proposal", limit=limit, window=600, submit=submit
    )
    return form, submission


@pytest.mark.django_db
def test_a_filled_honeypot_is_caught_before_anything_is_checked_or_stored():
    calls = []
    form, submission = _take(filled(title="", website="http://spam.example"), calls.append)

    assert submission.caught and submission.case is None
    assert calls == []
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_an_invalid_form_is_shown_again_and_submits_nothing():
    calls = []
    form, submission = _take(filled(title=""), lambda: calls.append(1))

    assert submission == intake.Submission()
    assert submission.status == 200
    assert "title" in form.errors
    assert calls == []


@pytest.mark.django_db
def test_a_repeat_post_finds_its_case_and_never_meets_the_limit(contact):
    data = filled()
    key = signing.Signer(salt=ProposalForm.form_token_salt).unsign(data["form_token"])
    case = cases.open_case(
        kind=Case.Kind.PARTNERSHIP, contact=contact, subject="Park", submission_key=key
    )
    calls = []

    for _attempt in range(3):
        _form, submission = _take(data, lambda: calls.append(1), limit=0)
        assert submission.case == case

    assert calls == []


@pytest.mark.django_db
def test_a_new_submission_over_the_limit_is_refused_with_a_message_and_a_retry_time():
    calls = []
    _take(filled(), lambda: calls.append(1) or None, limit=1)
    form, submission = _take(filled(), lambda: calls.append(1), limit=1)

    assert submission.status == 429 and submission.retry_after == 600
    assert "Vent et kvarter" in " ".join(form.non_field_errors())
    assert len(calls) == 1


@pytest.mark.django_db
def test_a_refusal_from_the_service_lands_on_the_form():
    def submit():
        raise ValidationError("Ugyldigt CVR-nummer: kontrolcifferet passer ikke.")

    form, submission = _take(filled(), submit)

    assert submission.case is None and submission.status == 200
    assert form.non_field_errors() == ["Ugyldigt CVR-nummer: kontrolcifferet passer ikke."]


@pytest.mark.django_db
def test_a_refusal_naming_a_field_lands_next_to_it_and_others_above_the_form():
    def submit():
        raise ValidationError({"title": "For lang.", "unknown": "Noget andet."})

    form, _submission = _take(filled(), submit)

    assert form.errors["title"] == ["For lang."]
    assert form.non_field_errors() == ["Noget andet."]


@pytest.mark.django_db
def test_a_form_that_opens_no_case_finds_its_own_row_as_the_repeat():
    earlier = object()  # the app's row this form made before (a listing, a request)
    keys, calls = [], []

    def made_before(key):
        keys.append(key)
        return earlier

    data = filled()
    form = ProposalForm(data)
    submission = intake.take_submission(
        _post(data),
        form,
        scope="proposal",
        limit=0,
        window=600,
        submit=lambda: calls.append(1),
        made_before=made_before,
    )

    assert submission.made is earlier and calls == []
    assert keys == [form.submission_key]
