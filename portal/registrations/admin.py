"""Registrations in the admin, for every kind of occasion (network meetings, courses …).

Registrations are made by the public form (services.register()), never by hand, and never
deleted (cancelling frees the seats and promotes the waiting list; retention anonymises). The
caseworker may correct the needs and the consent to the participants list; every state change
is a service call.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin_display import danish_date
from portal.exports import Column, ExportMixin
from portal.history import PortalHistoryAdmin
from portal.registrations import services
from portal.registrations.kinds import admin_url, occasion_kinds
from portal.registrations.models import Registration


def _company(registration: Registration) -> str:
    return registration.company.name if registration.company else registration.company_name


REGISTRATION_EXPORT_COLUMNS = [
    Column(_("Arrangement"), lambda registration: registration.occasion.title),
    Column(_("Starter"), lambda registration: registration.occasion.starts_at),
    Column(_("Navn"), lambda registration: registration.name),
    Column(_("E-mail"), lambda registration: registration.email),
    Column(_("Telefon"), lambda registration: registration.phone),
    Column(_("Virksomhed"), _company),
    Column(
        _("CVR-nummer"),
        lambda registration: registration.company.cvr if registration.company else "",
    ),
    Column(_("Antal deltagere"), lambda registration: registration.seats),
    Column(_("Status"), lambda registration: registration.get_status_display()),
    Column(_("Særlige behov"), lambda registration: registration.needs),
    Column(_("Må stå på deltagerlisten"), lambda registration: registration.listed),
    Column(_("Tilmeldt"), lambda registration: registration.created_at),
]


class OccasionKindFilter(admin.SimpleListFilter):
    title = _("type")
    parameter_name = "type"

    def lookups(self, request, model_admin):
        return [(kind.name, str(kind.label).capitalize()) for kind in occasion_kinds.entries()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(occasion__kind=self.value())
        return queryset


@admin.register(Registration)
class RegistrationAdmin(ExportMixin, PortalHistoryAdmin):
    list_display = [
        "name",
        "company_display",
        "occasion_link",
        "starts_display",
        "seats",
        "status",
        "listed",
        "created_display",
    ]
    list_filter = ["status", OccasionKindFilter, "occasion", "listed"]
    search_fields = ["name", "email", "company_name", "company__name", "company__cvr"]
    list_select_related = ["occasion", "company"]
    ordering = ["-occasion__starts_at", "name", "pk"]
    show_full_result_count = False
    export_columns = REGISTRATION_EXPORT_COLUMNS
    export_name = "tilmeldinger"
    actions = ["mark_attended", "mark_no_show", "cancel"]
    fields = [
        "occasion_link",
        "status",
        "place_in_line_display",
        "name",
        "email",
        "phone",
        "company",
        "company_name",
        "seats",
        "needs",
        "listed",
        "language",
        "created_at",
        "confirmed_at",
        "promoted_at",
        "cancelled_at",
        "cancelled_by",
        "reminded_at",
        "anonymised_at",
    ]
    # Personal data is the registrant's own (they change it by registering again); the
    # caseworker corrects only what the meeting needs to know.
    readonly_fields = [name for name in fields if name not in ("needs", "listed")]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Registration]:
        return super().get_queryset(request).select_related("occasion", "company")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("virksomhed"), ordering="company_name")
    def company_display(self, registration: Registration) -> str:
        return _company(registration) or "–"

    @admin.display(description=_("arrangement"), ordering="occasion__title")
    def occasion_link(self, registration: Registration) -> str:
        try:
            url = admin_url(registration.occasion)
        except LookupError:
            return registration.occasion.title
        return format_html('<a href="{}">{}</a>', url, registration.occasion.title)

    @admin.display(description=_("starter"), ordering="occasion__starts_at")
    def starts_display(self, registration: Registration) -> str:
        return danish_date(registration.occasion.starts_at)

    @admin.display(description=_("tilmeldt"), ordering="created_at")
    def created_display(self, registration: Registration) -> str:
        return danish_date(registration.created_at)

    @admin.display(description=_("plads på ventelisten"))
    def place_in_line_display(self, registration: Registration) -> str:
        place = registration.place_in_line()
        return str(place) if place else "–"

    # --- actions -------------------------------------------------------------------------

    def _mark(self, request: HttpRequest, queryset: QuerySet, *, attended: bool) -> None:
        try:
            marked = services.mark_attendance(
                registrations=list(queryset), attended=attended, by=request.user
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        skipped = len(queryset) - marked
        text = (
            ngettext(
                "%(count)d tilmelding er markeret som »deltog«.",
                "%(count)d tilmeldinger er markeret som »deltog«.",
                marked,
            )
            if attended
            else ngettext(
                "%(count)d tilmelding er markeret som »udeblev«.",
                "%(count)d tilmeldinger er markeret som »udeblev«.",
                marked,
            )
        ) % {"count": marked}
        if skipped:
            text = "{} {}".format(
                text,
                ngettext(
                    "%(count)d var allerede markeret eller havde ingen plads.",
                    "%(count)d var allerede markeret eller havde ingen plads.",
                    skipped,
                )
                % {"count": skipped},
            )
        self.message_user(request, text, messages.SUCCESS if marked else messages.WARNING)

    @admin.action(description=_("Markér som deltog"), permissions=["change"])
    def mark_attended(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        self._mark(request, queryset, attended=True)

    @admin.action(description=_("Markér som udeblev"), permissions=["change"])
    def mark_no_show(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        self._mark(request, queryset, attended=False)

    @admin.action(description=_("Afmeld (deltageren får besked)"), permissions=["change"])
    def cancel(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        cancelled = 0
        for registration in queryset.select_related("occasion"):
            if registration.status == Registration.Status.CANCELLED:
                continue
            try:
                services.cancel_registration(registration=registration, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{registration.name}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                cancelled += 1
        if cancelled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d tilmelding er afmeldt, og deltageren har fået besked.",
                    "%(count)d tilmeldinger er afmeldt, og deltagerne har fået besked.",
                    cancelled,
                )
                % {"count": cancelled},
                messages.SUCCESS,
            )
