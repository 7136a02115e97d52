from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "portal.registrations"
    label = "registrations"
    verbose_name = _("Tilmeldinger")

    def ready(self) -> None:
        from portal.registrations import extensions

        extensions.register()
