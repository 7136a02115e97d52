"""Network meetings in the admin: the meeting and its occasion in one form. Its registrations
on its page and the caseworker's moves (attendance, a message to all, cancel, copy, promote)
are every occasion's, from portal.registrations.admin_occasion.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

# FollowUpAdmin (aftercare) registers itself when its module is imported.
from network import services
from network.admin_followups import StaffField
from network.forms import MeetingAdminForm
from network.models import Meeting
from network.workbench import (
    SEATS_CHOICES,
    SEATS_PARAMETER,
    seat_conditions,
    with_seat_counts,
)
from portal.admin_display import danish_date
from portal.registrations.admin_occasion import OccasionAdminMixin


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
class MeetingAdmin(OccasionAdminMixin, SimpleHistoryAdmin):
    form = MeetingAdminForm
    occasion_noun = _("mødet")
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

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        return {"contact_person": request.user.pk, **super().get_changeform_initial_data(request)}

    def copy_object(self, obj: Meeting, *, starts_at, by) -> Meeting:
        return services.copy_meeting(meeting=obj, starts_at=starts_at, by=by)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "contact_person":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
            kwargs["form_class"] = StaffField  # by full name, as the public page shows it
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
