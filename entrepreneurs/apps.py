from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntrepreneursConfig(AppConfig):
    name = "entrepreneurs"
    verbose_name = _("Støtte til iværksættere")
    # portal/urls.py includes entrepreneurs.urls here; the main navigation links to navigation_url.
    url_prefix = "ivaerksaettere/"
    navigation_url = "entrepreneurs:overview"
    navigation_label = _("Iværksættere")
