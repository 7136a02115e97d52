"""Public intake, once: what every public form that opens a case does the same way.

A form that opens a case (the enquiry today; proposals, applications and registrations next)
extends `IntakeForm` (the one-time token, the honeypot, free text cleaned before anything is
stored); its view rate-limits only new submissions (`portal.ratelimit.allow_new_submission`);
its service opens the case through `submit_once()` with `new_contact()` and
`portal.registry.services.company_for_cvr_or_draft()`, queues `queue_receipt()` with a
template that extends templates/intake/email/receipt.txt, and its receipt page extends
templates/intake/receipt.html (rendered by `receipt_page()`). The app writes only what is its
own: its fields, its details row, its wording.
"""

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal import ratelimit
from portal.cases import services as cases
from portal.cases.models import Case
from portal.notifications.models import OutboxMessage
from portal.notifications.services import queue_email
from portal.pages.models import SiteSettings
from portal.registry.models import Company, Contact
from portal.text import clean_text  # noqa: F401 - the apps' forms import it from here too

logger = logging.getLogger(__name__)

# The form ------------------------------------------------------------------------------------

FORM_TOKEN_SALT = "portal.intake.form-token"


class IntakeForm(forms.Form):
    """A public form that opens a case: a signed one-time token, a honeypot, clean free text.

    The token names one submission: the same form posted twice (a double click, a resend
    after a timeout) carries the same key, so `submit_once()` opens one case. Each form's own
    `form_token_salt` keeps one form's tokens from being posted to another.

    Every text field is cleaned (see `clean_text`) before it is validated, so what is checked,
    shown again and stored is the same: a Textarea keeps line breaks and tabs; a one-line
    field turns them into spaces. Control and direction-override characters are removed.
    The honeypot (`website`) is rendered by templates/intake/honeypot.html, not the layout.
    """

    form_token_salt = FORM_TOKEN_SALT
    # Not cleaned as free text: the token is checked by its signature, the honeypot not at all.
    intake_fields = ("form_token", "website")

    form_token = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Formularen mangler en del. Hent siden igen, og send den igen.")
        },
    )
    # The honeypot: people never see it (and screen reader users are told to leave it empty);
    # bots fill in every field they find.
    website = forms.CharField(
        label=_("Lad dette felt være tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The app's own fields first (also in the error summary), these two last.
        for name in self.intake_fields:
            self.fields[name] = self.fields.pop(name)
        if self.is_bound:
            self.data = self._cleaned_text(self.data)
        else:
            self.initial.setdefault("form_token", self.new_form_token())

    @classmethod
    def new_form_token(cls) -> str:
        """A signed one-time token for one page load: random, so it names one submission."""
        return signing.Signer(salt=cls.form_token_salt).sign(secrets.token_urlsafe(18))

    @property
    def submission_key(self) -> str:
        """The token's random part (after is_valid()): unique per page load."""
        return self.cleaned_data["form_token"]

    def caught_in_honeypot(self) -> bool:
        return bool(str(self.data.get("website", "")).strip())

    def clean_form_token(self) -> str:
        try:
            return signing.Signer(salt=self.form_token_salt).unsign(self.cleaned_data["form_token"])
        except signing.BadSignature:
            # A fresh token for the next attempt; what was typed stays in the form.
            self.data = self.data.copy()
            self.data[self.add_prefix("form_token")] = self.new_form_token()
            raise forms.ValidationError(
                _("Formularen kunne ikke sendes. Tjek dine oplysninger, og send den igen."),
                code="bad_token",
            ) from None

    def _cleaned_text(self, data):
        data = data.copy()
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if name in self.intake_fields or not isinstance(field, forms.CharField):
                continue
            if key not in data:
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            if hasattr(data, "setlist"):
                data.setlist(
                    key, [clean_text(value, multiline=multiline) for value in data.getlist(key)]
                )
            elif isinstance(data[key], str):
                data[key] = clean_text(data[key], multiline=multiline)
        return data


NAME_LABEL = _("Dit navn")
NAME_REQUIRED = _("Skriv dit navn.")
EMAIL_LABEL = _("E-mail")
EMAIL_REQUIRED = _("Skriv din e-mail-adresse.")


def name_field(
    *, label=NAME_LABEL, help_text="", required_message=NAME_REQUIRED
) -> forms.CharField:
    """The sender's name, as every public form asks for it (the browser may fill it in)."""
    return forms.CharField(
        label=label,
        max_length=200,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": required_message},
    )


def email_field(
    *, help_text, label=EMAIL_LABEL, required_message=EMAIL_REQUIRED
) -> forms.EmailField:
    """The sender's e-mail address; `help_text` says what it is used for (GDPR: say why)."""
    return forms.EmailField(
        label=label,
        help_text=help_text,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": required_message,
            "invalid": _("Skriv en gyldig e-mail-adresse, fx navn@example.dk."),
        },
    )


# The service ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactData:
    name: str
    email: str
    phone: str = ""


def new_contact(*, contact: ContactData, company: Company | None, reason: str) -> Contact:
    """The person who sent the form, as a contact (of the company, if one was given)."""
    person = Contact(name=contact.name, email=contact.email, phone=contact.phone, company=company)
    person._change_reason = reason
    person.save()
    return person


class _AlreadyOpened(Exception):
    def __init__(self, case: Case) -> None:
        self.case = case


def submit_once(*, submission_key: str, open_new: Callable[[], Case]) -> Case:
    """The case this form (its one-time key) has opened, or the one `open_new()` opens now.

    `open_new` stores everything of one submission (contact, company draft, case with this
    `submission_key`, the app's details, the receipt) and runs in one transaction. Two posts
    of the same form at once both miss the first lookup; the key is unique on Case, so one
    commits, and the other's transaction rolls back whole (reference number included) and it
    returns the winner's case. Raises what `open_new` raises (ValidationError: nothing stored).
    """
    if existing := cases.case_for_submission(submission_key):
        return existing
    try:
        with transaction.atomic():
            case = open_new()
            if not getattr(case, "opened_now", False):
                # open_case() found the winner's case after our lookup missed it: store none
                # of ours (contact, details, receipt).
                raise _AlreadyOpened(case)
            return case
    except _AlreadyOpened as repeat:
        return repeat.case
    except IntegrityError:
        if existing := cases.case_for_submission(submission_key):
            return existing
        raise


def queue_receipt(*, case: Case, template: str, **context) -> OutboxMessage:
    """The receipt e-mail, in the active language (the one the sender used on the site).

    `template` names the app's e-mail (`<template>.txt` and `<template>_subject.txt`), which
    extends templates/intake/email/receipt.txt; `context` adds what its blocks use.
    """
    return queue_email(
        to=case.contact.email,
        template=template,
        context={
            "case": case,
            "contact": case.contact,
            "status_url": cases.status_url(case),
            "site": SiteSettings.load(),
            **context,
        },
        about=case,
    )


# The view's steps ----------------------------------------------------------------------------

RATE_LIMITED = _(
    "Vi har fået mange henvendelser fra din internetforbindelse på kort tid. Vent et "
    "kvarter, og send så formularen igen. Det, du har skrevet, står stadig herunder."
)


@dataclass(frozen=True)
class Submission:
    """What became of one post of a public form, for its view to answer."""

    # What the form made now, or made before (the same form posted again): the case, or for a
    # form that opens no case (an exchange listing, a directory request) the app's own row.
    made: Any = None
    # The honeypot was filled in: answer as if all went well, and store nothing.
    caught: bool = False
    # Refused by the rate limit: show the form again with 429 and this Retry-After.
    retry_after: int | None = None

    @property
    def case(self) -> Case | None:
        """What a form that opens a case made: its case."""
        return self.made

    @property
    def status(self) -> int:
        """The status of the page that shows the form again."""
        return 429 if self.retry_after else 200


def take_submission(
    request: HttpRequest,
    form: IntakeForm,
    *,
    scope: str,
    limit: int,
    window: int,
    submit: Callable[[], Any],
    made_before: Callable[[str], Any] = cases.case_for_submission,
) -> Submission:
    """The steps every public form takes on a post, in the one order that is safe.

    Honeypot first (a bot learns nothing), then validation, then what this form made before
    (`made_before(submission_key)`: the case by default; a form that opens no case looks up
    its own row), so that a repeat post never meets the rate limit, then the limit, which
    counts only new submissions, then `submit()`, the app's own service. A ValidationError
    from it lands on the form, on its field where it names one; then nothing was stored.
    """
    if form.caught_in_honeypot():
        logger.info(
            "A %s form was caught in the honeypot from %s", scope, ratelimit.client_ip(request)
        )
        return Submission(caught=True)
    if not form.is_valid():
        return Submission()
    if (earlier := made_before(form.submission_key)) is not None:
        return Submission(made=earlier)
    if not ratelimit.allow_new_submission(
        request, scope=scope, submission_key=form.submission_key, limit=limit, window=window
    ):
        form.add_error(None, RATE_LIMITED)
        return Submission(retry_after=window)
    try:
        return Submission(made=submit())
    except ValidationError as error:
        refuse(form, error)
        return Submission()


def refuse(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError on the form: next to the field it names, if the form has
    it, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# The receipt page ----------------------------------------------------------------------------


def receipt_page(request: HttpRequest, *, case: Case, template: str, **context) -> HttpResponse:
    """The page after sending: `template` extends templates/intake/receipt.html.

    Reached through the case's secret token: decorate the view with
    `portal.ratelimit.limit_token_guessing` and never cache it.
    """
    status_path = case.get_absolute_url()
    response = render(
        request,
        template,
        {
            "case": case,
            "status_path": status_path,
            "status_url": request.build_absolute_uri(status_path),
            **context,
        },
    )
    # The token is the only key to the page: keep it out of search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
