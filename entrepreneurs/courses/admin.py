"""Courses in the admin: the path page's steps, courses with their sessions listed, and each
session with its occasion in one form. A session's enrolments, participant lists, attendance
and moves (message, cancel, copy, promote) are every occasion's, from
portal.registrations.admin_occasion."""

from django.contrib import admin
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from entrepreneurs.courses import services
from entrepreneurs.courses.admin_forms import CourseSessionAdminForm
from entrepreneurs.courses.workbench import SEATS_CHOICES, seat_conditions
from entrepreneurs.models import Course, CourseEnrolment, CourseSession, PathStep
from portal.admin_display import danish_date
from portal.exports import Column
from portal.history import PortalHistoryAdmin
from portal.money import format_kroner
from portal.registrations import admin_occasion as occasion_admin
from portal.registrations.admin_occasion import OccasionAdminMixin
from portal.registrations.admin_seats import with_seat_counts


def _enrolment(registration):
    try:
        return registration.course_enrolment
    except CourseEnrolment.DoesNotExist:
        return None


# A session's participants list as CSV or Excel: the seat's facts and the course's answers.
ENROLMENT_EXPORT_COLUMNS = [
    Column(_("Hold"), lambda registration: registration.occasion.title),
    Column(_("Starter"), lambda registration: registration.occasion.starts_at),
    Column(_("Navn"), lambda registration: registration.name),
    Column(_("E-mail"), lambda registration: registration.email),
    Column(_("Telefon"), lambda registration: registration.phone),
    Column(_("Status"), lambda registration: registration.get_status_display()),
    Column(
        _("Har CVR-nummer"),
        lambda registration: bool(_enrolment(registration) and _enrolment(registration).has_cvr),
    ),
    Column(
        _("Idé"),
        lambda registration: _enrolment(registration).idea if _enrolment(registration) else "",
    ),
    Column(_("Særlige behov"), lambda registration: registration.needs),
    Column(_("Tilmeldt"), lambda registration: registration.created_at),
]


@admin.register(PathStep)
class PathStepAdmin(PortalHistoryAdmin):
    list_display = ["position", "title", "link", "published"]
    list_display_links = ["title"]
    list_editable = ["position"]
    list_filter = ["published"]
    search_fields = ["title", "text"]
    fields = ["position", "title", "text", "link_text", "link", "published"]


@admin.register(Course)
class CourseAdmin(PortalHistoryAdmin):
    list_display = ["title", "price_display", "coming_display", "published"]
    list_filter = ["published"]
    search_fields = ["title", "summary", "description"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["sessions_display"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "published"]}),
        (_("Indhold"), {"fields": ["audience", "outcomes", "teacher", "price"]}),
        (_("Hold"), {"fields": ["sessions_display"]}),
    ]

    def get_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .annotate(
                coming_sessions=Count(
                    "sessions", filter=Q(sessions__occasion__ends_at__gte=timezone.now())
                )
            )
        )

    @admin.display(description=_("pris"), ordering="price")
    def price_display(self, course: Course) -> str:
        return _("Gratis") if course.is_free else format_kroner(course.price)

    @admin.display(description=_("kommende hold"), ordering="coming_sessions")
    def coming_display(self, course: Course) -> int:
        return course.coming_sessions

    @admin.display(description=_("holdene"))
    def sessions_display(self, course: Course) -> str:
        if not course.pk:
            return _("Gem kurset først; derefter kan du oprette hold.")
        sessions = with_seat_counts(
            CourseSession.objects.filter(course=course).select_related("occasion")
        ).order_by("-occasion__starts_at")
        add = format_html(
            '<a class="addlink" href="{}?course={}">{}</a>',
            reverse("admin:entrepreneurs_coursesession_add"),
            course.pk,
            _("Opret et hold"),
        )
        if not sessions:
            return format_html("<p>{}</p>{}", _("Kurset har ingen hold endnu."), add)
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a>, {} ({})</li>',
            (
                (
                    reverse("admin:entrepreneurs_coursesession_change", args=[session.pk]),
                    session.occasion.title,
                    danish_date(session.occasion.starts_at),
                    _("%(taken)s af %(capacity)s pladser taget")
                    % {"taken": session.seats_taken, "capacity": session.occasion.capacity},
                )
                for session in sessions
            ),
        )
        return format_html("<ul>{}</ul>{}", rows, add)


class SeatsFilter(occasion_admin.SeatsFilter):
    """The admin home's tiles link here (entrepreneurs.courses.workbench)."""

    seat_choices = SEATS_CHOICES
    conditions = staticmethod(seat_conditions)


@admin.register(CourseSession)
class CourseSessionAdmin(OccasionAdminMixin, PortalHistoryAdmin):
    form = CourseSessionAdminForm
    occasion_noun = _("holdet")
    participant_export_columns = ENROLMENT_EXPORT_COLUMNS
    change_form_template = "admin/entrepreneurs/coursesession/change_form.html"
    list_display = [
        "title_display",
        "course",
        "starts_display",
        "seats_display",
        "waiting_display",
        "published_display",
        "cancelled_display",
    ]
    list_filter = [occasion_admin.WhenFilter, SeatsFilter, "course", "occasion__published"]
    search_fields = ["occasion__title", "course__title"]
    ordering = ["-occasion__starts_at", "pk"]
    fieldsets = [
        (None, {"fields": ["course", "title", "schedule"]}),
        (_("Tid og sted"), {"fields": ["starts_at", "ends_at", "address", "online_url"]}),
        (_("Tilmelding"), {"fields": ["registration_deadline", "capacity", "published"]}),
    ]

    def get_queryset(self, request: HttpRequest):
        return with_seat_counts(super().get_queryset(request).select_related("occasion", "course"))

    def copy_object(self, obj: CourseSession, *, starts_at, by) -> CourseSession:
        return services.copy_session(session=obj, starts_at=starts_at, by=by)

    def registration_rows(self, obj: CourseSession):
        return super().registration_rows(obj).select_related("course_enrolment")
