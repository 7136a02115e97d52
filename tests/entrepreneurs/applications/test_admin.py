import pytest
from django.urls import reverse

from entrepreneurs.applications.services import add_attachments
from entrepreneurs.models import ApplicationAttachment
from portal.privacy.models import PrivacyLogEntry
from tests.entrepreneurs.applications.files import PDF, upload
from tests.entrepreneurs.factories import GrantApplicationFactory, SupportSchemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(scheme):
    application = GrantApplicationFactory(scheme=scheme)
    attachment = ApplicationAttachment(application=application, original_name="plan.pdf", size=10)
    attachment.file.save("plan.pdf", upload("plan.pdf"), save=True)
    return application


def _file_url(application):
    attachment = application.attachments.get()
    return reverse(
        "admin:entrepreneurs_grantapplication_attachment", args=[application.pk, attachment.pk]
    )


def test_caseworker_downloads_an_attachment_and_the_access_is_logged(
    client, caseworker, application
):
    client.force_login(caseworker)
    response = client.get(_file_url(application))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="plan.pdf"' in response["Content-Disposition"]
    entry = PrivacyLogEntry.objects.get(kind=PrivacyLogEntry.Kind.FILE_ACCESS)
    assert entry.user == caseworker
    assert entry.parameters == {"file": "plan.pdf", "about": application.case.reference}


def test_outsider_may_not_download(client, outsider, application):
    client.force_login(outsider)
    assert client.get(_file_url(application)).status_code == 403
    assert not PrivacyLogEntry.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, application):
    response = client.get(_file_url(application))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_case_page_shows_the_application_and_its_actions(client, caseworker, application):
    client.force_login(caseworker)
    page = client.get(reverse("admin:cases_case_change", args=[application.case_id]))
    text = page.content.decode()
    assert "Ansøgning om støtte" in text
    assert "Café Kanten" in text
    assert "Kaffemaskine og inventar: 60.000 kr." in text
    assert "100.000 kr." in text  # the total
    assert "40.000 kr." in text
    assert _file_url(application) in text
    assert reverse("admin:entrepreneurs_grantapplication_print", args=[application.pk]) in text


def test_printable_page_holds_the_whole_application(client, caseworker, application):
    client.force_login(caseworker)
    url = reverse("admin:entrepreneurs_grantapplication_print", args=[application.pk])
    text = client.get(url).content.decode()
    for value in (
        application.case.reference,
        "Mette Jensen",
        "Storegade 12, 6100 Haderslev",
        application.criterion_surplus,
        "Rådgivning",
        "100.000 kr.",
        "plan.pdf",
    ):
        assert value in text


PAGES = {
    "admin:entrepreneurs_supportscheme_changelist": {
        "caseworker": 200,
        "manager": 200,
        "outsider": 403,
    },
    "admin:entrepreneurs_supportscheme_add": {"caseworker": 403, "manager": 200, "outsider": 403},
    "admin:entrepreneurs_grantapplication_changelist": {
        "caseworker": 200,
        "manager": 200,
        "outsider": 403,
    },
}


@pytest.mark.parametrize(
    ("page", "persona", "status"),
    [(page, who, status) for page, row in PAGES.items() for who, status in row.items()],
)
def test_each_persona_reaches_only_their_pages(client, request, page, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(page)).status_code == status


def test_caseworker_sees_a_scheme_but_may_not_change_it(client, caseworker, manager, scheme):
    url = reverse("admin:entrepreneurs_supportscheme_change", args=[scheme.pk])
    client.force_login(caseworker)
    response = client.post(url, {"name": "Ændret"})
    assert response.status_code == 403
    client.force_login(manager)
    page = client.get(url).content.decode()
    assert "Ansøgningsperioder" in page or "ansøgningsperioder" in page


def test_application_list_queries_are_bounded(
    client, caseworker, scheme, django_assert_max_num_queries
):
    for _number in range(5):
        GrantApplicationFactory(scheme=SupportSchemeFactory())
    client.force_login(caseworker)
    url = reverse("admin:entrepreneurs_grantapplication_changelist")
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_add_attachments_refuses_more_than_the_limit_under_lock(draft, settings):
    settings.ENTREPRENEURS_MAX_ATTACHMENTS = 1
    add_attachments(draft=draft, files=[(upload("a.pdf"), "a.pdf")])
    with pytest.raises(Exception, match="højst vedhæfte 1 filer"):
        add_attachments(draft=draft, files=[(upload("b.pdf"), "b.pdf")])


def test_application_page_links_to_its_case(client, caseworker, application):
    client.force_login(caseworker)
    url = reverse("admin:entrepreneurs_grantapplication_change", args=[application.pk])
    page = client.get(url).content.decode()
    assert reverse("admin:cases_case_change", args=[application.case_id]) in page
    assert "plan.pdf" in page


def test_case_details_take_the_same_queries_however_long_the_application(
    application, django_assert_num_queries
):
    from entrepreneurs.applications.case_details import application_details
    from entrepreneurs.models import BudgetLine

    with django_assert_num_queries(3):
        application_details(application.case)
    for number in range(10):
        BudgetLine.objects.create(application=application, position=10 + number, item="x", amount=1)
    with django_assert_num_queries(3):
        details = application_details(application.case)
    assert "Budget i alt" in [row.label for row in details.rows]
