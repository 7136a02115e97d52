"""The decisions' personal data for portal/privacy: the data-subject report and retention.

A decision letter names the applicant and their address; when retention anonymises the case,
the letter (HTML and PDF) and the free text go, and what the pool's statistics need stays:
outcome, amount, year and dates.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from entrepreneurs.models import Assessment, Decision, Payment
from portal.cases.models import Case
from portal.privacy.registry import Subject
from portal.privacy.report import when
from portal.privacy.services import ANONYMISED


def find_decisions(subject: Subject) -> list[dict]:
    if subject.email:
        decisions = Decision.objects.filter(application__case__contact__email__iexact=subject.email)
    else:
        decisions = Decision.objects.filter(
            Q(application__case__company__cvr=subject.cvr) | Q(application__cvr=subject.cvr)
        )
    return [
        {
            _("Sag"): decision.application.case.reference,
            _("Afgørelse"): decision.get_outcome_display(),
            _("Bevilget beløb i kr."): decision.amount,
            _("Truffet"): when(decision.decided_at),
            _("Vilkår"): decision.conditions,
            _("Udbetaling"): decision.payment_plan,
            _("Begrundelse"): decision.reasons,
            _("Klagefrist"): when(decision.complaint_deadline),
            _("Retter afgørelsen af"): when(decision.corrects.decided_at)
            if decision.corrects
            else None,
        }
        for decision in decisions.select_related("application__case", "corrects").order_by(
            "decided_at", "pk"
        )
    ]


def anonymise_decisions(case: Case) -> int:
    """Clear the letters and free text of the case's decisions, assessment and payments."""
    decisions = Decision.objects.filter(application__case=case)
    for decision in decisions.exclude(letter_pdf=""):
        decision.letter_pdf.delete(save=False)
    text = {
        "letter_html": "",
        "letter_pdf": "",
        "reasons": ANONYMISED,
        "conditions": "",
        "payment_plan": "",
        "correction_reason": "",
    }
    Decision.history.model.objects.filter(application_id=case.pk).update(**text)
    Assessment.history.model.objects.filter(application_id=case.pk).update(notes="")
    Assessment.objects.filter(application__case=case).update(notes="")
    Payment.history.model.objects.filter(application_id=case.pk).update(note="")
    Payment.objects.filter(application__case=case).update(note="")
    return decisions.update(**text)
