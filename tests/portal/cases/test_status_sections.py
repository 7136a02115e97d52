"""Apps add sections to the enquirer's status page without portal naming them."""

import pytest
from django.urls import reverse

from portal.cases.status import StatusSection, status_sections
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _grant_only(case):
    return {"headline": "Afgørelse: bevilget"} if case.subject.startswith("Ansøgning") else None


SECTION = StatusSection(
    name="test.decision", template="tests/status_section.html", context=_grant_only
)


@pytest.fixture
def section_template(settings, tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "status_section.html").write_text(
        "<section><h2>{{ section.headline }}</h2><p>{{ section.case.reference }}</p></section>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]


@pytest.mark.usefixtures("section_template")
def test_a_section_shows_on_the_cases_it_knows_and_not_on_others(client):
    grant = CaseFactory(subject="Ansøgning om støtte: Café Kanten")
    enquiry = CaseFactory(subject="Spørgsmål om virksomhedsform")

    with status_sections.only(SECTION):
        on_grant = client.get(reverse("cases:status", args=[grant.public_token])).content.decode()
        on_enquiry = client.get(
            reverse("cases:status", args=[enquiry.public_token])
        ).content.decode()

    assert "<h2>Afgørelse: bevilget</h2>" in on_grant
    assert f"<p>{grant.reference}</p>" in on_grant
    assert on_grant.index("Afgørelse: bevilget") < on_grant.index("Beskeder")
    assert "Afgørelse: bevilget" not in on_enquiry
