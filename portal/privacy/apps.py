from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "portal.privacy"
    label = "privacy"
    verbose_name = _("Privatliv")

    def ready(self) -> None:
        from portal.notifications.jobs import register_job
        from portal.privacy.policy import retention_rules
        from portal.privacy.services import apply_retention

        # A misconfigured PRIVACY_RETENTION fails at start-up, not in the first nightly run.
        retention_rules()
        register_job("privacy.retention", apply_retention, every=timedelta(days=1))
