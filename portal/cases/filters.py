from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.cases.models import Case


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
    """Open cases past their answer deadline."""

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
