import datetime

import pytest
from django.utils import timezone

from partnerships.models import PartnershipProposal
from portal.cases.models import Case
from portal.privacy.registry import Subject
from portal.privacy.report import build_subject_report
from portal.privacy.services import ANONYMISED, apply_retention
from tests.factories import valid_cvr

pytestmark = pytest.mark.django_db


def test_anonymising_the_case_clears_what_the_proposer_wrote(make_proposal):
    case = make_proposal()
    kept = make_proposal()
    Case.objects.filter(pk=case.pk).update(
        status=Case.Status.CLOSED, closed_at=timezone.now() - datetime.timedelta(days=6 * 366)
    )

    apply_retention()

    proposal = PartnershipProposal.objects.get(case=case)
    assert proposal.partners == proposal.purpose == ANONYMISED
    assert proposal.needs_from_municipality == ANONYMISED
    assert proposal.organisation == ""
    assert proposal.role == "company"  # statistics keep who proposed
    assert PartnershipProposal.objects.get(case=kept).partners == "Café Kanten"


def test_subject_report_holds_the_proposal(make_proposal):
    make_proposal()

    report = build_subject_report(Subject(email="jens@tekstil.example"), generated_by=None)

    sections = {section.name: section.rows for section in report.sections}
    row = sections["partnerships.proposals"][0]
    assert row["Med hvem"] == "Café Kanten"
    assert row["Det fælles tredje"] == "Frokostordning med ansatte fra kanten af arbejdsmarkedet."
    assert row["Forslagsstilleren er"] == "Ordinær virksomhed"


def test_subject_report_by_cvr_finds_the_proposal_of_the_company(make_proposal):
    make_proposal(cvr=valid_cvr(21))
    make_proposal()

    report = build_subject_report(Subject(cvr=valid_cvr(21)), generated_by=None)

    sections = {section.name: section.rows for section in report.sections}
    assert len(sections["partnerships.proposals"]) == 1
