"""Writes for partnership proposals: the public proposal that becomes a case, and the
caseworker's step that turns it into a partnership."""

import textwrap

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from partnerships.models import Partnership, PartnershipProposal
from partnerships.register.services import create_partnership
from portal import intake
from portal.cases import services as cases
from portal.cases.models import Case
from portal.intake import ContactData
from portal.notifications.models import OutboxMessage
from portal.registry.models import Company
from portal.registry.services import company_for_cvr_or_draft

# Records the caseworker reads are written in Danish, whatever language the proposer used.
CREATED_FROM_PROPOSAL = "Oprettet fra et forslag om partnerskab på portalen"

# The kind of a draft company, a first guess from who the proposer is, for staff to correct.
DRAFT_KIND = {
    PartnershipProposal.Role.SOCIAL_ECONOMY: Company.Kind.SOCIAL_ECONOMY,
    PartnershipProposal.Role.CITIZEN: Company.Kind.STARTUP_IDEA,
}


# Enough for the gist in one line of the inbox; the whole text is on the case page.
SUBJECT_PURPOSE_LENGTH = 80


def proposal_subject(purpose: str) -> str:
    """The case's subject, in Danish: what the proposal is about, on one line, short enough to
    read in the inbox (the whole text is on the case page)."""
    with translation.override("da"):
        return _("Forslag om partnerskab: %(purpose)s") % {
            "purpose": textwrap.shorten(purpose, width=SUBJECT_PURPOSE_LENGTH, placeholder=" …")
        }


def submit_proposal(
    *,
    contact: ContactData,
    role: str,
    partners: str,
    purpose: str,
    needs_from_municipality: str = "",
    organisation: str = "",
    cvr: str = "",
    submission_key: str = "",
) -> Case:
    """Open a partnership case for a proposal and queue the receipt with the status link.

    The same `submission_key` (the form's one-time token) always gives the same case. Raises
    ValidationError for an invalid CVR number; then nothing is stored.
    """
    return intake.submit_once(
        submission_key=submission_key,
        open_new=lambda: _open_proposal_case(
            contact=contact,
            role=role,
            partners=partners.strip(),
            purpose=purpose.strip(),
            needs_from_municipality=needs_from_municipality.strip(),
            organisation=organisation.strip(),
            cvr=cvr,
            submission_key=submission_key,
        ),
    )


def _open_proposal_case(
    *,
    contact: ContactData,
    role: str,
    partners: str,
    purpose: str,
    needs_from_municipality: str,
    organisation: str,
    cvr: str,
    submission_key: str,
) -> Case:
    company = None
    if cvr:
        # Only a CVR number finds or creates a company; a proposal never changes the registry.
        company, _created = company_for_cvr_or_draft(
            cvr=cvr,
            name=organisation,
            kind=DRAFT_KIND.get(role, Company.Kind.ORDINARY),
            reason=CREATED_FROM_PROPOSAL,
        )
    person = intake.new_contact(contact=contact, company=company, reason=CREATED_FROM_PROPOSAL)
    case = cases.open_case(
        kind=Case.Kind.PARTNERSHIP,
        contact=person,
        company=company,
        subject=proposal_subject(purpose),
        submission_key=submission_key,
    )
    proposal = PartnershipProposal.objects.create(
        case=case,
        role=role,
        organisation=organisation,
        partners=partners,
        purpose=purpose,
        needs_from_municipality=needs_from_municipality,
    )
    queue_proposal_receipt(proposal=proposal)
    return case


def queue_proposal_receipt(*, proposal: PartnershipProposal) -> OutboxMessage:
    """The receipt: reference, expected answer date and the status link (never the text)."""
    return intake.queue_receipt(
        case=proposal.case, template="partnerships/proposals/email/receipt", proposal=proposal
    )


@transaction.atomic
def create_partnership_from_proposal(
    *,
    proposal: PartnershipProposal,
    title: str,
    with_municipality: bool,
    kind: str = "",
    by,
) -> Partnership:
    """The partnership the proposal's case becomes, in the "idea" state, with a journal note.

    A case becomes at most one partnership: a second call (a double click, two caseworkers at
    once) is refused with a ValidationError, and nothing more is stored.
    """
    # Only the case's row is locked (the company may be missing: an outer join).
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("company")
        .get(pk=proposal.case_id)
    )
    if Partnership.objects.filter(source_case=case).exists():
        raise ValidationError(
            _("Der er allerede oprettet et partnerskab ud fra forslaget."), code="exists"
        )
    partnership = create_partnership(
        title=title,
        purpose=proposal.purpose,
        companies=[case.company] if case.company else [],
        with_municipality=with_municipality,
        kind=kind,
        by=by,
        source_case=case,
    )
    with translation.override("da"):
        note = _("Partnerskabet »%(title)s« er oprettet ud fra forslaget.") % {"title": title}
    cases.add_note(case=case, text=note, by=by)
    return partnership
