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
    """Open (not closed) cases, which is what the inbox shows unless asked for all or closed.

    A search looks through every case: a caseworker who types a reference or a name is looking
    for that case, open or not.
    """

    title = _("Åben eller afsluttet")
    parameter_name = "aaben"
    ALL = "alle"

    def __init__(self, request, params, model, model_admin):
        self.searching = bool(request.GET.get("q", "").strip())
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [("ja", _("Åbne sager")), (self.ALL, _("Alle")), ("nej", _("Afsluttede sager"))]

    def _shown(self) -> str:
        if self.value():
            return self.value()
        return self.ALL if self.searching else "ja"

    def choices(self, changelist):
        shown = self._shown()
        for value, label in self.lookup_choices:
            yield {
                "selected": shown == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        shown = self._shown()
        if shown == "ja":
            return queryset.open()
        if shown == "nej":
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
