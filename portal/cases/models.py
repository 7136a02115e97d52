import re
import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

REFERENCE_PREFIX = "SØ"


def new_public_token() -> str:
    """The secret in the enquirer's status link: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def format_reference(year: int, number: int) -> str:
    return f"{REFERENCE_PREFIX}-{year}-{number:04d}"


_REFERENCE_TYPED = re.compile(r"^\s*(?:SØ|SOE|SO)-?(\d{4})-?(\d{1,6})\s*$", re.IGNORECASE)


def reference_in(text: str) -> str:
    """The reference a caseworker typed ("sø-2026-42", "SOE-2026-0042"), or "" if it is none."""
    match = _REFERENCE_TYPED.match(text or "")
    if not match:
        return ""
    return format_reference(int(match.group(1)), int(match.group(2)))


class CaseCounter(models.Model):
    """The last reference number handed out per year.

    The row is locked while a case is created, so numbers are gap-free and never shared: a
    rolled-back case gives its number back with the rest of its transaction.
    """

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("sagsnummertæller")
        verbose_name_plural = _("sagsnummertællere")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Case.Status.CLOSED)

    def overdue(self, today: date):
        """Cases where the municipality owes an answer and the deadline has passed.

        A case waiting for the enquirer is not overdue: the next move is theirs.
        """
        return self.filter(Case.overdue_condition(today))


class Case(models.Model):
    class Channel(models.TextChoices):
        WEB = "web", _("Formular på portalen")
        PHONE = "phone", _("Telefon")
        COUNTER = "counter", _("Personligt fremmøde")
        EMAIL = "email", _("E-mail")

    class Kind(models.TextChoices):
        ADVICE = "advice", _("Henvendelse om rådgivning")
        GRANT = "grant", _("Ansøgning om støtte")
        PARTNERSHIP = "partnership", _("Forslag om partnerskab")
        FOLLOW_UP = "follow_up", _("Opfølgning")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Modtaget")
        IN_PROGRESS = "in_progress", _("Under behandling")
        WAITING = "waiting", _("Afventer henvender")
        CLOSED = "closed", _("Afsluttet")

    # The workflow: which status may follow which. Reopening a closed case is allowed.
    TRANSITIONS = {
        Status.RECEIVED: {Status.IN_PROGRESS, Status.WAITING, Status.CLOSED},
        Status.IN_PROGRESS: {Status.WAITING, Status.CLOSED},
        Status.WAITING: {Status.IN_PROGRESS, Status.CLOSED},
        Status.CLOSED: {Status.IN_PROGRESS},
    }

    # The enquirer reads the status on their own status page and in e-mails.
    PUBLIC_STATUS_LABELS = {
        Status.RECEIVED: _("Modtaget"),
        Status.IN_PROGRESS: _("Under behandling"),
        Status.WAITING: _("Afventer dig"),
        Status.CLOSED: _("Afsluttet"),
    }

    reference = models.CharField(_("sagsnummer"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("sagstype"), max_length=20, choices=Kind)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.RECEIVED, editable=False
    )
    subject = models.CharField(_("emne"), max_length=200)
    company = models.ForeignKey(
        "registry.Company",
        verbose_name=_("virksomhed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    contact = models.ForeignKey(
        "registry.Contact",
        verbose_name=_("kontaktperson"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sagsbehandler"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        limit_choices_to={"is_staff": True},
    )
    deadline = models.DateField(
        _("svarfrist"), help_text=_("Den dato, henvenderen senest skal have et første svar.")
    )
    # After the first answer the case is late only by this date, where the caseworker set one
    # (a promised follow-up, a grant's decision): `deadline` stays the first answer's.
    next_deadline = models.DateField(
        _("frist for næste skridt"),
        null=True,
        blank=True,
        help_text=_(
            "Valgfri. Den dato, næste skridt i sagen senest skal være taget, fx et lovet "
            "opfølgende svar. Når henvenderen har fået et første svar, er sagen kun "
            "overskredet, hvis denne frist er passeret."
        ),
    )
    channel = models.CharField(
        _("kanal"), max_length=20, choices=Channel, default=Channel.WEB, editable=False
    )
    # Set when the enquirer answers from their status page, cleared when a caseworker next
    # works on the case: the admin home counts the cases with an answer nobody has seen.
    enquirer_replied_at = models.DateTimeField(
        _("nyt svar fra henvender"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("modtaget"), default=timezone.now, editable=False)
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True, editable=False)
    # The first answer the enquirer got (cases.services.record_first_answer), kept on the case
    # so the dashboard counts answers and the median working days in the database (working
    # days need the holidays, so they are counted once, here). Whether it came in time is
    # derived from the deadline: first_answer_in_time.
    first_answer_at = models.DateTimeField(_("første svar"), null=True, blank=True, editable=False)
    first_answer_workdays = models.PositiveSmallIntegerField(
        _("arbejdsdage til første svar"), null=True, blank=True, editable=False
    )
    # Success criterion 3: the case through which the company started in the municipality or
    # moved here (the company's own arrival and its date are in the registry).
    led_to_arrival = models.BooleanField(
        _("førte til en ny virksomhed i kommunen"),
        default=False,
        help_text=_(
            "Sæt kryds, hvis virksomheden startede her eller flyttede hertil gennem denne sag. "
            "Datoen skrives på virksomheden."
        ),
    )
    public_token = models.CharField(
        _("hemmelig nøgle til statussiden"),
        max_length=64,
        unique=True,
        default=new_public_token,
        editable=False,
    )
    # The one-time key of the public form that opened the case (portal/intake.py): the same
    # form posted twice (a double click, a resend after a timeout) finds this case instead of
    # opening a second one. Empty (NULL) for cases opened otherwise.
    submission_key = models.CharField(
        _("formularnøgle"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # Privacy (portal/privacy): a case on legal hold is never anonymised, however old it is.
    legal_hold = models.BooleanField(
        _("må ikke anonymiseres (retslig tilbageholdelse)"),
        default=False,
        editable=False,
        help_text=_(
            "Fx ved en klage, en retssag eller en anmodning om aktindsigt. Sagen anonymiseres "
            "ikke, før tilbageholdelsen er ophævet."
        ),
    )
    legal_hold_reason = models.TextField(
        _("begrundelse for tilbageholdelse"), blank=True, editable=False
    )
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True, editable=False)
    # Bumped by every service that changes the case itself (status, assignee, its fields), so a
    # form loaded before someone else's change can tell (optimistic concurrency). Journal
    # entries do not bump it: two notes never conflict.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    # The e-mails about the case (queue_email(about=case)): the case page lists them, the journal
    # records their delivery, and a query joins from a message to its case
    # (OutboxMessage.objects.filter(case__reference=…)). The outbox itself names no case: a
    # message's link is its generic `about` (message.about, not message.case).
    messages = GenericRelation(
        "notifications.OutboxMessage",
        content_type_field="about_type",
        object_id_field="about_id",
        related_query_name="case",
    )

    history = HistoricalRecords(excluded_fields=["submission_key"])

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("sag")
        verbose_name_plural = _("sager")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "deadline"], name="cases_case_status_deadline_idx"),
            models.Index(fields=["kind"], name="cases_case_kind_idx"),
            # The inbox's own order: the current deadline (admin.CURRENT_DEADLINE, the same
            # expression, or PostgreSQL will not use it), the reference to break ties.
            models.Index(
                models.Case(
                    models.When(first_answer_at__isnull=True, then=models.F("deadline")),
                    default=models.F("next_deadline"),
                ),
                "reference",
                name="cases_case_current_dl_idx",
            ),
            models.Index(fields=["created_at"], name="cases_case_created_idx"),
            models.Index(fields=["first_answer_at"], name="cases_case_first_answer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("cases:status", args=[self.public_token])

    @staticmethod
    def overdue_condition(today: date) -> Q:
        """Late: no first answer by the deadline, or, once answered, the next step's deadline has
        passed (the deadline Case.current_deadline() gives, which the inbox shows and sorts by).

        Only while the municipality owes the next move (not while it waits for the enquirer).
        """
        return Q(status__in=[Case.Status.RECEIVED, Case.Status.IN_PROGRESS]) & (
            Q(first_answer_at__isnull=True, deadline__lt=today)
            | Q(first_answer_at__isnull=False, next_deadline__lt=today)
        )

    @property
    def first_answer_in_time(self) -> bool | None:
        """Whether the first answer came by the deadline (Copenhagen days); None before it."""
        if self.first_answer_at is None:
            return None
        return timezone.localdate(self.first_answer_at) <= self.deadline

    def is_overdue(self, today: date) -> bool:
        """As overdue_condition, for one case in memory."""
        if self.status not in (self.Status.RECEIVED, self.Status.IN_PROGRESS):
            return False
        deadline = self.current_deadline()
        return deadline is not None and deadline < today

    def current_deadline(self) -> date | None:
        """The date the case is now measured by: the first answer's deadline until it is
        answered, then the next step's (None when none is set)."""
        return self.deadline if self.first_answer_at is None else self.next_deadline

    def can_change_to(self, status: str) -> bool:
        # An anonymised case is kept for statistics only: there is nobody left to answer.
        if self.anonymised_at:
            return False
        return status in self.TRANSITIONS.get(self.status, set())

    @property
    def public_status_label(self) -> str:
        return self.PUBLIC_STATUS_LABELS[self.status]


class CaseEvent(models.Model):
    """One entry in a case's journal. Notes are internal; shared entries reach the enquirer."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Notat")
        EMAIL_SENT = "email_sent", _("E-mail sendt")
        STATUS_CHANGE = "status_change", _("Statusændring")
        MESSAGE = "message", _("Besked til henvender")
        PHONE = "phone", _("Telefonsamtale")
        ENQUIRER_REPLY = "enquirer_reply", _("Svar fra henvender")

    case = models.ForeignKey(
        Case, verbose_name=_("sag"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind)
    text = models.TextField(_("tekst"), blank=True)
    shared_with_enquirer = models.BooleanField(
        _("vist for henvenderen"),
        default=False,
        help_text=_("Vises på henvenderens statusside. Notater er altid interne."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    old_status = models.CharField(
        _("tidligere status"), max_length=20, choices=Case.Status, blank=True
    )
    new_status = models.CharField(_("ny status"), max_length=20, choices=Case.Status, blank=True)
    created_at = models.DateTimeField(_("tidspunkt"), default=timezone.now, editable=False)
    # The one-time key of the status page's answer form that wrote this entry: the same answer
    # posted twice (a double click) is stored once. NULL for every other entry, so that they
    # never clash in the unique constraint below (NULLs are distinct; empty strings are not).
    submission_key = models.CharField(  # noqa: DJ001
        _("formularnøgle"), max_length=64, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("journalnotat")
        verbose_name_plural = _("journal")
        ordering = ["created_at", "pk"]
        constraints = [
            # Per case, so a key sent to another case's page is simply another answer.
            models.UniqueConstraint(
                fields=["case", "submission_key"], name="cases_event_one_answer_per_key"
            )
        ]
        indexes = [
            models.Index(fields=["case", "created_at"], name="cases_event_case_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_kind_display()}"

    @property
    def public_new_status_label(self) -> str:
        return Case.PUBLIC_STATUS_LABELS.get(self.new_status, "")


def attachment_upload_to(instance: "CaseAttachment", filename: str) -> str:
    # Under MEDIA_ROOT, which has no public URL, with a random name: the original name is kept
    # in the row and given back only through a view that checks the permission.
    suffix = Path(filename).suffix.lower()
    return f"cases/attachments/{timezone.now():%Y}/{secrets.token_hex(16)}{suffix}"


class CaseAttachment(models.Model):
    """A file the enquirer sent with an answer from their status page, kept private."""

    case = models.ForeignKey(
        Case, verbose_name=_("sag"), on_delete=models.CASCADE, related_name="attachments"
    )
    event = models.ForeignKey(
        CaseEvent,
        verbose_name=_("journalnotat"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("fil"), upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(_("filnavn"), max_length=255)
    size = models.PositiveBigIntegerField(_("størrelse i bytes"), default=0)
    uploaded_at = models.DateTimeField(_("uploadet"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("bilag fra henvender")
        verbose_name_plural = _("bilag fra henvender")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders_in(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


# The placeholders a reply template may use, and what each stands for (see render_reply_template).
REPLY_PLACEHOLDERS = {
    "navn": _("henvenderens navn"),
    "sagsnummer": _("sagsnummeret, fx SØ-2026-0042"),
    "emne": _("sagens emne"),
    "frist": _("svarfristen, fx 28. november 2026"),
    "statusside": _("linket til henvenderens statusside"),
}


class ReplyTemplate(models.Model):
    """A standard answer the caseworker starts a reply to the enquirer from."""

    title = models.CharField(_("titel"), max_length=100)
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Skrives uden »Kære …« og »Venlig hilsen«: dem tilføjer e-mailen selv, og linket "
            "til statussiden. Du kan bruge {navn} (henvenderens navn), {sagsnummer} (fx "
            "SØ-2026-0042), {emne} (sagens emne) og {frist} (svarfristen, fx 28. november "
            "2026). Skriv det, sagsbehandleren selv skal udfylde, i firkantede parenteser, fx "
            "»[dato og tid]«: en besked, der stadig indeholder sådan et mærke, kan ikke sendes."
        ),
    )
    active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Kun aktive skabeloner kan vælges på sagen.")
    )
    position = models.PositiveSmallIntegerField(
        _("rækkefølge"), default=0, help_text=_("Lavere tal vises først.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svarskabelon")
        verbose_name_plural = _("svarskabeloner")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        unknown = sorted(placeholders_in(self.body) - REPLY_PLACEHOLDERS.keys())
        if unknown:
            raise ValidationError(
                {
                    "body": _("Ukendt pladsholder: %(names)s. Du kan bruge %(known)s.")
                    % {
                        "names": ", ".join(f"{{{name}}}" for name in unknown),
                        "known": ", ".join(f"{{{name}}}" for name in REPLY_PLACEHOLDERS),
                    }
                }
            )
