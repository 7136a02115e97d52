"""The enquirer answers back from their status page `/sag/<token>/`, and staff open the files."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from portal.cases import services
from portal.cases.attachments import URL_NAME, attachment_url, attachments_by_event
from portal.cases.models import Case, CaseAttachment, CaseEvent
from portal.privacy import services as privacy
from portal.privacy.models import PrivacyLogEntry
from tests.portal.cases.factories import CaseFactory
from tests.portal.privacy.factories import closed_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def pdf(name: str = "budget.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def waiting_case(caseworker):
    case = CaseFactory()
    services.reply(case=case, text="Vi har brug for jeres budget.", by=caseworker)
    services.change_status(
        case=case, to=Case.Status.WAITING, by=caseworker, share_with_enquirer=False
    )
    return case


def answers(case: Case):
    return case.events.filter(kind=CaseEvent.Kind.ENQUIRER_REPLY)


# The page ------------------------------------------------------------------------------------


def test_the_page_shows_our_replies_and_a_form_to_answer(client, waiting_case):
    page = client.get(waiting_case.get_absolute_url()).content.decode()

    assert "Vi har brug for jeres budget." in page
    assert "Svar os" in page
    assert 'enctype="multipart/form-data"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "Dit svar" in page
    assert "Vedhæft filer" in page
    assert "Du kan vedhæfte op til 3 filer." in page
    assert "Højst 10 MB." in page
    assert "Send dit svar" in page


def test_an_answer_with_files_lands_in_the_journal_and_goes_back_to_the_caseworker(
    client, waiting_case, media
):
    response = client.post(
        waiting_case.get_absolute_url(),
        {"text": "Her er budgettet.\nVenlig hilsen Mette", "files": [pdf(), pdf("logo.png", PNG)]},
    )

    assert response.status_code == 302
    assert response.url == waiting_case.get_absolute_url()
    answer = answers(waiting_case).get()
    assert answer.text == "Her er budgettet.\nVenlig hilsen Mette"
    assert answer.shared_with_enquirer
    assert answer.author is None
    files = list(answer.attachments.order_by("pk"))
    assert [(f.original_name, f.size) for f in files] == [
        ("budget.pdf", len(PDF)),
        ("logo.png", len(PNG)),
    ]
    assert all(f.case_id == waiting_case.pk for f in files)
    assert len(stored_files(media)) == 2
    waiting_case.refresh_from_db()
    assert waiting_case.status == Case.Status.IN_PROGRESS
    assert waiting_case.enquirer_replied_at == answer.created_at
    # Going back is the municipality's internal business, in Danish.
    back = waiting_case.events.filter(kind=CaseEvent.Kind.STATUS_CHANGE).latest("pk")
    assert (back.new_status, back.text, back.shared_with_enquirer) == (
        Case.Status.IN_PROGRESS,
        "Henvenderen har svaret.",
        False,
    )


def test_after_answering_the_page_confirms_and_shows_the_answer_with_its_files_by_name(
    client, waiting_case
):
    response = client.post(
        waiting_case.get_absolute_url(),
        {"text": "Her er budgettet.", "files": [pdf()]},
        follow=True,
    )

    page = response.content.decode()
    assert "Tak for dit svar. Vi har fået det, og det står nu under Beskeder." in page
    assert "Dit svar" in page and "Her er budgettet." in page
    assert "budget.pdf" in page
    # Listed, not linked: the file is the municipality's to open.
    attachment = CaseAttachment.objects.get()
    assert attachment.file.name not in page
    assert "/bilag/" not in page
    assert "Under behandling" in page


def test_an_answer_to_a_case_in_progress_keeps_its_status(client, caseworker):
    case = CaseFactory()
    services.change_status(case=case, to=Case.Status.IN_PROGRESS, by=caseworker)

    client.post(case.get_absolute_url(), {"text": "Jeg har også et spørgsmål om moms."})

    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS
    assert case.enquirer_replied_at is not None
    assert answers(case).get().text == "Jeg har også et spørgsmål om moms."


def test_a_file_alone_is_an_answer(client, waiting_case):
    response = client.post(waiting_case.get_absolute_url(), {"text": "", "files": [pdf()]})

    assert response.status_code == 302
    assert answers(waiting_case).get().text == ""
    assert CaseAttachment.objects.count() == 1


def test_hostile_text_is_cleaned_before_it_is_stored_and_escaped_when_shown(client, waiting_case):
    client.post(
        waiting_case.get_absolute_url(),
        {"text": "Se fdp.\u202eexe\x00 <script>alert(1)</script>\r\nTak"},
    )

    answer = answers(waiting_case).get()
    assert answer.text == "Se fdp.exe <script>alert(1)</script>\nTak"
    page = client.get(waiting_case.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Tak" in page
    assert "<script>alert(1)" not in page


def test_a_file_name_is_cleaned_as_typed_text_is(client, waiting_case):
    client.post(waiting_case.get_absolute_url(), {"files": [pdf("budget\u202e.pdf")]})

    assert CaseAttachment.objects.get().original_name == "budget.pdf"


# Refused answers: a message, and nothing stored -------------------------------------------------


def assert_nothing_stored(case: Case, media: Path) -> None:
    assert not answers(case).exists()
    assert not CaseAttachment.objects.exists()
    assert stored_files(media) == []
    case.refresh_from_db()
    assert case.enquirer_replied_at is None


def test_an_empty_answer_is_refused(client, waiting_case, media):
    response = client.post(waiting_case.get_absolute_url(), {"text": "  \n "})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Der er problemer" in page
    assert "Skriv dit svar, eller vedhæft en fil." in page
    assert "<title>Fejl:" in page
    assert_nothing_stored(waiting_case, media)
    waiting_case.refresh_from_db()
    assert waiting_case.status == Case.Status.WAITING


def test_a_file_of_the_wrong_type_refuses_the_whole_answer_and_keeps_the_text(
    client, waiting_case, media
):
    response = client.post(
        waiting_case.get_absolute_url(),
        {
            "text": "Her er begge filer.",
            "files": [pdf(), SimpleUploadedFile("program.exe", b"MZ\x90\x00")],
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "»program.exe«: Filtypen »exe« er ikke tilladt." in page
    assert "Dit svar er ikke sendt. Vælg filerne igen, og send svaret igen." in page
    assert "Her er begge filer." in page
    assert_nothing_stored(waiting_case, media)


def test_a_renamed_file_is_refused_by_its_content(client, waiting_case, media):
    response = client.post(
        waiting_case.get_absolute_url(), {"files": [pdf("budget.pdf", b"MZ\x90\x00 not a pdf")]}
    )

    assert "Filens indhold passer ikke til filtypen »pdf«." in response.content.decode()
    assert_nothing_stored(waiting_case, media)


def test_a_file_too_large_is_refused(client, waiting_case, media):
    big = pdf("stor.pdf", PDF + b"0" * (10 * 1024 * 1024))

    response = client.post(waiting_case.get_absolute_url(), {"files": [big]})

    assert "Filen er for stor. En fil må højst fylde 10 MB." in response.content.decode()
    assert_nothing_stored(waiting_case, media)


def test_more_than_three_files_are_refused(client, waiting_case, media):
    response = client.post(
        waiting_case.get_absolute_url(), {"files": [pdf(f"bilag-{n}.pdf") for n in range(4)]}
    )

    assert "Du kan højst vedhæfte 3 filer ad gangen. Du valgte 4." in response.content.decode()
    assert_nothing_stored(waiting_case, media)


def test_a_text_too_long_is_refused_and_kept(client, waiting_case, media):
    response = client.post(waiting_case.get_absolute_url(), {"text": "x" * 5001})

    page = response.content.decode()
    assert "Dit svar må højst være 5000 tegn. Det er nu 5001 tegn." in page
    assert "x" * 5001 in page
    assert_nothing_stored(waiting_case, media)


def test_a_closed_case_shows_no_form_but_where_to_write(client, caseworker):
    case = CaseFactory()
    services.change_status(case=case, to=Case.Status.CLOSED, by=caseworker)

    page = client.get(case.get_absolute_url()).content.decode()

    assert "Sagen er afsluttet, så du kan ikke længere svare her." in page
    assert (
        f'href="{reverse("pages:about")}#contact-heading">Har du et nyt spørgsmål, så kontakt os.'
        in page
    )
    assert "Send dit svar" not in page
    assert 'enctype="multipart/form-data"' not in page


def test_an_answer_to_a_closed_case_is_409_and_stores_nothing(client, caseworker, media):
    case = CaseFactory()
    services.change_status(case=case, to=Case.Status.CLOSED, by=caseworker)

    response = client.post(case.get_absolute_url(), {"text": "Hallo?", "files": [pdf()]})

    assert response.status_code == 409
    assert "Dit svar er ikke sendt." in response.content.decode()
    assert_nothing_stored(case, media)


def test_a_case_closed_while_the_answer_was_on_its_way_stores_nothing(
    client, caseworker, media, monkeypatch
):
    case = CaseFactory()
    from portal.cases import enquirer

    # The page was checked while open; the case closes before the answer is stored.
    monkeypatch.setattr(enquirer, "may_answer", lambda c: c.status != Case.Status.CLOSED)
    real_lock = enquirer.lock_case

    def lock_after_closing(c):
        Case.objects.filter(pk=c.pk).update(status=Case.Status.CLOSED)
        return real_lock(c)

    monkeypatch.setattr(enquirer, "lock_case", lock_after_closing)

    response = client.post(case.get_absolute_url(), {"text": "Hallo?", "files": [pdf()]})

    assert response.status_code == 409
    assert_nothing_stored(case, media)


def test_the_files_are_written_before_the_case_is_locked(client, waiting_case, media, monkeypatch):
    from portal.cases import enquirer

    real_lock = enquirer.lock_case
    on_disk_when_locked = []

    def lock_and_look(c):
        on_disk_when_locked.append(len(stored_files(media)))
        return real_lock(c)

    monkeypatch.setattr(enquirer, "lock_case", lock_and_look)

    client.post(waiting_case.get_absolute_url(), {"files": [pdf(), pdf("logo.png", PNG)]})

    # The lock is held for the journal rows only, not while the storage writes.
    assert on_disk_when_locked == [2]
    assert CaseAttachment.objects.filter(case=waiting_case).count() == 2


def test_a_database_failure_after_the_files_are_written_removes_them(
    waiting_case, media, monkeypatch
):
    from portal.cases import enquirer

    def broken(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(enquirer, "bump_version", broken)

    with pytest.raises(DatabaseError):
        enquirer.receive_answer(case=waiting_case, text="Her er budgettet.", files=[pdf()])

    assert_nothing_stored(waiting_case, media)


def test_a_post_without_the_csrf_token_is_refused(waiting_case, media):
    response = Client(enforce_csrf_checks=True).post(
        waiting_case.get_absolute_url(), {"text": "Her er budgettet."}
    )

    assert response.status_code == 403
    assert_nothing_stored(waiting_case, media)


def test_an_answer_goes_only_to_the_case_of_its_link(client, waiting_case):
    other = CaseFactory()

    client.post(other.get_absolute_url(), {"text": "Til den anden sag"})

    assert not answers(waiting_case).exists()
    assert answers(other).get().text == "Til den anden sag"
    waiting_case.refresh_from_db()
    assert waiting_case.status == Case.Status.WAITING


def test_a_wrong_token_stores_nothing_and_counts_as_a_guess(client, settings, waiting_case, media):
    settings.CASE_TOKEN_MISS_LIMIT = 2
    for n in range(2):
        response = client.post(reverse("cases:status", args=[f"gaet-{n}"]), {"text": "Hej"})
        assert response.status_code == 404

    assert client.post(waiting_case.get_absolute_url(), {"text": "Hej"}).status_code == 429
    assert_nothing_stored(waiting_case, media)


def test_too_many_answers_from_one_address_are_refused_with_429(client, settings, caseworker):
    settings.CASE_ANSWER_RATE_LIMIT = 2
    case = CaseFactory()
    for n in range(2):
        assert client.post(case.get_absolute_url(), {"text": f"Svar {n}"}).status_code == 302

    response = client.post(case.get_absolute_url(), {"text": "Svar 2"})

    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "Der er sendt mange svar på kort tid." in page
    assert "Svar 2" in page  # what was typed is kept
    assert answers(case).count() == 2
    # Another address may still answer.
    other_address = client.post(case.get_absolute_url(), {"text": "X"}, REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 302
    assert answers(case).count() == 3


def test_the_page_with_answers_and_files_keeps_its_query_count(
    client, waiting_case, django_assert_max_num_queries
):
    for n in range(5):
        client.post(waiting_case.get_absolute_url(), {"text": f"Svar {n}", "files": [pdf()]})

    with django_assert_max_num_queries(6):
        client.get(waiting_case.get_absolute_url())


# Staff open the files --------------------------------------------------------------------------


@pytest.fixture
def attachment(client, waiting_case) -> CaseAttachment:
    client.post(waiting_case.get_absolute_url(), {"text": "Budget", "files": [pdf()]})
    return CaseAttachment.objects.get()


def test_a_caseworker_downloads_the_file_and_the_access_is_logged(client, caseworker, attachment):
    client.force_login(caseworker)

    response = client.get(attachment_url(attachment))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="budget.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = PrivacyLogEntry.objects.get(kind=PrivacyLogEntry.Kind.FILE_ACCESS)
    assert entry.user == caseworker
    assert entry.parameters == {"file": "budget.pdf", "about": attachment.case.reference}


def test_staff_without_a_role_may_not_download(client, outsider, attachment):
    client.force_login(outsider)
    assert client.get(attachment_url(attachment)).status_code == 403


def test_the_public_may_not_download(client, attachment):
    response = client.get(attachment_url(attachment))
    assert response.status_code == 302
    assert "/login/" in response.url


def test_a_file_of_another_case_is_not_found(client, caseworker, attachment):
    other = CaseFactory()
    client.force_login(caseworker)

    response = client.get(reverse(f"admin:{URL_NAME}", args=[other.pk, attachment.pk]))

    assert response.status_code == 404


def test_attachments_by_event_in_one_query(client, waiting_case, django_assert_num_queries):
    for n in range(3):
        client.post(waiting_case.get_absolute_url(), {"text": f"Svar {n}", "files": [pdf()]})
    first, *_rest = answers(waiting_case).order_by("pk")

    with django_assert_num_queries(1):
        found = attachments_by_event(waiting_case)

    assert len(found) == 3
    assert [a.original_name for a in found[first.pk]] == ["budget.pdf"]


def test_anonymising_a_case_deletes_its_files(client, media, django_capture_on_commit_callbacks):
    case = closed_case(years_ago=6)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.IN_PROGRESS)
    client.post(case.get_absolute_url(), {"text": "Mit CPR-nummer er …", "files": [pdf()]})
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    assert len(stored_files(media)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        privacy.apply_retention()

    assert not CaseAttachment.objects.exists()
    assert stored_files(media) == []
    assert answers(case).get().text == privacy.ANONYMISED


# The same answer posted twice ---------------------------------------------------------------


def test_the_same_answer_posted_twice_is_stored_once(client, waiting_case):
    page = client.get(waiting_case.get_absolute_url()).content.decode()
    key = re.search(r'name="answer_key" value="([^"]+)"', page).group(1)
    posted = {"text": "Her er vores budget.", "answer_key": key}

    first = client.post(waiting_case.get_absolute_url(), {**posted, "files": [pdf()]})
    second = client.post(waiting_case.get_absolute_url(), {**posted, "files": [pdf()]})

    assert first.status_code == second.status_code == 302
    assert answers(waiting_case).count() == 1
    assert CaseAttachment.objects.filter(case=waiting_case).count() == 1


def test_each_form_shown_gets_its_own_key(client, waiting_case):
    keys = {
        re.search(r'name="answer_key" value="([^"]+)"', client.get(url).content.decode()).group(1)
        for url in [waiting_case.get_absolute_url()] * 2
    }

    assert len(keys) == 2
