"""Writes with side effects for principle 1: the enquiry that becomes an advice case."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import translation

from guidance.models import Enquiry
from portal.cases import services as cases
from portal.cases.models import Case
from portal.notifications.models import OutboxMessage
from portal.notifications.services import queue_email
from portal.pages.models import SiteSettings
from portal.registry.models import Company, Contact
from portal.registry.services import company_for_cvr

# Records the caseworker reads are written in Danish, whatever language the enquirer used.
CREATED_FROM_ENQUIRY = "Oprettet fra en henvendelse på portalen"


@dataclass(frozen=True)
class ContactData:
    name: str
    email: str
    phone: str = ""


def case_for_submission(submission_key: str) -> Case | None:
    """The case already opened by the form with this one-time token, if any."""
    if not submission_key:
        return None
    enquiry = Enquiry.objects.select_related("case").filter(submission_key=submission_key).first()
    return enquiry.case if enquiry else None


def submit_enquiry(
    *,
    contact: ContactData,
    role: str,
    topic: str,
    message: str,
    contact_preference: str = Enquiry.ContactPreference.EMAIL,
    cvr: str = "",
    company_name: str = "",
    submission_key: str = "",
) -> Case:
    """Open an advice case for an enquiry and queue the receipt with the private status link.

    The same `submission_key` (the form's one-time token) always gives the same case: a form
    posted twice, also at the same moment, opens one case and sends one receipt. Raises
    ValidationError for an invalid CVR number; then nothing is stored.
    """
    existing = case_for_submission(submission_key)
    if existing is not None:
        return existing
    try:
        return _open_enquiry_case(
            contact=contact,
            role=role,
            topic=topic,
            message=message.strip(),
            contact_preference=contact_preference,
            cvr=cvr,
            company_name=company_name.strip(),
            submission_key=submission_key or None,
        )
    except IntegrityError:
        # Another request with the same token won the race and committed first; its
        # transaction holds the case, ours rolled back (reference number included).
        existing = case_for_submission(submission_key)
        if existing is None:
            raise
        return existing


@transaction.atomic
def _open_enquiry_case(
    *,
    contact: ContactData,
    role: str,
    topic: str,
    message: str,
    contact_preference: str,
    cvr: str,
    company_name: str,
    submission_key: str | None,
) -> Case:
    company = _company_for_enquiry(cvr=cvr, role=role, company_name=company_name)
    person = Contact(name=contact.name, email=contact.email, phone=contact.phone, company=company)
    person._change_reason = CREATED_FROM_ENQUIRY
    person.save()
    case = cases.open_case(
        kind=Case.Kind.ADVICE,
        contact=person,
        company=company,
        subject=_in_danish(Enquiry.Topic(topic).label),
        send_receipt=False,
    )
    enquiry = Enquiry.objects.create(
        case=case,
        role=role,
        topic=topic,
        message=message,
        contact_preference=contact_preference,
        company_name=company_name,
        submission_key=submission_key,
        created_at=case.created_at,
    )
    queue_enquiry_receipt(enquiry=enquiry)
    return case


def _company_for_enquiry(*, cvr: str, role: str, company_name: str) -> Company | None:
    """The company the enquiry is about: the registered one, or a draft for the caseworker.

    Only a CVR number finds or creates a company. A draft is named as the enquirer wrote it,
    so the caseworker knows what to look up; its kind is a first guess for them to correct.
    The registry's own data is never changed by an enquiry.
    """
    if not cvr:
        return None
    company = company_for_cvr(cvr)
    if company is not None:
        return company
    if role == Enquiry.Role.ENTREPRENEUR:
        kind = Company.Kind.STARTUP_IDEA
    else:
        kind = Company.Kind.ORDINARY
    draft = Company(cvr=cvr, name=company_name or f"Ukendt virksomhed (CVR {cvr})", kind=kind)
    draft._change_reason = CREATED_FROM_ENQUIRY
    try:
        # A savepoint: two enquiries with the same new CVR number at once create it once.
        with transaction.atomic():
            draft.save()
    except IntegrityError:
        return company_for_cvr(cvr)
    return draft


def queue_enquiry_receipt(*, enquiry: Enquiry) -> OutboxMessage:
    """The receipt: reference, topic, expected answer date, a copy of the message, status link.

    Rendered in the active language: the one the enquirer used on the site.
    """
    case = enquiry.case
    return queue_email(
        to=case.contact.email,
        template="guidance/enquiry_email",
        context={
            "case": case,
            "enquiry": enquiry,
            "contact": case.contact,
            "status_url": cases.status_url(case),
            "site": SiteSettings.load(),
        },
        case=case,
    )


def _in_danish(label) -> str:
    with translation.override("da"):
        return str(label)
