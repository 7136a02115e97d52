"""The files an enquirer sent with an answer (CaseAttachment): served to staff only.

The enquirer's status page lists them by name; only staff who may see the case download them,
through the admin view below (each download is written to the privacy log by
portal.files.serve_private_file). The case page lists them with attachments_by_event().
"""

from collections import defaultdict

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from portal.cases.models import Case, CaseAttachment
from portal.files import serve_private_file

# reverse("admin:" + URL_NAME, args=[case.pk, attachment.pk]), or attachment_url().
URL_NAME = "cases_case_attachment"
VIEW_CASE = "cases.view_case"


def attachments_by_event(case: Case) -> dict[int, list[CaseAttachment]]:
    """{event id: the case's attachments sent with that journal entry, in upload order}: one
    query."""
    found: dict[int, list[CaseAttachment]] = defaultdict(list)
    for attachment in CaseAttachment.objects.filter(case=case).order_by("uploaded_at", "pk"):
        found[attachment.event_id].append(attachment)
    return dict(found)


def attachment_url(attachment: CaseAttachment) -> str:
    return reverse(f"admin:{URL_NAME}", args=[attachment.case_id, attachment.pk])


def attachment_urls(case_admin) -> list:
    """URL patterns for CaseAdmin.get_urls(), wrapped in case_admin.admin_site.admin_view."""
    return [
        path(
            "<path:object_id>/bilag/<int:attachment_id>/",
            case_admin.admin_site.admin_view(download_attachment),
            name=URL_NAME,
        )
    ]


def download_attachment(request: HttpRequest, object_id: str, attachment_id: int) -> HttpResponse:
    """One file of one case, to staff who may see cases; 404 for a file of another case."""
    if not request.user.has_perm(VIEW_CASE):
        raise PermissionDenied
    attachment = get_object_or_404(
        CaseAttachment.objects.select_related("case"), pk=attachment_id, case_id=_pk(object_id)
    )
    if not attachment.file or not attachment.file.storage.exists(attachment.file.name):
        raise Http404
    return serve_private_file(
        request,
        file=attachment.file,
        filename=attachment.original_name,
        about=attachment.case.reference,
    )


def _pk(object_id: str) -> int:
    try:
        return int(unquote(object_id))
    except ValueError:
        raise Http404 from None
