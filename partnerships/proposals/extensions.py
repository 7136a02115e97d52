"""What the proposals part adds to portal's extension points."""

from django.utils.translation import gettext_lazy as _

from partnerships.proposals.case_details import proposal_details
from partnerships.proposals.demo import load_demo_proposals
from partnerships.proposals.privacy import anonymise_proposal, find_proposals
from portal.cases.details import CaseDetailsProvider, case_details_providers
from portal.demo import DemoLoader, demo_loaders
from portal.privacy.registry import PersonalData, personal_data


def register() -> None:
    case_details_providers.register(
        CaseDetailsProvider(
            name="partnerships.proposal",
            build=proposal_details,
            permission="partnerships.view_partnershipproposal",
        )
    )
    personal_data.register(
        PersonalData(
            name="partnerships.proposals",
            label=_("Forslag om partnerskab"),
            find=find_proposals,
            anonymise_for_case=anonymise_proposal,
            order=35,
        )
    )
    # After the registry's companies (one proposal comes from a demo company).
    demo_loaders.register(
        DemoLoader(name="partnerships.proposals", load=load_demo_proposals, order=55)
    )
