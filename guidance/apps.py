from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Råd og vejledning")
    # portal/urls.py includes guidance.urls here; the main navigation links to navigation_url.
    url_prefix = ""
    navigation_url = "guidance:overview"
    navigation_label = _("Råd og vejledning")
    # The front page's card for this principle (the about page lists verbose_name).
    principle_heading = _("Råd og vejledning")
    principle_text = _(
        "Har du en idé, eller vil din virksomhed tage mere socialt ansvar? Vi giver gratis råd "
        "og vejledning, og vi har samlet viden om socialøkonomi ét sted."
    )
    principle_action = _("Få råd og vejledning")

    def ready(self) -> None:
        from guidance import extensions

        extensions.register()
