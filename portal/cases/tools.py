"""Pages of their own beside the case page: the print view, the legal hold, and the case's
history, whose reverts go through the services and into the journal.

A page for one case that another part of portal owns (the legal hold: portal.privacy, which
this package may not import) is a CaseTool in `case_tools`; case_tool_urls() puts each under
the case's address, named "admin:cases_case_<name>", behind the admin's sign-in and the case's
view permission.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.cases import services
from portal.cases.details import case_details
from portal.cases.models import Case, CaseEvent
from portal.exports import exported
from portal.extensions import Registry
from portal.history import field_value, is_manager, person, readable, when


@dataclass(frozen=True)
class CaseTool:
    name: str
    # Under the case's address: "udskriv/" is /admin/cases/case/<id>/udskriv/.
    route: str
    # view(case_admin, request, case): the case is found and may be seen by the user.
    view: Callable[..., HttpResponse]
    # Who else may open it (None: anyone who may see the case); others get 403.
    may: Callable[..., bool] | None = None
    order: int = 100


case_tools: Registry[CaseTool] = Registry("case-page tools")


def may_set_legal_hold(user) -> bool:
    """Only a manager puts a case on legal hold or lifts it: it overrides the retention policy."""
    return is_manager(user)


def case_tool_urls(case_admin) -> list:
    """URL patterns for CaseAdmin.get_urls(), wrapped in case_admin.admin_site.admin_view."""
    return [
        path(
            f"<path:object_id>/{tool.route}",
            case_admin.admin_site.admin_view(partial(_open_tool, case_admin, tool)),
            name=f"cases_case_{tool.name}",
        )
        for tool in [PRINT, *case_tools.entries()]
    ]


def _open_tool(case_admin, tool: CaseTool, request: HttpRequest, object_id: str) -> HttpResponse:
    case = case_admin.get_object(request, unquote(object_id))
    if case is None:
        raise Http404
    if not case_admin.has_view_or_change_permission(request, case):
        raise PermissionDenied
    if tool.may is not None and not tool.may(request.user):
        raise PermissionDenied
    return tool.view(case_admin, request, case)


# --- the print view ----------------------------------------------------------------------------


def is_message(event: CaseEvent) -> bool:
    """What passed between the municipality and the enquirer: the entries the status page
    shows (selectors.shared_events, here for a journal already loaded). The enquirer's own
    answers are shared too."""
    return event.shared_with_enquirer and event.kind != CaseEvent.Kind.NOTE


def case_print(case_admin, request: HttpRequest, case: Case) -> HttpResponse:
    """The case on paper: summary, what the enquirer wrote, the messages, the whole journal.

    A printed case leaves the system, so the privacy log records who printed which case, as it
    records an exported list. A fixed number of queries, however long the journal.
    """
    events = list(
        case.events.select_related("author")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    exported.send(
        sender=type(case_admin),
        user=request.user,
        list_name="sag (udskrift)",
        filters={"sagsnummer": case.reference},
        total=1,
    )
    context = {
        **case_admin.admin_site.each_context(request),
        "title": _("Sag %(reference)s") % {"reference": case.reference},
        "case": case,
        "assignee": person(case.assignee) if case.assignee else "",
        "details": case_details(case, user=request.user),
        "messages_exchanged": [event for event in events if is_message(event)],
        "journal": events,
        "printed_at": timezone.now(),
        "printed_by": person(request.user),
    }
    return TemplateResponse(request, "admin/cases/case/print.html", context)


PRINT = CaseTool(name="print", route="udskriv/", view=case_print, order=10)


# --- the legal hold's form (the page is portal.privacy's, see portal/privacy/admin.py) ------


class CaseLegalHoldForm(forms.Form):
    """Set the hold, or lift it; either way with a reason, which the journal keeps."""

    # What the manager saw: a page loaded before a colleague lifted the hold does not set it.
    on = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=gettext_lazy("Begrundelse"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = "0" if case.legal_hold else "1"
        self.fields["reason"].help_text = (
            _("Fx at klagesagen er afgjort. Begrundelsen skrives i sagens journal.")
            if case.legal_hold
            else _(
                "Fx en klage, en retssag eller en anmodning om aktindsigt. Begrundelsen skrives "
                "i sagens journal."
            )
        )

    def clean(self):
        cleaned = super().clean()
        if "on" in cleaned and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                _("Skriv, hvorfor sagen ikke må anonymiseres.")
                if cleaned["on"]
                else _("Skriv, hvorfor tilbageholdelsen ophæves."),
            )
        return cleaned


# --- the case's history ------------------------------------------------------------------------


class CaseHistoryMixin:
    """For CaseAdmin (before PortalHistoryAdmin in its bases): a manager's revert restores the
    fields a caseworker edits, through services.update_case, and says so in the journal.

    Status and caseworker are not reverted: they change only through their own services, which
    check the workflow and tell the enquirer.
    """

    # A counter every save bumps, and the secret of the enquirer's status link.
    history_hidden_fields = ("version", "public_token")

    def revertable_fields(self) -> list[str]:
        shown = self.history_field_names()
        return [name for name in services.EDITABLE_FIELDS if name in shown]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        note = _(
            "Status og sagsbehandler sættes ikke tilbage; de ændres på sagen. Tilbageføringen "
            "skrives i sagens journal."
        )
        return super().history_form_view(
            request, object_id, version_id, {"revert_note": note, **(extra_context or {})}
        )

    def revert_to_version(self, request: HttpRequest, case: Case, record, names: list[str]):
        if not names:
            return
        fields = [Case._meta.get_field(name) for name in names]
        changes, lines = {}, []
        for field in fields:
            try:
                changes[field.name] = getattr(record, field.name)
            except ObjectDoesNotExist:
                raise ValidationError(
                    _("Versionen kan ikke gendannes: %(field)s findes ikke længere.")
                    % {"field": field.verbose_name}
                ) from None
            lines.append(
                f"{str(field.verbose_name).capitalize()}: "
                f"{readable(field, field_value(case, field))} → "
                f"{readable(field, field_value(record, field))}"
            )
        services.update_case(case=case, changes=changes, by=request.user)
        services.add_note(
            case=case,
            text=_("Sagen er sat tilbage til versionen fra %(when)s. %(changes)s.")
            % {"when": when(record.history_date), "changes": "; ".join(lines)},
            by=request.user,
        )
