"""Every admin page, for each person in the story, with the answer that person must get.

The pages are read from the admin site itself (every registered ModelAdmin's own URLs, custom
views included), so a new ModelAdmin or admin view is walked without being listed here. What
each role may reach is written below from what the role is for, not read from
portal/accounts/roles.py: a permission that goes missing from a role, or one that a role gains
by mistake, fails here.
"""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from entrepreneurs.decisions import services as decisions
from entrepreneurs.models import ApplicationAttachment, Decision, PathStep
from partnerships.proposals.services import submit_proposal
from partnerships.register.services import create_partnership
from portal.cases.enquirer import receive_answer
from portal.cases.models import Case, ReplyTemplate
from portal.dashboard.models import CommitteeReport, PublicFigure
from portal.intake import ContactData
from portal.notifications.models import ScheduledJob
from portal.notifications.services import queue_email
from portal.pages.models import SiteSettings
from portal.privacy.services import log_export
from tests.entrepreneurs.factories import (
    CourseSessionFactory,
    GrantApplicationFactory,
    open_grant_case,
)
from tests.factories import CompanyFactory, RegistrationFactory
from tests.guidance.factories import ArticleFactory, OutreachFactory
from tests.network.factories import FollowUpFactory, MeetingFactory
from tests.partnerships.factories import DirectoryEntryFactory, ListingFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["citizen", "caseworker", "manager", "outsider"]

# What each role is for, by app label. The caseworker works cases, companies and contacts, the
# outbox, articles and outreach (and the three other principles' apps); the manager also users
# and groups, the site settings, privacy (reports, retention), and lockouts.
CASEWORKER_APPS = {
    "cases",
    "registry",
    "notifications",
    "registrations",
    "guidance",
    "partnerships",
    "entrepreneurs",
    "network",
    "dashboard",
}
MANAGER_APPS = CASEWORKER_APPS | {"auth", "pages", "privacy", "axes"}
MAY_SEE = {"caseworker": CASEWORKER_APPS, "manager": MANAGER_APPS, "outsider": set()}

# Pages nobody gets, whatever their role: cases are never deleted from the admin (retention
# anonymises them); there is one row of site settings; the outbox, the job runs, the privacy
# log and django-axes' logs are written by the portal, not by hand.
NOBODY = {
    # Staff leave by being made inactive: their name stays on the cases they worked.
    "auth_user_delete",
    "cases_case_delete",
    "registrations_registration_add",
    "registrations_registration_delete",
    "pages_sitesettings_add",
    "pages_sitesettings_delete",
    "notifications_outboxmessage_add",
    "notifications_outboxmessage_delete",
    "notifications_scheduledjob_add",
    "privacy_privacylogentry_add",
    "privacy_privacylogentry_delete",
    "axes_accessattempt_add",
    "axes_accesslog_add",
    "axes_accessfailurelog_add",
    # Partnership proposals come from the public form and are read on their case page; the
    # directory's entries and the exchange's listings come from the companies' own forms, and
    # leave by their removal or withdrawal (or the caseworker's rejection), never deleted.
    "partnerships_partnershipproposal_changelist",
    "partnerships_partnershipproposal_add",
    "partnerships_partnershipproposal_change",
    "partnerships_partnershipproposal_delete",
    "partnerships_partnershipproposal_history",
    "partnerships_directoryentry_add",
    "partnerships_listing_add",
    "partnerships_listing_delete",
    "partnerships_directoryentry_delete",
    # Applications for start-up support come from the public form only, and stay with their case.
    "entrepreneurs_grantapplication_add",
    "entrepreneurs_grantapplication_delete",
    # Assessments, decisions and payments are made from the case page, and never deleted.
    "entrepreneurs_assessment_add",
    "entrepreneurs_assessment_delete",
    "entrepreneurs_decision_add",
    "entrepreneurs_decision_delete",
    "entrepreneurs_payment_add",
    "entrepreneurs_payment_delete",
}

# Pages only the manager gets: support schemes and their periods are the manager's to set up
# (the caseworker reads them); so are the committee reports (the caseworker reads and
# downloads them) and the key figures on the public about page.
MANAGER_ONLY = {
    "cases_case_legal_hold",
    "entrepreneurs_supportscheme_add",
    "entrepreneurs_supportscheme_delete",
    "entrepreneurs_schemeperiod_add",
    "entrepreneurs_schemeperiod_delete",
    "dashboard_committeereport_add",
    "dashboard_committeereport_delete",
    "dashboard_committeereport_finalise",
    "dashboard_publicfigure_changelist",
    "dashboard_publicfigure_add",
    "dashboard_publicfigure_change",
    "dashboard_publicfigure_delete",
    "dashboard_publicfigure_history",
}

# Pages that send those who may see them on: the site settings' list to its one row; running
# retention and setting a legal hold act only on a POST, and a GET goes back to the report.
REDIRECTS = {
    "pages_sitesettings_changelist",
    "privacy_retention_run",
    "privacy_legal_hold",
    # Turning a match into a partnership acts on a POST; a GET goes back to the listing.
    "partnerships_listing_match_partnership",
    "partnerships_listing_approve",
    # A new link to choose a password is sent on a POST from the staff member's page.
    "auth_user_send_link",
}

# The site's own pages, for all staff: staff without a role may sign in (the home page says
# there is nothing for them) and change their password.
SITE_PAGES = ["index", "password_change"]


def _pages() -> list[tuple[str, str, tuple[str, ...]]]:
    """(url name, model label, parameter names) of every named URL of every ModelAdmin."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        for pattern in model_admin.get_urls():
            if not isinstance(pattern, URLPattern) or not pattern.name:
                continue
            regex = pattern.pattern.regex
            names = tuple(regex.groupindex) or tuple(f"_{i}" for i in range(regex.groups))
            pages.append((pattern.name, model._meta.label_lower, names))
    return sorted(pages)


PAGES = _pages()


@pytest.fixture
def one_of_each(django_user_model, outsider, settings, tmp_path):
    """A row of every model the admin shows, so that its change, history and delete pages are
    walked too. A new ModelAdmin needs a row here (the test says so)."""
    settings.MEDIA_ROOT = tmp_path  # the attachment below
    case = CaseFactory(company=CompanyFactory())
    answer = receive_answer(
        case=case,
        text="Her er budgettet.",
        files=[SimpleUploadedFile("budget.pdf", b"%PDF-1.7\n", content_type="application/pdf")],
    )
    assert answer.attachments.count() == 1
    OutreachFactory(company=case.company)
    ArticleFactory()
    RegistrationFactory(occasion=MeetingFactory().occasion)
    MeetingFactory()  # nobody registered, so its delete page answers (a meeting with
    # registrations is cancelled, not deleted)
    FollowUpFactory(company=case.company)
    CourseSessionFactory()
    application = GrantApplicationFactory(case=open_grant_case())
    ApplicationAttachment.objects.create(
        application=application,
        file=ContentFile(b"%PDF-1.7\n", name="forretningsplan.pdf"),
        original_name="Forretningsplan.pdf",
        size=10,
    )
    decisions.assess_application(
        application=application, answers={"notes": "Realistisk budget."}, by=outsider
    )
    decisions.decide(
        application=application,
        outcome=Decision.Outcome.APPROVED,
        amount=20_000,
        reasons="Idéen opfylder de fem kendetegn.",
        legal_basis=application.scheme.legal_basis,
        by=outsider,
    )
    decisions.record_payment(
        application=application, paid_on=timezone.localdate(), amount=10_000, by=outsider
    )
    PathStep.objects.create(
        title="Tag selvtjekket",
        text="Se, om idéen er socialøkonomisk.",
        link_text="Tag selvtjekket",
        link="/tjek/",
    )
    SiteSettings.load()
    queue_email(to="mette@example.dk", subject="Svar på din henvendelse", body="Hej Mette")
    ScheduledJob.objects.get_or_create(name="retention")
    log_export(user=outsider, list_name="sager", filters={}, total=0)
    TOTPDevice.objects.create(user=outsider, name="Godkendelsesapp", confirmed=True)
    StaticDevice.objects.create(user=outsider, name="Reservekoder", confirmed=True)
    attempt = {"username": "per", "ip_address": "127.0.0.1", "user_agent": "test"}
    AccessAttempt.objects.create(**attempt, failures_since_start=1, path_info="/admin/login/")
    AccessLog.objects.create(**attempt, path_info="/admin/login/")
    AccessFailureLog.objects.create(**attempt, path_info="/admin/login/", locked_out=False)
    ReplyTemplate.objects.create(title="Vi har brug for flere oplysninger", body="Hej {navn}")
    create_partnership(
        title="Kantinemad fra Café Kernen",
        purpose="Flere i job gennem kommunens indkøb.",
        companies=[CompanyFactory(kind="social_economy", purpose_social=True)],
        with_municipality=True,
        by=outsider,
    )
    ListingFactory(kind="need")
    ListingFactory()
    DirectoryEntryFactory()
    submit_proposal(
        contact=ContactData(name="Jens Madsen", email="jens@tekstil.example"),
        role="company",
        organisation="Madsen Tekstil A/S",
        partners="Café Kernen",
        purpose="Frokostordning med ansatte fra kanten af arbejdsmarkedet.",
        needs_from_municipality="Et møde med jobcentret.",
    )
    CommitteeReport.objects.create(title="Socialøkonomi i Haderslev – 3. kvartal", period="2026-K3")
    PublicFigure.objects.create(measure="cases.received")
    assert Group.objects.exists()
    assert Case.objects.exists()


def _args(model, names: tuple[str, ...]) -> list:
    if not names:
        return []
    if names == ("fmt",):
        return ["csv"]
    if len(names) == 2 and names[0].startswith("_"):  # simple_history: one historical record
        record = model.history.order_by("history_id").last()
        if record is None:
            pytest.fail(f"no history of a {model._meta.label}: make one in one_of_each()")
        return [getattr(record, model._meta.pk.attname), record.history_id]
    obj = model.objects.order_by("pk").last()
    if obj is None:
        pytest.fail(f"no {model._meta.label} to walk its pages: make one in one_of_each()")
    if names in (("object_id",), ("pk",), ("id",)):
        return [obj.pk]
    if names == ("object_id", "fmt"):  # a committee report's download
        return [obj.pk, "csv"]
    if names == ("object_id", "attachment_id"):  # an application's or a case's file
        obj = model.objects.filter(attachments__isnull=False).order_by("pk").last()
        return [obj.pk, obj.attachments.get().pk]
    if names == ("object_id", "other_id"):  # a listing and one that matches it
        return [obj.pk, model.objects.exclude(pk=obj.pk).order_by("pk").last().pk]
    pytest.fail(f"the test does not know what to pass for {names}: add it to _args()")


def expected_status(persona: str, name: str, label: str) -> int:
    if persona == "citizen":
        return 302  # to the sign-in page: checked by the test
    if name in SITE_PAGES:
        return 200
    if label.split(".")[0] not in MAY_SEE[persona] or name in NOBODY:
        return 403
    if name in MANAGER_ONLY and persona != "manager":
        return 403
    return 302 if name in REDIRECTS else 200


@pytest.mark.usefixtures("one_of_each")
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_right_answer_on_every_admin_page(client, request, persona):
    if persona != "citizen":
        client.force_login(request.getfixturevalue(persona))
    models = {model._meta.label_lower: model for model in admin.site._registry}
    unknown = {label.split(".")[0] for label in models} - MANAGER_APPS
    assert not unknown, f"say in MAY_SEE which roles may see the pages of {unknown}"
    pages = [(reverse(f"admin:{name}"), name, "") for name in SITE_PAGES] + [
        (reverse(f"admin:{name}", args=_args(models[label], names)), name, label)
        for name, label, names in PAGES
    ]

    wrong = []
    for url, name, label in pages:
        response = client.get(url)
        expected = expected_status(persona, name, label)
        if response.status_code != expected:
            wrong.append(f"{url}: {response.status_code}, not {expected}")
        elif persona == "citizen" and not response.url.startswith(f"{reverse('admin:login')}?"):
            wrong.append(f"{url}: to {response.url}, not to the sign-in page")

    assert len(pages) > 4 * len(models)  # every ModelAdmin's list, add, change, history …
    assert not wrong, "\n".join(wrong)
