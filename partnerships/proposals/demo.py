"""Demo data: two partnership proposals in the caseworker's inbox, sent through the proposal
service like a visitor's, each with a fixed one-time token so a rerun adds nothing. One comes
from a demo company of the registry (by its CVR number), one from an association without one."""

from datetime import timedelta

from django.utils import timezone

from partnerships.models import PartnershipProposal
from partnerships.proposals.services import submit_proposal
from portal.cases.models import Case
from portal.cases.services import first_answer_deadline
from portal.intake import ContactData

DEMO_PROPOSALS = [
    {
        "submission_key": "demo-proposal-bakery",
        "contact": ("Henrik Lund", "henrik@kirkepladsens-bageri.example", "74 52 10 20"),
        "role": PartnershipProposal.Role.COMPANY,
        "organisation": "Kirkepladsens Bageri ApS",
        "cvr": "96100930",
        "partners": "Café Kernen eller en anden socialøkonomisk virksomhed i Haderslev.",
        "purpose": (
            "Vi har brød og kager til overs hver eftermiddag og mangler hænder til at pakke "
            "og køre ud. Vi vil gerne betale en socialøkonomisk virksomhed for at hente det og "
            "sælge det videre, så det ikke bliver smidt ud, og så flere kommer i arbejde."
        ),
        "needs_from_municipality": "Hjælp til at finde den rette partner og et første møde.",
        "days_ago": 3,
    },
    {
        "submission_key": "demo-proposal-garden",
        "contact": ("Birgitte Schmidt", "birgitte@example.dk", ""),
        "role": PartnershipProposal.Role.ASSOCIATION,
        "organisation": "Haveforeningen Sønderskoven",
        "cvr": "",
        "partners": "Kommunen og Æblehaven Grønne Hænder.",
        "purpose": (
            "Foreningen har et stort fælleshus og en have, der står tom om formiddagen. Vi "
            "foreslår, at borgere i jobtræning kan passe haven og dyrke grøntsager til "
            "kommunens dagcentre."
        ),
        "needs_from_municipality": "Kontakt til jobcentret og dagcentrenes køkkener.",
        "days_ago": 1,
    },
]


def load_demo_proposals() -> None:
    for data in DEMO_PROPOSALS:
        name, email, phone = data["contact"]
        case = submit_proposal(
            contact=ContactData(name=name, email=email, phone=phone),
            role=data["role"],
            organisation=data["organisation"],
            cvr=data["cvr"],
            partners=data["partners"],
            purpose=data["purpose"],
            needs_from_municipality=data["needs_from_municipality"],
            submission_key=data["submission_key"],
        )
        received = timezone.now() - timedelta(days=data["days_ago"])
        Case.objects.filter(pk=case.pk).update(
            created_at=received,
            deadline=first_answer_deadline(timezone.localtime(received).date()),
        )
