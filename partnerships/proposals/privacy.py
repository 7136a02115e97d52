"""Proposals' personal data for portal/privacy: the data-subject report and retention.

A proposal follows its case: when retention anonymises the case, what the proposer wrote is
replaced; the role stays for statistics. A partnership made from it is the municipality's own
record and keeps its purpose (written by the caseworker from then on).
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from partnerships.models import PartnershipProposal
from portal.cases.models import Case
from portal.privacy.registry import Subject
from portal.privacy.report import when
from portal.privacy.services import ANONYMISED

# The free text a proposer wrote, replaced when the case is anonymised.
FREE_TEXT = ("partners", "purpose", "needs_from_municipality")


def find_proposals(subject: Subject) -> list[dict]:
    if subject.email:
        proposals = PartnershipProposal.objects.filter(case__contact__email__iexact=subject.email)
    else:
        proposals = PartnershipProposal.objects.filter(
            Q(case__company__cvr=subject.cvr) | Q(case__contact__company__cvr=subject.cvr)
        )
    return [
        {
            _("Sag"): proposal.case.reference,
            _("Modtaget"): when(proposal.case.created_at),
            _("Forslagsstilleren er"): proposal.get_role_display(),
            _("Virksomhed eller organisation som skrevet"): proposal.organisation,
            _("Med hvem"): proposal.partners,
            _("Det fælles tredje"): proposal.purpose,
            _("Det har de brug for fra kommunen"): proposal.needs_from_municipality,
        }
        for proposal in proposals.select_related("case").order_by("case__created_at", "pk")
    ]


def anonymise_proposal(case: Case) -> int:
    values = dict.fromkeys(FREE_TEXT, ANONYMISED) | {"organisation": ""}
    return PartnershipProposal.objects.filter(case=case).update(**values)
