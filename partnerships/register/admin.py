"""The partnership register in the admin: the list with its filters, and the partnership page
with its members, activities and results.

The writes with more to them than a field go through services: a new partnership is started
by start_partnership() (its first status recorded), a change of status by change_status() (dated
and recorded with a note), and the kind is settled from the saved members by settle_kind().
The members are saved after the partnership (save_related), so the kind the members tell is
worked out when the members' formset is cleaned, before anything is saved.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import (
    Partnership,
    PartnershipActivity,
    PartnershipMember,
    PartnershipResult,
)
from partnerships.register import services
from partnerships.register.company_section import COMPANY_PARAMETER
from partnerships.register.selectors import member_names, quiet_condition, with_members
from partnerships.register.workbench import ACTIVITY_CHOICES, ACTIVITY_PARAMETER, QUIET
from portal.admin_display import danish_date
from portal.history import PortalHistoryAdmin
from portal.registry.models import Company


class YearFilter(admin.SimpleListFilter):
    """The year the partnership was registered (created), Copenhagen time."""

    title = _("år")
    parameter_name = "aar"

    def lookups(self, request, model_admin):
        years = Partnership.objects.datetimes("created_at", "year", order="DESC")
        return [(str(year.year), _("Oprettet i %(year)s") % {"year": year.year}) for year in years]

    def queryset(self, request, queryset):
        if (self.value() or "").isdigit():
            return queryset.filter(created_at__year=int(self.value()))
        return queryset


class ActivityFilter(admin.SimpleListFilter):
    """The admin home's tile links here (partnerships.register.workbench)."""

    title = _("aktivitet")
    parameter_name = ACTIVITY_PARAMETER

    def lookups(self, request, model_admin):
        return ACTIVITY_CHOICES

    def queryset(self, request, queryset):
        if self.value() == QUIET:
            return queryset.filter(quiet_condition())
        return queryset


class MemberCompanyFilter(admin.SimpleListFilter):
    """One company's partnerships (the company page's "Vis alle" link); shown only when used."""

    title = _("part")
    parameter_name = COMPANY_PARAMETER

    def lookups(self, request, model_admin):
        if not (self.value() or "").isdigit():
            return []
        company = Company.objects.filter(pk=self.value()).first()
        return [(self.value(), company.name if company else _("Ukendt virksomhed"))]

    def queryset(self, request, queryset):
        if (self.value() or "").isdigit():
            return queryset.filter(members__company_id=int(self.value()))
        return queryset


class PartnershipAdminForm(forms.ModelForm):
    status_note = forms.CharField(
        label=_("Bemærkning til statusændringen"),
        required=False,
        max_length=300,
        help_text=_("Gemmes sammen med datoen, når du ændrer status."),
    )

    class Meta:
        model = Partnership
        fields = ["title", "kind", "purpose", "status", "public", "public_summary"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("public") and not cleaned.get("public_summary", "").strip():
            self.add_error(
                "public_summary",
                _(
                    "Skriv et par linjer til den offentlige side, når partnerskabet vises som "
                    "eksempel."
                ),
            )
        return cleaned


class MemberFormSet(BaseInlineFormSet):
    """The members as posted tell the kind (kept on the partnership as `_derived_kind` for
    save_model) and whether the partnership may be shown publicly."""

    kind_missing = False

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        members = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        companies = [member["company"] for member in members if member.get("company")]
        municipality = sum(1 for member in members if member.get("is_municipality"))
        if municipality > 1:
            raise ValidationError(_("Kommunen er allerede part i partnerskabet."))
        derived = services.derive_kind(companies=companies, with_municipality=bool(municipality))
        self.instance._derived_kind = derived
        if not derived and not self.instance.kind:
            self.kind_missing = True
            raise ValidationError(
                _(
                    "Parterne siger ikke, hvilken slags partnerskab det er: tilføj en "
                    "socialøkonomisk virksomhed som part, eller vælg typen ovenfor."
                )
            )
        if self.instance.public:
            without_consent = [company.name for company in companies if not company.listing_consent]
            if without_consent:
                raise ValidationError(
                    _(
                        "Partnerskabet kan ikke vises som eksempel: %(names)s har ikke sagt ja "
                        "til at blive vist offentligt."
                    )
                    % {"names": ", ".join(without_consent)}
                )


class MemberInline(admin.TabularInline):
    model = PartnershipMember
    formset = MemberFormSet
    fields = ["company", "is_municipality", "contribution"]
    autocomplete_fields = ["company"]
    formfield_overrides = {
        PartnershipMember._meta.get_field("contribution").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 50})
        }
    }

    def get_extra(self, request, obj=None, **kwargs) -> int:
        return 2 if obj is None else 0


class ActivityInline(admin.TabularInline):
    model = PartnershipActivity
    fields = ["date", "kind", "participants", "note", "created_by_display"]
    readonly_fields = ["created_by_display"]
    extra = 0
    formfield_overrides = {
        PartnershipActivity._meta.get_field("note").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 40})
        }
    }

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description=_("registreret af"))
    def created_by_display(self, activity: PartnershipActivity) -> str:
        return _staff_name(activity.created_by) if activity.created_by_id else "–"


class ResultInline(admin.TabularInline):
    model = PartnershipResult
    fields = ["date", "kind", "number", "note"]
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(PortalHistoryAdmin):
    form = PartnershipAdminForm
    inlines = [MemberInline, ActivityInline, ResultInline]
    # Five columns, so the list fits a 1366 px laptop with the sidebar and the filters open.
    list_display = [
        "title",
        "kind",
        "status_display",
        "members_display",
        "last_activity_display",
    ]
    list_filter = [
        "status",
        "kind",
        YearFilter,
        ActivityFilter,
        "public",
        MemberCompanyFilter,
    ]
    search_fields = [
        "title",
        "purpose",
        "members__company__name",
        "=members__company__cvr",
    ]
    readonly_fields = [
        "status_history_display",
        "listings_display",
        "source_case_display",
        "created_by_display",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "kind", "purpose"]}),
        (_("Status"), {"fields": ["status", "status_note", "status_history_display"]}),
        (_("Offentlig visning"), {"fields": ["public", "public_summary"]}),
        (
            _("Baggrund"),
            {
                "fields": [
                    "source_case_display",
                    "listings_display",
                    "created_by_display",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest):
        return with_members(super().get_queryset(request).with_last_activity())

    # --- the list ----------------------------------------------------------------------------

    @admin.display(description=_("parter"))
    def members_display(self, partnership: Partnership) -> str:
        return ", ".join(member_names(partnership)) or "–"

    @admin.display(description=_("seneste aktivitet"), ordering="last_activity_on")
    def last_activity_display(self, partnership: Partnership) -> str:
        return danish_date(partnership.last_activity_on)

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, partnership: Partnership) -> str:
        return format_html(
            '{}<br><span class="help">{}</span>',
            partnership.get_status_display(),
            _("siden %(day)s") % {"day": danish_date(partnership.status_changed_at)},
        )

    # --- the page ----------------------------------------------------------------------------

    @admin.display(description=_("statushistorik"))
    def status_history_display(self, partnership: Partnership) -> str:
        if not partnership.pk:
            return gettext("Den første status gemmes, når partnerskabet oprettes.")
        changes = partnership.status_changes.select_related("changed_by")
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{}: {}{}{}</li>",
                (
                    (
                        danish_date(change.changed_at),
                        change.get_status_display(),
                        format_html(" ({})", _staff_name(change.changed_by))
                        if change.changed_by
                        else "",
                        format_html(". {}", change.note) if change.note else "",
                    )
                    for change in changes
                ),
            ),
        )

    @admin.display(description=_("opslag på partnerskabsbørsen"))
    def listings_display(self, partnership: Partnership) -> str:
        listings = list(partnership.listings.all()) if partnership.pk else []
        if not listings:
            return "–"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((_link(listing),) for listing in listings)),
        )

    @admin.display(description=_("oprettet fra sag"))
    def source_case_display(self, partnership: Partnership) -> str:
        return _link(partnership.source_case) if partnership.source_case_id else "–"

    @admin.display(description=_("oprettet af"))
    def created_by_display(self, partnership: Partnership) -> str:
        return _staff_name(partnership.created_by) if partnership.created_by_id else "–"

    def get_formset_kwargs(self, request: HttpRequest, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # "Opret et partnerskab med virksomheden" on the company page: the company is the first
        # member.
        company = request.GET.get(COMPANY_PARAMETER, "")
        if isinstance(inline, MemberInline) and request.method == "GET" and company.isdigit():
            kwargs["initial"] = [{"company": int(company)}]
        return kwargs

    def render_change_form(self, request, context, *args, **kwargs):
        # The members' formset found no kind: say so next to the kind too.
        form = context["adminform"].form
        if (
            any(
                getattr(inline.formset, "kind_missing", False)
                for inline in context.get("inline_admin_formsets", [])
            )
            and "kind" not in form.errors
        ):
            form.add_error("kind", services.kind_missing_message())
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj: Partnership, form, change: bool) -> None:
        if not change:
            chosen, obj.kind = obj.kind, getattr(obj, "_derived_kind", "") or obj.kind
            services.start_partnership(partnership=obj, by=request.user)
            if chosen and chosen != obj.kind:
                self._say_kind_settled(request, obj)
            return
        new_status = obj.status
        if "status" in form.changed_data:
            obj.status = form.initial["status"]  # changed below, dated and recorded
        if set(form.changed_data) - {"status", "status_note"}:
            super().save_model(request, obj, form, change)
        if new_status != obj.status:
            services.change_status(
                partnership=obj,
                status=new_status,
                by=request.user,
                note=form.cleaned_data.get("status_note", ""),
            )

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not PartnershipActivity:
            super().save_formset(request, form, formset, change)
            return
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            deleted.delete()
        for activity in instances:
            if activity.pk is None:
                activity.created_by = request.user
            activity.save()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        partnership = form.instance
        chosen = partnership.kind
        if services.settle_kind(partnership=partnership) and chosen:
            self._say_kind_settled(request, partnership)

    def _say_kind_settled(self, request: HttpRequest, partnership: Partnership) -> None:
        self.message_user(
            request,
            gettext("Typen er sat til “%(kind)s” ud fra parterne.")
            % {"kind": partnership.get_kind_display()},
            messages.INFO,
        )


def _staff_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _link(obj) -> str:
    """A link to the object's admin page; its name alone if that page is not there."""
    try:
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return str(obj)
    return format_html('<a href="{}">{}</a>', url, obj)
