from django import forms
from django.contrib import admin
from django.db import models
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.exports import Column, ExportMixin
from portal.history import PortalHistoryAdmin
from portal.registry import dialogue
from portal.registry.collation import COLLATION
from portal.registry.forms import CvrField, DanishPhoneField
from portal.registry.models import Company, Contact
from portal.registry.services import deletion_blockers, deletion_refusal
from portal.registry.timeline import company_sections


class PurposeFilter(admin.SimpleListFilter):
    title = _("Formål")
    parameter_name = "purpose"
    FIELDS = {
        "social": "purpose_social",
        "health": "purpose_health",
        "environment": "purpose_environment",
    }

    def lookups(self, request, model_admin):
        return [
            ("social", _("Socialt")),
            ("health", _("Sundhed")),
            ("environment", _("Miljø")),
            ("none", _("Intet formål angivet")),
        ]

    def queryset(self, request, queryset):
        if self.value() in self.FIELDS:
            return queryset.filter(**{self.FIELDS[self.value()]: True})
        if self.value() == "none":
            return queryset.filter(**dict.fromkeys(self.FIELDS.values(), False))
        return queryset


def https_formfield(field: models.Field, **kwargs) -> forms.Field | None:
    # A website typed without a scheme is https (Django 6's default; 5.2 warns about http).
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ArrivalFilter(admin.SimpleListFilter):
    """New in the municipality: started here, moved here, or either in one of the last years."""

    title = _("Ny i kommunen")
    parameter_name = "arrival"
    # The years offered, this one first: a fixed list, so the changelist asks no more queries.
    YEARS = 5

    def lookups(self, request, model_admin):
        this_year = timezone.localdate().year
        return [
            (Company.Arrival.ESTABLISHED, _("Startet i kommunen")),
            (Company.Arrival.ATTRACTED, _("Flyttet til kommunen")),
            *(
                (str(year), gettext("Ny i %(year)s") % {"year": year})
                for year in range(this_year, this_year - self.YEARS, -1)
            ),
        ]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value in Company.Arrival.values:
            return queryset.filter(arrival=value)
        if value.isdigit():
            return queryset.filter(arrived_on__year=int(value))
        return queryset


class CompanyAdminForm(forms.ModelForm):
    class Meta:
        model = Company
        # The admin takes the fields from CompanyAdmin.fieldsets.
        fields = ["name", "cvr", "phone", "website"]
        field_classes = {"cvr": CvrField, "phone": DanishPhoneField}
        formfield_callback = https_formfield


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "email", "phone", "company", "role"]
        field_classes = {"phone": DanishPhoneField}


class ContactInline(admin.TabularInline):
    model = Contact
    form = ContactForm
    fields = ["name", "role", "email", "phone"]
    extra = 0


COMPANY_EXPORT_COLUMNS = [
    Column(_("Navn"), lambda company: company.name),
    Column(_("CVR-nummer"), lambda company: company.cvr),
    Column(_("Type"), lambda company: company.get_kind_display()),
    Column(_("Adresse"), lambda company: company.address),
    Column(_("Postnummer"), lambda company: company.postcode),
    Column(_("By"), lambda company: company.city),
    Column(_("Branche"), lambda company: company.industry),
    Column(_("E-mail"), lambda company: company.email),
    Column(_("Telefon"), lambda company: company.phone),
    Column(_("Formål"), lambda company: ", ".join(company.purposes)),
    Column(_("Registreret som RSV"), lambda company: company.rsv_registered),
    Column(_("RSV-registreret den"), lambda company: company.rsv_registered_on),
    Column(_("Ny i kommunen"), lambda company: company.get_arrival_display()),
    Column(_("Startet eller flyttet hertil den"), lambda company: company.arrived_on),
    Column(_("Må vises offentligt"), lambda company: company.listing_consent),
    Column(_("Oprettet"), lambda company: company.created_at),
]


@admin.register(Company)
class CompanyAdmin(ExportMixin, PortalHistoryAdmin):
    form = CompanyAdminForm
    # The company's whole history with the municipality (portal.registry.timeline), then the form.
    change_form_template = "admin/registry/company/change_form.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["display_name", "cvr", "kind", "city", "rsv_registered", "listing_consent"]
    list_filter = [
        "kind",
        PurposeFilter,
        "rsv_registered",
        ArrivalFilter,
        "listing_consent",
        "needs_review",
    ]
    search_fields = ["cvr", "name", "city"]
    readonly_fields = ["needs_review", "listing_consent_at", "created_at", "updated_at"]
    export_columns = COMPANY_EXPORT_COLUMNS
    export_name = "virksomheder"
    inlines = [ContactInline]
    fieldsets = [
        (
            _("Virksomhed"),
            {"fields": ["name", "cvr", "kind", "industry", "description", "needs_review"]},
        ),
        (
            _("Kontakt"),
            {"fields": ["address", ("postcode", "city"), "email", "phone", "website"]},
        ),
        (
            _("Formål"),
            {
                "fields": ["purpose_social", "purpose_health", "purpose_environment"],
                "description": _("En socialøkonomisk virksomhed har mindst ét af de tre formål."),
            },
        ),
        (
            _("Kommunens vurdering (de fem kendetegn)"),
            {
                "fields": [
                    "has_social_purpose",
                    "sells_goods_or_services",
                    "reinvests_surplus",
                    "independent_of_public_sector",
                    "has_cvr_number",
                ],
                "description": _(
                    "Kommunens egen vurdering efter strategiens definition. Den er ikke det "
                    "samme som registrering som RSV hos Erhvervsstyrelsen."
                ),
            },
        ),
        (_("Registrering (RSV)"), {"fields": ["rsv_registered", "rsv_registered_on"]}),
        (
            _("Ny i kommunen"),
            {
                "fields": ["arrival", "arrived_on"],
                "description": _(
                    "Udfyld, når en socialøkonomisk virksomhed er startet i kommunen eller "
                    "flyttet hertil. Det tæller med i strategiens mål for nye virksomheder. "
                    "Den sag, der førte til det, markeres på sagen."
                ),
            },
        ),
        (
            _("Offentlig visning"),
            {"fields": ["listing_consent", "listing_consent_at", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description=_("navn"), ordering=Collate("name", COLLATION))
    def display_name(self, company: Company) -> str:
        return company.name

    def save_model(self, request, obj, form, change) -> None:
        # A caseworker who saves the company has looked at it: a draft from a public form is
        # no longer only the visitor's word (the dashboard counts it from now on).
        obj.needs_review = False
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A company with cases (or anything else that must outlive it) is kept: no "Slet"
        # button, and its delete page answers 403. The list's delete action shows Django's own
        # "protected objects" page.
        if obj is not None and self._deletion_blockers(obj):
            return False
        return super().has_delete_permission(request, obj)

    def _deletion_blockers(self, company: Company) -> list[str]:
        # Asked several times for one page: once per company object.
        if not hasattr(company, "_deletion_blockers"):
            company._deletion_blockers = deletion_blockers(company)
        return company._deletion_blockers

    def get_urls(self):
        # The dialogue's lists (due contacts, not contacted lately) live under the companies.
        return [*dialogue.admin_urls(self), *super().get_urls()]

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.pk:
            sections = company_sections(obj, user=request.user)
            # What is planned with the company, of every kind, first (portal/registry/dialogue.py).
            planned = dialogue.planned_contacts_section(obj, user=request.user)
            context["company_sections"] = [planned, *sections] if planned else sections
            context["company_sections_empty"] = [
                section for section in context["company_sections"] if not section.rows
            ]
            # Said to whoever could otherwise delete companies, where the button would be.
            blockers = self._deletion_blockers(obj)
            if blockers and super().has_delete_permission(request, obj):
                context["deletion_refusal"] = deletion_refusal(blockers)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


@admin.register(Contact)
class ContactAdmin(PortalHistoryAdmin):
    list_display = ["display_name", "email", "phone", "role", "company"]
    search_fields = ["name", "email", "company__name", "company__cvr"]
    list_select_related = ["company"]
    autocomplete_fields = ["company"]
    form = ContactForm

    @admin.display(description=_("navn"), ordering=Collate("name", COLLATION))
    def display_name(self, contact: Contact) -> str:
        return contact.name
