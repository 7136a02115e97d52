"""The history pages of the admin (django-simple-history), as a caseworker reads them.

PortalHistoryAdmin replaces SimpleHistoryAdmin everywhere: the pages are in Danish, show who
made each change by name ("Systemet …" for a public form or the worker), values as the admin
shows them (choice labels, Danish dates, names), and only a manager may revert. Anyone who may
see the history sees an old version read-only; a revert is a POST that a caseworker is refused.

A model admin whose reverts must go through its services (the case: its journal) overrides
`revert_to_version`; portal.cases.tools.CaseHistoryMixin does that for CaseAdmin.
"""

from datetime import date, datetime

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject

from portal.accounts.roles import MANAGER

NOBODY = "–"


def is_manager(user) -> bool:
    """In the manager's group (or a superuser): the one who may undo a colleague's change."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=MANAGER).exists()


def person(user) -> str:
    """Who made a change, by name; a change without a user came from outside a staff session."""
    if user is None:
        return _("Systemet (en offentlig formular eller baggrundsjob)")
    return user.get_full_name() or user.get_username()


def when(moment: datetime) -> str:
    """ "3. december 2026 kl. 14:05", in Copenhagen."""
    moment = timezone.localtime(moment)
    return _("%(date)s kl. %(time)s") % {
        "date": formats.date_format(moment, "j. F Y"),
        "time": formats.time_format(moment, "H:i"),
    }


def readable(field: models.Field, value) -> str:
    """A stored value as the admin shows it: the choice's label, Ja/Nej, a Danish date, a name."""
    if isinstance(value, DeletedObject):
        # simple_history's stand-in for an empty or since-deleted foreign key.
        if value.pk is None:
            return NOBODY
        return _("Slettet %(name)s") % {"name": value.model._meta.verbose_name}
    if value is None or value == "":
        return NOBODY
    if isinstance(value, get_user_model()):
        return person(value)
    if isinstance(value, models.Model):
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime):
        return when(value)
    if isinstance(value, date):
        return formats.date_format(value, "j. F Y")
    return str(value)


def field_value(record, field: models.Field):
    """The value of `field` in a historical record; a foreign key as its object, if it exists."""
    if isinstance(field, models.ForeignKey):
        try:
            return getattr(record, field.name)
        except ObjectDoesNotExist:
            return DeletedObject(field.related_model, getattr(record, field.attname))
    return getattr(record, field.attname)


def changes_between(older, newer, fields: list[models.Field]) -> list[dict]:
    """What changed from one historical record to the next, as "field: before → after"."""
    return [
        {
            "field": capfirst(field.verbose_name),
            "old": readable(field, field_value(older, field)),
            "new": readable(field, field_value(newer, field)),
        }
        for field in fields
        if getattr(older, field.attname) != getattr(newer, field.attname)
    ]


HISTORY_TYPES = {
    "+": gettext_lazy("Oprettet"),
    "~": gettext_lazy("Ændret"),
    "-": gettext_lazy("Slettet"),
}


class PortalHistoryAdmin(SimpleHistoryAdmin):
    # Kept out of the page: a counter every save bumps, a secret … (see history_field_names).
    history_hidden_fields: tuple[str, ...] = ()
    object_history_form_template = "simple_history/portal_version.html"

    # --- who may do what --------------------------------------------------------------------

    def may_revert(self, request: HttpRequest, obj=None) -> bool:
        return is_manager(request.user) and self.has_change_permission(request, obj)

    def revert_disabled(self, request: HttpRequest, obj=None) -> bool:
        return not self.may_revert(request, obj)

    def history_view_title(self, request: HttpRequest, obj) -> str:
        return _("Historik for %(object)s") % {"object": obj}

    def history_form_view_title(self, request: HttpRequest, obj) -> str:
        return _("Tidligere version af %(object)s") % {"object": obj}

    # --- the list of changes ----------------------------------------------------------------

    def history_field_names(self) -> list[str]:
        """The model's fields the history shows, in the model's order."""
        history_model = self.model.history.model
        tracked = {field.name for field in history_model._meta.fields}
        return [
            field.name
            for field in self.model._meta.concrete_fields
            if field.name in tracked
            and not field.primary_key
            and field.name not in self.history_hidden_fields
        ]

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each record's changes since the one before, in the admin's words, and who made it.

        Compared here, not by simple_history's diff_against, which leaves out the fields no form
        edits: status and caseworker are the changes a reader most wants to see. No queries:
        the records come with their users and related rows (get_history_queryset).
        """
        fields = [self.model._meta.get_field(name) for name in self.history_field_names()]
        previous = None
        for record in historical_records:
            record.portal_who = person(record.history_user)
            record.portal_when = when(record.history_date)
            record.portal_type = HISTORY_TYPES.get(record.history_type, record.history_type)
            if previous is not None:
                previous.history_delta_changes = changes_between(record, previous, fields)
            previous = record

    # --- one old version: read, and for a manager revert ------------------------------------

    def revertable_fields(self) -> list[str]:
        """What a revert restores: the fields a user edits, not counters or timestamps."""
        return [
            name for name in self.history_field_names() if self.model._meta.get_field(name).editable
        ]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.current_app = self.admin_site.name
        opts = self.model._meta
        object_id = unquote(object_id)
        history_model = self.model.history.model
        record = get_object_or_404(
            history_model.objects.select_related("history_user"),
            **{opts.pk.attname: object_id, "history_id": version_id},
        )
        current = self.get_queryset(request).filter(pk=object_id).first()
        if not self.has_view_history_or_change_history_permission(request, current):
            raise PermissionDenied
        may_revert = current is not None and self.may_revert(request, current)
        if request.method == "POST" and not may_revert:
            raise PermissionDenied
        changes = self._changes_back_to(record, current) if current is not None else []
        if request.method == "POST":
            try:
                with transaction.atomic():
                    self.revert_to_version(
                        request, current, record, [change["name"] for change in changes]
                    )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                self._report_revert(request, current, record, changes)
                return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", current.pk)
        fields = [
            {
                "label": opts.get_field(name).verbose_name,
                "value": readable(opts.get_field(name), field_value(record, opts.get_field(name))),
            }
            for name in self.history_field_names()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": self.history_form_view_title(request, current or record.instance),
            "opts": opts,
            "app_label": opts.app_label,
            "original": current,
            "record": record,
            "record_when": when(record.history_date),
            "record_who": person(record.history_user),
            "fields": fields,
            "changes": changes,
            "may_revert": may_revert,
            "revert_disabled": not may_revert,
            "history_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id]
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_form_template, context)

    def _changes_back_to(self, record, current) -> list[dict]:
        """What a revert to `record` would change, field by field."""
        changes = []
        for name in self.revertable_fields():
            field = self.model._meta.get_field(name)
            old = getattr(record, field.attname)
            now = getattr(current, field.attname)
            if old != now:
                changes.append(
                    {
                        "name": name,
                        "label": field.verbose_name,
                        "now": readable(field, field_value(current, field)),
                        "then": readable(field, field_value(record, field)),
                    }
                )
        return changes

    def revert_to_version(self, request: HttpRequest, obj, record, names: list[str]) -> None:
        """Store the old version's values of `names` on `obj`; ValidationError if they no
        longer hold (a related row since deleted, a name now taken)."""
        for name in names:
            field = self.model._meta.get_field(name)
            setattr(obj, field.attname, getattr(record, field.attname))
        obj.full_clean()
        obj._history_user = request.user
        obj._change_reason = _("Gendannet til versionen fra %(when)s") % {
            "when": when(record.history_date)
        }
        obj.save()

    def _report_revert(self, request, obj, record, changes: list[dict]) -> None:
        if not changes:
            self.message_user(
                request, _("Versionen er den samme som nu. Intet er ændret."), messages.INFO
            )
            return
        self.log_change(
            request,
            obj,
            [{"changed": {"fields": [str(change["label"]) for change in changes]}}],
        )
        self.message_user(
            request,
            _("%(object)s er sat tilbage til versionen fra %(when)s.")
            % {"object": obj, "when": when(record.history_date)},
            messages.SUCCESS,
        )

    def render_history_view(self, request, template, context, **kwargs) -> HttpResponse:
        return TemplateResponse(request, template, context, **kwargs)
