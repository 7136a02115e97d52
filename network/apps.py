from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Efterværn, netværk og sparring")
    # portal/urls.py includes network.urls here; the main navigation links to navigation_url.
    url_prefix = "netvaerk/"
    navigation_url = "network:overview"
    navigation_label = _("Netværk")
    # The front page's card for this principle (the about page lists verbose_name).
    principle_heading = _("Netværk og sparring")
    principle_text = _(
        "Mød andre virksomheder til netværksmøder, del viden og få sparring om udvikling, "
        "rekruttering og fastholdelse af medarbejdere."
    )
    principle_action = _("Bliv en del af netværket")

    def ready(self) -> None:
        from network import extensions

        extensions.register()
