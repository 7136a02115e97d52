import pytest
from django.urls import reverse

from entrepreneurs.models import ApplicationDraft, GrantApplication
from portal.cases.models import Case
from portal.notifications.models import OutboxMessage
from tests.entrepreneurs.applications.answers import fill_all_steps, post_step, step_url

pytestmark = pytest.mark.django_db


def test_start_creates_a_draft_and_opens_the_first_step(client, scheme):
    response = client.post(reverse("entrepreneurs:scheme-start", args=[scheme.slug]))
    draft = ApplicationDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == step_url(draft, "ansoeger")
    page = client.get(response["Location"])
    assert "Trin 1 af 7: Om dig" in page.content.decode()


def test_whole_application_submits_one_case_with_the_right_data(client, draft):
    fill_all_steps(client, draft)
    response = client.post(step_url(draft, "indsend"), {"action": "submit", "declaration": "on"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.kind == Case.Kind.GRANT
    assert response["Location"] == reverse(
        "entrepreneurs:application-receipt", args=[case.public_token]
    )
    application = GrantApplication.objects.get(case=case)
    assert application.enterprise_name == "Café Kanten"
    assert application.amount_requested == 40_000
    assert application.budget_total == 100_000
    assert [line.item for line in application.budget_lines.all()] == [
        "Kaffemaskine og inventar",
        "Rådgivning",
    ]
    assert case.contact.email == "mette@example.dk"
    receipt = OutboxMessage.objects.get()
    assert receipt.to == "mette@example.dk"
    assert case.reference in receipt.subject
    assert "40.000 kr." in receipt.body
    page = client.get(response["Location"]).content.decode()
    assert "Tak for din ansøgning" in page
    assert "40.000 kr." in page
    draft.refresh_from_db()
    assert draft.submitted_case == case


def test_double_submit_opens_one_case(client, draft):
    fill_all_steps(client, draft)
    for _attempt in range(2):
        client.post(step_url(draft, "indsend"), {"action": "submit", "declaration": "on"})
    assert Case.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_a_scheme_without_de_minimis_does_not_ask_for_it(client, draft):
    draft.scheme.requires_de_minimis = False
    draft.scheme.save()
    page = client.get(step_url(draft, "budget")).content.decode()
    assert "de minimis" not in page
    fill_all_steps(client, draft)
    client.post(step_url(draft, "indsend"), {"action": "submit", "declaration": "on"})
    application = GrantApplication.objects.get()
    assert application.de_minimis_received is None
    assert application.de_minimis_details == ""


def test_a_cvr_number_links_the_case_to_a_draft_company(client, draft):
    fill_all_steps(client, draft)
    post_step(client, draft, "virksomhed", cvr="DK 96 10 01 59")
    client.post(step_url(draft, "indsend"), {"action": "submit", "declaration": "on"})
    case = Case.objects.select_related("company").get()
    assert case.company.cvr == "96100159"
    assert case.company.name == "Café Kanten"
    assert case.contact.company == case.company
    assert GrantApplication.objects.get().cvr == "96100159"


def test_a_wrong_cvr_number_is_refused_at_the_field(client, draft):
    page = post_step(client, draft, "virksomhed", cvr="1234").content.decode()
    assert "Der er problemer" in page
    assert 'value="Café Kanten"' in page


def test_summary_page_queries_do_not_grow_with_the_files(
    client, draft, django_assert_max_num_queries
):
    from entrepreneurs.applications.services import add_attachments
    from tests.entrepreneurs.applications.files import upload

    fill_all_steps(client, draft)
    url = step_url(draft, "indsend")
    client.get(url)
    with django_assert_max_num_queries(8) as before:
        client.get(url)
    add_attachments(draft=draft, files=[(upload(f"{n}.pdf"), f"{n}.pdf") for n in range(4)])
    with django_assert_max_num_queries(len(before)):
        client.get(url)
