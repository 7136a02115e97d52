"""Network meetings in the admin: the meeting and its occasion in one form. Its registrations
on its page and the caseworker's moves (attendance, a message to all, cancel, copy, promote)
are every occasion's, from portal.registrations.admin_occasion.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

# FollowUpAdmin (aftercare) registers itself when its module is imported.
from network import services
from network.admin_followups import StaffField
from network.forms import MeetingAdminForm
from network.models import Meeting
from network.workbench import SEATS_CHOICES, seat_conditions
from portal.history import PortalHistoryAdmin
from portal.registrations import admin_occasion as occasion_admin
from portal.registrations.admin_occasion import OccasionAdminMixin
from portal.registrations.admin_seats import with_seat_counts


class CancelledFilter(admin.SimpleListFilter):
    title = _("Aflyst")
    parameter_name = "aflyst"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nej", _("Nej"))]

    def queryset(self, request, queryset):
        if self.value() in ("ja", "nej"):
            return queryset.filter(occasion__cancelled_at__isnull=self.value() == "nej")
        return queryset


class SeatsFilter(occasion_admin.SeatsFilter):
    """The admin home's tiles link here (network.workbench)."""

    seat_choices = SEATS_CHOICES
    conditions = staticmethod(seat_conditions)


@admin.register(Meeting)
class MeetingAdmin(OccasionAdminMixin, PortalHistoryAdmin):
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
    list_filter = [
        occasion_admin.WhenFilter,
        SeatsFilter,
        "occasion__published",
        CancelledFilter,
        "audience",
    ]
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
