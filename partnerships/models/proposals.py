"""A partnership proposal from the public form: the details of a Case of kind PARTNERSHIP."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnershipProposal(models.Model):
    class Role(models.TextChoices):
        SOCIAL_ECONOMY = "social_economy", _("Socialøkonomisk virksomhed")
        COMPANY = "company", _("Ordinær virksomhed")
        ASSOCIATION = "association", _("Forening eller frivillig organisation")
        PUBLIC = "public", _("Offentlig institution")
        CITIZEN = "citizen", _("Privatperson eller iværksætter")

    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("sag"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="partnership_proposal",
    )
    role = models.CharField(_("forslagsstilleren er"), max_length=20, choices=Role)
    organisation = models.CharField(_("virksomhed eller organisation"), max_length=200, blank=True)
    partners = models.TextField(
        _("med hvem"), help_text=_("Hvem vil du gerne lave partnerskabet med?")
    )
    purpose = models.TextField(_("det fælles tredje"))
    needs_from_municipality = models.TextField(_("det har I brug for fra kommunen"), blank=True)

    class Meta:
        verbose_name = _("forslag om partnerskab")
        verbose_name_plural = _("forslag om partnerskab")

    def __str__(self) -> str:
        return str(self.case)
