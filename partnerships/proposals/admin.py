"""The caseworker's step from a proposal's case page: turn the proposal into a partnership.

The page hangs on an admin for PartnershipProposal (its primary key is the case's) that has no
list or pages of its own: the proposal is read on its case page (case_details.py), and the case
list is the inbox. So the admin is not in the index, and its standard pages refuse everyone.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership, PartnershipProposal
from partnerships.proposals import services
from partnerships.proposals.forms import CreatePartnershipForm
from partnerships.register.services import derive_kind

CREATE_PARTNERSHIP = "partnerships.add_partnership"


def _refuse(form, error: ValidationError) -> None:
    """A service's refusal on the fields it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _kind_label(companies, *, with_municipality: bool) -> str:
    """The kind these members make, as the caseworker reads it; "" when they must choose."""
    kind = derive_kind(companies=companies, with_municipality=with_municipality)
    return Partnership.Kind(kind).label if kind else ""


@admin.register(PartnershipProposal)
class PartnershipProposalAdmin(admin.ModelAdmin):
    def get_model_perms(self, request) -> dict:
        return {}  # not in the admin index: proposals are read on their case page

    def has_view_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        return [
            path(
                "<path:object_id>/opret-partnerskab/",
                self.admin_site.admin_view(self.create_partnership_view),
                name="partnerships_partnershipproposal_create_partnership",
            ),
            *super().get_urls(),
        ]

    def create_partnership_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if not request.user.has_perm(CREATE_PARTNERSHIP):
            raise PermissionDenied
        proposal = get_object_or_404(
            PartnershipProposal.objects.select_related("case__company", "case__contact"),
            pk=unquote(object_id),
        )
        case = proposal.case
        # The page shows the proposer and writes a note on the case: the case's own rule too.
        if not request.user.has_perm("cases.change_case"):
            raise PermissionDenied
        existing = Partnership.objects.filter(source_case=case).first()
        if existing is not None:
            self.message_user(
                request,
                _("Der er allerede oprettet et partnerskab ud fra forslaget."),
                messages.INFO,
            )
            return redirect(existing.get_admin_url())
        form = CreatePartnershipForm(
            request.POST if request.method == "POST" else None,
            initial={"title": Truncator(" ".join(proposal.purpose.split())).chars(100)},
        )
        if request.method == "POST" and form.is_valid():
            try:
                partnership = services.create_partnership_from_proposal(
                    proposal=proposal, by=request.user, **form.service_kwargs()
                )
            except ValidationError as error:
                _refuse(form, error)
            else:
                self.log_addition(request, partnership, [{"added": {}}])
                self.message_user(
                    request,
                    _("Partnerskabet er oprettet ud fra forslaget."),
                    messages.SUCCESS,
                )
                return redirect(partnership.get_admin_url())
        companies = [case.company] if case.company else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Opret partnerskab ud fra forslaget"),
            "subtitle": str(case),
            "case": case,
            "proposal": proposal,
            "form": form,
            "company": case.company,
            "kind_with_municipality": _kind_label(companies, with_municipality=True),
            "kind_without_municipality": _kind_label(companies, with_municipality=False),
            "back_url": reverse("admin:cases_case_change", args=[case.pk]),
        }
        return TemplateResponse(
            request, "partnerships/proposals/admin_create_partnership.html", context
        )
