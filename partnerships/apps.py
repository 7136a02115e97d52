from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerskaber")
    # portal/urls.py includes partnerships.urls here; the main navigation links to navigation_url.
    url_prefix = "partnerskaber/"
    # The directory of social-economy enterprises has its own address (namespace "directory").
    more_urls = [("virksomheder/", "partnerships.directory.urls")]
    navigation_url = "partnerships:overview"
    navigation_label = _("Partnerskaber")
    # The front page's card for this principle (the about page lists verbose_name).
    principle_heading = _("Partnerskaber")
    principle_text = _(
        "Socialt ansvar og god økonomi går fint sammen. Vi hjælper kommunen, socialøkonomiske "
        "og ordinære virksomheder med at finde hinanden om en fælles opgave."
    )
    principle_action = _("Find en partner")

    def ready(self) -> None:
        from partnerships import extensions

        extensions.register()
