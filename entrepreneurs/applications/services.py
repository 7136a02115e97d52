"""Writes with side effects for applications: drafts, their steps and files, and submitting.

A draft holds each step's answers as typed; submitting checks every step again with the rules in
force then, and turns the draft into a grant case through portal.intake, once however often it
is posted.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from entrepreneurs.applications import rules
from entrepreneurs.applications.forms import StepForm
from entrepreneurs.applications.steps import ANSWER_STEPS, STEPS, Step
from entrepreneurs.models import (
    ApplicationAttachment,
    ApplicationDraft,
    BudgetLine,
    GrantApplication,
    SupportScheme,
)
from portal import intake
from portal.cases import services as cases
from portal.cases.models import Case
from portal.intake import ContactData
from portal.notifications.models import OutboxMessage
from portal.notifications.services import queue_email
from portal.pages.models import SiteSettings
from portal.registry.services import company_for_cvr_or_draft

# Records the caseworker reads are written in Danish, whatever language the applicant used.
CREATED_FROM_APPLICATION = "Oprettet fra en ansøgning om støtte på portalen"


def draft_expiry(now):
    return now + timedelta(days=settings.ENTREPRENEURS_DRAFT_DAYS)


@transaction.atomic
def start_draft(*, scheme: SupportScheme, language: str = "da") -> ApplicationDraft:
    """A new, empty draft, if the scheme takes applications today."""
    rules.check_period(scheme=scheme, day=timezone.localdate())
    now = timezone.now()
    return ApplicationDraft.objects.create(
        scheme=scheme, language=language, updated_at=now, expires_at=draft_expiry(now)
    )


def step_form(draft: ApplicationDraft, step: Step, data=None, files=None, **kwargs) -> StepForm:
    """The step's form, bound to `data` or else to what the draft holds for it."""
    if step.slug == "bilag":
        kwargs.setdefault("existing", draft.attachments.count())
    if data is None and step.has_answers and step.slug in draft.answers:
        data = draft.answers[step.slug]
    return step.form(data, files, scheme=draft.scheme, **kwargs)


def is_done(draft: ApplicationDraft, step: Step) -> bool:
    return step.slug in draft.answers and step_form(draft, step).is_valid()


def first_unfinished_step(draft: ApplicationDraft) -> Step:
    return next((step for step in ANSWER_STEPS if not is_done(draft, step)), STEPS[-1])


@transaction.atomic
def save_step(*, draft: ApplicationDraft, step: Step, answers: dict[str, str]) -> ApplicationDraft:
    """Keep the step's valid answers (others as they were) and renew the draft's expiry."""
    locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
    _refuse_if_closed(locked)
    now = timezone.now()
    locked.answers = {**locked.answers, step.slug: {**locked.answers.get(step.slug, {}), **answers}}
    if step.slug == "ansoeger" and answers.get("email"):
        locked.email = answers["email"]
    locked.updated_at = now
    locked.expires_at = draft_expiry(now)
    locked.save(update_fields=["answers", "email", "updated_at", "expires_at"])
    return locked


def _refuse_if_closed(draft: ApplicationDraft) -> None:
    if draft.submitted_case_id:
        raise ValidationError(_("Ansøgningen er allerede sendt."), code="submitted")
    if draft.is_expired():
        raise ValidationError(_("Kladden er udløbet."), code="expired")


@transaction.atomic
def send_draft_link(*, draft: ApplicationDraft) -> OutboxMessage:
    """The private link to the draft, mailed to the applicant's address from the first step."""
    if not draft.email:
        raise ValidationError(
            _("Skriv din e-mail-adresse på første trin, så vi kan sende dig linket."),
            code="no_email",
        )
    message = queue_email(
        to=draft.email,
        template="entrepreneurs/support/email/draft_link",
        context={
            "draft": draft,
            "scheme": draft.scheme,
            "link": settings.SITE_URL.rstrip("/") + draft.get_absolute_url(),
            "site": SiteSettings.load(),
        },
        about=draft,
    )
    ApplicationDraft.objects.filter(pk=draft.pk).update(link_sent_at=timezone.now())
    return message


@transaction.atomic
def add_attachments(*, draft: ApplicationDraft, files: list) -> list[ApplicationAttachment]:
    """Store files that passed validation (AttachmentsForm) on the draft, under random names.

    `files` are (upload, name as shown) pairs; the limit is checked again under the draft's
    lock, so two uploads at once cannot pass it together.
    """
    locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
    _refuse_if_closed(locked)
    room = settings.ENTREPRENEURS_MAX_ATTACHMENTS - locked.attachments.count()
    if len(files) > room:
        raise ValidationError(
            _("Du kan højst vedhæfte %(count)d filer."),
            params={"count": settings.ENTREPRENEURS_MAX_ATTACHMENTS},
        )
    stored = []
    for upload, name in files:
        attachment = ApplicationAttachment(draft=locked, original_name=name, size=upload.size)
        attachment.file.save(name, upload, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


@transaction.atomic
def remove_attachment(*, draft: ApplicationDraft, pk: int) -> None:
    locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
    _refuse_if_closed(locked)
    attachment = locked.attachments.filter(pk=pk).first()
    if attachment is not None:
        attachment.file.delete(save=False)
        attachment.delete()


def validated_answers(draft: ApplicationDraft) -> dict[str, dict]:
    """Every step's cleaned answers, checked again now; ValidationError names the first step
    that is missing or no longer valid."""
    cleaned = {}
    for step in ANSWER_STEPS:
        form = step_form(draft, step)
        if step.slug not in draft.answers or not form.is_valid():
            raise ValidationError(
                _("Trinnet »%(step)s« mangler eller skal rettes, før du kan sende ansøgningen."),
                code="unfinished",
                params={"step": step.title},
            )
        cleaned[step.slug] = form.cleaned_data
    return cleaned


def submit_application(*, draft: ApplicationDraft, declared: bool) -> Case:
    """Open the grant case for the draft and queue the receipt with the expected decision date.

    The draft's token is the submission key: the draft sent twice, also at the same moment,
    opens one case and sends one receipt. Raises ValidationError (nothing stored) when a step
    is missing or invalid, the scheme's period has closed, or the declaration is missing.
    """
    return intake.submit_once(
        submission_key=draft.token,
        open_new=lambda: _open_application_case(draft=draft, declared=declared),
    )


def _open_application_case(*, draft: ApplicationDraft, declared: bool) -> Case:
    locked = ApplicationDraft.objects.select_for_update().select_related("scheme").get(pk=draft.pk)
    if locked.submitted_case_id:
        return locked.submitted_case
    if locked.is_expired():
        raise ValidationError(_("Kladden er udløbet."), code="expired")
    if not declared:
        raise ValidationError(_("Sæt kryds for at afgive erklæringen."), code="no_declaration")
    answers = validated_answers(locked)
    scheme = locked.scheme
    rules.check_period(scheme=scheme, day=timezone.localdate())
    applicant, enterprise = answers["ansoeger"], answers["virksomhed"]
    purpose, business, budget = answers["formaal"], answers["forretning"], answers["budget"]

    company = None
    if enterprise["cvr"]:
        company, _created = company_for_cvr_or_draft(
            cvr=enterprise["cvr"],
            name=enterprise["enterprise_name"],
            reason=CREATED_FROM_APPLICATION,
        )
    person = intake.new_contact(
        contact=ContactData(
            name=applicant["name"], email=applicant["email"], phone=applicant["phone"]
        ),
        company=company,
        reason=CREATED_FROM_APPLICATION,
    )
    with translation.override("da"):
        subject = _("Ansøgning om støtte: %(name)s") % {"name": enterprise["enterprise_name"]}
    case = cases.open_case(
        kind=Case.Kind.GRANT,
        contact=person,
        company=company,
        subject=subject,
        submission_key=locked.token,
        # The decision is the answer: the case is due (and overdue) by the scheme's date.
        answer_within_working_days=scheme.decision_working_days,
    )
    application = GrantApplication.objects.create(
        case=case,
        scheme=scheme,
        address=applicant["address"],
        postcode=applicant["postcode"],
        city=applicant["city"],
        enterprise_name=enterprise["enterprise_name"],
        cvr=enterprise["cvr"],
        legal_form=enterprise["legal_form"],
        start_date=enterprise["start_date"],
        **{name: purpose[name] for name in _PURPOSE_FIELDS},
        business_model=business["business_model"],
        target_group=business["target_group"],
        expected_employees=business["expected_employees"],
        amount_requested=budget["amount_requested"],
        de_minimis_received=budget.get("de_minimis_received"),
        de_minimis_details=budget.get("de_minimis_details", ""),
        declared_at=case.created_at,
        expected_decision_on=case.deadline,
        created_at=case.created_at,
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, position=position, item=item, amount=amount)
        for position, (item, amount) in enumerate(budget["lines"])
    )
    locked.attachments.update(application=application, draft=None)
    # The answers now live on the case; the draft keeps only where they went.
    locked.submitted_case = case
    locked.answers = {}
    locked.email = ""
    locked.save(update_fields=["submitted_case", "answers", "email"])
    intake.queue_receipt(
        case=case, template="entrepreneurs/support/email/receipt", application=application
    )
    return case


_PURPOSE_FIELDS = (
    "social_purpose",
    "criterion_purpose",
    "criterion_sales",
    "criterion_surplus",
    "criterion_independence",
    "criterion_cvr",
)
