"""Network meetings in the admin: the meeting and its occasion in one form, its registrations on
its page, and the caseworker's moves (attendance, a message to all, cancel, copy, promote),
each a small page with a confirm step that calls a service.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

# FollowUpAdmin (aftercare) registers itself when its module is imported.
from network import services
from network.admin_followups import StaffField
from network.forms import AttendanceForm, CancelForm, CopyForm, MeetingAdminForm, MessageForm
from network.models import Meeting
from network.workbench import (
    SEATS_CHOICES,
    SEATS_PARAMETER,
    seat_conditions,
    with_seat_counts,
)
from portal.admin_display import danish_date
from portal.registrations import services as registrations
from portal.registrations.admin_views import participants_page
from portal.registrations.models import OccasionMessage, Registration

# The order of the registrations on the meeting's page: seat holders, the line, the cancelled.
STATUS_ORDER = {
    Registration.Status.CONFIRMED: 0,
    Registration.Status.ATTENDED: 0,
    Registration.Status.NO_SHOW: 0,
    Registration.Status.WAITING: 1,
    Registration.Status.CANCELLED: 2,
}


class WhenFilter(admin.SimpleListFilter):
    title = _("Tidspunkt")
    parameter_name = "tid"

    def lookups(self, request, model_admin):
        return [("kommende", _("Kommende")), ("afholdte", _("Afholdte"))]

    def queryset(self, request, queryset):
        if self.value() == "kommende":
            return queryset.coming()
        if self.value() == "afholdte":
            return queryset.past()
        return queryset


class CancelledFilter(admin.SimpleListFilter):
    title = _("Aflyst")
    parameter_name = "aflyst"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nej", _("Nej"))]

    def queryset(self, request, queryset):
        if self.value() in ("ja", "nej"):
            return queryset.filter(occasion__cancelled_at__isnull=self.value() == "nej")
        return queryset


class SeatsFilter(admin.SimpleListFilter):
    """The admin home's tiles link here (network.workbench)."""

    title = _("Pladser")
    parameter_name = SEATS_PARAMETER

    def lookups(self, request, model_admin):
        return SEATS_CHOICES

    def queryset(self, request, queryset):
        condition = seat_conditions().get(self.value())
        return queryset.filter(condition) if condition is not None else queryset


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    form = MeetingAdminForm
    change_form_template = "admin/network/meeting/change_form.html"
    list_display = [
        "title_display",
        "starts_display",
        "seats_display",
        "waiting_display",
        "published_display",
        "cancelled_display",
    ]
    list_filter = [WhenFilter, SeatsFilter, "occasion__published", CancelledFilter, "audience"]
    search_fields = ["occasion__title"]
    ordering = ["-occasion__starts_at", "pk"]
    fieldsets = [
        (None, {"fields": ["title", "description", "agenda", "audience", "contact_person"]}),
        (
            _("Tid og sted"),
            {"fields": ["starts_at", "ends_at", "address", "online_url"]},
        ),
        (
            _("Tilmelding"),
            {
                "fields": [
                    "registration_deadline",
                    "capacity",
                    "max_seats_per_registration",
                    "published",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest):
        return with_seat_counts(
            super().get_queryset(request).select_related("occasion", "contact_person")
        )

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # The services record who wrote (the history's author).
        return type(form.__name__, (form,), {"by": request.user})

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        return {"contact_person": request.user.pk, **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "contact_person":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
            kwargs["form_class"] = StaffField  # by full name, as the public page shows it
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj: Meeting, form, change: bool) -> None:
        # MeetingAdminForm stored the meeting through the services when it validated.
        pass

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # A meeting people have registered for is cancelled (they are told), never deleted.
        if obj is not None and obj.occasion.registrations.exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj: Meeting) -> None:
        obj.occasion.delete()  # the meeting goes with its occasion

    def get_actions(self, request: HttpRequest):
        # One at a time from the meeting's page, where the rule above is checked.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # --- the list ----------------------------------------------------------------------------

    @admin.display(description=_("titel"), ordering="occasion__title")
    def title_display(self, meeting: Meeting) -> str:
        return meeting.occasion.title

    @admin.display(description=_("starter"), ordering="occasion__starts_at")
    def starts_display(self, meeting: Meeting) -> str:
        return danish_date(meeting.occasion.starts_at)

    @admin.display(description=_("pladser taget"), ordering="seats_taken")
    def seats_display(self, meeting: Meeting) -> str:
        return f"{meeting.seats_taken}/{meeting.occasion.capacity}"

    @admin.display(description=_("på venteliste"), ordering="seats_waiting")
    def waiting_display(self, meeting: Meeting) -> int:
        return meeting.seats_waiting

    @admin.display(description=_("offentliggjort"), boolean=True, ordering="occasion__published")
    def published_display(self, meeting: Meeting) -> bool:
        return meeting.occasion.published

    @admin.display(description=_("aflyst"), ordering="occasion__cancelled_at")
    def cancelled_display(self, meeting: Meeting) -> str:
        return danish_date(meeting.occasion.cancelled_at) if meeting.occasion.is_cancelled else "–"

    # --- the meeting's page --------------------------------------------------------------------

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.pk:
            context.update(self._registrations_context(request, obj))
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def _registrations_context(self, request: HttpRequest, meeting: Meeting) -> dict:
        """Every registration (two queries whatever their number), each with its place in line."""
        rows = list(
            Registration.objects.filter(occasion_id=meeting.pk)
            .select_related("company")
            .order_by("name", "pk")
        )
        line = sorted(
            (r for r in rows if r.status == Registration.Status.WAITING),
            key=lambda r: (r.waiting_since or r.created_at, r.pk),
        )
        places = {registration.pk: place for place, registration in enumerate(line, start=1)}
        for registration in rows:
            registration.place = places.get(registration.pk)
        rows.sort(key=lambda r: (STATUS_ORDER[r.status], r.place or 0, r.name.lower(), r.pk))
        may_change = self.has_change_permission(request, meeting)
        return {
            "registrations": rows,
            "registration_messages": list(
                OccasionMessage.objects.filter(occasion_id=meeting.pk).select_related("sent_by")
            ),
            "registrations_url": (
                f"{reverse('admin:registrations_registration_changelist')}"
                f"?occasion__id__exact={meeting.pk}"
            ),
            "meeting_actions": self._actions_for(meeting) if may_change else [],
            "participants_url": reverse("admin:network_meeting_participants", args=[meeting.pk]),
            "shared_participants_url": reverse(
                "admin:network_meeting_participants_shared", args=[meeting.pk]
            ),
        }

    def _actions_for(self, meeting: Meeting) -> list[tuple[str, str]]:
        occasion = meeting.occasion
        actions = []
        if not occasion.is_cancelled:
            actions += [
                (reverse("admin:network_meeting_attendance", args=[meeting.pk]), _("Fremmøde")),
                (reverse("admin:network_meeting_message", args=[meeting.pk]), _("Send besked")),
                (
                    reverse("admin:network_meeting_promote", args=[meeting.pk]),
                    _("Ryk op fra ventelisten"),
                ),
                (reverse("admin:network_meeting_cancel", args=[meeting.pk]), _("Aflys mødet")),
            ]
        actions.append(
            (reverse("admin:network_meeting_copy", args=[meeting.pk]), _("Kopiér til ny dato"))
        )
        return actions

    # --- the caseworker's moves ----------------------------------------------------------------

    def get_urls(self):
        def view(function, suffix: str, route: str):
            return path(
                f"<path:object_id>/{route}/",
                self.admin_site.admin_view(function),
                name=f"network_meeting_{suffix}",
            )

        return [
            view(self.attendance_view, "attendance", "fremmoede"),
            view(self.message_view, "message", "besked"),
            view(self.cancel_view, "cancel", "aflys"),
            view(self.copy_view, "copy", "kopier"),
            view(self.promote_view, "promote", "ryk-op"),
            view(self.participants_view, "participants", "deltagerliste"),
            view(self.shared_participants_view, "participants_shared", "deltagerliste/delt"),
            *super().get_urls(),
        ]

    def _meeting(self, request: HttpRequest, object_id: str, *, change: bool = True) -> Meeting:
        meeting = self.get_object(request, unquote(object_id))
        if meeting is None:
            raise Http404
        allowed = (
            self.has_change_permission(request, meeting)
            if change
            else self.has_view_permission(request, meeting)
        )
        if not allowed:
            raise PermissionDenied
        return meeting

    def _context(self, request: HttpRequest, meeting: Meeting, title: str, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": meeting.occasion.title,
            "meeting": meeting,
            "occasion": meeting.occasion,
            "original": meeting,
            "back_url": reverse("admin:network_meeting_change", args=[meeting.pk]),
            "changelist_url": reverse("admin:network_meeting_changelist"),
            **extra,
        }

    def _render(self, request, template: str, context: dict) -> TemplateResponse:
        return TemplateResponse(request, f"admin/network/meeting/{template}", context)

    def _back(self, meeting: Meeting) -> HttpResponse:
        return redirect("admin:network_meeting_change", meeting.pk)

    def attendance_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        meeting = self._meeting(request, object_id)
        seat_holders = list(
            Registration.objects.filter(
                occasion_id=meeting.pk, status__in=Registration.SEAT_HOLDING
            )
            .select_related("company")
            .order_by("name", "pk")
        )
        form = AttendanceForm(
            request.POST if request.method == "POST" else None, registrations=seat_holders
        )
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    came = registrations.mark_attendance(
                        registrations=form.marked(AttendanceForm.ATTENDED),
                        attended=True,
                        by=request.user,
                    )
                    stayed_away = registrations.mark_attendance(
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
                return self._back(meeting)
        return self._render(
            request,
            "attendance.html",
            self._context(request, meeting, _("Registrér fremmøde"), form=form),
        )

    def message_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Write, see what will be sent and to how many, then send (a second POST)."""
        meeting = self._meeting(request, object_id)
        form = MessageForm(request.POST if request.method == "POST" else None)
        preview = None
        if request.method == "POST" and form.is_valid():
            if "confirm" in request.POST:
                try:
                    message = registrations.message_registered(
                        occasion=meeting.occasion, by=request.user, **form.cleaned_data
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
                    return self._back(meeting)
            else:
                statuses = [Registration.Status.CONFIRMED]
                if form.cleaned_data["include_waiting"]:
                    statuses.append(Registration.Status.WAITING)
                preview = {
                    **form.cleaned_data,
                    "recipients": Registration.objects.filter(
                        occasion_id=meeting.pk, status__in=statuses
                    ).count(),
                }
        return self._render(
            request,
            "message.html",
            self._context(
                request, meeting, _("Send besked til alle tilmeldte"), form=form, preview=preview
            ),
        )

    def cancel_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        meeting = self._meeting(request, object_id)
        form = CancelForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                told = registrations.cancel_occasion(
                    occasion=meeting.occasion, reason=form.cleaned_data["reason"], by=request.user
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
                        "Mødet er aflyst. %(count)d tilmeldt får besked pr. e-mail.",
                        "Mødet er aflyst. %(count)d tilmeldte får besked pr. e-mail.",
                        told,
                    )
                    % {"count": told},
                    messages.SUCCESS,
                )
                return self._back(meeting)
        active = Registration.objects.filter(occasion_id=meeting.pk).active().count()
        return self._render(
            request,
            "cancel.html",
            self._context(request, meeting, _("Aflys mødet"), form=form, active=active),
        )

    def copy_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        meeting = self._meeting(request, object_id)
        form = CopyForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                copy = services.copy_meeting(
                    meeting=meeting, starts_at=form.cleaned_data["starts_at"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error.messages if hasattr(error, "error_dict") else error)
            else:
                self.message_user(
                    request,
                    _(
                        "Mødet er kopieret til %(date)s. Kopien er ikke offentliggjort: ret den "
                        "til, og sæt flueben i »offentliggjort«, når den er klar."
                    )
                    % {"date": danish_date(copy.occasion.starts_at)},
                    messages.SUCCESS,
                )
                return redirect("admin:network_meeting_change", copy.pk)
        return self._render(
            request,
            "copy.html",
            self._context(request, meeting, _("Kopiér til ny dato"), form=form),
        )

    def promote_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Offer the free seats to the waiting list now, also after the promotion has stopped."""
        meeting = self._meeting(request, object_id)
        if request.method == "POST":
            promoted = registrations.promote(occasion=meeting.occasion, by=request.user, force=True)
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
            return self._back(meeting)
        occasion = meeting.occasion
        waiting = list(
            Registration.objects.filter(occasion_id=meeting.pk).in_line().select_related("company")
        )
        return self._render(
            request,
            "promote.html",
            self._context(
                request,
                meeting,
                _("Ryk op fra ventelisten"),
                waiting=waiting,
                seats_left=occasion.seats_left_of(meeting.seats_taken),
                started=occasion.starts_at <= timezone.now(),
            ),
        )

    def participants_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        meeting = self._meeting(request, object_id, change=False)
        return participants_page(
            request,
            occasion=meeting.occasion,
            listed_only=False,
            context=self._context(request, meeting, ""),
        )

    def shared_participants_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        meeting = self._meeting(request, object_id, change=False)
        return participants_page(
            request,
            occasion=meeting.occasion,
            listed_only=True,
            context=self._context(request, meeting, ""),
        )
