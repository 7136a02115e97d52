"""The partnership exchange: offers and needs that companies post and a caseworker approves."""

import datetime
import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connections, models, router
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.validators import validate_postcode

# Title weighs more than description, for /soeg/ and for the matching's shared words.
LISTING_SEARCH_VECTOR = SearchVector("title", weight="A", config="danish") + SearchVector(
    "description", weight="B", config="danish"
)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def today() -> datetime.date:
    """Today in the portal's time zone (Europe/Copenhagen): listings run to the end of a day."""
    return timezone.localdate()


class ListingQuerySet(models.QuerySet):
    def public(self, on: datetime.date | None = None):
        """Approved, not withdrawn and not past its last day: what the public may see."""
        return self.filter(status=Listing.Status.PUBLISHED, valid_until__gte=on or today())

    def waiting_for_review(self):
        return self.filter(status=Listing.Status.PENDING)


class Listing(models.Model):
    class Kind(models.TextChoices):
        OFFER = "offer", _("Tilbud")
        NEED = "need", _("Behov")

    class Category(models.TextChoices):
        JOB_TRAINING = "job_training", _("Job- og praktikpladser")
        PRODUCTS = "products", _("Produkter")
        SERVICES = "services", _("Ydelser")
        PREMISES = "premises", _("Lokaler")
        KNOWLEDGE = "knowledge", _("Viden og sparring")
        VOLUNTEERS = "volunteers", _("Frivillige")

    class Status(models.TextChoices):
        PENDING = "pending", _("Afventer godkendelse")
        PUBLISHED = "published", _("Godkendt")
        REJECTED = "rejected", _("Afvist")
        WITHDRAWN = "withdrawn", _("Trukket tilbage")

    kind = models.CharField(_("tilbud eller behov"), max_length=10, choices=Kind)
    category = models.CharField(_("kategori"), max_length=20, choices=Category)
    title = models.CharField(_("overskrift"), max_length=120)
    description = models.TextField(_("beskrivelse"))
    postcode = models.CharField(
        _("postnummer"),
        max_length=4,
        validators=[validate_postcode],
        help_text=_("Hvor tilbuddet eller behovet er. Bruges til at finde partnere i nærheden."),
    )
    valid_until = models.DateField(_("gælder til og med"))

    company = models.ForeignKey(
        "registry.Company",
        verbose_name=_("virksomhed"),
        on_delete=models.PROTECT,
        related_name="exchange_listings",
    )
    contact = models.ForeignKey(
        "registry.Contact",
        verbose_name=_("kontaktperson"),
        on_delete=models.PROTECT,
        related_name="exchange_listings",
    )
    show_company = models.BooleanField(
        _("virksomhedens navn må vises ved opslaget"),
        default=False,
        help_text=_("Ellers vises opslaget uden navn. E-mailadressen vises aldrig."),
    )
    notify_matches = models.BooleanField(
        _("vil have besked om nye opslag, der passer"), default=False
    )
    # The language the poster used on the site: every e-mail to the poster is written in it.
    language = models.CharField(
        _("sprog"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # The last day the poster was reminded about (a worker job claims it with a conditional
    # UPDATE, so two workers remind once); an extended listing is reminded again.
    expiry_reminded_for = models.DateField(
        _("påmindet om udløb den"), null=True, blank=True, editable=False
    )

    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    rejection_reason = models.TextField(_("begrundelse for afvisning"), blank=True)
    reviewed_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandlet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("offentliggjort"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)

    # The poster's private link to edit or withdraw: /partnerskaber/boers/rediger/<token>/.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The posting form's one-time key: the same form posted twice makes one listing.
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    # Stored rather than computed per query, as Article's (see guidance.models): kept by save().
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector", "token", "submission_key"])
    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("opslag")
        verbose_name_plural = _("opslag på partnerskabsbørsen")
        ordering = ["-published_at", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "valid_until"], name="partnerships_listing_pub_idx"),
            models.Index(fields=["kind", "category"], name="partnerships_listing_kind_idx"),
            models.Index(fields=["published_at"], name="partnerships_listing_new_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="partnerships_listing_rejection_has_reason",
                violation_error_message=_("Skriv, hvorfor opslaget afvises."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        if connections[using].vendor == "postgresql":
            type(self).objects.using(using).filter(pk=self.pk).update(
                search_vector=LISTING_SEARCH_VECTOR
            )

    def get_absolute_url(self) -> str:
        return reverse("partnerships:listing-detail", args=[self.pk])

    def get_admin_url(self) -> str:
        return reverse("admin:partnerships_listing_change", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.valid_until >= today()

    @property
    def is_expired(self) -> bool:
        return self.valid_until < today()


def refresh_listing_search_vectors(queryset=None) -> int:
    """Recompute the stored search vectors (after bulk writes); a no-op outside PostgreSQL."""
    queryset = Listing.objects.all() if queryset is None else queryset
    if connections[queryset.db].vendor != "postgresql":
        return 0
    return queryset.update(search_vector=LISTING_SEARCH_VECTOR)


class ListingMessage(models.Model):
    """A message sent to a listing's poster through the contact form (kept for the count of
    contacts made, and for the caseworker to see that the exchange works)."""

    listing = models.ForeignKey(
        Listing, verbose_name=_("opslag"), on_delete=models.CASCADE, related_name="messages"
    )
    sender_name = models.CharField(_("afsenderens navn"), max_length=200)
    sender_email = models.EmailField(_("afsenderens e-mail"))
    sender_phone = models.CharField(_("afsenderens telefon"), max_length=20, blank=True)
    sender_company = models.CharField(_("afsenderens virksomhed"), max_length=200, blank=True)
    message = models.TextField(_("besked"))
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        verbose_name = _("besked til opslag")
        verbose_name_plural = _("beskeder til opslag")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.sender_name} → {self.listing}"


class MatchNotice(models.Model):
    """That `listing`'s poster (who opted in) was told about `new_listing`: at most once."""

    listing = models.ForeignKey(
        Listing, verbose_name=_("opslag"), on_delete=models.CASCADE, related_name="match_notices"
    )
    new_listing = models.ForeignKey(
        Listing, verbose_name=_("nyt opslag"), on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        verbose_name = _("besked om match")
        verbose_name_plural = _("beskeder om match")
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "new_listing"], name="partnerships_match_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.listing} ← {self.new_listing}"
