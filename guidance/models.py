from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Exists, OuterRef, Q
from django.template.defaultfilters import slugify
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guidance.rendering import markdown_to_text
from portal.files import DOCUMENTS_AND_IMAGES, FileValidator, kind_label

# What an article may carry as a download (portal/files.py checks type, content and size).
ATTACHMENTS = FileValidator(kinds=DOCUMENTS_AND_IMAGES, max_megabytes=10)


# The search vector, weighted so that a word in the title counts more than one in the summary,
# which counts more than one in the body. Only PostgreSQL computes it.
ARTICLE_SEARCH_VECTOR = (
    SearchVector("title", weight="A", config="danish")
    + SearchVector("summary", weight="B", config="danish")
    + SearchVector("body_text", weight="C", config="danish")
)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True, published_at__lte=timezone.now())


class Article(models.Model):
    class Theme(models.TextChoices):
        ADVICE = "advice", _("Råd og vejledning")
        PARTNERSHIPS = "partnerships", _("Partnerskaber")
        ENTREPRENEURS = "entrepreneurs", _("Støtte til iværksættere")
        NETWORK = "network", _("Netværk og sparring")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(
        _("kort adresse"),
        max_length=200,
        unique=True,
        help_text=_("Bruges i artiklens adresse, fx /viden/hvad-er-socialoekonomi/."),
    )
    summary = models.TextField(
        _("resumé"),
        max_length=500,
        help_text=_("Et par sætninger, der vises i oversigten og i søgeresultater."),
    )
    body = models.TextField(
        _("brødtekst"),
        help_text=_(
            "Skrives i Markdown: ## Overskrift, **fed**, *kursiv*, - punkter, [tekst](adresse)."
        ),
    )
    theme = models.CharField(_("tema"), max_length=20, choices=Theme)
    published = models.BooleanField(_("offentliggjort"), default=False)
    published_at = models.DateTimeField(
        _("offentliggjort den"),
        null=True,
        blank=True,
        help_text=_("Tomt: sættes til nu, når artiklen offentliggøres. Kan sættes frem i tiden."),
    )
    last_reviewed = models.DateField(
        _("senest gennemgået"),
        null=True,
        blank=True,
        help_text=_("Den dag, en medarbejder senest har tjekket, at indholdet er korrekt."),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    # Derived from the body on save; never edited by hand.
    body_text = models.TextField(_("brødtekst som ren tekst"), blank=True, editable=False)
    # A stored vector with a GIN index (created on PostgreSQL only, in migration 0002) rather
    # than a functional index: queries and the index cannot drift apart, ranking reads the
    # vector instead of re-parsing every body, and SQLite (the demo) just keeps an empty
    # column. The price is one extra UPDATE per save, done in save(); QuerySet.update() and
    # bulk_create() bypass it, so call refresh_search_vectors() after those.
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["body_text", "search_vector"])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikler")
        ordering = ["-published_at", "title"]
        indexes = [
            models.Index(fields=["theme", "published"], name="guidance_article_theme_idx"),
            models.Index(fields=["published", "published_at"], name="guidance_article_pub_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.published and self.published_at is None:
            self.published_at = timezone.now()
        self.body_text = markdown_to_text(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            # update_or_create() saves only the fields it was given: keep the derived ones true.
            derived = {"body": "body_text", "published": "published_at"}
            update_fields = set(update_fields)
            kwargs["update_fields"] = update_fields | {
                derived[name] for name in update_fields if name in derived
            }
        super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        if connections[using].vendor == "postgresql":
            type(self).objects.using(using).filter(pk=self.pk).update(
                search_vector=ARTICLE_SEARCH_VECTOR
            )

    def get_absolute_url(self) -> str:
        return reverse("guidance:article-detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return bool(self.published and self.published_at and self.published_at <= timezone.now())


def refresh_search_vectors(queryset=None) -> int:
    """Recompute the stored search vectors (after bulk writes); a no-op outside PostgreSQL."""
    queryset = Article.objects.all() if queryset is None else queryset
    if connections[queryset.db].vendor != "postgresql":
        return 0
    return queryset.update(search_vector=ARTICLE_SEARCH_VECTOR)


def attachment_upload_to(instance: "ArticleAttachment", filename: str) -> str:
    # Stored under MEDIA_ROOT, which has no public URL: the attachment view serves the file.
    return f"guidance/attachments/{timezone.now():%Y}/{Path(filename).name}"


class ArticleAttachment(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("artikel")
    )
    title = models.CharField(_("titel"), max_length=200, help_text=_("Det navn, læseren ser."))
    file = models.FileField(
        _("fil"),
        upload_to=attachment_upload_to,
        max_length=255,
        validators=[ATTACHMENTS],
        help_text=ATTACHMENTS.help_text(),
    )
    size = models.PositiveBigIntegerField(_("størrelse i bytes"), default=0, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fil")
        verbose_name_plural = _("filer")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("guidance:article-attachment", args=[self.article.slug, self.pk])

    @property
    def extension(self) -> str:
        return Path(self.file.name).suffix.lower().lstrip(".")

    @property
    def type_label(self) -> str:
        return kind_label(self.file.name)

    @property
    def download_name(self) -> str:
        """A file name safe on every system: the title in ASCII letters, digits and dashes."""
        danish = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
        stem = slugify(self.title.translate(danish)) or "fil"
        return f"{stem[:80]}.{self.extension}" if self.extension else stem[:80]


class OutreachQuerySet(models.QuerySet):
    def with_followed_up(self):
        """Annotate `followed_up`: a later contact with the same company has been logged.

        That later contact is the follow-up, so the earlier one's follow-up date is settled.
        """
        later = Outreach.objects.filter(company=OuterRef("company")).filter(
            Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk"))
        )
        return self.annotate(followed_up=Exists(later))

    def follow_up_due(self, today: date):
        """Contacts whose follow-up date has come, with no contact with the company since."""
        return self.with_followed_up().filter(follow_up_on__lte=today, followed_up=False)


class Outreach(models.Model):
    """A direct contact the caseworker made with an established company (principle 1)."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("Telefon")
        EMAIL = "email", _("E-mail")
        MEETING = "meeting", _("Møde/besøg")
        EVENT = "event", _("Arrangement")

    class Outcome(models.TextChoices):
        INTERESTED = "interested", _("Interesseret")
        MORE_INFORMATION = "more_information", _("Vil vide mere")
        MEETING_AGREED = "meeting_agreed", _("Aftalt møde")
        REFERRED_TO_PARTNERSHIP = "referred_to_partnership", _("Henvist til partnerskab")
        NOT_NOW = "not_now", _("Ikke interesseret nu")
        NOT_REACHED = "not_reached", _("Ikke truffet")

    company = models.ForeignKey(
        "registry.Company",
        verbose_name=_("virksomhed"),
        on_delete=models.PROTECT,
        related_name="outreach",
    )
    date = models.DateField(_("dato"), default=timezone.localdate)
    channel = models.CharField(_("kontaktform"), max_length=20, choices=Channel)
    contact = models.ForeignKey(
        "registry.Contact",
        verbose_name=_("kontaktperson"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outreach",
        help_text=_("En af virksomhedens registrerede kontaktpersoner."),
    )
    contact_name = models.CharField(
        _("navn på kontaktperson"),
        max_length=200,
        blank=True,
        help_text=_("Når personen ikke er registreret som kontaktperson."),
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sagsbehandler"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="outreach",
        limit_choices_to={"is_staff": True},
    )
    outcome = models.CharField(_("resultat"), max_length=30, choices=Outcome)
    notes = models.TextField(_("noter"), blank=True)
    follow_up_on = models.DateField(
        _("opfølgning"),
        null=True,
        blank=True,
        help_text=_(
            "Den dag, der skal følges op. Opfølgningen er klaret, når en ny kontakt med "
            "virksomheden registreres."
        ),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    history = HistoricalRecords()

    objects = OutreachQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontakt med virksomhed")
        verbose_name_plural = _("kontakter med virksomheder")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["follow_up_on"], name="guidance_outreach_followup_idx"),
            models.Index(fields=["company", "date"], name="guidance_outreach_company_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.company.name}, {self.get_channel_display()} {self.date:%d-%m-%Y}"

    def clean(self) -> None:
        errors = {}
        if self.contact_id and self.company_id and self.contact.company_id != self.company_id:
            errors["contact"] = _("Kontaktpersonen hører ikke til den valgte virksomhed.")
        if self.follow_up_on and self.date and self.follow_up_on < self.date:
            errors["follow_up_on"] = _("Opfølgningen kan ikke ligge før kontakten.")
        if errors:
            raise ValidationError(errors)

    @property
    def person_name(self) -> str:
        """The person the caseworker spoke to: a registered contact, or the name typed."""
        return self.contact.name if self.contact_id else self.contact_name


class Enquiry(models.Model):
    """What someone wrote in the enquiry form: the details of an advice case (one-to-one)."""

    class Role(models.TextChoices):
        PRIVATE = "private", _("Privatperson")
        ENTREPRENEUR = "entrepreneur", _("Iværksætter")
        COMPANY = "company", _("Etableret virksomhed")
        ASSOCIATION = "association", _("Forening")

    class Topic(models.TextChoices):
        START = "start", _("At starte en socialøkonomisk virksomhed")
        RESPONSIBILITY = "responsibility", _("Socialt ansvar i min virksomhed")
        PARTNERSHIP = "partnership", _("Partnerskaber")
        FUNDING = "funding", _("Økonomisk støtte")
        NETWORK = "network", _("Netværk")
        OTHER = "other", _("Andet")

    class ContactPreference(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Telefon")

    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("sag"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="enquiry",
    )
    role = models.CharField(_("henvenderen er"), max_length=20, choices=Role)
    topic = models.CharField(_("emne"), max_length=20, choices=Topic)
    message = models.TextField(_("besked"))
    contact_preference = models.CharField(
        _("vil helst kontaktes på"),
        max_length=10,
        choices=ContactPreference,
        default=ContactPreference.EMAIL,
    )
    company_name = models.CharField(
        _("virksomhedens navn som skrevet"),
        max_length=200,
        blank=True,
        help_text=_("Som henvenderen skrev det; registrets navn ændres ikke af en henvendelse."),
    )
    created_at = models.DateTimeField(_("modtaget"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("henvendelse")
        verbose_name_plural = _("henvendelser")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["topic"], name="guidance_enquiry_topic_idx"),
            # The dashboard counts enquiries by period.
            models.Index(fields=["created_at"], name="guidance_enquiry_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.get_role_display()})"
