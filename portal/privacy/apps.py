from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "portal.privacy"
    label = "privacy"
    verbose_name = _("Privatliv")

    def ready(self) -> None:
        from portal.privacy import extensions
        from portal.privacy.policy import retention_rules

        # A misconfigured PRIVACY_RETENTION fails at start-up, not in the first nightly run.
        retention_rules()
        extensions.register()
