from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.pages.models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row: the list goes straight to it, and it can be neither added twice nor deleted."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (_("Kommunen"), {"fields": ["municipality_name", "department", "logo", "website"]}),
        (_("Kontakt"), {"fields": ["address", "postcode", "city", "phone", "email"]}),
        (
            _("E-mails"),
            {
                "fields": ["sender_name", "sender_email", "reply_to_email"],
                "description": _(
                    "Afsender og svaradresse på alle e-mails fra portalen. Ændringer gælder "
                    "for e-mails, der sendes herefter."
                ),
            },
        ),
        (
            _("Privatliv og tilgængelighed"),
            {"fields": ["dpo_email", "accessibility_statement_url"]},
        ),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        # Only for those who may see the row: others get 403 here, not a redirect to one.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        site = SiteSettings.load()
        return HttpResponseRedirect(reverse("admin:pages_sitesettings_change", args=[site.pk]))
