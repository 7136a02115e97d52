from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.validators import (
    normalise_danish_phone,
    validate_danish_phone,
    validate_postcode,
)

MAX_LOGO_BYTES = 1024 * 1024


def validate_logo_size(file) -> None:
    if file.size > MAX_LOGO_BYTES:
        raise ValidationError(_("Logoet må højst fylde 1 MB."), code="logo_too_large")


class SiteSettings(models.Model):
    """The one row that makes the portal the municipality's own: name, contact details, logo.

    Another municipality runs the portal by editing this row in admin, not the code.
    """

    CACHE_KEY = "pages:site-settings"

    municipality_name = models.CharField(_("kommunens navn"), max_length=100)
    department = models.CharField(
        _("afdeling"),
        max_length=150,
        blank=True,
        help_text=_("Den enhed, der svarer på henvendelser, fx “Erhverv og Beskæftigelse”."),
    )
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postnummer"), max_length=4, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("by"), max_length=100, blank=True)
    phone = models.CharField(
        _("telefon"), max_length=20, blank=True, validators=[validate_danish_phone]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    # Read when each e-mail is queued (notifications.services.queue_email), so a change here
    # holds for the next message without a restart.
    sender_name = models.CharField(
        _("afsendernavn på e-mails"),
        max_length=100,
        blank=True,
        help_text=_("Fx “Haderslev Kommune, Socialøkonomi”. Tom: kommunens navn."),
    )
    sender_email = models.EmailField(
        _("afsenderadresse på e-mails"),
        blank=True,
        help_text=_(
            "Den adresse, portalens e-mails sendes fra. Mailserveren skal have lov at sende "
            "fra den. Tom: serverens standardadresse (DEFAULT_FROM_EMAIL)."
        ),
    )
    reply_to_email = models.EmailField(
        _("svaradresse (Reply-To)"),
        blank=True,
        help_text=_(
            "Hvis nogen svarer på en e-mail fra portalen, går svaret hertil, fx jeres fælles "
            "postkasse. Tom: ingen svaradresse, og e-mails beder ikke om svar på e-mailen."
        ),
    )
    website = models.URLField(_("kommunens hjemmeside"), blank=True)
    dpo_email = models.EmailField(
        _("e-mail til databeskyttelsesrådgiveren"),
        blank=True,
        help_text=_("Vises på siden om privatliv."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="site/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"]), validate_logo_size],
        help_text=_("PNG eller JPEG, højst 1 MB. Vises i sidehovedet."),
    )
    accessibility_statement_url = models.URLField(
        _("adresse på tilgængelighedserklæringen"),
        blank=True,
        help_text=_(
            "Kommunens officielle tilgængelighedserklæring for portalen (fx på was.digst.dk)."
        ),
    )

    class Meta:
        verbose_name = _("indstillinger for portalen")
        verbose_name_plural = _("indstillinger for portalen")

    def __str__(self) -> str:
        return self.municipality_name

    def save(self, *args, **kwargs):
        self.pk = 1  # a single row: there is one municipality per installation
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    def clean(self) -> None:
        if self.phone:
            try:
                self.phone = normalise_danish_phone(self.phone)
            except ValidationError as error:
                raise ValidationError({"phone": error}) from None

    @classmethod
    def load(cls) -> "SiteSettings":
        """The settings row, cached so that pages do not pay a query for the header."""
        site = cache.get(cls.CACHE_KEY)
        if site is None:
            from django.conf import settings

            site, _created = cls.objects.get_or_create(
                pk=1, defaults={"municipality_name": settings.MUNICIPALITY_DEFAULTS["name"]}
            )
            cache.set(cls.CACHE_KEY, site, timeout=300)
        return site

    @property
    def logo_url(self) -> str:
        return reverse("pages:logo") if self.logo else ""
