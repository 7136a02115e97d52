from django.utils.translation import gettext as _

from guidance.models import Enquiry
from portal.cases.details import CaseDetails, DetailRow
from portal.cases.models import Case


def enquiry_details(case: Case) -> CaseDetails | None:
    """The enquiry as the citizen wrote it, for the case page."""
    enquiry = Enquiry.objects.filter(case=case).first()
    if enquiry is None:
        return None
    rows = [
        DetailRow(_("Henvenderen er"), enquiry.get_role_display()),
        DetailRow(_("Emne"), enquiry.get_topic_display()),
        DetailRow(
            _("Foretrækker at blive kontaktet via"), enquiry.get_contact_preference_display()
        ),
    ]
    if enquiry.company_name:
        rows.append(DetailRow(_("Virksomhedens navn (som skrevet)"), enquiry.company_name))
    rows.append(DetailRow(_("Besked"), enquiry.message))
    return CaseDetails(title=_("Henvendelsen"), rows=rows)


def enquiry_status_context(case: Case) -> dict | None:
    """The enquirer's own words, on their status page: what they asked us."""
    enquiry = Enquiry.objects.filter(case=case).only("message", "created_at").first()
    return {"enquiry": enquiry} if enquiry else None
