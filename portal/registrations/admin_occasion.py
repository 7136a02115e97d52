"""The admin of any model that hangs off an Occasion (network's Meeting, a CourseSession): its
registrations on its page, and the caseworker's moves (attendance, a message to all, cancel,
copy, promote, the participants lists), each a small page with a confirm step that calls a
service. The app's ModelAdmin mixes in OccasionAdminMixin, names its occasion in a sentence
(`occasion_noun`) and copies its own row in `copy_object()`; portal never imports the app.

The model's primary key is its occasion's (a one-to-one `occasion` with primary_key=True).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin_display import danish_date
from portal.exports import csv_response, exported, xlsx_response
from portal.registrations import services
from portal.registrations.admin import REGISTRATION_EXPORT_COLUMNS
from portal.registrations.admin_forms import AttendanceForm, CancelForm, CopyForm, MessageForm
from portal.registrations.admin_seats import SEATS_PARAMETER
from portal.registrations.admin_views import participants_page
from portal.registrations.models import OccasionMessage, Registration
from portal.registrations.selectors import seats_taken

# The order of the registrations on the occasion's page: seat holders, the line, the cancelled.
STATUS_ORDER = {
    Registration.Status.CONFIRMED: 0,
    Registration.Status.ATTENDED: 0,
    Registration.Status.NO_SHOW: 0,
    Registration.Status.WAITING: 1,
    Registration.Status.CANCELLED: 2,
}


class WhenFilter(admin.SimpleListFilter):
    """Coming or held, by the occasion's end."""

    title = _("Tidspunkt")
    parameter_name = "tid"

    def lookups(self, request, model_admin):
        return [("kommende", _("Kommende")), ("afholdte", _("Afholdte"))]

    def queryset(self, request, queryset):
        if self.value() == "kommende":
            return queryset.filter(occasion__ends_at__gte=timezone.now())
        if self.value() == "afholdte":
            return queryset.filter(occasion__ends_at__lt=timezone.now())
        return queryset


class SeatsFilter(admin.SimpleListFilter):
    """The filter the admin home's seat tiles link to. An app subclasses it with its tiles'
    `seat_choices` and `conditions` (a function giving {value: Q} on rows annotated by
    admin_seats.with_seat_counts()), so a tile's count and the list it opens are one condition."""

    title = _("Pladser")
    parameter_name = SEATS_PARAMETER
    seat_choices: list[tuple[str, str]] = []

    @staticmethod
    def conditions() -> dict:
        return {}

    def lookups(self, request, model_admin):
        return self.seat_choices

    def queryset(self, request, queryset):
        condition = self.conditions().get(self.value())
        return queryset.filter(condition) if condition is not None else queryset


class OccasionAdminMixin:
    # The occasion in a sentence, definite and lower case: "Aflys mødet", "Kurset er aflyst".
    occasion_noun = _("arrangementet")
    change_form_template = "admin/registrations/occasion/change_form.html"
    # The columns of the participants list as CSV or Excel (the app may add its own answers).
    participant_export_columns = REGISTRATION_EXPORT_COLUMNS

    # --- the list's columns (the queryset is annotated by admin_seats.with_seat_counts()) ---

    @admin.display(description=_("titel"), ordering="occasion__title")
    def title_display(self, obj) -> str:
        return obj.occasion.title

    @admin.display(description=_("starter"), ordering="occasion__starts_at")
    def starts_display(self, obj) -> str:
        return danish_date(obj.occasion.starts_at)

    @admin.display(description=_("pladser taget"), ordering="seats_taken")
    def seats_display(self, obj) -> str:
        return f"{obj.seats_taken}/{obj.occasion.capacity}"

    @admin.display(description=_("på venteliste"), ordering="seats_waiting")
    def waiting_display(self, obj) -> int:
        return obj.seats_waiting

    @admin.display(description=_("offentliggjort"), boolean=True, ordering="occasion__published")
    def published_display(self, obj) -> bool:
        return obj.occasion.published

    @admin.display(description=_("aflyst"), ordering="occasion__cancelled_at")
    def cancelled_display(self, obj) -> str:
        return danish_date(obj.occasion.cancelled_at) if obj.occasion.is_cancelled else "–"

    def copy_object(self, obj, *, starts_at, by):
        """The app's copy of `obj` on a new date (its service; unpublished, no registrations)."""
        raise NotImplementedError

    # --- the admin's plumbing ------------------------------------------------------------

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # The services record who wrote (the history's author).
        return type(form.__name__, (form,), {"by": request.user})

    def save_model(self, request, obj, form, change: bool) -> None:
        # The form (OccasionModelForm) stored the object through the services when it validated.
        pass

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # An occasion people have registered for is cancelled (they are told), never deleted.
        if obj is not None and obj.occasion.registrations.exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj) -> None:
        obj.occasion.delete()  # the app's row goes with its occasion

    def get_actions(self, request: HttpRequest):
        # One at a time from the object's page, where the rule above is checked.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def _url_name(self, suffix: str) -> str:
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{suffix}"

    def _noun(self) -> str:
        return str(self.occasion_noun)

    # --- the object's page -------------------------------------------------------------

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.pk:
            context.update(self.registrations_context(request, obj))
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def registration_rows(self, obj) -> QuerySet[Registration]:
        """The registrations shown on the object's page (an app may join its own details)."""
        return Registration.objects.filter(occasion_id=obj.pk).select_related("company")

    def registrations_context(self, request: HttpRequest, obj) -> dict:
        """Every registration (two queries whatever their number), each with its place in line."""
        rows = list(self.registration_rows(obj).order_by("name", "pk"))
        line = sorted(
            (r for r in rows if r.status == Registration.Status.WAITING),
            key=lambda r: (r.waiting_since or r.created_at, r.pk),
        )
        places = {registration.pk: place for place, registration in enumerate(line, start=1)}
        for registration in rows:
            registration.place = places.get(registration.pk)
        rows.sort(key=lambda r: (STATUS_ORDER[r.status], r.place or 0, r.name.lower(), r.pk))
        may_change = self.has_change_permission(request, obj)
        return {
            "registrations": rows,
            "registration_messages": list(
                OccasionMessage.objects.filter(occasion_id=obj.pk).select_related("sent_by")
            ),
            "registrations_url": (
                f"{reverse('admin:registrations_registration_changelist')}"
                f"?occasion__id__exact={obj.pk}"
            ),
            "occasion_noun": self._noun(),
            "occasion_actions": self._actions_for(obj) if may_change else [],
            "participants_url": reverse(self._url_name("participants"), args=[obj.pk]),
            "shared_participants_url": reverse(
                self._url_name("participants_shared"), args=[obj.pk]
            ),
            "participants_export_url": reverse(
                self._url_name("participants_export"), args=[obj.pk]
            ),
        }

    def _actions_for(self, obj) -> list[tuple[str, str]]:
        noun = self._noun()
        actions = []
        if not obj.occasion.is_cancelled:
            actions += [
                (reverse(self._url_name("attendance"), args=[obj.pk]), _("Fremmøde")),
                (reverse(self._url_name("message"), args=[obj.pk]), _("Send besked")),
                (
                    reverse(self._url_name("promote"), args=[obj.pk]),
                    _("Ryk op fra ventelisten"),
                ),
                (
                    reverse(self._url_name("cancel"), args=[obj.pk]),
                    _("Aflys %(noun)s") % {"noun": noun},
                ),
            ]
        actions.append((reverse(self._url_name("copy"), args=[obj.pk]), _("Kopiér til ny dato")))
        return actions

    # --- the caseworker's moves ----------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"

        def view(function, suffix: str, route: str):
            return path(
                f"<path:object_id>/{route}/",
                self.admin_site.admin_view(function),
                name=f"{prefix}_{suffix}",
            )

        return [
            view(self.attendance_view, "attendance", "fremmoede"),
            view(self.message_view, "message", "besked"),
            view(self.cancel_view, "cancel", "aflys"),
            view(self.copy_view, "copy", "kopier"),
            view(self.promote_view, "promote", "ryk-op"),
            view(self.participants_view, "participants", "deltagerliste"),
            view(self.shared_participants_view, "participants_shared", "deltagerliste/delt"),
            view(self.participants_export_view, "participants_export", "deltagerliste/eksport"),
            *super().get_urls(),
        ]

    def _object(self, request: HttpRequest, object_id: str, *, change: bool = True):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        allowed = (
            self.has_change_permission(request, obj)
            if change
            else self.has_view_permission(request, obj)
        )
        if not allowed:
            raise PermissionDenied
        return obj

    def _context(self, request: HttpRequest, obj, title: str, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": obj.occasion.title,
            "occasion": obj.occasion,
            "original": obj,
            "occasion_noun": self._noun(),
            "back_url": reverse(self._url_name("change"), args=[obj.pk]),
            "changelist_url": reverse(self._url_name("changelist")),
            **extra,
        }

    def _render(self, request, template: str, context: dict) -> TemplateResponse:
        return TemplateResponse(request, f"admin/registrations/occasion/{template}", context)

    def _back(self, obj) -> HttpResponse:
        return redirect(self._url_name("change"), obj.pk)

    def attendance_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self._object(request, object_id)
        seat_holders = list(
            Registration.objects.filter(occasion_id=obj.pk, status__in=Registration.SEAT_HOLDING)
            .select_related("company")
            .order_by("name", "pk")
        )
        form = AttendanceForm(
            request.POST if request.method == "POST" else None, registrations=seat_holders
        )
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    came = services.mark_attendance(
                        registrations=form.marked(AttendanceForm.ATTENDED),
                        attended=True,
                        by=request.user,
                    )
                    stayed_away = services.mark_attendance(
                        registrations=form.marked(AttendanceForm.NO_SHOW),
                        attended=False,
                        by=request.user,
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("Fremmødet er registreret: %(came)s og %(stayed_away)s.")
                    % {
                        "came": ngettext("%(count)d deltog", "%(count)d deltog", came)
                        % {"count": came},
                        "stayed_away": ngettext(
                            "%(count)d udeblev", "%(count)d udeblev", stayed_away
                        )
                        % {"count": stayed_away},
                    },
                    messages.SUCCESS,
                )
                return self._back(obj)
        return self._render(
            request,
            "attendance.html",
            self._context(request, obj, _("Registrér fremmøde"), form=form),
        )

    def message_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Write, see what will be sent and to how many, then send (a second POST)."""
        obj = self._object(request, object_id)
        form = MessageForm(request.POST if request.method == "POST" else None)
        preview = None
        if request.method == "POST" and form.is_valid():
            if "confirm" in request.POST:
                try:
                    message = services.message_registered(
                        occasion=obj.occasion, by=request.user, **form.cleaned_data
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(
                        request,
                        ngettext(
                            "Beskeden »%(subject)s« er sendt til %(count)d tilmeldt.",
                            "Beskeden »%(subject)s« er sendt til %(count)d tilmeldte.",
                            message.recipients,
                        )
                        % {"subject": message.subject, "count": message.recipients},
                        messages.SUCCESS,
                    )
                    return self._back(obj)
            else:
                statuses = [Registration.Status.CONFIRMED]
                if form.cleaned_data["include_waiting"]:
                    statuses.append(Registration.Status.WAITING)
                preview = {
                    **form.cleaned_data,
                    "recipients": Registration.objects.filter(
                        occasion_id=obj.pk, status__in=statuses
                    ).count(),
                }
        return self._render(
            request,
            "message.html",
            self._context(
                request, obj, _("Send besked til alle tilmeldte"), form=form, preview=preview
            ),
        )

    def cancel_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self._object(request, object_id)
        form = CancelForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                told = services.cancel_occasion(
                    occasion=obj.occasion, reason=form.cleaned_data["reason"], by=request.user
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    form.add_error("reason", sum(error.error_dict.values(), []))
                else:
                    form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "%(noun)s er aflyst. %(count)d tilmeldt får besked pr. e-mail.",
                        "%(noun)s er aflyst. %(count)d tilmeldte får besked pr. e-mail.",
                        told,
                    )
                    % {"noun": capfirst(self._noun()), "count": told},
                    messages.SUCCESS,
                )
                return self._back(obj)
        active = Registration.objects.filter(occasion_id=obj.pk).active().count()
        return self._render(
            request,
            "cancel.html",
            self._context(
                request, obj, _("Aflys %(noun)s") % {"noun": self._noun()}, form=form, active=active
            ),
        )

    def copy_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self._object(request, object_id)
        form = CopyForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                copy = self.copy_object(
                    obj, starts_at=form.cleaned_data["starts_at"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error.messages if hasattr(error, "error_dict") else error)
            else:
                self.message_user(
                    request,
                    _(
                        "%(noun)s er kopieret til %(date)s. Kopien er ikke offentliggjort: ret "
                        "den til, og sæt flueben i »offentliggjort«, når den er klar."
                    )
                    % {
                        "noun": capfirst(self._noun()),
                        "date": danish_date(copy.occasion.starts_at),
                    },
                    messages.SUCCESS,
                )
                return redirect(self._url_name("change"), copy.pk)
        return self._render(
            request,
            "copy.html",
            self._context(request, obj, _("Kopiér til ny dato"), form=form),
        )

    def promote_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Offer the free seats to the waiting list now, also after the promotion has stopped."""
        obj = self._object(request, object_id)
        if request.method == "POST":
            promoted = services.promote(occasion=obj.occasion, by=request.user, force=True)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d er rykket op fra ventelisten og har fået besked: %(names)s.",
                        "%(count)d er rykket op fra ventelisten og har fået besked: %(names)s.",
                        len(promoted),
                    )
                    % {
                        "count": len(promoted),
                        "names": ", ".join(registration.name for registration in promoted),
                    },
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    _(
                        "Ingen er rykket op: der er ingen ledige pladser, ingen på ventelisten, "
                        "eller de ventende er flere, end der er plads til."
                    ),
                    messages.WARNING,
                )
            return self._back(obj)
        occasion = obj.occasion
        waiting = list(
            Registration.objects.filter(occasion_id=obj.pk).in_line().select_related("company")
        )
        # The changelist's annotation if the app's queryset has it, else one query.
        taken = getattr(obj, "seats_taken", None)
        if taken is None:
            taken = seats_taken(occasion)
        return self._render(
            request,
            "promote.html",
            self._context(
                request,
                obj,
                _("Ryk op fra ventelisten"),
                waiting=waiting,
                seats_left=occasion.seats_left_of(taken),
                started=occasion.starts_at <= timezone.now(),
            ),
        )

    def participants_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self._object(request, object_id, change=False)
        return participants_page(
            request,
            occasion=obj.occasion,
            listed_only=False,
            context=self._context(request, obj, ""),
        )

    def shared_participants_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self._object(request, object_id, change=False)
        return participants_page(
            request,
            occasion=obj.occasion,
            listed_only=True,
            context=self._context(request, obj, ""),
        )

    def participants_export_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Everyone registered (seat, waiting list, cancelled) as CSV, or Excel with
        ?format=xlsx; recorded in the privacy log, as every export of personal data is."""
        obj = self._object(request, object_id, change=False)
        registrations = (
            self.registration_rows(obj).select_related("occasion").order_by("name", "pk")
        )
        exported.send(
            sender=type(self),
            user=request.user,
            list_name="deltagerliste",
            filters={"occasion": obj.pk},
            total=registrations.count(),
        )
        filename = f"deltagerliste-{slugify(obj.occasion.title)}-{timezone.localdate():%Y-%m-%d}"
        columns = self.participant_export_columns
        if request.GET.get("format") == "xlsx":
            return xlsx_response(filename, str(_("Deltagerliste")), columns, registrations)
        return csv_response(filename, columns, registrations)
