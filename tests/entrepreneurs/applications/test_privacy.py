import datetime

import pytest
from django.utils import timezone

from entrepreneurs.applications import services
from entrepreneurs.applications.demo import DEMO_APPLICATIONS, load_demo_applications
from entrepreneurs.models import ApplicationAttachment, ApplicationDraft, GrantApplication
from portal.cases.models import Case
from portal.privacy.policy import rule
from portal.privacy.registry import Subject
from portal.privacy.report import build_subject_report
from portal.privacy.services import ANONYMISED, apply_retention, plan_retention
from tests.entrepreneurs.applications.answers import post_step, step_url
from tests.entrepreneurs.applications.files import upload
from tests.entrepreneurs.factories import GrantApplicationFactory

pytestmark = pytest.mark.django_db


def _expired_draft_with_a_file(client, draft):
    post_step(client, draft, "ansoeger")
    client.post(step_url(draft, "bilag"), {"files": [upload("plan.pdf")], "action": "upload"})
    ApplicationDraft.objects.filter(pk=draft.pk).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    return draft.attachments.get()


def test_expired_drafts_rule_is_in_the_policy_with_its_legal_basis():
    expired = rule("expired_drafts")
    assert "art. 5, stk. 1, litra c og e" in str(expired.legal_basis)
    assert str(expired.keep_for) == "30 dage"


def test_retention_clears_an_expired_draft_and_keeps_its_row(client, draft):
    attachment = _expired_draft_with_a_file(client, draft)
    fresh = services.start_draft(scheme=draft.scheme)
    plan = plan_retention()
    assert plan.counts["expired_drafts"] == 1
    run = apply_retention()
    assert run.counts["expired_drafts"] == 1
    draft.refresh_from_db()
    assert draft.answers == {}
    assert draft.email == ""
    assert draft.cleared_at is not None
    assert not ApplicationAttachment.objects.filter(pk=attachment.pk).exists()
    assert not attachment.file.storage.exists(attachment.file.name)
    fresh.refresh_from_db()
    assert fresh.cleared_at is None
    # Its link still says, politely, that it has expired.
    assert client.get(draft.get_absolute_url()).status_code == 410
    assert apply_retention().counts["expired_drafts"] == 0


def test_anonymising_the_case_anonymises_the_application_and_deletes_its_files(scheme):
    application = GrantApplicationFactory(scheme=scheme)
    attachment = ApplicationAttachment(application=application, original_name="plan.pdf", size=3)
    attachment.file.save("plan.pdf", upload("plan.pdf"), save=True)
    Case.objects.filter(pk=application.case_id).update(
        status=Case.Status.CLOSED, closed_at=timezone.now() - datetime.timedelta(days=6 * 366)
    )
    apply_retention()
    application.refresh_from_db()
    assert application.address == ANONYMISED
    assert application.social_purpose == ANONYMISED
    assert application.criterion_sales == ANONYMISED
    assert application.amount_requested == 40_000  # the accounts keep the numbers
    assert not application.attachments.exists()
    assert not attachment.file.storage.exists(attachment.file.name)
    assert not GrantApplication.history.filter(address="Storegade 12").exists()


def test_subject_report_holds_the_application_and_the_draft(client, draft, scheme):
    GrantApplicationFactory(scheme=scheme)
    post_step(client, draft, "ansoeger")
    report = build_subject_report(Subject(email="mette@example.dk"), generated_by=None)
    sections = {section.name: section.rows for section in report.sections}
    assert sections["grant_applications"][0]["Virksomhed"] == "Café Kanten"
    assert sections["grant_applications"][0]["Ansøgt beløb"] == "40.000 kr."
    assert sections["application_drafts"][0]["Svar"]["ansoeger"]["name"] == "Mette Jensen"


def test_demo_loader_is_idempotent_and_names_stay_stable():
    load_demo_applications()
    load_demo_applications()
    names = set(GrantApplication.objects.values_list("enterprise_name", flat=True))
    assert names == {
        answers["virksomhed"]["enterprise_name"] for answers in DEMO_APPLICATIONS.values()
    }
    assert {"Café Kanten", "Åens Cykelværksted", "Aarø Rengøringskooperativ"} <= names
    assert Case.objects.filter(kind=Case.Kind.GRANT).count() == len(DEMO_APPLICATIONS)
    application = GrantApplication.objects.get(enterprise_name="Aarø Rengøringskooperativ")
    assert application.budget_total == 90_000
    assert application.de_minimis_received == 15_000
