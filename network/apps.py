from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Efterværn, netværk og sparring")
    # portal/urls.py includes network.urls here; the main navigation links to navigation_url.
    url_prefix = "netvaerk/"
    navigation_url = "network:overview"
    navigation_label = _("Netværk")
