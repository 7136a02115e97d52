from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Råd og vejledning")
    # portal/urls.py includes guidance.urls here; the main navigation links to navigation_url.
    url_prefix = ""
    navigation_url = "guidance:overview"
    navigation_label = _("Råd og vejledning")

    def ready(self) -> None:
        from guidance import extensions

        extensions.register()
