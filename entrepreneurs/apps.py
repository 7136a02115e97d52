from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntrepreneursConfig(AppConfig):
    name = "entrepreneurs"
    verbose_name = _("Støtte til iværksættere")
    # portal/urls.py includes entrepreneurs.urls here; the main navigation links to navigation_url.
    url_prefix = "ivaerksaettere/"
    navigation_url = "entrepreneurs:overview"
    navigation_label = _("Iværksættere")
    # The front page's card for this principle (the about page lists verbose_name).
    principle_heading = _("Støtte til iværksættere")
    principle_text = _(
        "Vil du starte en socialøkonomisk virksomhed? Du kan få vejledning, deltage i "
        "iværksætterkurser og søge økonomisk støtte til at komme i gang."
    )
    principle_action = _("Start din virksomhed")

    def ready(self) -> None:
        from entrepreneurs import extensions

        extensions.register()
