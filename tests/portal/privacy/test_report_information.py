"""The data-subject report opens with what an answer under GDPR art. 15 must state."""

import json

import pytest
from django.urls import reverse

from portal.pages.models import SiteSettings
from portal.privacy.policy import retention_rules
from portal.privacy.report import art15_information
from tests.factories import ContactFactory
from tests.portal.privacy.factories import closed_case

pytestmark = pytest.mark.django_db

INDSIGT = reverse("admin:privacy_indsigt")
ABOUT = "Om behandlingen af oplysningerne"


@pytest.fixture
def municipality():
    site = SiteSettings.load()
    site.municipality_name = "Haderslev Kommune"
    site.department = "Erhverv og Beskæftigelse"
    site.address = "Gåskærgade 26"
    site.postcode = "6100"
    site.city = "Haderslev"
    site.email = "erhverv@haderslev.dk"
    site.dpo_email = "dpo@haderslev.dk"
    site.save()
    return site


@pytest.fixture
def mette():
    return closed_case(
        years_ago=1, contact=ContactFactory(name="Mette Hansen", email="mette@example.dk")
    )


def _json(client) -> dict:
    response = client.post(INDSIGT, {"email": "mette@example.dk", "output": "json"})
    return json.loads(response.content.decode("utf-8"))


def test_the_json_report_opens_with_controller_purposes_rights_and_complaint(
    manager_client, municipality, mette
):
    report = _json(manager_client)

    assert list(report)[:2] == ["Indsigtsrapport", ABOUT]
    about = report[ABOUT]
    assert list(about) == [
        "Dataansvarlig",
        "Formål og retsgrundlag",
        "Kategorier af oplysninger",
        "Modtagere",
        "Hvor længe oplysningerne gemmes",
        "Dine rettigheder",
        "Klage til Datatilsynet",
        "Hvor oplysningerne kommer fra",
    ]
    assert about["Dataansvarlig"] == [
        "Haderslev Kommune, Erhverv og Beskæftigelse",
        "Gåskærgade 26, 6100 Haderslev",
        "E-mail: erhverv@haderslev.dk",
        "Databeskyttelsesrådgiver: dpo@haderslev.dk",
    ]
    assert "artikel 6, stk. 1, litra e" in " ".join(about["Formål og retsgrundlag"])
    rights = " ".join(about["Dine rettigheder"])
    for right in ("berigtigelse", "sletning", "begrænsning", "indsigelse", "dpo@haderslev.dk"):
        assert right in rights
    assert about["Klage til Datatilsynet"] == [
        "Er du utilfreds med vores behandling af dine oplysninger, kan du klage til "
        "Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby, dt@datatilsynet.dk, "
        "www.datatilsynet.dk."
    ]
    assert "Fra dig selv" in about["Hvor oplysningerne kommer fra"][0]


def test_the_retention_periods_are_the_policy_in_force(manager_client, mette, settings):
    settings.PRIVACY_RETENTION = {"closed_cases": {"years": 10}}

    periods = _json(manager_client)[ABOUT]["Hvor længe oplysningerne gemmes"]

    assert len(periods) == len(retention_rules())
    assert periods[0].startswith(
        "Afsluttede sager: gemmes 10 år efter sagens afslutning og anonymiseres derefter."
    )
    assert any(
        line.startswith("Sendte e-mails uden sag: gemmes 1 år efter oprettelse og slettes")
        for line in periods
    )


def test_the_html_document_and_the_overview_open_with_it(manager_client, municipality, mette):
    document = manager_client.post(INDSIGT, {"email": "mette@example.dk", "output": "html"})
    html = document.content.decode()
    overview = manager_client.post(INDSIGT, {"email": "mette@example.dk"}).content.decode()

    assert html.index("Dataansvarlig") < html.index("Klage til Datatilsynet")
    assert html.index("Carl Jacobsens Vej 35, 2500 Valby") < html.index("<h3>Kontaktpersoner</h3>")
    assert html.index("Haderslev Kommune") < html.index("Mette Hansen")
    assert "Carl Jacobsens Vej 35" in overview and "artikel 15" in overview


def test_without_a_dpo_the_rights_point_to_the_municipalitys_address(municipality):
    municipality.dpo_email = ""
    municipality.save()

    sections = {section.heading: section.paragraphs for section in art15_information()}

    assert "Kontakt os på erhverv@haderslev.dk" in sections["Dine rettigheder"][-1]
    assert not any("Databeskyttelsesrådgiver" in line for line in sections["Dataansvarlig"])


def test_the_report_says_whether_data_leave_the_eu(municipality, settings):
    def recipients() -> list[str]:
        return {s.heading: s.paragraphs for s in art15_information()}["Modtagere"]

    assert any("overføres ikke til lande uden for EU/EØS" in line for line in recipients())

    settings.PRIVACY_THIRD_COUNTRY_TRANSFERS = (
        "E-mails sendes gennem en leverandør i USA efter EU-Kommissionens standardkontrakter."
    )
    assert recipients()[-1].startswith("E-mails sendes gennem en leverandør i USA")
