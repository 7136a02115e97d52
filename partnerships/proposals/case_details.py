"""The proposal on its case page in the admin, with the step that turns it into a partnership."""

from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.models import PartnershipProposal
from portal.cases.details import Action, CaseDetails, DetailRow
from portal.cases.models import Case


def create_partnership_url(proposal: PartnershipProposal) -> str:
    return reverse("admin:partnerships_partnershipproposal_create_partnership", args=[proposal.pk])


def proposal_details(case: Case) -> CaseDetails | None:
    """The proposal as the proposer wrote it, and its partnership once made, in one query."""
    proposal = (
        PartnershipProposal.objects.select_related("case__partnership").filter(case=case).first()
    )
    if proposal is None:
        return None
    rows = [DetailRow(_("Forslagsstilleren er"), proposal.get_role_display())]
    if proposal.organisation:
        rows.append(
            DetailRow(_("Virksomhed eller organisation (som skrevet)"), proposal.organisation)
        )
    rows += [
        DetailRow(_("Med hvem"), proposal.partners),
        DetailRow(_("Det fælles tredje"), proposal.purpose),
        DetailRow(
            _("Det har de brug for fra kommunen"),
            proposal.needs_from_municipality or _("Intet skrevet"),
        ),
    ]
    partnership = getattr(proposal.case, "partnership", None)
    if partnership is None:
        actions = [
            Action(
                _("Opret partnerskab ud fra forslaget"),
                create_partnership_url(proposal),
                permission="partnerships.add_partnership",
            )
        ]
    else:
        rows.append(DetailRow(_("Partnerskab oprettet"), partnership.title))
        actions = [
            Action(
                _("Se partnerskabet"),
                partnership.get_admin_url(),
                permission="partnerships.view_partnership",
            )
        ]
    return CaseDetails(title=_("Forslag om partnerskab"), rows=rows, actions=actions)
