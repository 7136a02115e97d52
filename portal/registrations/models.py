"""Seats: anything people register for (a network meeting, a course session) is an Occasion.

The app's own model (network's Meeting, a course's session) hangs off the Occasion one-to-one,
as an enquiry hangs off its case; everything about seats, the waiting list, the e-mails and the
calendar entry lives here, once. Every write that counts seats goes through services.py, which
locks the occasion's row first, so two app servers can never both take the last seat.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def new_registration_token() -> str:
    """The secret in the registrant's link: 192 random bits, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


class OccasionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def coming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def with_seat_counts(self):
        """Annotate `seats_taken` and `seats_waiting` (sums of the parties' seats): one query
        for a whole list, however many registrations each occasion has."""
        return self.annotate(
            seats_taken=Sum(
                "registrations__seats",
                filter=Q(registrations__status__in=Registration.SEAT_HOLDING),
                default=0,
            ),
            seats_waiting=Sum(
                "registrations__seats",
                filter=Q(registrations__status=Registration.Status.WAITING),
                default=0,
            ),
        )


class Occasion(models.Model):
    """One thing with seats, at one time and place (Europe/Copenhagen)."""

    # Which app's model hangs off this row ("network.meeting"): an OccasionKind registered in
    # portal.registrations.kinds, which gives its public page and its name in e-mails.
    kind = models.CharField(_("type"), max_length=50, editable=False)
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    registration_deadline = models.DateTimeField(
        _("tilmeldingsfrist"), help_text=_("Tilmeldingen lukker på dette tidspunkt.")
    )
    capacity = models.PositiveIntegerField(
        _("antal pladser"),
        help_text=_("Hæves antallet, rykker de første på ventelisten op med det samme."),
    )
    max_seats_per_registration = models.PositiveSmallIntegerField(
        _("højst deltagere pr. tilmelding"),
        default=4,
        help_text=_("En virksomhed må tage kolleger med, op til dette antal i alt."),
    )
    address = models.CharField(
        _("adresse"),
        max_length=300,
        blank=True,
        help_text=_("Fx Rådhuset, Gåskærgade 26, 6100 Haderslev."),
    )
    online_url = models.URLField(
        _("link til online deltagelse"), blank=True, help_text=_("Fx et Teams-link.")
    )
    published = models.BooleanField(
        _("offentliggjort"), default=False, help_text=_("Vises på portalen og kan tilmeldes.")
    )
    cancelled_at = models.DateTimeField(_("aflyst"), null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("begrundelse for aflysning"), blank=True)
    # The calendar entry's SEQUENCE: raised when the time or place changes or it is cancelled,
    # so a calendar that has the entry updates it instead of adding a second one.
    sequence = models.PositiveIntegerField(_("kalenderversion"), default=0, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    history = HistoricalRecords()
    objects = OccasionQuerySet.as_manager()

    class Meta:
        verbose_name = _("arrangement med pladser")
        verbose_name_plural = _("arrangementer med pladser")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["published", "starts_at"], name="reg_occasion_coming_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="reg_occasion_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=models.F("starts_at")),
                name="reg_occasion_deadline_before_start",
            ),
            models.CheckConstraint(
                condition=Q(max_seats_per_registration__gte=1), name="reg_occasion_max_seats_min_1"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from portal.registrations.kinds import public_url

        return public_url(self)

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Slutningen skal ligge efter starten.")
        if (
            self.starts_at
            and self.registration_deadline
            and self.registration_deadline > self.starts_at
        ):
            errors["registration_deadline"] = _("Tilmeldingsfristen skal ligge før starten.")
        if not self.address and not self.online_url:
            errors["address"] = _("Skriv en adresse eller et link til online deltagelse.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def is_past(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())

    def is_open(self, now=None) -> bool:
        """Whether people can register now: published, not cancelled, before the deadline."""
        now = now or timezone.now()
        return self.published and not self.is_cancelled and now < self.registration_deadline

    def seats_taken_now(self) -> int:
        """The seats held by registrations (a query; lists use with_seat_counts())."""
        return self.registrations.filter(status__in=Registration.SEAT_HOLDING).aggregate(
            total=Sum("seats", default=0)
        )["total"]

    def seats_left_of(self, taken: int) -> int:
        return max(self.capacity - taken, 0)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Holding a seat or waiting for one."""
        return self.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING])

    def in_line(self):
        """The waiting list, first in line first."""
        return self.filter(status=Registration.Status.WAITING).order_by("waiting_since", "pk")


class Registration(models.Model):
    """One person's registration for an occasion, for themselves and perhaps colleagues."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Tilmeldt")
        WAITING = "waiting", _("På venteliste")
        CANCELLED = "cancelled", _("Afmeldt")
        ATTENDED = "attended", _("Deltog")
        NO_SHOW = "no_show", _("Udeblev")

    class CancelledBy(models.TextChoices):
        PERSON = "person", _("Deltageren selv")
        STAFF = "staff", _("Kommunen")
        OCCASION = "occasion", _("Arrangementet blev aflyst")

    # Statuses that hold seats: attendance is marked on confirmed registrations.
    SEAT_HOLDING = ("confirmed", "attended", "no_show")

    occasion = models.ForeignKey(
        Occasion,
        verbose_name=_("arrangement"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    company = models.ForeignKey(
        "registry.Company",
        verbose_name=_("virksomhed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    # As the registrant wrote it: the participants list shows it, also without a CVR number.
    company_name = models.CharField(_("virksomhedens navn"), max_length=200, blank=True)
    seats = models.PositiveSmallIntegerField(_("antal deltagere"), default=1)
    needs = models.TextField(
        _("særlige behov"), blank=True, help_text=_("Fx kost, allergier eller tilgængelighed.")
    )
    listed = models.BooleanField(
        _("må stå på deltagerlisten"),
        default=False,
        help_text=_("Navn og virksomhed på den deltagerliste, de andre deltagere får."),
    )
    language = models.CharField(
        _("sprog"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    token = models.CharField(
        _("nøgle til linket"),
        max_length=43,
        unique=True,
        default=new_registration_token,
        editable=False,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.CONFIRMED, editable=False
    )
    # Place in line: the waiting list is ordered by when each party joined it.
    waiting_since = models.DateTimeField(
        _("på venteliste siden"), null=True, blank=True, editable=False
    )
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("tilmeldt"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("fik plads"), null=True, blank=True, editable=False)
    promoted_at = models.DateTimeField(
        _("rykket op fra ventelisten"), null=True, blank=True, editable=False
    )
    cancelled_at = models.DateTimeField(_("afmeldt"), null=True, blank=True, editable=False)
    cancelled_by = models.CharField(
        _("afmeldt af"), max_length=10, choices=CancelledBy, blank=True, editable=False
    )
    reminded_at = models.DateTimeField(_("påmindelse sendt"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True, editable=False)
    # The e-mails about this registration (the outbox's `about`), for staff to see they arrived.
    messages = GenericRelation(
        "notifications.OutboxMessage",
        content_type_field="about_type",
        object_id_field="about_id",
        related_query_name="registration",
    )

    # The secrets stay out of the history: an anonymised link must not live on there.
    history = HistoricalRecords(excluded_fields=["token", "submission_key"])
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["occasion", "status"], name="reg_registration_status_idx"),
        ]
        constraints = [
            # One e-mail address, one registration per occasion (until it is cancelled): also
            # when two posts race, the database refuses the second.
            models.UniqueConstraint(
                Lower("email"),
                "occasion",
                condition=~Q(status="cancelled") & Q(anonymised_at__isnull=True),
                name="reg_one_active_registration_per_email",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="reg_registration_seats_min_1"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.occasion}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("registrations:registration-detail", args=[self.token])

    @property
    def holds_seats(self) -> bool:
        return self.status in self.SEAT_HOLDING

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.WAITING)

    def place_in_line(self) -> int | None:
        """1 for the first on the waiting list; None when not waiting (a query)."""
        if self.status != self.Status.WAITING:
            return None
        ahead = (
            Registration.objects.in_line()
            .filter(occasion_id=self.occasion_id)
            .filter(
                Q(waiting_since__lt=self.waiting_since)
                | Q(waiting_since=self.waiting_since, pk__lt=self.pk)
            )
        )
        return ahead.count() + 1


class OccasionMessage(models.Model):
    """A message staff sent to everyone registered for an occasion, kept on the occasion."""

    occasion = models.ForeignKey(
        Occasion, verbose_name=_("arrangement"), on_delete=models.CASCADE, related_name="messages"
    )
    subject = models.CharField(_("emne"), max_length=200)
    body = models.TextField(_("tekst"))
    include_waiting = models.BooleanField(_("også til dem på ventelisten"), default=False)
    recipients = models.PositiveIntegerField(_("antal modtagere"), default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sendt af"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)

    class Meta:
        verbose_name = _("besked til deltagerne")
        verbose_name_plural = _("beskeder til deltagerne")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
