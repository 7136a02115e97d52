"""The case page in the admin: the case, what the apps know about it, its journal, and the form
for the caseworker's next move (CaseAdmin, in admin.py, mixes this in).

The form is in forms.py, the check for two caseworkers saving at once in conflicts.py, and
every write goes through services.
"""

import logging

from django.contrib import messages
from django.contrib.admin import display, helpers
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.cases import selectors, services, tools
from portal.cases.details import case_details
from portal.cases.forms import USE_TEMPLATE, CaseForm
from portal.cases.models import Case

logger = logging.getLogger(__name__)


class NamedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete with a placeholder: select2 labels its empty box by the
    placeholder, which Django leaves empty, so a screen reader would hear a nameless box."""

    def __init__(self, *args, placeholder: str, **kwargs):
        self.placeholder = placeholder
        super().__init__(*args, **kwargs)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = str(self.placeholder)
        return attrs


AUTOCOMPLETE_PLACEHOLDERS = {
    "contact": _("Søg på navn eller e-mail"),
    "company": _("Ingen virksomhed – søg på navn eller CVR-nummer"),
}


class CasePageMixin:
    """For CaseAdmin: the case page (admin:cases_case_change) and its own addresses.

    It reads top-down like a case: summary, what the enquirer wrote, the same enquirer's other
    cases, the journal and the e-mails, then the caseworker's moves (change_form.html).
    """

    form = CaseForm
    view_on_site = False

    class Media:
        js = ["js/admin-autocomplete-names.js"]

    readonly_fields = ["status_link"]
    fieldsets = [
        (
            _("Behandling"),
            {
                "fields": [
                    "loaded_version",
                    "contested",
                    "assign_to",
                    "new_status",
                    "notify_enquirer",
                    "next_deadline",
                    "reply_template",
                    "message",
                    "phone_call",
                    "phone_answered",
                    "note",
                    "link_cvr",
                ]
            },
        ),
        (
            _("Ret sagens oplysninger"),
            {
                "fields": [
                    "kind",
                    "subject",
                    "contact",
                    "company",
                    "deadline",
                    "led_to_arrival",
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Reading only: the caseworker's moves are not for this user.
            return [fieldset for fieldset in fieldsets if "new_status" not in fieldset[1]["fields"]]
        return fieldsets

    @display(description=_("henvenderens statusside"))
    def status_link(self, case: Case) -> str:
        url = services.status_url(case)
        return format_html('<a href="{}" rel="noreferrer">{}</a>', url, url)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in AUTOCOMPLETE_PLACEHOLDERS:
            kwargs["widget"] = NamedAutocompleteSelect(
                db_field,
                self.admin_site,
                using=kwargs.get("using"),
                placeholder=AUTOCOMPLETE_PLACEHOLDERS[db_field.name],
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- the case page ---------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The admin's address for the case (admin:cases_case_change), the portal's own view.
        return self.case_page(request, object_id)

    def case_page(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The case, what the apps know about it, its journal, and the form for the next move.

        A save is the conflict check and one services.work_on_case() in one transaction: all
        of it is stored, or nothing. A refusal is shown next to the field it concerns, with
        everything the caseworker typed kept. "Brug skabelonen" (or a save with a template
        and no message) stores nothing: the page comes back with the template in the message.
        """
        case = self.get_object(request, unquote(object_id))
        if case is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        may_change = self.has_change_permission(request, case)
        if not (may_change or self.has_view_permission(request, case)):
            raise PermissionDenied
        if request.method == "POST" and not may_change:
            raise PermissionDenied
        fieldsets = self.get_fieldsets(request, case)
        form_class = self.get_form(request, case, change=True, fields=flatten_fieldsets(fieldsets))
        form = form_class(request.POST if request.method == "POST" else None, instance=case)
        note = ""
        if form.is_bound:
            template = form.template_step(asked=USE_TEMPLATE in request.POST)
            if template is not False:
                form, note = self._fill_in_template(form_class, form, case, template)
            elif self._work_on_case(request, form):
                message = self.construct_change_message(request, form, [], False)
                self.log_change(request, case, message)
                return self._saved(request, case, form)
            else:
                case.refresh_from_db()  # show what is stored: a refused save changed nothing
        return self._render_case_page(request, case, form, fieldsets, may_change, note)

    def _saved(self, request: HttpRequest, case: Case, form: CaseForm) -> HttpResponse:
        """Say what the save did, and go back to the inbox as it was (or stay on the case)."""
        self.message_user(request, form.what_was_done(case), messages.SUCCESS)
        if "_continue" in request.POST:
            return HttpResponseRedirect(request.get_full_path())
        inbox = reverse("admin:cases_case_changelist")
        context = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return HttpResponseRedirect(add_preserved_filters(context, inbox))

    def _fill_in_template(self, form_class, form: CaseForm, case: Case, template):
        """The page again, as typed, with the template filled in after any message typed."""
        if template is None:
            note = _("Vælg en svarskabelon, og tryk »Brug skabelonen« igen. Intet er gemt.")
            return form_class(instance=case, initial=form.as_typed()), note
        typed = (form["message"].data or "").strip()
        text = services.render_reply_template(template, case)
        marks = services.fill_in_marks(template.body)
        note = _(
            "Skabelonen »%(title)s« er sat ind i beskeden, udfyldt for sagen. Læs den, ret den "
            "til, og tryk »Gem« for at sende den. Intet er gemt endnu."
        ) % {"title": template.title}
        if marks:
            note += " " + _("Udfyld %(marks)s, før du sender.") % {
                "marks": services.marks_listed(marks)
            }
        message = f"{typed}\n\n{text}" if typed else text
        return form_class(instance=case, initial=form.as_typed(message=message)), note

    def _work_on_case(self, request: HttpRequest, form: CaseForm) -> bool:
        """Whether the save went through; if not, the form says why."""
        try:
            with transaction.atomic():
                if not form.is_valid():  # the conflict check holds the case's row till the end
                    return False
                services.work_on_case(case=form.instance, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.refuse(error)
            return False
        except DatabaseError:
            logger.exception("Case %s could not be saved", form.instance.reference)
            form.save_failed()
            return False
        return True

    def _render_case_page(self, request, case: Case, form, fieldsets, may_change: bool, note=""):
        readonly = (
            self.get_readonly_fields(request, case) if may_change else flatten_fieldsets(fieldsets)
        )
        admin_form = helpers.AdminForm(form, list(fieldsets), {}, readonly, model_admin=self)
        formsets, inlines = [], []
        for formset_class, inline in self.get_formsets_with_inlines(request, case):
            # The inline is read-only: never bound to what was posted.
            formsets.append(formset_class(instance=case, queryset=inline.get_queryset(request)))
            inlines.append(inline)
        inline_formsets = self.get_inline_formsets(request, formsets, inlines, case)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Behandl sagen") if may_change else _("Se sagen"),
            "subtitle": str(case),
            "adminform": admin_form,
            "object_id": case.pk,
            "original": case,
            "is_popup": False,
            "to_field": None,
            "media": sum((f.media for f in inline_formsets), self.media + admin_form.media),
            "inline_admin_formsets": inline_formsets,
            "errors": helpers.AdminErrorList(form, []),
            "preserved_filters": self.get_preserved_filters(request),
            # What the app that opened the case knows (the enquiry's message …), above the form.
            "case_details": case_details(case, user=request.user),
            "case_summary": selectors.case_summary(case, timezone.localdate()),
            "case_status_url": services.status_url(case),
            "case_other_cases": selectors.other_cases(case),
            "case_journal": selectors.journal_with_files(case),
            "case_last_change": selectors.last_change(case),
            "case_form_note": note,
            "case_conflict_changes": getattr(form, "conflict_changes", []),
            "case_conflict_answered_at": getattr(form, "conflict_answered_at", None),
            "case_tools": case_tools(request.user, case),
            # One case is worked at a time: no "save and add another" (the add page opens a
            # case by hand), and no "view on site" (the summary links the enquirer's page).
            "show_save_and_add_another": False,
        }
        return self.render_change_form(request, context, change=True, obj=case)


def _url(name: str, case: Case) -> str:
    try:
        return reverse(name, args=[case.pk])
    except NoReverseMatch:  # the page is not there (yet): no link
        return ""


def case_tools(user, case: Case) -> list[tuple[str, str]]:
    """The links above the case page: print it, and (for a manager) its legal hold."""
    found = [(_("Udskriv sagen"), _url("admin:cases_case_print", case))]
    if tools.may_set_legal_hold(user):
        found.append((_("Retslig tilbageholdelse"), _url("admin:cases_case_legal_hold", case)))
    return [(label, url) for label, url in found if url]
