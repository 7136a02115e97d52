"""The public directory of social-economy enterprises: only those that asked and consented."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def new_token() -> str:
    return secrets.token_urlsafe(32)


class DirectoryEntryQuerySet(models.QuerySet):
    def public(self):
        """Approved, and the company's consent (the registry's one flag) still stands."""
        return self.filter(status=DirectoryEntry.Status.LISTED, company__listing_consent=True)

    def waiting_for_review(self):
        return self.filter(status=DirectoryEntry.Status.REQUESTED)


class DirectoryEntry(models.Model):
    """What an enterprise shows about itself in /virksomheder/, and the state of its request.

    The consent itself is the registry's `Company.listing_consent`: approving sets it, the
    company's removal link (or the caseworker) clears it, and every public page reads it.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Afventer godkendelse")
        LISTED = "listed", _("Vises i oversigten")
        REJECTED = "rejected", _("Afvist")
        REMOVED = "removed", _("Fjernet")

    class Trade(models.TextChoices):
        FOOD = "food", _("Mad, café og catering")
        CLEANING = "cleaning", _("Rengøring og vask")
        GARDENING = "gardening", _("Have, park og grønne områder")
        CRAFTS = "crafts", _("Håndværk, reparation og cykler")
        RETAIL = "retail", _("Genbrug og butik")
        OFFICE = "office", _("Kontor, pakning og service")
        CARE = "care", _("Omsorg, sundhed og trivsel")
        CULTURE = "culture", _("Kultur, læring og oplevelser")

    company = models.OneToOneField(
        "registry.Company",
        verbose_name=_("virksomhed"),
        on_delete=models.CASCADE,
        related_name="directory_entry",
    )
    slug = models.SlugField(_("kort navn i adressen"), max_length=100, unique=True)
    description = models.TextField(_("det laver vi"))
    sells = models.TextField(
        _("det sælger vi"), help_text=_("Ydelser og produkter, som andre kan købe.")
    )
    trade = models.CharField(_("branche"), max_length=20, choices=Trade)
    social_purpose = models.TextField(_("vores sociale formål"))
    website = models.URLField(_("hjemmeside"), blank=True)
    contact = models.ForeignKey(
        "registry.Contact",
        verbose_name=_("kontaktperson"),
        on_delete=models.PROTECT,
        related_name="directory_entries",
    )

    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.REQUESTED)
    rejection_reason = models.TextField(_("begrundelse for afvisning"), blank=True)
    consent_at = models.DateTimeField(_("samtykke givet"))
    requested_at = models.DateTimeField(_("anmodet"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandlet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    listed_at = models.DateTimeField(_("vist fra"), null=True, blank=True)
    removed_at = models.DateTimeField(_("fjernet"), null=True, blank=True)

    # The company's private link to be removed at once: /virksomheder/fjern/<token>/.
    removal_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["removal_token", "submission_key"])
    objects = DirectoryEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("virksomhed i oversigten")
        verbose_name_plural = _("virksomhedsoversigten")
        ordering = ["company__name", "pk"]
        indexes = [models.Index(fields=["status", "trade"], name="partnerships_directory_idx")]

    def __str__(self) -> str:
        return self.company.name

    def get_absolute_url(self) -> str:
        return reverse("directory:entry-detail", args=[self.slug])

    def get_admin_url(self) -> str:
        return reverse("admin:partnerships_directoryentry_change", args=[self.pk])
