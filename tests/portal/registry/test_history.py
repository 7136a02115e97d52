"""Every staff change to a company or contact is recorded with who and when (simple-history)."""

import pytest
from django.urls import reverse

from tests.factories import CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db


def posted_form(response) -> dict:
    """What the browser would post back from an admin change page, unchanged."""
    data = {}

    def add(form) -> None:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = "on" if value is True else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def test_editing_a_company_in_admin_records_who_and_when(caseworker_client, caseworker):
    company = CompanyFactory(name="Café Kernen")
    url = reverse("admin:registry_company_change", args=[company.pk])

    data = posted_form(caseworker_client.get(url)) | {"name": "Café Kernen ApS"}
    response = caseworker_client.post(url, data)

    assert response.status_code == 302
    record = company.history.order_by("-history_date").first()
    assert record.name == "Café Kernen ApS"
    assert record.history_type == "~"
    assert record.history_user == caseworker
    history_page = caseworker_client.get(
        reverse("admin:registry_company_history", args=[company.pk])
    )
    assert "Café Kernen ApS" in history_page.content.decode()


def test_editing_a_contact_in_admin_records_who(caseworker_client, caseworker):
    contact = ContactFactory(name="Mette Hansen")
    url = reverse("admin:registry_contact_change", args=[contact.pk])

    data = posted_form(caseworker_client.get(url)) | {"name": "Mette Lauridsen"}
    response = caseworker_client.post(url, data)

    assert response.status_code == 302
    record = contact.history.order_by("-history_date").first()
    assert (record.name, record.history_user) == ("Mette Lauridsen", caseworker)
