"""The application on its case page in the admin, and on the applicant's status page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from entrepreneurs.models import ApplicationAttachment, GrantApplication
from portal.admin_display import danish_date
from portal.cases.details import Action, Attachment, CaseDetails, DetailRow
from portal.cases.models import Case
from portal.money import format_kroner

VIEW_APPLICATION = "entrepreneurs.view_grantapplication"


def attachment_url(attachment: ApplicationAttachment) -> str:
    return reverse(
        "admin:entrepreneurs_grantapplication_attachment",
        args=[attachment.application_id, attachment.pk],
    )


def print_url(application: GrantApplication) -> str:
    return reverse("admin:entrepreneurs_grantapplication_print", args=[application.pk])


def _application(case: Case) -> GrantApplication | None:
    return (
        GrantApplication.objects.select_related("scheme")
        .prefetch_related("budget_lines", "attachments")
        .filter(case=case)
        .first()
    )


def application_details(case: Case) -> CaseDetails | None:
    """The whole application as the applicant sent it, in three queries."""
    application = _application(case)
    if application is None:
        return None
    lines = list(application.budget_lines.all())
    total = sum(line.amount for line in lines)
    field = GrantApplication._meta.get_field
    rows = [
        DetailRow(_("Ordning"), application.scheme.name),
        DetailRow(
            _("Adresse"), f"{application.address}, {application.postcode} {application.city}"
        ),
        DetailRow(_("Virksomhed"), application.enterprise_name),
        DetailRow(_("CVR-nummer"), application.cvr or _("Intet endnu")),
        DetailRow(_("Virksomhedsform"), application.get_legal_form_display()),
        DetailRow(_("Startdato"), danish_date(application.start_date)),
        DetailRow(_("Socialt formål"), application.social_purpose),
        *(
            DetailRow(str(field(name).verbose_name).capitalize(), getattr(application, name))
            for name in (
                "criterion_purpose",
                "criterion_sales",
                "criterion_surplus",
                "criterion_independence",
                "criterion_cvr",
            )
        ),
        DetailRow(_("Forretningsmodel"), application.business_model),
        DetailRow(_("Målgruppe"), application.target_group),
        DetailRow(
            _("Forventede ansatte fra kanten af arbejdsmarkedet"),
            str(application.expected_employees),
        ),
        DetailRow(
            _("Budget"),
            "\n".join(f"{line.item}: {format_kroner(line.amount)}" for line in lines),
        ),
        DetailRow(_("Budget i alt"), format_kroner(total)),
        DetailRow(_("Ansøgt beløb"), format_kroner(application.amount_requested)),
    ]
    if application.scheme.requires_de_minimis or application.de_minimis_received is not None:
        rows.append(
            DetailRow(
                _("Anden de minimis-støtte de seneste tre år"),
                " – ".join(
                    part
                    for part in (
                        format_kroner(application.de_minimis_received),
                        application.de_minimis_details,
                    )
                    if part
                ),
            )
        )
    rows += [
        DetailRow(_("Tro og love-erklæring afgivet"), danish_date(application.declared_at)),
        DetailRow(_("Forventet afgørelse senest"), danish_date(application.expected_decision_on)),
    ]
    attachments = [
        Attachment(
            label=attachment.original_name, url=attachment_url(attachment), size=attachment.size
        )
        for attachment in application.attachments.all()
    ]
    actions = [
        Action(
            label=_("Udskriv ansøgningen"), url=print_url(application), permission=VIEW_APPLICATION
        )
    ]
    return CaseDetails(
        title=_("Ansøgning om støtte"), rows=rows, attachments=attachments, actions=actions
    )


def application_status_context(case: Case) -> dict | None:
    """For the applicant's status page: what was applied for, and when to expect a decision."""
    application = GrantApplication.objects.select_related("scheme").filter(case=case).first()
    if application is None:
        return None
    return {"application": application}
