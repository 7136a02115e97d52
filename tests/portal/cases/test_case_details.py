"""What an app knows about a case, on the case page: rows, private attachments and actions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from portal.cases.details import (
    Action,
    Attachment,
    CaseDetails,
    CaseDetailsProvider,
    DetailRow,
    case_details,
    case_details_providers,
)
from portal.cases.models import Case
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def grant_details(case: Case) -> CaseDetails | None:
    if case.kind != Case.Kind.GRANT:
        return None
    return CaseDetails(
        title="Ansøgningen",
        rows=[DetailRow("Beløb", "25.000 kr.")],
        attachments=[
            Attachment("Budget.pdf", f"/admin/bilag/{case.pk}/budget/", size=1_258_291),
            Attachment("Vedtægter", f"/admin/bilag/{case.pk}/vedtaegter/", note="Eftersendes"),
        ],
        actions=[
            Action("Bevilg", f"/admin/bevilling/{case.pk}/", permission="cases.change_case"),
            Action("Se ansøgerens side", "/ansoegning/abc/"),
        ],
    )


@pytest.fixture
def grants():
    with case_details_providers.only(CaseDetailsProvider(name="grant", build=grant_details)):
        yield


def _page(client, case):
    return client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()


def test_the_case_page_shows_rows_attachments_and_actions(grants, caseworker_client):
    case = CaseFactory(kind=Case.Kind.GRANT)

    html = _page(caseworker_client, case)

    assert "Ansøgningen" in html
    assert "25.000 kr." in html
    assert f'<a href="/admin/bilag/{case.pk}/budget/">Budget.pdf</a>' in html
    assert "(1,2\xa0MB)" in html
    assert "Eftersendes" in html
    assert f'href="/admin/bevilling/{case.pk}/">Bevilg</a>' in html
    assert ">Se ansøgerens side</a>" in html


def test_an_action_is_shown_only_to_a_user_with_its_permission(grants, django_user_model):
    case = CaseFactory(kind=Case.Kind.GRANT)
    reader = django_user_model.objects.create_user(username="laeser", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_case"))

    (details,) = case_details(case, user=reader)

    assert [action.label for action in details.actions] == ["Se ansøgerens side"]


def test_a_provider_that_does_not_know_the_case_adds_nothing(grants, caseworker, caseworker_client):
    case = CaseFactory(kind=Case.Kind.ADVICE)

    assert case_details(case, user=caseworker) == []
    assert "Ansøgningen" not in _page(caseworker_client, case)
