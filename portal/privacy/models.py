from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacyLogEntry(models.Model):
    """One retention run, dry run, data-subject report, list export or opened private file: who,
    when, on what, with what result.

    For a data-subject report `parameters` holds the e-mail address or CVR number searched for,
    which is itself personal data. It is kept on purpose: the municipality must be able to show
    whom it answered and when (GDPR art. 5(2), accountability, and art. 12 on answering
    requests). The log is therefore itself subject to retention (the "privacy_log" rule in
    portal/privacy/policy.py) and is read-only in admin.
    """

    class Kind(models.TextChoices):
        DRY_RUN = "dry_run", _("Prøvekørsel")
        RETENTION_RUN = "retention_run", _("Anonymisering")
        SUBJECT_REPORT = "subject_report", _("Indsigtsrapport")
        EXPORT = "export", _("Eksport af liste")
        FILE_ACCESS = "file_access", _("Fil åbnet")

    kind = models.CharField(_("type"), max_length=20, choices=Kind)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("udført af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Tomt, når den natlige kørsel har udført det."),
    )
    created_at = models.DateTimeField(_("tidspunkt"), default=timezone.now, editable=False)
    parameters = models.JSONField(_("parametre"), default=dict, encoder=DjangoJSONEncoder)
    counts = models.JSONField(_("antal"), default=dict)
    total = models.PositiveIntegerField(_("i alt"), default=0)

    class Meta:
        verbose_name = _("privatlivslog")
        verbose_name_plural = _("privatlivslog")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at"], name="privacy_log_created_idx")]
        permissions = [
            ("view_privacy_report", _("Kan se privatlivsrapporter")),
            ("run_retention", _("Kan køre anonymisering")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.created_at):%d-%m-%Y %H:%M}"
