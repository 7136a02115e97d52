"""The caseworker's moderation of the exchange: the listings, approve and reject, the messages.

Status changes only through services.approve_listing() / reject_listing() (buttons on the
listing's page and a bulk action), so each is in the listing's history with its reason and in
the admin's log. Listings come only from the public form (no add), are never deleted here
(withdrawn by the poster, anonymised by retention), and their messages are read-only.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnerships.exchange import services
from partnerships.exchange.forms import RejectForm
from partnerships.exchange.selectors import listings_changed
from partnerships.matching.admin import ListingMatchesAdminMixin
from partnerships.models import Listing
from portal.admin_display import danish_date, flagged
from portal.history import PortalHistoryAdmin

CHANGE = "partnerships.change_listing"


class ExpiredFilter(admin.SimpleListFilter):
    title = gettext_lazy("Udløbet")
    parameter_name = "udloebet"

    def lookups(self, request, model_admin):
        return [("ja", gettext_lazy("Ja")), ("nej", gettext_lazy("Nej"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "ja":
            return queryset.filter(valid_until__lt=today)
        if self.value() == "nej":
            return queryset.filter(valid_until__gte=today)
        return queryset


@admin.register(Listing)
class ListingAdmin(ListingMatchesAdminMixin, PortalHistoryAdmin):
    # Five columns, so the list fits a 1366 px laptop with the sidebar and the filters open
    # (when a listing came in: the date bar above the list, and its page).
    list_display = [
        "title",
        "kind_and_category",
        "status",
        "company_name",
        "valid_until_display",
    ]
    list_filter = ["status", "kind", "category", ExpiredFilter]
    list_select_related = ["company"]
    search_fields = ["title", "description", "company__name", "company__cvr", "postcode"]
    date_hierarchy = "created_at"
    actions = ["approve_selected"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "kind",
                    "category",
                    "title",
                    "description",
                    "postcode",
                    "valid_until",
                ]
            },
        ),
        (
            gettext_lazy("Virksomhed og kontaktperson"),
            {"fields": ["company", "contact_display", "show_company", "notify_matches"]},
        ),
        (
            gettext_lazy("Beskeder til virksomheden"),
            {"fields": ["messages_display"]},
        ),
        (
            gettext_lazy("Behandling"),
            {
                "fields": [
                    "created_at",
                    "reviewed_at",
                    "reviewed_by",
                    "published_at",
                    "withdrawn_at",
                    "public_link",
                ]
            },
        ),
    ]
    readonly_fields = [
        "messages_display",
        "status",
        "rejection_reason",
        "kind",
        "company",
        "contact_display",
        "show_company",
        "notify_matches",
        "created_at",
        "reviewed_at",
        "reviewed_by",
        "published_at",
        "withdrawn_at",
        "public_link",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company", "contact", "reviewed_by")

    def has_add_permission(self, request) -> bool:
        # Listings come from the public form, with the poster's private link and e-mail.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Rejected or withdrawn instead; retention anonymises the contact when it is time.
        return False

    def get_ordering(self, request):
        # Those waiting for the caseworker first, then the newest.
        waiting_first = Case(When(status=Listing.Status.PENDING, then=0), default=1)
        return [waiting_first.asc(), "-created_at", "-pk"]

    @admin.display(description=gettext_lazy("type"), ordering="kind")
    def kind_and_category(self, listing: Listing) -> str:
        return f"{listing.get_kind_display()}: {listing.get_category_display()}"

    @admin.display(description=gettext_lazy("virksomhed"), ordering="company__name")
    def company_name(self, listing: Listing) -> str:
        return listing.company.name

    @admin.display(description=gettext_lazy("gælder til og med"), ordering="valid_until")
    def valid_until_display(self, listing: Listing) -> str:
        if listing.is_expired:
            return flagged(danish_date(listing.valid_until), _("udløbet"))
        return danish_date(listing.valid_until)

    @admin.display(description=gettext_lazy("sendt gennem kontaktformularen"))
    def messages_display(self, listing: Listing):
        # A plain table rather than an inline: read only, with a header for every column.
        sent = list(listing.messages.order_by("-sent_at", "-pk")) if listing.pk else []
        if not sent:
            return _("Ingen beskeder endnu.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    _("%(day)s kl. %(time)s")
                    % {
                        "day": danish_date(timezone.localtime(message.sent_at)),
                        "time": timezone.localtime(message.sent_at).strftime("%H.%M"),
                    },
                    message.sender_name,
                    " · ".join(p for p in (message.sender_email, message.sender_phone) if p),
                    message.sender_company or "–",
                    linebreaksbr(message.message),
                )
                for message in sent
            ),
        )
        return format_html(
            '<table class="listing-messages"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("Sendt"),
            _("Afsender"),
            _("Kontakt"),
            _("Virksomhed eller forening"),
            _("Besked"),
            rows,
        )

    @admin.display(description=gettext_lazy("kontaktperson"))
    def contact_display(self, listing: Listing) -> str:
        contact = listing.contact
        parts = [contact.name, contact.email, contact.phone]
        return " · ".join(part for part in parts if part)

    @admin.display(description=gettext_lazy("offentlig side"))
    def public_link(self, listing: Listing):
        if not listing.is_public:
            return _("Vises ikke offentligt")
        url = listing.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    # --- approve and reject -----------------------------------------------------------------

    def get_urls(self):
        def view(function, name: str, route: str):
            return path(
                f"<path:object_id>/{route}/",
                self.admin_site.admin_view(function),
                name=f"partnerships_listing_{name}",
            )

        return [
            view(self.approve_view, "approve", "godkend"),
            view(self.reject_view, "reject", "afvis"),
            *super().get_urls(),
        ]

    def _listing(self, request: HttpRequest, object_id: str) -> Listing:
        if not request.user.has_perm(CHANGE):
            raise PermissionDenied
        listing = self.get_object(request, unquote(object_id))
        if listing is None:
            raise Http404
        return listing

    def _back(self, listing: Listing) -> HttpResponse:
        return redirect("admin:partnerships_listing_change", listing.pk)

    def approve_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Acts on a POST (the button on the listing's page); a GET goes back to the listing."""
        listing = self._listing(request, object_id)
        if request.method != "POST":
            return self._back(listing)
        was_public = listing.status == Listing.Status.PUBLISHED
        try:
            services.approve_listing(
                listing=listing, by=request.user, seen_version=request.POST.get("version", "")
            )
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return self._back(listing)
        if was_public:
            self.message_user(request, _("Opslaget var allerede godkendt."), messages.INFO)
        else:
            self.log_change(request, listing, _("Godkendt"))
            self.message_user(
                request,
                _("Opslaget er godkendt og vises nu på børsen. Virksomheden har fået en e-mail."),
                messages.SUCCESS,
            )
        return self._back(listing)

    def reject_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        listing = self._listing(request, object_id)
        form = RejectForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.reject_listing(
                    listing=listing, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                self.log_change(
                    request,
                    listing,
                    _("Afvist: %(reason)s") % {"reason": form.cleaned_data["reason"]},
                )
                self.message_user(
                    request,
                    _("Opslaget er afvist. Virksomheden har fået begrundelsen på e-mail."),
                    messages.SUCCESS,
                )
                return self._back(listing)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Afvis opslaget"),
            "subtitle": listing.title,
            "listing": listing,
            "original": listing,
            "form": form,
            "back_url": reverse("admin:partnerships_listing_change", args=[listing.pk]),
        }
        return TemplateResponse(request, "admin/partnerships/listing/reject.html", context)

    @admin.action(description=gettext_lazy("Godkend de valgte opslag"), permissions=["change"])
    def approve_selected(self, request: HttpRequest, queryset) -> None:
        approved = 0
        # Only those waiting: a rejected listing is approved only from its own page, read again.
        skipped = queryset.exclude(status=Listing.Status.PENDING).count()
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d opslag venter ikke på godkendelse og er sprunget over.",
                    "%(count)d opslag venter ikke på godkendelse og er sprunget over.",
                    skipped,
                )
                % {"count": skipped},
                messages.INFO,
            )
        for listing in queryset.filter(status=Listing.Status.PENDING):
            try:
                services.approve_listing(listing=listing, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{listing.title}: {' '.join(error.messages)}", messages.WARNING
                )
            else:
                self.log_change(request, listing, _("Godkendt"))
                approved += 1
        if approved:
            self.message_user(
                request,
                _("%(count)d opslag er godkendt, og virksomhederne har fået en e-mail.")
                % {"count": approved},
                messages.SUCCESS,
            )

    def save_model(self, request, obj, form, change) -> None:
        # A caseworker's correction of the text (a typo, a personal detail): in the history with
        # who and why; the status changes only by the buttons.
        obj._change_reason = _("Rettet af sagsbehandler")
        obj._history_user = request.user
        super().save_model(request, obj, form, change)
        listings_changed()

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and request.user.has_perm(CHANGE):
            context["may_moderate"] = obj.status != Listing.Status.WITHDRAWN
            context["approve_url"] = reverse("admin:partnerships_listing_approve", args=[obj.pk])
            context["listing_version"] = services.listing_version(obj)
            context["reject_url"] = reverse("admin:partnerships_listing_reject", args=[obj.pk])
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
