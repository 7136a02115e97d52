"""portal.files: uploads are checked by name, by content (puremagic) and by size."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.files import FileValidator, kind_label

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 24
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


ATTACHMENTS = FileValidator(kinds=("pdf", "docx", "png", "jpg"), max_megabytes=1)


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        ATTACHMENTS(SimpleUploadedFile(name, content))
    return " ".join(refused.value.messages)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("budget.pdf", PDF),
        ("Budget.PDF", PDF),
        ("vedtægter.docx", docx()),
        ("logo.png", PNG),
        ("foto.jpg", JPEG),
        ("foto.jpeg", JPEG),
    ],
)
def test_allowed_files_pass(name, content):
    ATTACHMENTS(SimpleUploadedFile(name, content))


def test_a_type_that_is_not_allowed_is_named_with_what_is_allowed():
    assert refusal("program.exe", EXE) == (
        "Filtypen »exe« er ikke tilladt. Du kan uploade PDF, Word (docx), PNG og JPG."
    )


def test_a_name_without_a_type_says_so():
    assert refusal("budget", PDF).startswith("Filen har ingen filtype i navnet (fx .pdf).")


@pytest.mark.parametrize(
    ("name", "content"),
    [("virus.pdf", EXE), ("billede.png", PDF), ("tekst.docx", b"just some text"), ("tom.jpg", b"")],
)
def test_content_that_does_not_fit_the_name_is_refused(name, content):
    extension = name.rsplit(".", 1)[1]
    assert refusal(name, content).startswith(
        f"Filens indhold passer ikke til filtypen »{extension}«."
    )


def test_a_file_over_the_limit_says_how_big_it_is_and_what_is_allowed():
    assert refusal("stor.pdf", PDF + b"0" * (1024 * 1024)) == (
        "Filen er for stor. En fil må højst fylde 1 MB. Denne fylder 1,0\xa0MB."
    )


def test_the_check_leaves_the_file_where_it_was():
    upload = SimpleUploadedFile("budget.pdf", PDF)
    upload.seek(5)
    ATTACHMENTS(upload)
    assert upload.tell() == 5


def test_the_help_text_tells_users_beforehand():
    assert str(ATTACHMENTS.help_text()) == "PDF, Word (docx), PNG eller JPG. Højst 1 MB."


def test_validators_compare_by_their_rules_so_migrations_stay_quiet():
    assert FileValidator(kinds=("pdf",), max_megabytes=1) == FileValidator(
        kinds=("pdf",), max_megabytes=1
    )
    assert FileValidator(kinds=("pdf",), max_megabytes=1) != ATTACHMENTS
    with pytest.raises(ValueError):
        FileValidator(kinds=("exe",), max_megabytes=1)


def test_the_type_a_visitor_sees_next_to_a_download():
    assert [kind_label(name) for name in ["a.pdf", "b.DOCX", "c.jpeg", "d.odt", "e.txt"]] == [
        "PDF",
        "Word-dokument",
        "JPEG-billede",
        "OpenDocument-tekst",
        "TXT",
    ]


@pytest.mark.django_db
def test_a_private_file_is_served_as_a_download_and_the_access_is_logged(
    rf, caseworker, settings, tmp_path
):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from portal.files import serve_private_file
    from portal.privacy.models import PrivacyLogEntry

    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("private/plan.pdf", ContentFile(PDF))
    request = rf.get("/admin/whatever/")
    request.user = caseworker

    class Stored:
        def open(self, mode):
            return default_storage.open(name, mode)

    response = serve_private_file(
        request, file=Stored(), filename="Forretningsplan.pdf", about="SØ-2026-0042"
    )

    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Forretningsplan.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    [entry] = PrivacyLogEntry.objects.all()
    assert entry.kind == PrivacyLogEntry.Kind.FILE_ACCESS
    assert entry.user == caseworker
    assert entry.parameters == {"file": "Forretningsplan.pdf", "about": "SØ-2026-0042"}
