"""Applications' personal data for portal/privacy: the data-subject report and retention.

A submitted application follows its case: when retention anonymises the case, the application's
free text and address are replaced and its files deleted; the amounts, the scheme and the
dates stay for the pool's accounts and statistics. A draft lives outside any case: the rule
"expired_drafts" clears an expired draft's answers, e-mail and files, and keeps the row so that
its link can say it has expired.
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entrepreneurs.models import ApplicationAttachment, ApplicationDraft, GrantApplication
from portal.cases.models import Case
from portal.money import format_kroner
from portal.privacy.policy import Action, Period, RetentionRule
from portal.privacy.registry import Subject
from portal.privacy.report import when
from portal.privacy.services import ANONYMISED

# The free text an applicant wrote, replaced when the case is anonymised.
FREE_TEXT = (
    "social_purpose",
    "criterion_purpose",
    "criterion_sales",
    "criterion_surplus",
    "criterion_independence",
    "criterion_cvr",
    "business_model",
    "target_group",
    "de_minimis_details",
)


def find_applications(subject: Subject) -> list[dict]:
    if subject.email:
        applications = GrantApplication.objects.filter(case__contact__email__iexact=subject.email)
    else:
        applications = GrantApplication.objects.filter(
            Q(cvr=subject.cvr) | Q(case__company__cvr=subject.cvr)
        )
    field = GrantApplication._meta.get_field
    return [
        {
            _("Sag"): application.case.reference,
            _("Modtaget"): when(application.created_at),
            _("Ordning"): application.scheme.name,
            _("Adresse"): f"{application.address}, {application.postcode} {application.city}",
            _("Virksomhed"): application.enterprise_name,
            _("CVR-nummer"): application.cvr,
            _("Virksomhedsform"): application.get_legal_form_display(),
            **{str(field(name).verbose_name): getattr(application, name) for name in FREE_TEXT},
            _("Forventede ansatte"): application.expected_employees,
            _("Budget"): [
                {_("Post"): line.item, _("Beløb"): format_kroner(line.amount)}
                for line in application.budget_lines.all()
            ],
            _("Ansøgt beløb"): format_kroner(application.amount_requested),
            _("Bilag"): [attachment.original_name for attachment in application.attachments.all()],
        }
        for application in applications.select_related("case", "scheme")
        .prefetch_related("budget_lines", "attachments")
        .order_by("created_at", "pk")
    ]


def _delete_files(attachments: QuerySet) -> int:
    count = 0
    for attachment in attachments:
        attachment.file.delete(save=False)
        attachment.delete()
        count += 1
    return count


def anonymise_application(case: Case) -> int:
    values = dict.fromkeys(FREE_TEXT, ANONYMISED) | {"address": ANONYMISED}
    GrantApplication.history.model.objects.filter(case_id=case.pk).update(**values)
    changed = (
        GrantApplication.objects.filter(case=case).exclude(address=ANONYMISED).update(**values)
    )
    _delete_files(ApplicationAttachment.objects.filter(application__case=case))
    return changed


def find_drafts(subject: Subject) -> list[dict]:
    if not subject.email:
        return []
    drafts = ApplicationDraft.objects.filter(email__iexact=subject.email).select_related("scheme")
    return [
        {
            _("Ordning"): draft.scheme.name,
            _("Oprettet"): when(draft.created_at),
            _("Senest gemt"): when(draft.updated_at),
            _("Udløber"): when(draft.expires_at),
            _("Svar"): draft.answers,
            _("Bilag"): [attachment.original_name for attachment in draft.attachments.all()],
        }
        for draft in drafts.prefetch_related("attachments").order_by("created_at", "pk")
    ]


EXPIRED_DRAFTS = RetentionRule(
    kind="expired_drafts",
    label=gettext_lazy("Kladder til ansøgninger om støtte"),
    counted_from=gettext_lazy("efter seneste gemning"),
    keep_for=Period(days=settings.ENTREPRENEURS_DRAFT_DAYS),
    legal_basis=gettext_lazy(
        "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e (dataminimering og "
        "opbevaringsbegrænsning): en kladde, som ansøgeren ikke har gemt i perioden, er "
        "udløbet. Dens svar, e-mail og bilag slettes; rækken bevares uden personoplysninger, "
        "så linket kan sige, at kladden er udløbet. En sendt ansøgning følger sagen."
    ),
    action=Action.ANONYMISE,
)


def due_drafts(cutoff: datetime, now: datetime) -> QuerySet:
    return ApplicationDraft.objects.filter(
        Q(expires_at__lte=now) | Q(updated_at__lt=cutoff),
        cleared_at__isnull=True,
        submitted_case__isnull=True,
    )


@transaction.atomic
def clear_drafts(batch: list[int], cutoff: datetime, now: datetime) -> int:
    # Checked again under lock: a draft saved since the plan was made is left alone.
    drafts = list(due_drafts(cutoff, now).filter(pk__in=batch).select_for_update())
    ids = [draft.pk for draft in drafts]
    _delete_files(ApplicationAttachment.objects.filter(draft_id__in=ids, application__isnull=True))
    return ApplicationDraft.objects.filter(pk__in=ids).update(answers={}, email="", cleared_at=now)
