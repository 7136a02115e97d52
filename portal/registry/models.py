from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Collate, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.registry.collation import COLLATION
from portal.validators import (
    normalise_cvr,
    normalise_danish_phone,
    validate_cvr,
    validate_danish_phone,
    validate_postcode,
)


def _normalised(value: str, normalise) -> str:
    """The normalised value, or the value as typed when it is invalid (its validator says why)."""
    if not value:
        return value
    try:
        return normalise(value)
    except ValidationError:
        return value.strip()


class CompanyQuerySet(models.QuerySet):
    def listed(self):
        """Companies that have agreed to be shown in the public directory."""
        return self.filter(listing_consent=True)

    def social_economy(self):
        """Social-economy enterprises: classed so by the municipality, or registered (RSV)."""
        return self.filter(Q(kind=Company.Kind.SOCIAL_ECONOMY) | Q(rsv_registered=True))

    def danish_order(self):
        return self.order_by(Collate("name", COLLATION), "pk")


class Company(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinær virksomhed")
        SOCIAL_ECONOMY = "social_economy", _("Socialøkonomisk virksomhed")
        STARTUP_IDEA = "startup_idea", _("Iværksætteridé")

    class Arrival(models.TextChoices):
        ESTABLISHED = "established", _("Startet i kommunen")
        ATTRACTED = "attracted", _("Flyttet til kommunen")

    class Assessment(models.TextChoices):
        YES = "yes", _("Ja")
        NO = "no", _("Nej")
        UNKNOWN = "unknown", _("Ukendt")

    cvr = models.CharField(
        _("CVR-nummer"),
        max_length=8,
        blank=True,
        validators=[validate_cvr],
        help_text=_("8 cifre. Tomt, hvis det er en iværksætteridé uden CVR-nummer endnu."),
    )
    name = models.CharField(_("navn"), max_length=200)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postnummer"), max_length=4, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("by"), max_length=100, blank=True)
    website = models.URLField(_("hjemmeside"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("telefon"), max_length=20, blank=True, validators=[validate_danish_phone]
    )
    industry = models.CharField(
        _("branche"), max_length=150, blank=True, help_text=_("Fx café, cykelværksted, rengøring.")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.ORDINARY)

    purpose_social = models.BooleanField(_("socialt formål"), default=False)
    purpose_health = models.BooleanField(_("sundhedsmæssigt formål"), default=False)
    purpose_environment = models.BooleanField(_("miljømæssigt formål"), default=False)

    # The municipality's own assessment against the five characteristics in the strategy's
    # definition. Kept apart from the legal fact of RSV registration below.
    has_social_purpose = models.CharField(
        _("har et socialt, sundheds- eller miljømæssigt formål"),
        max_length=10,
        choices=Assessment,
        default=Assessment.UNKNOWN,
    )
    sells_goods_or_services = models.CharField(
        _("sælger ydelser og/eller produkter"),
        max_length=10,
        choices=Assessment,
        default=Assessment.UNKNOWN,
    )
    reinvests_surplus = models.CharField(
        _("geninvesterer et eventuelt overskud i virksomheden og formålet"),
        max_length=10,
        choices=Assessment,
        default=Assessment.UNKNOWN,
    )
    independent_of_public_sector = models.CharField(
        _("er organisatorisk uafhængig af den offentlige sektor"),
        max_length=10,
        choices=Assessment,
        default=Assessment.UNKNOWN,
    )
    has_cvr_number = models.CharField(
        _("har et CVR-nummer"),
        max_length=10,
        choices=Assessment,
        default=Assessment.UNKNOWN,
    )

    rsv_registered = models.BooleanField(
        _("registreret socialøkonomisk virksomhed (RSV)"),
        default=False,
        help_text=_(
            "Registreret hos Erhvervsstyrelsen efter lov om registrerede "
            "socialøkonomiske virksomheder."
        ),
    )
    rsv_registered_on = models.DateField(_("registreret som RSV den"), null=True, blank=True)

    listing_consent = models.BooleanField(
        _("må vises i den offentlige virksomhedsoversigt"), default=False
    )
    listing_consent_at = models.DateTimeField(
        _("samtykke til visning givet"), null=True, blank=True, editable=False
    )

    # Success criterion 3 of the strategy: new social-economy enterprises established in the
    # municipality or attracted to it, set by the caseworker. The case that led to it is marked
    # on the case (Case.led_to_arrival): registry knows nothing of cases.
    arrival = models.CharField(
        _("ny i kommunen"),
        max_length=20,
        choices=Arrival,
        blank=True,
        help_text=_("Om virksomheden er startet her eller flyttet hertil."),
    )
    arrived_on = models.DateField(
        _("startet eller flyttet hertil den"),
        null=True,
        blank=True,
        help_text=_("Fx datoen for registreringen i CVR eller for flytningen."),
    )
    # A company drafted from what someone typed in a public form (company_for_cvr_or_draft):
    # its kind is the visitor's claim until a caseworker has looked, so the dashboard does not
    # count it as a social-economy enterprise yet. Cleared when staff save the company.
    needs_review = models.BooleanField(
        _("skal gennemses"),
        default=False,
        editable=False,
        help_text=_("Oprettet fra en offentlig formular og endnu ikke gennemset af kommunen."),
    )

    description = models.TextField(_("beskrivelse"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    history = HistoricalRecords()

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("virksomhed")
        verbose_name_plural = _("virksomheder")
        ordering = [Collate("name", COLLATION)]
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"],
                condition=~Q(cvr=""),
                name="registry_company_unique_cvr",
                violation_error_code="unique",
                violation_error_message=_(
                    "Der findes allerede en virksomhed med dette CVR-nummer."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["kind"], name="registry_company_kind_idx"),
            models.Index(fields=["rsv_registered"], name="registry_company_rsv_idx"),
            models.Index(fields=["listing_consent"], name="registry_company_listed_idx"),
        ]

    def __str__(self) -> str:
        # A draft is named "Ukendt virksomhed (CVR …)" (company_for_cvr_or_draft): say the
        # number once.
        if self.cvr and self.cvr not in self.name:
            return f"{self.name} (CVR {self.cvr})"
        return self.name

    def save(self, *args, **kwargs) -> None:
        # The moment of consent is part of the consent (GDPR): record it, and forget it when
        # consent is withdrawn.
        consent_at = self.listing_consent_at
        if self.listing_consent and consent_at is None:
            self.listing_consent_at = timezone.now()
        elif not self.listing_consent:
            self.listing_consent_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.listing_consent_at != consent_at:
            kwargs["update_fields"] = {*update_fields, "listing_consent_at"}
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Normalise before the field checks, so "DK 12 34 56 78" meets the 8-character limit.
        exclude = exclude or set()
        if "cvr" not in exclude:
            self.cvr = _normalised(self.cvr, normalise_cvr)
        if "phone" not in exclude:
            self.phone = _normalised(self.phone, normalise_danish_phone)
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.SOCIAL_ECONOMY and not self.purposes:
            errors["purpose_social"] = _(
                "En socialøkonomisk virksomhed skal have mindst ét formål: "
                "socialt, sundhedsmæssigt eller miljømæssigt."
            )
        if self.rsv_registered and not self.rsv_registered_on:
            errors["rsv_registered_on"] = _("Skriv datoen for registreringen som RSV.")
        if self.arrival and not self.arrived_on:
            errors["arrived_on"] = _("Skriv datoen, virksomheden startede eller flyttede hertil.")
        if self.arrived_on and not self.arrival:
            errors["arrival"] = _("Vælg, om virksomheden er startet her eller flyttet hertil.")
        if self.arrived_on and self.arrived_on > timezone.localdate():
            errors["arrived_on"] = _("Datoen må ikke ligge i fremtiden.")
        if errors:
            raise ValidationError(errors)

    @property
    def purposes(self) -> list[str]:
        """The labels of the company's purposes, in the strategy's order."""
        return [
            str(label)
            for flag, label in [
                (self.purpose_social, _("Socialt")),
                (self.purpose_health, _("Sundhed")),
                (self.purpose_environment, _("Miljø")),
            ]
            if flag
        ]


class Contact(models.Model):
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(
        _("telefon"), max_length=20, blank=True, validators=[validate_danish_phone]
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("virksomhed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    role = models.CharField(_("stilling"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = [Collate("name", COLLATION)]
        indexes = [
            # Earlier cases from the same address, and a contact found again by its address,
            # are looked up ignoring case (email__iexact is UPPER(email) on PostgreSQL).
            models.Index(Upper("email"), name="registry_contact_email_up_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean_fields(self, exclude=None):
        if "phone" not in (exclude or set()):
            self.phone = _normalised(self.phone, normalise_danish_phone)
        super().clean_fields(exclude=exclude)
