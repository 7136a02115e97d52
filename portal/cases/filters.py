from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.cases.models import Case


class MineFilter(admin.SimpleListFilter):
    """The signed-in caseworker's own cases: the first thing they look for in the inbox."""

    title = _("Mine sager")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("ja", _("Mine sager"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(assignee=request.user)
        return queryset


class OpenFilter(admin.SimpleListFilter):
    """Open (not closed) cases: what "my cases" means on the admin home."""

    title = _("Åben eller afsluttet")
    parameter_name = "aaben"

    def lookups(self, request, model_admin):
        return [("ja", _("Åbne sager")), ("nej", _("Afsluttede sager"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.open()
        if self.value() == "nej":
            return queryset.filter(status=Case.Status.CLOSED)
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    """Cases where the municipality owes the next move and its deadline has passed: no first
    answer by the deadline, or (once answered) the next step's deadline (Case.overdue_condition).
    """

    title = _("Overskredet frist")
    parameter_name = "overskredet"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nej", _("Nej"))]

    def queryset(self, request, queryset):
        condition = Case.overdue_condition(timezone.localdate())
        if self.value() == "ja":
            return queryset.filter(condition)
        if self.value() == "nej":
            return queryset.exclude(condition)
        return queryset


class NewReplyFilter(admin.SimpleListFilter):
    """Cases the enquirer has answered since a caseworker last worked on them."""

    title = _("Nyt svar fra henvender")
    parameter_name = "nyt_svar"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(enquirer_replied_at__isnull=False)
        return queryset


class AssigneeFilter(admin.RelatedFieldListFilter):
    """By caseworker, named as colleagues know them ("Sara Sagsbehandler", not "sara").

    The same parameters as the plain filter (assignee__id__exact, assignee__isnull), so links
    from the admin home keep working.
    """

    def field_choices(self, field, request, model_admin):
        users = (
            get_user_model()
            .objects.filter(is_staff=True)
            .only("pk", "first_name", "last_name", "username")
            .order_by("first_name", "last_name", "username")
        )
        return [(user.pk, user.get_full_name() or user.get_username()) for user in users]
