"""Every write about assessment, decision and money on a grant application.

A decision is made once: decide() takes the case's row lock, and the database holds one first
decision per application. A correction is a new decision with its own letter. The letter is
rendered and queued to the applicant in the same transaction as the decision, so a rolled-back
decision leaves no e-mail; its PDF file is written last, just before the commit, so a refusal
or error along the way leaves no file either.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepreneurs.decisions import letters, selectors
from entrepreneurs.models import Assessment, Decision, GrantApplication, Payment, SupportScheme
from portal.admin_display import danish_date
from portal.cases import services as cases
from portal.cases.models import Case
from portal.money import format_kroner
from portal.notifications.services import Attachment, queue_email
from portal.pages.models import SiteSettings

ASSESSMENT_FIELDS = (
    "purpose",
    "sales",
    "surplus",
    "independence",
    "cvr",
    "budget_reasonable",
    "notes",
)


@transaction.atomic
def assess_application(
    *, application: GrantApplication, answers: dict, by: AbstractBaseUser
) -> Assessment:
    """Store the caseworker's assessment (history keeps every version) and note it on the case."""
    unknown = set(answers) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValueError(f"not part of the assessment: {sorted(unknown)}")
    assessment = Assessment.objects.filter(application=application).first() or Assessment(
        application=application
    )
    for name, value in answers.items():
        setattr(assessment, name, value)
    assessment.assessed_by = by
    assessment.updated_at = timezone.now()
    assessment._history_user = by
    assessment.save()
    summary = "\n".join(
        f"{Assessment._meta.get_field(name).verbose_name.capitalize()}: "
        f"{getattr(assessment, f'get_{name}_display')()}"
        for name in ASSESSMENT_FIELDS
        if name != "notes"
    )
    cases.add_note(
        case=application.case,
        text=_("Ansøgningen er vurderet.") + "\n" + summary,
        by=by,
    )
    return assessment


def _lock(application: GrantApplication) -> tuple[Case, SupportScheme]:
    """The case's row lock, then the scheme's: one decision at a time per case and per pool."""
    case = Case.objects.select_for_update().select_related("contact").get(pk=application.case_id)
    scheme = SupportScheme.objects.select_for_update().get(pk=application.scheme_id)
    return case, scheme


def _check_amount(
    *,
    application: GrantApplication,
    scheme: SupportScheme,
    amount: int | None,
    pool_year: int,
    replacing: Decision | None,
    over_pool_confirmed: bool,
    by: AbstractBaseUser,
) -> AbstractBaseUser | None:
    """Refuse an amount the rules do not allow; who confirmed a grant beyond the pool, if any."""
    if amount is None or amount <= 0:
        raise ValidationError(
            {"amount": _("Skriv det beløb, der bevilges, i hele kroner.")}, code="no_amount"
        )
    if amount > application.amount_requested:
        raise ValidationError(
            {
                "amount": _("Beløbet kan ikke være større end det ansøgte, %(limit)s.")
                % {"limit": format_kroner(application.amount_requested)}
            },
            code="over_requested",
        )
    if amount > scheme.max_amount:
        raise ValidationError(
            {
                "amount": _("Beløbet kan ikke være større end ordningens højeste beløb, %(limit)s.")
                % {"limit": format_kroner(scheme.max_amount)}
            },
            code="over_max",
        )
    remaining = scheme.yearly_pool - selectors.granted_in_pool(scheme, pool_year)
    if replacing is not None and replacing.outcome == Decision.Outcome.APPROVED:
        remaining += replacing.amount  # the grant being replaced gives its amount back
    if amount <= remaining:
        return None
    beyond = _(
        "Bevillingen på %(amount)s er større end puljens rest for %(year)s, %(remaining)s."
    ) % {
        "amount": format_kroner(amount),
        "year": pool_year,
        "remaining": format_kroner(max(remaining, 0)),
    }
    if not by.has_perm("entrepreneurs.exceed_pool"):
        raise ValidationError(
            {"amount": beyond + " " + _("Kun en leder kan godkende en bevilling ud over puljen.")},
            code="over_pool",
        )
    if not over_pool_confirmed:
        raise ValidationError(
            {
                "over_pool_confirmed": beyond
                + " "
                + _("Bekræft, at du godkender bevillingen ud over puljen.")
            },
            code="over_pool_unconfirmed",
        )
    return by


def _write_decision(
    *,
    application: GrantApplication,
    case: Case,
    scheme: SupportScheme,
    outcome: str,
    amount: int | None,
    conditions: str,
    payment_plan: str,
    reasons: str,
    legal_basis: str,
    over_pool_confirmed: bool,
    by: AbstractBaseUser,
    corrects: Decision | None = None,
    correction_reason: str = "",
) -> tuple[Decision, bytes]:
    """The decision's row and e-mail, and its PDF for _store_letter() to write last."""
    outcome = Decision.Outcome(outcome)
    errors = {}
    if not reasons.strip():
        errors["reasons"] = _("Skriv begrundelsen for afgørelsen.")
    if not legal_basis.strip():
        errors["legal_basis"] = _("Skriv de regler, afgørelsen bygger på.")
    if errors:
        raise ValidationError(errors, code="required")
    if not case.contact.email:
        raise ValidationError(
            _("Ansøgeren har ingen e-mailadresse, så afgørelsen kan ikke sendes."),
            code="no_email",
        )
    now = timezone.now()
    pool_year = corrects.pool_year if corrects else timezone.localdate(now).year
    confirmed_by = None
    if outcome == Decision.Outcome.APPROVED:
        confirmed_by = _check_amount(
            application=application,
            scheme=scheme,
            amount=amount,
            pool_year=pool_year,
            replacing=corrects,
            over_pool_confirmed=over_pool_confirmed,
            by=by,
        )
        paid = selectors.paid_total(application)
        if amount < paid:
            raise ValidationError(
                {
                    "amount": _(
                        "Der er allerede udbetalt %(paid)s; bevillingen kan ikke være mindre."
                    )
                    % {"paid": format_kroner(paid)}
                },
                code="under_paid",
            )
    else:
        amount, conditions, payment_plan = None, "", ""
    decision = Decision(
        application=application,
        outcome=outcome,
        amount=amount,
        conditions=conditions.strip(),
        payment_plan=payment_plan.strip(),
        reasons=reasons.strip(),
        legal_basis=legal_basis.strip(),
        complaint_guidance=scheme.complaint_guidance,
        complaint_deadline=timezone.localdate(now)
        + datetime.timedelta(weeks=scheme.complaint_weeks),
        pool_year=pool_year,
        corrects=corrects,
        correction_reason=correction_reason.strip(),
        over_pool_confirmed_by=confirmed_by,
        decided_by=by,
        decided_at=now,
    )
    decision._history_user = by
    try:
        # A savepoint, so that a lost race is a clean refusal and the caller's transaction goes on.
        with transaction.atomic():
            decision.save()
    except IntegrityError as error:
        raise ValidationError(
            _("Der er allerede truffet afgørelse i sagen. Ret afgørelsen i stedet."),
            code="decided",
        ) from error
    decision.letter_html = letters.render_letter_html(decision)
    pdf = letters.render_letter_pdf(decision.letter_html)
    decision.letter_pdf.name = decision.letter_pdf.field.generate_filename(
        decision, letters.letter_filename(decision)
    )
    decision.save(update_fields=["letter_html", "letter_pdf"])
    queue_email(
        to=case.contact.email,
        template="entrepreneurs/decisions/email/decision",
        context={
            "decision": decision,
            "case": case,
            "contact": case.contact,
            "application": application,
            "status_url": cases.status_url(case),
            "site": SiteSettings.load(),
            "caseworker_name": by.get_full_name() or by.get_username() if by else "",
        },
        about=case,
        attachments=[
            Attachment(
                filename=letters.letter_filename(decision),
                mimetype="application/pdf",
                stored_file=decision.letter_pdf.name,
            )
        ],
    )
    return decision, pdf


def _store_letter(decision: Decision, pdf: bytes) -> None:
    """Write the letter's PDF under the name the row and the e-mail already carry."""
    stored = decision.letter_pdf.storage.save(decision.letter_pdf.name, ContentFile(pdf))
    if stored != decision.letter_pdf.name:  # the name is random: this never happens
        raise RuntimeError(f"the letter's file name {decision.letter_pdf.name} was taken")


def _summary(decision: Decision) -> str:
    if decision.outcome == Decision.Outcome.APPROVED:
        return _("Du får %(amount)s i tilskud.") % {"amount": format_kroner(decision.amount)}
    return _("Du får afslag på din ansøgning.")


@transaction.atomic
def decide(
    *,
    application: GrantApplication,
    outcome: str,
    reasons: str,
    legal_basis: str,
    by: AbstractBaseUser,
    amount: int | None = None,
    conditions: str = "",
    payment_plan: str = "",
    over_pool_confirmed: bool = False,
) -> Decision:
    """The first decision on the application: letter, e-mail, journal entry, case closed."""
    case, scheme = _lock(application)
    if Decision.objects.filter(application=application, corrects__isnull=True).exists():
        raise ValidationError(
            _("Der er allerede truffet afgørelse i sagen. Ret afgørelsen i stedet."),
            code="decided",
        )
    if case.status == Case.Status.CLOSED:
        raise ValidationError(
            _("Sagen er afsluttet. Genåbn den, før du træffer afgørelse."), code="closed"
        )
    decision, pdf = _write_decision(
        application=application,
        case=case,
        scheme=scheme,
        outcome=outcome,
        amount=amount,
        conditions=conditions,
        payment_plan=payment_plan,
        reasons=reasons,
        legal_basis=legal_basis,
        over_pool_confirmed=over_pool_confirmed,
        by=by,
    )
    text = _(
        "Der er truffet afgørelse i din sag: %(summary)s Afgørelsesbrevet er sendt til dig på "
        "e-mail, og du kan læse det her på siden. Du kan klage senest den %(deadline)s."
    ) % {"summary": _summary(decision), "deadline": danish_date(decision.complaint_deadline)}
    # The letter's e-mail is the one message the applicant gets: the status change is journalled
    # without the standard e-mail, and the decision is the entry shared with the applicant.
    cases.change_status(
        case=application.case,
        to=Case.Status.CLOSED,
        by=by,
        message=_("Afgørelse: %(outcome)s.") % {"outcome": decision.get_outcome_display()},
        share_with_enquirer=False,
    )
    cases.show_to_enquirer(case=case, text=text, by=by)
    _store_letter(decision, pdf)
    return decision


@transaction.atomic
def correct_decision(
    *,
    decision: Decision,
    outcome: str,
    reasons: str,
    legal_basis: str,
    reason: str,
    by: AbstractBaseUser,
    amount: int | None = None,
    conditions: str = "",
    payment_plan: str = "",
    over_pool_confirmed: bool = False,
) -> Decision:
    """A new decision replacing the one in force, with its own letter; the old one stays."""
    application = decision.application
    case, scheme = _lock(application)
    current = selectors.current_decision(application)
    if current is None or current.pk != decision.pk:
        raise ValidationError(
            _("Afgørelsen er allerede rettet. Ret den gældende afgørelse i stedet."),
            code="not_current",
        )
    if not reason.strip():
        raise ValidationError(
            {"correction_reason": _("Skriv, hvorfor afgørelsen rettes.")}, code="required"
        )
    try:
        with transaction.atomic():
            correction, pdf = _write_decision(
                application=application,
                case=case,
                scheme=scheme,
                outcome=outcome,
                amount=amount,
                conditions=conditions,
                payment_plan=payment_plan,
                reasons=reasons,
                legal_basis=legal_basis,
                over_pool_confirmed=over_pool_confirmed,
                by=by,
                corrects=current,
                correction_reason=reason,
            )
    except ValidationError as error:
        if getattr(error, "code", None) == "decided":
            raise ValidationError(
                _("Afgørelsen er allerede rettet. Ret den gældende afgørelse i stedet."),
                code="not_current",
            ) from error
        raise
    cases.show_to_enquirer(
        case=case,
        text=_(
            "Afgørelsen af %(date)s er rettet: %(summary)s Det nye afgørelsesbrev er sendt til "
            "dig på e-mail og erstatter det gamle. Du kan klage senest den %(deadline)s."
        )
        % {
            "date": danish_date(current.decided_at),
            "summary": _summary(correction),
            "deadline": danish_date(correction.complaint_deadline),
        },
        by=by,
    )
    _store_letter(correction, pdf)
    return correction


@transaction.atomic
def record_payment(
    *,
    application: GrantApplication,
    paid_on: datetime.date,
    amount: int,
    by: AbstractBaseUser,
    note: str = "",
) -> Payment:
    """An instalment paid out of the grant in force; never more than the grant in total."""
    case, _scheme = _lock(application)
    current = selectors.current_decision(application)
    if current is None or current.outcome != Decision.Outcome.APPROVED:
        raise ValidationError(
            _("Der kan kun udbetales af en bevilling. Ansøgningen har ingen gældende bevilling."),
            code="no_grant",
        )
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Skriv beløbet i hele kroner.")}, code="no_amount")
    paid = selectors.paid_total(application)
    if paid + amount > current.amount:
        raise ValidationError(
            {
                "amount": _(
                    "Der kan højst udbetales %(left)s mere: bevillingen er %(granted)s, og "
                    "%(paid)s er udbetalt."
                )
                % {
                    "left": format_kroner(current.amount - paid),
                    "granted": format_kroner(current.amount),
                    "paid": format_kroner(paid),
                }
            },
            code="over_grant",
        )
    if paid_on > timezone.localdate():
        raise ValidationError(
            {"paid_on": _("Datoen for udbetalingen kan ikke ligge i fremtiden.")}, code="future"
        )
    # Money is paid under a decision: not before the first one was made.
    first = Decision.objects.get(application=application, corrects__isnull=True)
    decided_on = timezone.localdate(first.decided_at)
    if paid_on < decided_on:
        raise ValidationError(
            {
                "paid_on": _("Der kan ikke være udbetalt før afgørelsen af %(date)s. Tjek datoen.")
                % {"date": danish_date(decided_on)}
            },
            code="before_decision",
        )
    payment = Payment(
        application=application, paid_on=paid_on, amount=amount, note=note.strip(), recorded_by=by
    )
    payment._history_user = by
    payment.save()
    cases.add_note(
        case=case,
        text=_("Udbetaling registreret: %(amount)s den %(date)s.")
        % {"amount": format_kroner(amount), "date": danish_date(paid_on)},
        by=by,
    )
    return payment
