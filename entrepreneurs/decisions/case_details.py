"""The case page's section on the assessment, the decisions with their letters, the payments."""

from django.urls import reverse
from django.utils.translation import gettext as _

from entrepreneurs.decisions.services import ASSESSMENT_FIELDS
from entrepreneurs.models import Assessment, Decision, GrantApplication
from portal.admin_display import danish_date
from portal.cases.details import Action, Attachment, CaseDetails, DetailRow
from portal.cases.models import Case
from portal.money import format_kroner


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _assessment_rows(assessment: Assessment | None) -> list[DetailRow]:
    if assessment is None:
        return [DetailRow(_("Vurdering"), _("Ansøgningen er ikke vurderet endnu."))]
    rows = [
        DetailRow(
            str(Assessment._meta.get_field(name).verbose_name).capitalize(),
            getattr(assessment, f"get_{name}_display")(),
        )
        for name in ASSESSMENT_FIELDS
        if name != "notes"
    ]
    if assessment.notes:
        rows.append(DetailRow(_("Notater til vurderingen"), assessment.notes))
    rows.append(
        DetailRow(
            _("Vurderet af"),
            _("%(name)s, %(date)s")
            % {
                "name": assessment.assessed_by.get_full_name()
                or assessment.assessed_by.get_username(),
                "date": danish_date(assessment.updated_at),
            },
        )
    )
    return rows


def _decision_text(decision: Decision) -> str:
    if decision.outcome == Decision.Outcome.APPROVED:
        text = _("Bevilget %(amount)s") % {"amount": format_kroner(decision.amount)}
    else:
        text = _("Afslag")
    text += " · " + _("%(date)s af %(name)s") % {
        "date": danish_date(decision.decided_at),
        "name": _name(decision.decided_by),
    }
    text += " · " + _("klagefrist %(date)s") % {"date": danish_date(decision.complaint_deadline)}
    if decision.corrects_id:
        text += "\n" + _("Retter afgørelsen af %(date)s: %(reason)s") % {
            "date": danish_date(decision.corrects.decided_at),
            "reason": decision.correction_reason,
        }
    if not decision.is_current:
        text += "\n" + _("Erstattet af afgørelsen af %(date)s.") % {
            "date": danish_date(decision.correction.decided_at)
        }
    if decision.over_pool_confirmed_by_id:
        text += "\n" + _("Ud over puljens rest, godkendt af %(name)s.") % {
            "name": _name(decision.over_pool_confirmed_by)
        }
    return text


def decision_details(case: Case) -> CaseDetails | None:
    """Assessment, decisions and payments of a grant application's case, in four queries."""
    application = (
        GrantApplication.objects.filter(case=case).select_related("assessment__assessed_by").first()
    )
    if application is None:
        return None
    decisions = list(
        application.decisions.select_related(
            "decided_by", "over_pool_confirmed_by", "corrects", "correction"
        )
    )
    payments = list(application.payments.all())
    current = next((d for d in decisions if d.is_current), None)
    rows = _assessment_rows(getattr(application, "assessment", None))
    attachments = []
    for decision in decisions:
        rows.append(DetailRow(_("Afgørelse"), _decision_text(decision)))
        if not decision.letter_html:  # removed by retention with the rest of the case
            continue
        label = _("Afgørelsesbrev af %(date)s") % {"date": danish_date(decision.decided_at)}
        if not decision.is_current:
            label += " " + _("(erstattet)")
        attachments.append(
            Attachment(
                label=label + " " + _("(PDF)"),
                url=reverse("admin:entrepreneurs_decision_letter_pdf", args=[decision.pk]),
                size=decision.letter_pdf.size,
            )
        )
        attachments.append(
            Attachment(
                label=label + " " + _("(til udskrift)"),
                url=reverse("admin:entrepreneurs_decision_letter", args=[decision.pk]),
            )
        )
    paid = sum(payment.amount for payment in payments)
    if current is not None and current.outcome == Decision.Outcome.APPROVED:
        rows.append(
            DetailRow(
                _("Udbetalt"),
                _("%(paid)s af %(granted)s")
                % {"paid": format_kroner(paid), "granted": format_kroner(current.amount)},
            )
        )
    for payment in payments:
        rows.append(
            DetailRow(
                _("Udbetaling"),
                f"{danish_date(payment.paid_on)}: {format_kroner(payment.amount)}"
                + (f" · {payment.note}" if payment.note else ""),
            )
        )
    actions = [
        Action(
            _("Vurder ansøgningen"),
            reverse("admin:entrepreneurs_assessment_assess", args=[application.pk]),
            permission="entrepreneurs.change_assessment",
        )
    ]
    if current is None:
        actions.append(
            Action(
                _("Træf afgørelse"),
                reverse("admin:entrepreneurs_assessment_decide", args=[application.pk]),
                permission="entrepreneurs.decide_grant",
            )
        )
    else:
        actions.append(
            Action(
                _("Ret afgørelsen"),
                reverse("admin:entrepreneurs_decision_correct", args=[current.pk]),
                permission="entrepreneurs.decide_grant",
            )
        )
        if current.outcome == Decision.Outcome.APPROVED and paid < current.amount:
            actions.append(
                Action(
                    _("Registrér udbetaling"),
                    reverse("admin:entrepreneurs_assessment_payment", args=[application.pk]),
                    permission="entrepreneurs.add_payment",
                )
            )
    return CaseDetails(
        title=_("Vurdering, afgørelse og udbetaling"),
        rows=rows,
        attachments=attachments,
        actions=actions,
    )
