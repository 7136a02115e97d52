"""What applications add to portal's extension points (called from entrepreneurs/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from entrepreneurs.applications.case_details import (
    application_details,
    application_status_context,
)
from entrepreneurs.applications.demo import load_demo_applications
from entrepreneurs.applications.privacy import (
    EXPIRED_DRAFTS,
    anonymise_application,
    clear_drafts,
    due_drafts,
    find_applications,
    find_drafts,
)
from portal.cases.details import CaseDetailsProvider, case_details_providers
from portal.cases.status import StatusSection, status_sections
from portal.demo import DemoLoader, demo_loaders
from portal.privacy.registry import AppRetention, PersonalData, app_retention, personal_data


def register() -> None:
    case_details_providers.register(
        CaseDetailsProvider(
            name="entrepreneurs.application",
            build=application_details,
            order=50,
            permission="entrepreneurs.view_grantapplication",
        )
    )
    status_sections.register(
        StatusSection(
            name="entrepreneurs.application",
            template="entrepreneurs/support/_status_application.html",
            context=application_status_context,
            order=50,
        )
    )
    personal_data.register(
        PersonalData(
            name="grant_applications",
            label=_("Ansøgninger om støtte"),
            find=find_applications,
            anonymise_for_case=anonymise_application,
            order=40,
        )
    )
    personal_data.register(
        PersonalData(
            name="application_drafts",
            label=_("Kladder til ansøgninger om støtte"),
            find=find_drafts,
            order=41,
        )
    )
    app_retention.register(
        AppRetention(name="expired_drafts", rule=EXPIRED_DRAFTS, due=due_drafts, apply=clear_drafts)
    )
    # After the registry's companies and guidance's demo; Part C's decisions come after this.
    demo_loaders.register(
        DemoLoader(name="entrepreneurs.applications", load=load_demo_applications, order=50)
    )
