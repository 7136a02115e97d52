"""What the dashboard keeps: anonymous day counts, committee reports and the public key figures.

The measures themselves are not stored: they are computed from each app's own rows
(measures.py, compute.py). A report made final keeps its numbers (`figures`), so what the
committee saw stays the same whatever is corrected, anonymised or deleted afterwards.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.dashboard.measures import measures
from portal.dashboard.periods import Period


class Tally(models.Model):
    """How many times something anonymous happened on a day: an article read, a self-check
    taken. No cookie, no address, no person: only the name, an optional key (the article) and
    the count (see tallies.py)."""

    name = models.CharField(_("hvad"), max_length=50)
    key = models.CharField(_("nøgle"), max_length=100, blank=True)
    day = models.DateField(_("dag"))
    count = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        verbose_name = _("optælling")
        verbose_name_plural = _("optællinger")
        constraints = [
            models.UniqueConstraint(fields=["name", "key", "day"], name="dashboard_tally_once")
        ]
        indexes = [models.Index(fields=["name", "day"], name="dashboard_tally_name_day_idx")]

    def __str__(self) -> str:
        return f"{self.name} {self.key} {self.day}: {self.count}"


class CommitteeReport(models.Model):
    """The quarterly (or any period's) report to Beskæftigelses- og Integrationsudvalget: the
    measures with charts and the manager's text per success criterion."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        FINAL = "final", _("Endelig")

    title = models.CharField(_("titel"), max_length=200)
    period = models.CharField(
        _("periode"),
        max_length=30,
        help_text=_("Fx »2026-K3« for 3. kvartal 2026, »2026« for hele året eller »2026-09«."),
    )
    introduction = models.TextField(_("indledning"), blank=True)
    text_one_entry = models.TextField(_("tekst om én indgang til rådgivning og viden"), blank=True)
    text_partnerships = models.TextField(_("tekst om partnerskaber"), blank=True)
    text_new_enterprises = models.TextField(
        _("tekst om nye socialøkonomiske virksomheder"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, editable=False
    )
    # The figures as they were when the report was made final (compute.Figure.to_json()).
    figures = models.JSONField(_("tal"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    finalised_at = models.DateTimeField(_("gjort endelig"), null=True, blank=True, editable=False)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gjort endelig af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rapport til udvalget")
        verbose_name_plural = _("rapporter til udvalget")
        ordering = ["-created_at"]
        permissions = [
            ("view_dashboard", _("Kan se strategiens mål")),
            ("finalise_committeereport", _("Kan gøre en rapport til udvalget endelig")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def parsed_period(self) -> Period:
        return Period.parse(self.period)

    def text_for(self, criterion: str) -> str:
        return getattr(self, f"text_{criterion}")


class PublicFigure(models.Model):
    """A key figure the manager chose for the public about page, with the date it was counted.

    The value is counted by a worker job each night (and when the manager saves), so the
    public page reads one stored row and shows the day the number is from."""

    class Scope(models.TextChoices):
        THIS_YEAR = "this_year", _("I år indtil nu")
        LAST_YEAR = "last_year", _("Sidste år")
        NOW = "now", _("I alt i dag")

    measure = models.CharField(_("mål"), max_length=80)
    scope = models.CharField(
        _("opgjort for"),
        max_length=20,
        choices=Scope,
        default=Scope.THIS_YEAR,
        help_text=_(
            "Et mål, der tælles som beholdning (fx virksomheder i registret), er altid "
            "antallet i dag."
        ),
    )
    label = models.CharField(
        _("tekst på siden"),
        max_length=120,
        blank=True,
        help_text=_("Tom: målets eget navn."),
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    value = models.DecimalField(
        _("tal"), max_digits=14, decimal_places=1, null=True, blank=True, editable=False
    )
    counted_on = models.DateField(_("opgjort den"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("nøgletal på siden om portalen")
        verbose_name_plural = _("nøgletal på siden om portalen")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "scope"], name="dashboard_figure_once")
        ]

    def __str__(self) -> str:
        return self.label or self.measure_label

    @property
    def measure_label(self) -> str:
        """The measure's Danish name (its registry name if the app that had it is gone)."""
        measure = measures.get(self.measure)
        return str(measure.label) if measure is not None else self.measure
