"""The caseworker's pages for assessment, decision, correction, payments and the pools.

They are reached from the case page (decisions/case_details.py). The application's pages
(assess, decide, pay) hang on the assessment admin, whose primary key is the application's; the
decision's (correct, letter) and the pools on the decision admin. Both lists are read-only: a
decision is only ever made through services.decide() and never changed.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from entrepreneurs.decisions import forms, letters, selectors, services
from entrepreneurs.decisions.views import letter_page
from entrepreneurs.models import Assessment, Decision, GrantApplication, Payment, SupportScheme
from portal.files import serve_private_file
from portal.history import PortalHistoryAdmin
from portal.money import format_kroner


def _refuse(form, error: ValidationError) -> None:
    """A service's refusal on the fields it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ReadOnlyAdmin(PortalHistoryAdmin):
    """Rows written only by the services: listed, viewed and their history read, never edited."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _back(application: GrantApplication) -> HttpResponse:
    return redirect("admin:cases_case_change", application.pk)


class ApplicationPagesMixin:
    """The pages of one application reached from its case page, as the admin renders them."""

    def _application(self, object_id: str) -> GrantApplication:
        return get_object_or_404(
            GrantApplication.objects.select_related("case__contact", "scheme"),
            pk=unquote(object_id),
        )

    def _render(self, request, template: str, application: GrantApplication, title, **extra):
        case = application.case
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": str(application),
            "application": application,
            "case": case,
            "back_url": reverse("admin:cases_case_change", args=[case.pk]),
            **extra,
        }
        return TemplateResponse(request, f"admin/entrepreneurs/decision/{template}", context)

    def _decision_page(self, request, application, form, title, **extra) -> HttpResponse:
        return self._render(
            request,
            "decide.html",
            application,
            title,
            form=form,
            pool=selectors.pool_this_year(application.scheme),
            assessment=Assessment.objects.filter(application=application).first(),
            **extra,
        )


@admin.register(Assessment)
class AssessmentAdmin(ApplicationPagesMixin, ReadOnlyAdmin):
    """The assessments, with their history; and the pages of the application they belong to
    (its primary key is the application's): assess, decide, record a payment."""

    list_display = ["application", "purpose", "independence", "budget_reasonable", "updated_at"]
    list_select_related = ["application__case"]
    search_fields = ["application__case__reference", "application__enterprise_name"]

    def get_urls(self):
        def view(function, name: str, route: str):
            return path(
                f"<path:object_id>/{route}/",
                self.admin_site.admin_view(function),
                name=f"entrepreneurs_assessment_{name}",
            )

        return [
            view(self.assess_view, "assess", "vurder"),
            view(self.decide_view, "decide", "afgoer"),
            view(self.payment_view, "payment", "udbetaling"),
            *super().get_urls(),
        ]

    def assess_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        _require(request, "entrepreneurs.change_assessment")
        application = self._application(object_id)
        assessment = Assessment.objects.filter(application=application).first()
        form = forms.AssessmentForm(
            request.POST if request.method == "POST" else None, instance=assessment
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.assess_application(
                    application=application, answers=form.answers(), by=request.user
                )
            except ValidationError as error:
                _refuse(form, error)
            else:
                self.message_user(request, _("Vurderingen er gemt."), messages.SUCCESS)
                return _back(application)
        return self._render(request, "assess.html", application, _("Vurder ansøgningen"), form=form)

    def decide_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        _require(request, "entrepreneurs.decide_grant")
        application = self._application(object_id)
        current = selectors.current_decision(application)
        if current is not None:
            # Decided already: the page says so and leads to the correction.
            return self._render(
                request, "decided.html", application, _("Træf afgørelse"), current=current
            )
        form = forms.DecisionForm(
            request.POST if request.method == "POST" else None,
            application=application,
            user=request.user,
            initial={"amount": application.amount_requested},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.decide(application=application, by=request.user, **form.decision_kwargs())
            except ValidationError as error:
                _refuse(form, error)
            else:
                self.message_user(
                    request,
                    _("Afgørelsen er truffet, og brevet er sendt til ansøgeren."),
                    messages.SUCCESS,
                )
                return _back(application)
        return self._decision_page(request, application, form, _("Træf afgørelse"))

    def payment_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        _require(request, "entrepreneurs.add_payment")
        application = self._application(object_id)
        form = forms.PaymentForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.record_payment(
                    application=application, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _refuse(form, error)
            else:
                self.message_user(request, _("Udbetalingen er registreret."), messages.SUCCESS)
                return _back(application)
        return self._render(
            request,
            "payment.html",
            application,
            _("Registrér udbetaling"),
            form=form,
            current=selectors.current_decision(application),
            paid=selectors.paid_total(application),
            payments=application.payments.all(),
        )


@admin.register(Decision)
class DecisionAdmin(ApplicationPagesMixin, ReadOnlyAdmin):
    list_display = [
        "case_reference",
        "enterprise",
        "outcome",
        "amount_shown",
        "decided_at",
        "state",
    ]
    list_filter = ["outcome", "pool_year", "application__scheme"]
    list_select_related = ["application__case", "correction"]
    search_fields = ["application__case__reference", "application__enterprise_name"]
    date_hierarchy = "decided_at"
    change_list_template = "admin/entrepreneurs/decision/change_list.html"

    @admin.display(description=_("sag"), ordering="application__case__reference")
    def case_reference(self, decision: Decision) -> str:
        return decision.application.case.reference

    @admin.display(description=_("virksomhed"), ordering="application__enterprise_name")
    def enterprise(self, decision: Decision) -> str:
        return decision.application.enterprise_name

    @admin.display(description=_("beløb"), ordering="amount")
    def amount_shown(self, decision: Decision) -> str:
        return format_kroner(decision.amount) if decision.amount else "–"

    @admin.display(description=_("gælder"))
    def state(self, decision: Decision) -> str:
        return _("Gælder") if decision.is_current else _("Erstattet")

    def get_urls(self):
        def view(function, name: str, route: str):
            return path(
                route, self.admin_site.admin_view(function), name=f"entrepreneurs_decision_{name}"
            )

        return [
            view(self.correct_view, "correct", "<path:object_id>/ret/"),
            view(self.letter_view, "letter", "<path:object_id>/brev/"),
            view(self.letter_pdf_view, "letter_pdf", "<path:object_id>/brev.pdf"),
            view(self.pool_view, "pool", "puljer/"),
            *super().get_urls(),
        ]

    def _decision(self, object_id: str) -> Decision:
        return get_object_or_404(
            Decision.objects.select_related("application__case__contact", "application__scheme"),
            pk=unquote(object_id),
        )

    def correct_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        _require(request, "entrepreneurs.decide_grant")
        decision = self._decision(object_id)
        application = decision.application
        if not decision.is_current:
            raise Http404
        form = forms.CorrectionForm(
            request.POST if request.method == "POST" else None,
            application=application,
            user=request.user,
            initial={
                name: getattr(decision, name)
                for name in (
                    "outcome",
                    "amount",
                    "conditions",
                    "payment_plan",
                    "reasons",
                    "legal_basis",
                )
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.correct_decision(
                    decision=decision, by=request.user, **form.decision_kwargs()
                )
            except ValidationError as error:
                _refuse(form, error)
            else:
                self.message_user(
                    request,
                    _("Afgørelsen er rettet, og det nye brev er sendt til ansøgeren."),
                    messages.SUCCESS,
                )
                return _back(application)
        return self._decision_page(
            request, application, form, _("Ret afgørelsen"), corrected=decision
        )

    def _letter(self, object_id: str) -> Decision:
        decision = self._decision(object_id)
        if not decision.letter_html:  # removed by retention with the rest of the case
            raise Http404
        return decision

    def letter_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        _require(request, "entrepreneurs.view_decision")
        return letter_page(self._letter(object_id))

    def letter_pdf_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        _require(request, "entrepreneurs.view_decision")
        decision = self._letter(object_id)
        return serve_private_file(
            request,
            file=decision.letter_pdf,
            filename=letters.letter_filename(decision),
            about=decision.application.case.reference,
            inline=True,
        )

    def pool_view(self, request: HttpRequest) -> HttpResponse:
        """Every scheme's pool year by year; with ?ordning=<pk>&aar=<year>, that year's grants."""
        _require(request, "entrepreneurs.view_decision")
        schemes = [
            (scheme, selectors.pool_years(scheme))
            for scheme in SupportScheme.objects.order_by("name", "pk")
        ]
        chosen = grants = None
        if "ordning" in request.GET:
            try:
                scheme_id, year = int(request.GET["ordning"]), int(request.GET.get("aar", ""))
            except ValueError as error:
                raise Http404 from error
            chosen = next(
                (
                    pool
                    for scheme, years in schemes
                    for pool in years
                    if scheme.pk == scheme_id and pool.year == year
                ),
                None,
            )
            if chosen is None:
                raise Http404
            grants = selectors.pool_grants(chosen.scheme, year)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Puljer"),
            "schemes": schemes,
            "chosen": chosen,
            "grants": grants,
        }
        return TemplateResponse(request, "admin/entrepreneurs/decision/pool.html", context)


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    """The list of instalments; each is recorded from the case page, never edited here."""

    list_display = ["case_reference", "enterprise", "paid_on", "amount_shown", "note"]
    list_select_related = ["application__case"]
    list_filter = ["application__scheme"]
    date_hierarchy = "paid_on"
    search_fields = ["application__case__reference", "application__enterprise_name"]

    @admin.display(description=_("sag"), ordering="application__case__reference")
    def case_reference(self, payment: Payment) -> str:
        return payment.application.case.reference

    @admin.display(description=_("virksomhed"), ordering="application__enterprise_name")
    def enterprise(self, payment: Payment) -> str:
        return payment.application.enterprise_name

    @admin.display(description=_("beløb"), ordering="amount")
    def amount_shown(self, payment: Payment) -> str:
        return format_kroner(payment.amount)
