from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerskaber")
    # portal/urls.py includes partnerships.urls here; the main navigation links to navigation_url.
    url_prefix = "partnerskaber/"
    navigation_url = "partnerships:overview"
    navigation_label = _("Partnerskaber")
