"""Writes with side effects for principle 1: the enquiry that becomes an advice case."""

from django.utils import translation

from guidance.models import Enquiry
from portal import intake
from portal.cases import services as cases
from portal.cases.models import Case
from portal.intake import ContactData
from portal.notifications.models import OutboxMessage
from portal.registry.models import Company
from portal.registry.services import company_for_cvr_or_draft

# Records the caseworker reads are written in Danish, whatever language the enquirer used.
CREATED_FROM_ENQUIRY = "Oprettet fra en henvendelse på portalen"

# The kind of a draft company, a first guess from who the enquirer is, for staff to correct.
DRAFT_KIND = {Enquiry.Role.ENTREPRENEUR: Company.Kind.STARTUP_IDEA}


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
    return intake.submit_once(
        submission_key=submission_key,
        open_new=lambda: _open_enquiry_case(
            contact=contact,
            role=role,
            topic=topic,
            message=message.strip(),
            contact_preference=contact_preference,
            cvr=cvr,
            company_name=company_name.strip(),
            submission_key=submission_key,
        ),
    )


def _open_enquiry_case(
    *,
    contact: ContactData,
    role: str,
    topic: str,
    message: str,
    contact_preference: str,
    cvr: str,
    company_name: str,
    submission_key: str,
) -> Case:
    company = None
    if cvr:
        # Only a CVR number finds or creates a company; a draft is named as the enquirer wrote
        # it, so the caseworker knows what to look up. An enquiry never changes the registry.
        company, _created = company_for_cvr_or_draft(
            cvr=cvr,
            name=company_name,
            kind=DRAFT_KIND.get(role, Company.Kind.ORDINARY),
            reason=CREATED_FROM_ENQUIRY,
        )
    person = intake.new_contact(contact=contact, company=company, reason=CREATED_FROM_ENQUIRY)
    case = cases.open_case(
        kind=Case.Kind.ADVICE,
        contact=person,
        company=company,
        subject=_in_danish(Enquiry.Topic(topic).label),
        submission_key=submission_key,
    )
    enquiry = Enquiry.objects.create(
        case=case,
        role=role,
        topic=topic,
        message=message,
        contact_preference=contact_preference,
        company_name=company_name,
        created_at=case.created_at,
    )
    queue_enquiry_receipt(enquiry=enquiry)
    return case


def queue_enquiry_receipt(*, enquiry: Enquiry) -> OutboxMessage:
    """The receipt: reference, topic, expected answer date and the status link (not the text)."""
    return intake.queue_receipt(
        case=enquiry.case, template="guidance/enquiry_email", enquiry=enquiry
    )


def _in_danish(label) -> str:
    with translation.override("da"):
        return str(label)
