"""Principle 4: network meetings (an Occasion with seats) and the ongoing dialogue (FollowUp)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The name this app's occasions carry in portal.registrations (Occasion.kind).
MEETING_KIND = "network.meeting"


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(occasion__published=True)

    def coming(self, now=None):
        return self.filter(occasion__ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(occasion__ends_at__lt=now or timezone.now())


class Meeting(models.Model):
    """A network meeting: the seats, time and place are its Occasion's."""

    class Audience(models.TextChoices):
        SOCIAL_ECONOMY = "social_economy", _("Socialøkonomiske virksomheder")
        ORDINARY = "ordinary", _("Ordinære virksomheder")
        EVERYONE = "everyone", _("Alle virksomheder og iværksættere")

    occasion = models.OneToOneField(
        "registrations.Occasion",
        verbose_name=_("arrangement"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="meeting",
    )
    description = models.TextField(_("beskrivelse"))
    agenda = models.TextField(_("dagsorden"), blank=True, help_text=_("Ét punkt pr. linje."))
    audience = models.CharField(
        _("for hvem"), max_length=20, choices=Audience, default=Audience.EVERYONE
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kontaktperson"),
        on_delete=models.PROTECT,
        related_name="network_meetings",
    )

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("netværksmøde")
        verbose_name_plural = _("netværksmøder")
        ordering = ["occasion__starts_at", "pk"]

    def __str__(self) -> str:
        return self.occasion.title

    def get_absolute_url(self) -> str:
        return reverse("network:meeting-detail", args=[self.pk])

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.agenda.splitlines() if line.strip(" -•\t")]


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)

    def due_by(self, day):
        return self.open().filter(due_on__lte=day)


class FollowUp(models.Model):
    """A planned dialogue with a company about the strategy's topics (principle 4)."""

    class Topic(models.TextChoices):
        DEVELOPMENT = "development", _("Udviklingsmuligheder")
        RECRUITMENT = "recruitment", _("Rekruttering")
        RETENTION = "retention", _("Fastholdelse af medarbejdere")
        PARTNERSHIPS = "partnerships", _("Partnerskaber")

    company = models.ForeignKey(
        "registry.Company",
        verbose_name=_("virksomhed"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    # The topics as a list of Topic values: a dialogue is often about more than one.
    topics = models.JSONField(_("emner"), default=list)
    due_on = models.DateField(_("skal ske senest"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig"),
        on_delete=models.PROTECT,
        related_name="network_follow_ups",
    )
    agenda = models.TextField(_("hvad skal vi tale om"), blank=True)
    outcome = models.TextField(_("udbytte"), blank=True)
    done_on = models.DateField(_("gennemført den"), null=True, blank=True)
    next_follow_up = models.OneToOneField(
        "self",
        verbose_name=_("næste opfølgning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="previous_follow_up",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    history = HistoricalRecords()
    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("opfølgning")
        verbose_name_plural = _("opfølgninger")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["done_on", "due_on"], name="network_followup_due_idx"),
            models.Index(fields=["company", "done_on"], name="network_followup_company_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.topics_display}"

    def clean(self) -> None:
        unknown = set(self.topics) - set(self.Topic.values)
        if not self.topics or unknown:
            raise ValidationError({"topics": _("Vælg mindst ét emne.")})
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError(
                {"done_on": _("Datoen for gennemførelsen kan ikke ligge i fremtiden.")}
            )

    @property
    def topics_display(self) -> str:
        labels = dict(self.Topic.choices)
        return ", ".join(str(labels[topic]) for topic in self.topics if topic in labels)

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
