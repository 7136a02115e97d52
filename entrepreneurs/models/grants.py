import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.validators import validate_cvr, validate_postcode


class SupportSchemeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class SupportScheme(models.Model):
    """A scheme of financial start-up support, as the manager sets it up.

    A municipality may only fund what a named legal basis allows: `legal_basis` is written out
    in full, shown to applicants and quoted in every decision letter.
    """

    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("kort navn i adressen"), max_length=100, unique=True)
    summary = models.CharField(_("kort beskrivelse"), max_length=300)
    legal_basis = models.TextField(
        _("hjemmel"),
        help_text=_("Den lov eller regel, der giver kommunen lov til at yde støtten, skrevet ud."),
    )
    eligibility = models.TextField(_("hvem kan søge (betingelser)"))
    max_amount = models.PositiveIntegerField(_("højeste beløb i kr."))
    max_share_percent = models.PositiveSmallIntegerField(
        _("højeste andel af budgettet i procent"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    yearly_pool = models.PositiveIntegerField(_("pulje pr. år i kr."))
    requires_de_minimis = models.BooleanField(
        _("kræver de minimis-erklæring"),
        default=True,
        help_text=_("Ansøgeren oplyser anden de minimis-støtte, modtaget de seneste tre år."),
    )
    text_who_can_apply = models.TextField(_("tekst: hvem kan søge"))
    text_what_is_funded = models.TextField(_("tekst: hvad kan der søges til"))
    text_assessment = models.TextField(_("tekst: sådan vurderer vi ansøgningen"))
    text_processing_time = models.TextField(_("tekst: så lang tid tager det"))
    decision_working_days = models.PositiveSmallIntegerField(
        _("arbejdsdage til afgørelse"),
        default=30,
        help_text=_(
            "Ansøgeren får at vide, at der er truffet afgørelse senest så mange arbejdsdage "
            "efter modtagelsen."
        ),
    )
    complaint_guidance = models.TextField(
        _("klagevejledning"),
        help_text=_("Hvor og hvordan ansøgeren kan klage. Står i hvert afgørelsesbrev."),
    )
    complaint_weeks = models.PositiveSmallIntegerField(
        _("klagefrist i uger"), default=4, validators=[MinValueValidator(1)]
    )
    published = models.BooleanField(_("offentliggjort"), default=False)

    history = HistoricalRecords()
    objects = SupportSchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("støtteordning")
        verbose_name_plural = _("støtteordninger")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("entrepreneurs:scheme-detail", args=[self.slug])

    def period_on(self, day: date) -> "SchemePeriod | None":
        return self.periods.filter(opens_on__lte=day, closes_on__gte=day).first()

    def next_period(self, day: date) -> "SchemePeriod | None":
        return self.periods.filter(opens_on__gt=day).order_by("opens_on").first()


class SchemePeriod(models.Model):
    scheme = models.ForeignKey(
        SupportScheme, verbose_name=_("ordning"), on_delete=models.CASCADE, related_name="periods"
    )
    opens_on = models.DateField(_("åbner"))
    closes_on = models.DateField(_("lukker"), help_text=_("Sidste dag, man kan søge."))

    # When applications were accepted is part of every decision's facts: keep its changes.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ansøgningsperiode")
        verbose_name_plural = _("ansøgningsperioder")
        ordering = ["opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="entrepreneurs_period_closes_after_opening",
                violation_error_message=_("Perioden kan ikke lukke, før den åbner."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.opens_on:%d.%m.%Y}–{self.closes_on:%d.%m.%Y}"


class LegalForm(models.TextChoices):
    NOT_YET = "not_yet", _("Ikke valgt endnu")
    SOLE = "sole", _("Enkeltmandsvirksomhed")
    APS = "aps", _("Anpartsselskab (ApS)")
    AS = "as", _("Aktieselskab (A/S)")
    COOPERATIVE = "cooperative", _("Andelsselskab (a.m.b.a.)")
    ASSOCIATION = "association", _("Forening")
    FOUNDATION = "foundation", _("Erhvervsdrivende fond")
    PARTNERSHIP = "partnership", _("Interessentskab (I/S)")


def new_draft_token() -> str:
    return secrets.token_urlsafe(32)


class ApplicationDraft(models.Model):
    """An application being filled in: the answers so far, reached by its private link.

    The answers live here, step by step, until the applicant submits; then they become a
    GrantApplication on a Case, and the draft only points at it. A draft not touched for
    ENTREPRENEURS_DRAFT_DAYS expires: its link says so, and retention clears what it held.
    """

    token = models.CharField(max_length=64, unique=True, default=new_draft_token, editable=False)
    scheme = models.ForeignKey(
        SupportScheme, verbose_name=_("ordning"), on_delete=models.PROTECT, related_name="drafts"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    # {"applicant": {...}, "enterprise": {...}, ...}: each step's cleaned answers, as typed.
    answers = models.JSONField(_("svar"), default=dict, blank=True)
    language = models.CharField(_("sprog"), max_length=5, default="da")
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("senest gemt"), default=timezone.now)
    expires_at = models.DateTimeField(_("udløber"))
    link_sent_at = models.DateTimeField(_("link sendt"), null=True, blank=True)
    submitted_case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("sag"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cleared_at = models.DateTimeField(_("ryddet"), null=True, blank=True)

    class Meta:
        verbose_name = _("kladde til ansøgning")
        verbose_name_plural = _("kladder til ansøgninger")
        ordering = ["-updated_at", "pk"]
        indexes = [models.Index(fields=["expires_at"], name="entrepreneurs_draft_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.scheme} – {self.email or _('uden e-mail')}"

    def get_absolute_url(self) -> str:
        return reverse("entrepreneurs:draft", args=[self.token])

    def is_expired(self, now=None) -> bool:
        return self.cleared_at is not None or self.expires_at <= (now or timezone.now())


class GrantApplication(models.Model):
    """The details of a grant application; the Case holds the applicant, status and journal."""

    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("sag"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="grant_application",
    )
    scheme = models.ForeignKey(
        SupportScheme,
        verbose_name=_("ordning"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # The applicant (name, e-mail and phone are the case's contact).
    address = models.CharField(_("adresse"), max_length=200)
    postcode = models.CharField(_("postnummer"), max_length=4, validators=[validate_postcode])
    city = models.CharField(_("by"), max_length=100)
    # The enterprise.
    enterprise_name = models.CharField(_("virksomhedens navn"), max_length=200)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True, validators=[validate_cvr])
    legal_form = models.CharField(
        _("virksomhedsform"), max_length=20, choices=LegalForm, default=LegalForm.NOT_YET
    )
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    # The social purpose, and how the enterprise meets each characteristic of the definition.
    social_purpose = models.TextField(_("socialt formål"))
    criterion_purpose = models.TextField(_("socialt, sundheds- eller miljømæssigt formål"))
    criterion_sales = models.TextField(_("salg af ydelser og/eller produkter"))
    criterion_surplus = models.TextField(_("geninvestering af overskud"))
    criterion_independence = models.TextField(_("uafhængighed af den offentlige sektor"))
    criterion_cvr = models.TextField(_("CVR-nummer"))
    business_model = models.TextField(_("forretningsmodel"))
    target_group = models.TextField(_("målgruppe"))
    expected_employees = models.PositiveSmallIntegerField(
        _("forventede ansatte fra kanten af arbejdsmarkedet")
    )
    amount_requested = models.PositiveIntegerField(_("ansøgt beløb i kr."))
    de_minimis_received = models.PositiveIntegerField(
        _("anden de minimis-støtte de seneste tre år i kr."), null=True, blank=True
    )
    de_minimis_details = models.TextField(_("de minimis-støtte, fra hvem"), blank=True)
    declared_at = models.DateTimeField(_("tro og love-erklæring afgivet"))
    expected_decision_on = models.DateField(_("forventet afgørelse senest"))
    created_at = models.DateTimeField(_("modtaget"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ansøgning om støtte")
        verbose_name_plural = _("ansøgninger om støtte")
        ordering = ["-created_at", "pk"]
        indexes = [
            models.Index(fields=["scheme", "created_at"], name="entrepreneurs_app_scheme_idx")
        ]
        permissions = [
            ("decide_grant", _("Kan træffe afgørelse om støtte")),
            ("exceed_pool", _("Kan godkende støtte ud over puljens rest")),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} – {self.enterprise_name}"

    @property
    def budget_total(self) -> int:
        return self.budget_lines.aggregate(total=Sum("amount"))["total"] or 0


class BudgetLine(models.Model):
    application = models.ForeignKey(
        GrantApplication,
        verbose_name=_("ansøgning"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    position = models.PositiveSmallIntegerField(_("nummer"), default=0)
    item = models.CharField(_("post"), max_length=200)
    amount = models.PositiveIntegerField(_("beløb i kr."))

    class Meta:
        verbose_name = _("budgetlinje")
        verbose_name_plural = _("budgetlinjer")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.item


def attachment_upload_to(instance: "ApplicationAttachment", filename: str) -> str:
    # Under MEDIA_ROOT, which has no public URL, with a random name: the original name is kept
    # in the row and given back only on download, through a view that checks the permission.
    suffix = Path(filename).suffix.lower()
    return f"entrepreneurs/applications/{timezone.now():%Y}/{secrets.token_hex(16)}{suffix}"


class ApplicationAttachment(models.Model):
    """A file attached to an application (business plan, budget, statutes …), kept private."""

    draft = models.ForeignKey(
        ApplicationDraft,
        verbose_name=_("kladde"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )
    application = models.ForeignKey(
        GrantApplication,
        verbose_name=_("ansøgning"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("fil"), upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(_("filnavn"), max_length=255)
    size = models.PositiveBigIntegerField(_("størrelse i bytes"), default=0)
    uploaded_at = models.DateTimeField(_("uploadet"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(draft__isnull=False) | Q(application__isnull=False),
                name="entrepreneurs_attachment_belongs_somewhere",
            )
        ]

    def __str__(self) -> str:
        return self.original_name


# How long an untouched draft is kept; the retention rule "expired_drafts" clears it then.
def draft_lifetime_days() -> int:
    return settings.ENTREPRENEURS_DRAFT_DAYS
