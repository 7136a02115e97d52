from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail waiting to be sent, written in the same transaction as what caused it.

    The worker (`manage.py run_worker`) sends it, retries with back-off and, after
    NOTIFICATIONS_MAX_ATTEMPTS, gives up and marks it failed for staff to see.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        SENDING = "sending", _("Sendes")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Fejlet")

    to = models.EmailField(_("modtager"))
    # Sender and Reply-To as the site settings gave them when the message was queued; empty
    # sender: settings.DEFAULT_FROM_EMAIL.
    from_email = models.CharField(_("fra"), max_length=255, blank=True)
    reply_to = models.EmailField(_("svaradresse"), blank=True)
    subject = models.CharField(_("emne"), max_length=255)
    body = models.TextField(_("tekst"))
    html_body = models.TextField(_("HTML-tekst"), blank=True)
    # Files sent with the e-mail: a list of {"filename", "mimetype", "content"} with the
    # content as text (a calendar invitation), or with "stored_file", a name in the default
    # storage read when sending (a decision letter's PDF). Written with the message, so a
    # resend after a failure sends the same file.
    attachments = models.JSONField(_("vedhæftede filer"), default=list, blank=True)
    # What the message is about (a case, a registration …), so that its page can show whether
    # its e-mails arrived: see selectors.messages_about(). The outbox knows no model of its own
    # callers: a model whose page lists its e-mails gives itself a GenericRelation to
    # OutboxMessage (Case.messages), which also lets a query join from the message to it.
    about_type = models.ForeignKey(
        ContentType,
        verbose_name=_("om (type)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    about_id = models.PositiveBigIntegerField(_("om (id)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.QUEUED, editable=False
    )
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0, editable=False)
    next_attempt_at = models.DateTimeField(_("næste forsøg"), default=timezone.now)
    claimed_at = models.DateTimeField(_("taget af afsender"), null=True, blank=True)
    # Which worker's pass holds the claim: only that pass may record the outcome.
    claimed_by = models.CharField(_("afsender"), max_length=100, blank=True, editable=False)
    last_error = models.TextField(_("seneste fejl"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("udgående e-mail")
        verbose_name_plural = _("udgående e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notif_outbox_due_idx"),
            models.Index(fields=["about_type", "about_id"], name="notif_outbox_about_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    @property
    def delivery_status(self) -> str:
        """What staff see: "Sendt", "I kø", or "Fejlet — 8 forsøg: <the error>"."""
        if self.status == self.Status.FAILED:
            return _("Fejlet — %(attempts)d forsøg: %(error)s") % {
                "attempts": self.attempts,
                "error": self.last_error,
            }
        if self.status == self.Status.QUEUED and self.attempts:
            return _("I kø — %(attempts)d mislykkede forsøg: %(error)s") % {
                "attempts": self.attempts,
                "error": self.last_error,
            }
        return self.get_status_display()


class ScheduledJob(models.Model):
    """When a timed job last ran; the row lock lets only one of several workers run it."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("senest startet"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("senest afsluttet"), null=True, blank=True)
    last_error = models.TextField(_("seneste fejl"), blank=True)

    class Meta:
        verbose_name = _("baggrundsjob")
        verbose_name_plural = _("baggrundsjob")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
