import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from entrepreneurs.models.grants import GrantApplication


class Judgement(models.TextChoices):
    MET = "met", _("Opfyldt")
    NOT_MET = "not_met", _("Ikke opfyldt")
    UNCLEAR = "unclear", _("Uafklaret")


def _judgement(label):
    return models.CharField(label, max_length=10, choices=Judgement, default=Judgement.UNCLEAR)


class Assessment(models.Model):
    """The caseworker's assessment before the decision: the five characteristics, the budget."""

    application = models.OneToOneField(
        GrantApplication,
        verbose_name=_("ansøgning"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="assessment",
    )
    purpose = _judgement(_("socialt, sundheds- eller miljømæssigt formål"))
    sales = _judgement(_("salg af ydelser og/eller produkter"))
    surplus = _judgement(_("geninvestering af overskud"))
    independence = _judgement(_("uafhængighed af den offentlige sektor"))
    cvr = _judgement(_("CVR-nummer"))
    budget_reasonable = _judgement(_("budgettet er rimeligt"))
    notes = models.TextField(_("notater til vurderingen"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vurderet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("senest ændret"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vurdering")
        verbose_name_plural = _("vurderinger")

    def __str__(self) -> str:
        return str(self.application)


def letter_upload_to(instance: "Decision", filename: str) -> str:
    return f"entrepreneurs/decisions/{timezone.now():%Y}/{secrets.token_hex(16)}.pdf"


class Decision(models.Model):
    """A written decision on a grant application, with the letter that was sent.

    A decision is never changed: a correction is a new Decision that `corrects` the one
    before, recorded and sent as its own letter. The database holds one first decision per
    application, and each decision can be corrected once (by the next in the chain).
    """

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Bevilget")
        REJECTED = "rejected", _("Afslag")

    application = models.ForeignKey(
        GrantApplication,
        verbose_name=_("ansøgning"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    outcome = models.CharField(_("afgørelse"), max_length=10, choices=Outcome)
    amount = models.PositiveIntegerField(_("bevilget beløb i kr."), null=True, blank=True)
    conditions = models.TextField(_("vilkår"), blank=True)
    payment_plan = models.TextField(_("udbetaling"), blank=True)
    reasons = models.TextField(_("begrundelse"))
    legal_basis = models.TextField(_("hjemmel"))
    complaint_guidance = models.TextField(_("klagevejledning"))
    complaint_deadline = models.DateField(_("klagefrist"))
    # The calendar year whose pool the grant is counted in.
    pool_year = models.PositiveSmallIntegerField(_("puljeår"))
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("retter afgørelsen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
    )
    correction_reason = models.TextField(_("hvorfor afgørelsen rettes"), blank=True)
    over_pool_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ud over puljen godkendt af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("truffet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("truffet"), default=timezone.now)
    letter_html = models.TextField(_("brev (HTML)"), editable=False)
    letter_pdf = models.FileField(_("brev (PDF)"), upload_to=letter_upload_to, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afgørelse")
        verbose_name_plural = _("afgørelser")
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(corrects__isnull=True),
                name="entrepreneurs_one_first_decision",
            ),
            models.CheckConstraint(
                condition=Q(outcome="rejected", amount__isnull=True)
                | Q(outcome="approved", amount__gt=0),
                name="entrepreneurs_decision_amount_matches_outcome",
            ),
        ]
        indexes = [models.Index(fields=["pool_year", "outcome"], name="entrepreneurs_dec_pool_idx")]

    def __str__(self) -> str:
        return f"{self.application.case.reference}: {self.get_outcome_display()}"

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "correction") or self.correction is None


class Payment(models.Model):
    """An instalment paid out of a grant."""

    application = models.ForeignKey(
        GrantApplication,
        verbose_name=_("ansøgning"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    paid_on = models.DateField(_("udbetalt den"))
    amount = models.PositiveIntegerField(_("beløb i kr."))
    note = models.CharField(_("bemærkning"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("registreret"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("udbetaling")
        verbose_name_plural = _("udbetalinger")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="entrepreneurs_payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.application.case.reference}: {self.amount} kr."
