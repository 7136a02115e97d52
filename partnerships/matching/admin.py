"""The matching needs or offers on a listing's admin page, and the button that makes a match a
partnership.

ListingAdmin (the exchange's) inherits this mixin first. The section is the template snippet
admin/partnerships/listing/_matches.html, which the listing's change_form.html includes in
`{% block content %}` after `{{ block.super }}` (outside the change form: each button is a form
of its own). Should the change form in use not include it, render_change_form() wraps it in
change_form_matches.html, which extends that change form and adds the section.
"""

import re

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import get_template, select_template
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from partnerships.matching import selectors, services
from partnerships.matching.forms import PartnershipKindForm
from partnerships.models import Listing, Partnership

MATCHES_TEMPLATE = "admin/partnerships/listing/_matches.html"
FALLBACK_TEMPLATE = "admin/partnerships/listing/change_form_matches.html"
ADD_PARTNERSHIP = "partnerships.add_partnership"

_EXTENDS = re.compile(r"""{%\s*extends\s+["']([^"']+)["']\s*%}""")


def _includes_matches(template_name: str) -> bool:
    """Whether this template, or one it extends, includes the matches snippet."""
    for _level in range(10):
        source = get_template(template_name).template.source
        if MATCHES_TEMPLATE in source:
            return True
        parent = _EXTENDS.search(source)
        if parent is None or parent.group(1) == template_name:
            return False
        template_name = parent.group(1)
    return False


class ListingMatchesAdminMixin:
    """The matching needs or offers on a listing's admin page, each with "Opret partnerskab"."""

    def _listing_url(self, suffix: str, *args) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{suffix}", args=args)

    def _match_url_name(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_match_partnership"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/match/<int:other_id>/partnership/",
                self.admin_site.admin_view(self.match_partnership_view),
                name=self._match_url_name(),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        listing = self.get_object(request, unquote(object_id))
        if listing is not None and self.has_view_or_change_permission(request, listing):
            extra_context = {**(extra_context or {}), **self.matches_context(request, listing)}
        return super().change_view(request, object_id, form_url, extra_context)

    def matches_context(self, request: HttpRequest, listing: Listing) -> dict:
        """`matches` (the Match list) and `match_rows` (each with its links) for the snippet."""
        matches = selectors.matches_for(listing)
        linked = dict(
            Partnership.listings.through.objects.filter(
                partnership__listings=listing,
                listing_id__in=[match.listing.pk for match in matches],
            ).values_list("listing_id", "partnership_id")
        )
        may_add = request.user.has_perm(ADD_PARTNERSHIP) and listing.is_public
        rows = [
            {
                "match": match,
                "admin_url": self._listing_url("change", match.listing.pk),
                "company_url": reverse(
                    "admin:registry_company_change", args=[match.listing.company_id]
                ),
                "partnership_url": (
                    reverse(
                        "admin:partnerships_partnership_change", args=[linked[match.listing.pk]]
                    )
                    if match.listing.pk in linked
                    else ""
                ),
                "create_url": (
                    self._listing_url("match_partnership", listing.pk, match.listing.pk)
                    if may_add
                    else ""
                ),
            }
            for match in matches
        ]
        return {
            "matches": matches,
            "match_rows": rows,
            "matches_heading": (
                _("Passende behov") if listing.kind == Listing.Kind.OFFER else _("Passende tilbud")
            ),
            "matches_listing_public": listing.is_public,
            "match_weights": {
                "category": selectors.SAME_CATEGORY,
                "word": selectors.SHARED_WORD,
                "words": selectors.MAX_SHARED_WORDS,
                "postcode": selectors.SAME_POSTCODE,
                "nearby": selectors.NEARBY,
            },
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )
        if "matches" in context and isinstance(response, TemplateResponse):
            template = select_template(
                [response.template_name]
                if isinstance(response.template_name, str)
                else response.template_name
            )
            if not _includes_matches(template.template.name):
                response.context_data["matches_base_template"] = template.template.name
                response.template_name = FALLBACK_TEMPLATE
        return response

    def _listing_or_404(self, request: HttpRequest, object_id: str) -> Listing:
        listing = self.get_object(request, unquote(object_id))
        if listing is None:
            raise Http404
        if not self.has_view_or_change_permission(request, listing):
            raise PermissionDenied
        return listing

    def match_partnership_view(
        self, request: HttpRequest, object_id: str, other_id: int
    ) -> HttpResponse:
        """POST: make the pair a partnership (or find the one made before). A GET, with the
        same permissions, goes back to the listing's page."""
        if not request.user.has_perm(ADD_PARTNERSHIP):
            raise PermissionDenied
        listing = self._listing_or_404(request, object_id)
        other = Listing.objects.select_related("company").filter(pk=other_id).first()
        if other is None:
            raise Http404
        back = self._listing_url("change", listing.pk)
        if request.method != "POST":
            return redirect(back)
        form = PartnershipKindForm(request.POST if "kind" in request.POST else None)
        kind = form.cleaned_data["kind"] if form.is_bound and form.is_valid() else ""
        try:
            partnership = services.partnership_from_match(
                listing=listing, other=other, by=request.user, kind=kind
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "kind" in error.error_dict:
                return TemplateResponse(
                    request,
                    "admin/partnerships/listing/match_partnership_kind.html",
                    {
                        **self.admin_site.each_context(request),
                        "opts": self.opts,
                        "title": _("Opret partnerskab"),
                        "subtitle": listing.title,
                        "listing": listing,
                        "other": other,
                        "form": form if form.is_bound else PartnershipKindForm(),
                        "reason": error.message_dict["kind"][0],
                        "back_url": back,
                        "changelist_url": self._listing_url("changelist"),
                    },
                )
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return redirect(back)
        if partnership.created_now:
            self.log_addition(
                request,
                partnership,
                _("Oprettet fra match mellem opslagene “%(a)s” og “%(b)s”.")
                % {"a": listing.title, "b": other.title},
            )
            self.message_user(
                request,
                _(
                    "Partnerskabet “%(title)s” er oprettet som idé med %(a)s og %(b)s som parter "
                    "og de to opslag tilknyttet."
                )
                % {
                    "title": partnership.title,
                    "a": listing.company.name,
                    "b": other.company.name,
                },
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("Der er allerede et partnerskab mellem de to opslag: “%(title)s”.")
                % {"title": partnership.title},
                messages.INFO,
            )
        return redirect(partnership.get_admin_url())
