"""The partnership register: who works together, on what common purpose, and what came of it."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PartnershipQuerySet(models.QuerySet):
    def shown_publicly(self):
        """Partnerships the caseworker marked as an example, none of whose member companies
        has withdrawn (or never given) consent to be shown."""
        return self.filter(public=True).exclude(
            members__company__isnull=False, members__company__listing_consent=False
        )

    def with_last_activity(self):
        """Each with `last_activity_on`: the date of its latest activity (None: none yet)."""
        return self.annotate(last_activity_on=Max("activities__date"))


class Partnership(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommunen og en socialøkonomisk virksomhed")
        SOCIAL_ECONOMY = "social_economy", _("Flere socialøkonomiske virksomheder")
        ORDINARY = "ordinary", _("En ordinær og en socialøkonomisk virksomhed")

    class Status(models.TextChoices):
        IDEA = "idea", _("Idé")
        DEVELOPMENT = "development", _("Under udvikling")
        AGREED = "agreed", _("Aftalt")
        ACTIVE = "active", _("Aktivt")
        ENDED = "ended", _("Afsluttet")

    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=Kind,
        blank=True,
        help_text=_("Udfyldes ud fra parterne, hvor det kan lade sig gøre. Vælg selv, hvis ikke."),
    )
    purpose = models.TextField(
        _("det fælles tredje"), help_text=_("Den opgave eller det formål, parterne deler.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.IDEA)
    status_changed_at = models.DateTimeField(_("status ændret"), default=timezone.now)
    public = models.BooleanField(
        _("vis som eksempel på partnerskabssiden"),
        default=False,
        help_text=_(
            "Kun hvis alle parterne har sagt ja til at blive vist. En virksomhed, der trækker "
            "sit samtykke tilbage, fjerner eksemplet med det samme."
        ),
    )
    public_summary = models.TextField(
        _("offentlig beskrivelse"),
        blank=True,
        help_text=_("Et par linjer om partnerskabet til den offentlige side."),
    )
    source_case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("oprettet fra sag"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership",
    )
    listings = models.ManyToManyField(
        "partnerships.Listing",
        verbose_name=_("opslag på partnerskabsbørsen"),
        blank=True,
        related_name="partnerships",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[])
    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnerskab")
        verbose_name_plural = _("partnerskaber")
        ordering = ["-created_at", "pk"]
        indexes = [
            models.Index(fields=["status"], name="partnerships_status_idx"),
            models.Index(fields=["kind"], name="partnerships_kind_idx"),
            models.Index(fields=["created_at"], name="partnerships_created_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_admin_url(self) -> str:
        return reverse("admin:partnerships_partnership_change", args=[self.pk])


class PartnershipMember(models.Model):
    """One party to a partnership: a company from the registry, or the municipality itself."""

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partnerskab"), on_delete=models.CASCADE, related_name="members"
    )
    company = models.ForeignKey(
        "registry.Company",
        verbose_name=_("virksomhed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership_memberships",
    )
    is_municipality = models.BooleanField(_("kommunen"), default=False)
    contribution = models.TextField(_("det bidrager parten med"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["-is_municipality", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(company__isnull=False, is_municipality=False))
                | (Q(company__isnull=True, is_municipality=True)),
                name="partnerships_member_company_or_municipality",
                violation_error_message=_("En part er enten en virksomhed eller kommunen."),
            ),
            models.UniqueConstraint(
                fields=["partnership", "company"],
                name="partnerships_member_unique_company",
                violation_error_message=_("Virksomheden er allerede part i partnerskabet."),
            ),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(is_municipality=True),
                name="partnerships_member_unique_municipality",
                violation_error_message=_("Kommunen er allerede part i partnerskabet."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Kommunen")) if self.is_municipality else str(self.company)


class PartnershipStatusChange(models.Model):
    """The date of each change of status (the first row is the status it was created with)."""

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnerskab"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    status = models.CharField(_("status"), max_length=20, choices=Partnership.Status)
    changed_at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ændret af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("statusændring")
        verbose_name_plural = _("statusændringer")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.changed_at:%Y-%m-%d}"


class PartnershipActivity(models.Model):
    """An idea-development meeting or another contact about the partnership."""

    class Kind(models.TextChoices):
        IDEA_MEETING = "idea_meeting", _("Idéudviklingsmøde")
        MEETING = "meeting", _("Møde")
        VISIT = "visit", _("Besøg")
        PHONE = "phone", _("Telefonsamtale")
        EMAIL = "email", _("E-mail")
        OTHER = "other", _("Anden kontakt")

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnerskab"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    date = models.DateField(_("dato"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.IDEA_MEETING)
    participants = models.TextField(_("deltagere"), help_text=_("Hvem deltog."))
    note = models.TextField(_("notat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["partnership", "date"], name="partnerships_activity_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"


class PartnershipResult(models.Model):
    """What the partnership created, in numbers, on a date (so it can be counted per year)."""

    class Kind(models.TextChoices):
        JOBS = "jobs", _("Jobs oprettet")
        TRAINING_PLACES = "training_places", _("Praktik- og oplæringspladser oprettet")
        EMPLOYED_FROM_EDGE = "employed_from_edge", _("Personer ansat fra kanten af arbejdsmarkedet")

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partnerskab"), on_delete=models.CASCADE, related_name="results"
    )
    date = models.DateField(_("dato"))
    kind = models.CharField(_("resultat"), max_length=30, choices=Kind)
    number = models.PositiveIntegerField(_("antal"), validators=[MinValueValidator(1)])
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resultat")
        verbose_name_plural = _("resultater")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["kind", "date"], name="partnerships_result_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1), name="partnerships_result_number_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} × {self.get_kind_display()}"
