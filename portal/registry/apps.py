from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from portal.registry.collation import COLLATION, compare


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    # PostgreSQL has the collation from the registry's first migration (ICU); SQLite only knows
    # collations registered on the connection, so every new connection gets it.
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)


class RegistryConfig(AppConfig):
    name = "portal.registry"
    label = "registry"
    verbose_name = _("Virksomhedsregister")

    def ready(self) -> None:
        from portal.registry import extensions

        connection_created.connect(register_sqlite_collation, dispatch_uid="registry-collation")
        extensions.register()
