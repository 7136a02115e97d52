import pytest

from portal.cases.models import Case
from portal.pages.models import SiteSettings
from tests.entrepreneurs.applications.answers import (
    ANSWERS,
    fill_all_steps,
    post_step,
    step_url,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["12.500", "12500", "12 500"])
def test_amounts_are_read_as_people_type_them(client, draft, typed):
    response = post_step(
        client,
        draft,
        "budget",
        **{"line-0-amount": typed, "line-1-amount": "", "line-1-item": ""},
        amount_requested="5.000",
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["budget"]["line-0-amount"] == typed
    page = client.get(step_url(draft, "budget")).content.decode()
    assert "12.500 kr." in page  # the computed total


@pytest.mark.parametrize("typed", ["12,5", "-5", "abc"])
def test_bad_amounts_are_refused_at_the_field_and_the_rest_is_kept(client, draft, typed):
    response = post_step(client, draft, "budget", amount_requested=typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Der er problemer" in page
    assert "Skriv beløbet i hele kroner, fx 12.500." in page
    assert f'value="{typed}"' in page
    assert 'value="Kaffemaskine og inventar"' in page
    draft.refresh_from_db()
    # What was valid on the step is saved; the refused amount is not.
    assert draft.answers["budget"]["line-0-item"] == "Kaffemaskine og inventar"
    assert "amount_requested" not in draft.answers["budget"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"amount_requested": "100.001"},
            "Du kan ikke søge mere end budgettets samlede beløb, 100.000 kr.",
        ),
        (
            {"amount_requested": "60.000", "line-1-amount": "140.000"},
            "Du kan højst søge 50.000 kr. fra Iværksætterpuljen.",
        ),
        (
            {"amount_requested": "45.000", "line-1-amount": "20.000"},
            "Du kan højst søge 50 % af budgettet, dvs. 40.000 kr.",
        ),
    ],
)
def test_amount_over_a_limit_is_refused_naming_the_limit(client, draft, changes, message):
    page = post_step(client, draft, "budget", **changes).content.decode()
    assert message in page


def test_a_line_with_an_item_needs_an_amount(client, draft):
    page = post_step(client, draft, "budget", **{"line-2-item": "Husleje"}).content.decode()
    assert "Skriv et beløb for posten." in page


def test_more_lines_adds_blank_rows_and_keeps_what_was_typed(client, draft):
    page = post_step(client, draft, "budget", action="more_lines").content.decode()
    assert 'name="line-7-item"' in page
    assert 'value="Kaffemaskine og inventar"' in page
    assert "Der er problemer" not in page


def test_address_outside_the_municipality_is_refused(client, draft):
    page = post_step(client, draft, "ansoeger", postcode="8000", city="Aarhus").content.decode()
    assert "Adressen skal ligge i Haderslev Kommune." in page
    assert 'value="Mette Jensen"' in page


def test_another_municipality_sets_its_own_postcodes_and_name(client, draft, settings):
    settings.MUNICIPALITY_POSTCODES = ["7100", "7120"]
    site = SiteSettings.load()
    site.municipality_name = "Vejle Kommune"
    site.save()

    page = post_step(client, draft, "ansoeger", postcode="6100", city="Haderslev").content.decode()

    assert "Adressen skal ligge i Vejle Kommune." in page
    assert "kommunens postnumre er 7100, 7120." in page
    response = post_step(client, draft, "ansoeger", postcode="7100", city="Vejle")
    assert response.status_code == 302


def test_control_characters_are_removed_before_storing(client, draft):
    post_step(client, draft, "ansoeger", name="Mette\u202e Jensen\x00")
    draft.refresh_from_db()
    assert draft.answers["ansoeger"]["name"] == "Mette Jensen"


def test_submit_is_refused_when_the_period_has_closed_meanwhile(client, draft):
    fill_all_steps(client, draft)
    draft.scheme.periods.all().delete()
    page = client.post(
        step_url(draft, "indsend"), {"action": "submit", "declaration": "on"}
    ).content.decode()
    assert "er lukket for ansøgninger" in page
    assert not Case.objects.exists()


def test_submit_checks_every_step_again(client, draft):
    fill_all_steps(client, draft)
    draft.scheme.max_amount = 30_000
    draft.scheme.save()
    page = client.post(
        step_url(draft, "indsend"), {"action": "submit", "declaration": "on"}
    ).content.decode()
    assert "Trinnet »Budget og beløb« mangler eller skal rettes" in page
    assert not Case.objects.exists()


def test_submit_needs_the_declaration(client, draft):
    fill_all_steps(client, draft)
    page = client.post(step_url(draft, "indsend"), {"action": "submit"}).content.decode()
    assert "Sæt kryds for at afgive erklæringen." in page
    assert not Case.objects.exists()


def test_summary_shows_every_answer_with_edit_links(client, draft):
    fill_all_steps(client, draft)
    page = client.get(step_url(draft, "indsend")).content.decode()
    for value in ("Mette Jensen", "Café Kanten", "Forening", "40.000 kr.", "100.000 kr."):
        assert value in page
    assert step_url(draft, "budget") in page
    assert ANSWERS["formaal"]["criterion_surplus"] in page
