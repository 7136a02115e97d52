from datetime import timedelta

from django.utils import timezone

from guidance.models import Enquiry
from portal.cases import services as cases
from portal.cases.models import Case
from portal.notifications.models import OutboxMessage
from tests.factories import ContactFactory
from tests.portal.cases.factories import CaseFactory


def closed_case(*, years_ago: float, **kwargs) -> Case:
    """A case closed `years_ago`, with an internal note, a receipt e-mail and an enquiry."""
    contact = kwargs.pop("contact", None) or ContactFactory(phone="12 34 56 78", role="Direktør")
    case = CaseFactory(
        contact=contact,
        status=Case.Status.CLOSED,
        closed_at=timezone.now() - timedelta(days=round(365.25 * years_ago)),
        **kwargs,
    )
    cases.add_note(case=case, text=f"Ringede til {contact.name} om caféen.", by=None)
    Enquiry.objects.create(
        case=case,
        role=Enquiry.Role.ENTREPRENEUR,
        topic=Enquiry.Topic.START,
        message=f"Hej, jeg hedder {contact.name} og vil starte en café.",
        company_name="Caféen på hjørnet",
    )
    case.messages.update(status=OutboxMessage.Status.SENT)
    return case
