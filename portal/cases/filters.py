from django.contrib import admin
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
