import pytest

from entrepreneurs.models import ApplicationAttachment, GrantApplication
from portal.files import MEGABYTE
from tests.entrepreneurs.applications.answers import fill_all_steps, post_step, step_url
from tests.entrepreneurs.applications.files import EXE, PDF, PNG, upload

pytestmark = pytest.mark.django_db


def _upload(client, draft, *files, action="upload"):
    return client.post(step_url(draft, "bilag"), {"files": list(files), "action": action})


def test_allowed_files_are_stored_privately_and_listed(client, draft, settings):
    response = _upload(client, draft, upload("forretningsplan.pdf"), upload("logo.png", PNG))
    assert response.status_code == 302
    names = sorted(a.original_name for a in ApplicationAttachment.objects.filter(draft=draft))
    assert names == ["forretningsplan.pdf", "logo.png"]
    stored = ApplicationAttachment.objects.get(original_name="forretningsplan.pdf")
    # A random name under MEDIA_ROOT, not the one the applicant chose.
    assert "forretningsplan" not in stored.file.name
    assert stored.file.read() == PDF
    page = client.get(step_url(draft, "bilag")).content.decode()
    assert "forretningsplan.pdf" in page


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("program.exe", EXE, "Filtypen »exe« er ikke tilladt."),
        ("budget.pdf", EXE, "Filens indhold passer ikke til filtypen »pdf«."),
        ("stor.pdf", PDF + b"\x00" * (2 * MEGABYTE), "Filen er for stor."),
    ],
)
def test_refused_files_are_named_and_the_others_kept(
    client, draft, settings, name, content, reason
):
    settings.ENTREPRENEURS_ATTACHMENT_MEGABYTES = 1
    post_step(client, draft, "ansoeger")
    response = _upload(client, draft, upload("plan.pdf"), upload(name, content))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"»{name}« blev ikke gemt" in page
    assert reason in page
    assert [a.original_name for a in draft.attachments.all()] == ["plan.pdf"]
    draft.refresh_from_db()
    assert draft.answers["ansoeger"]["name"] == "Mette Jensen"


def test_a_sixth_file_is_refused_by_name(client, draft):
    _upload(client, draft, *(upload(f"bilag-{number}.pdf") for number in range(1, 5)))
    page = _upload(client, draft, upload("bilag-5.pdf"), upload("bilag-6.pdf")).content.decode()
    assert "»bilag-6.pdf« blev ikke gemt: du kan højst vedhæfte 5 filer." in page
    assert draft.attachments.count() == 5


def test_a_file_can_be_removed(client, draft):
    _upload(client, draft, upload("plan.pdf"))
    attachment = draft.attachments.get()
    response = client.post(step_url(draft, "bilag"), {"action": f"remove:{attachment.pk}"})
    assert response.status_code == 302
    assert not draft.attachments.exists()
    assert not attachment.file.storage.exists(attachment.file.name)


def test_submitted_attachments_move_to_the_application(client, draft):
    fill_all_steps(client, draft)
    _upload(client, draft, upload("plan.pdf"))
    client.post(step_url(draft, "indsend"), {"action": "submit", "declaration": "on"})
    application = GrantApplication.objects.get()
    assert [a.original_name for a in application.attachments.all()] == ["plan.pdf"]
    assert application.attachments.get().draft is None
