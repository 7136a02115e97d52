from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

# The name this app's occasions carry in portal.registrations (Occasion.kind).
COURSE_KIND = "entrepreneurs.course"


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Course(models.Model):
    """An entrepreneur course; its dates, seats and enrolments are its sessions' occasions."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("kort navn i adressen"), max_length=100, unique=True)
    summary = models.CharField(
        _("kort beskrivelse"), max_length=300, help_text=_("Vises i listen over kurser.")
    )
    description = models.TextField(_("beskrivelse"))
    audience = models.TextField(_("hvem er kurset for"))
    outcomes = models.TextField(_("hvad lærer du"), help_text=_("Ét punkt pr. linje."))
    teacher = models.CharField(_("underviser"), max_length=200)
    # Whole kroner; 0 is free.
    price = models.PositiveIntegerField(_("pris i kr."), default=0, help_text=_("0 = gratis."))
    published = models.BooleanField(_("offentliggjort"), default=False)

    history = HistoricalRecords()
    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("kursus")
        verbose_name_plural = _("kurser")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("entrepreneurs:course-detail", args=[self.slug])

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def outcome_items(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.outcomes.splitlines() if line.strip(" -•\t")]


class CourseSessionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(occasion__published=True, course__published=True)

    def coming(self, now=None):
        return self.filter(occasion__ends_at__gte=now or timezone.now())


class CourseSession(models.Model):
    """One run of a course (one or more days): the seats, time and place are its Occasion's."""

    occasion = models.OneToOneField(
        "registrations.Occasion",
        verbose_name=_("arrangement"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="course_session",
    )
    course = models.ForeignKey(
        Course, verbose_name=_("kursus"), on_delete=models.PROTECT, related_name="sessions"
    )
    schedule = models.TextField(
        _("mødegange"),
        blank=True,
        help_text=_(
            "Fx »3 onsdage: 13., 20. og 27. januar kl. 17–20«, hvis kurset er over flere dage."
        ),
    )

    history = HistoricalRecords()
    objects = CourseSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("kursushold")
        verbose_name_plural = pgettext_lazy("flertal", "kursushold")
        ordering = ["occasion__starts_at", "pk"]

    def __str__(self) -> str:
        return self.occasion.title

    def get_absolute_url(self) -> str:
        return self.course.get_absolute_url()


class CourseEnrolment(models.Model):
    """What a course asks beyond the seat: a CVR number yet, and the idea in a few lines."""

    registration = models.OneToOneField(
        "registrations.Registration",
        verbose_name=_("tilmelding"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="course_enrolment",
    )
    has_cvr = models.BooleanField(_("har CVR-nummer"), default=False)
    idea = models.TextField(_("idé"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kursustilmelding")
        verbose_name_plural = _("kursustilmeldinger")

    def __str__(self) -> str:
        return str(self.registration)
