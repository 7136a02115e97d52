from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def validate_portal_path(value: str) -> None:
    """A link to one of the portal's own pages ("/tjek/", "/viden/forretningsplan/")."""
    if not value.startswith("/") or value.startswith("//"):
        raise ValidationError(
            _("Skriv stien til en side på portalen, fx /tjek/ eller /viden/forretningsplan/."),
            code="not_a_path",
        )
    try:
        # Stored as the Danish path (no language prefix), whatever language the admin is in.
        with translation.override("da"):
            resolve(value.split("?")[0].split("#")[0])
    except Resolver404:
        raise ValidationError(
            _("Portalen har ingen side på %(path)s. Tjek stien."),
            code="no_such_page",
            params={"path": value},
        ) from None


class PathStepQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class PathStep(models.Model):
    """One step on the way from idea to enterprise, as the caseworker writes it (in Danish)."""

    position = models.PositiveSmallIntegerField(
        _("placering"), default=10, help_text=_("Trinene vises i rækkefølge efter dette tal.")
    )
    title = models.CharField(_("overskrift"), max_length=120)
    text = models.TextField(
        _("tekst"), help_text=_("Et par linjer om, hvad man gør på dette trin.")
    )
    link_text = models.CharField(_("linkets tekst"), max_length=120)
    link = models.CharField(
        _("link"),
        max_length=200,
        validators=[validate_portal_path],
        help_text=_(
            "Stien til portalens egen side eller artikel, fx /tjek/ eller /viden/forretningsplan/."
        ),
    )
    published = models.BooleanField(_("vises"), default=True)

    history = HistoricalRecords()
    objects = PathStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("trin på vejen til virksomhed")
        verbose_name_plural = _("trin på vejen til virksomhed")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title
