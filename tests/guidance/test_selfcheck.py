"""The self-check at /tjek/: five questions, a result with next steps, and a pre-filled enquiry."""

import re
from html import unescape

import pytest
from django.urls import reverse

from guidance.selfcheck import CRITERIA, NO, UNKNOWN, YES, answers_from_code, evaluate
from tests.guidance.factories import ArticleFactory

ALL_YES = {criterion.key: YES for criterion in CRITERIA}


# --- The logic: a plain function ---------------------------------------------------------


def test_all_five_met_puts_rsv_within_reach():
    result = evaluate(ALL_YES)

    assert result.all_met
    assert result.rsv_within_reach
    assert len(result.met) == 5
    assert result.missing == [] and result.unknown == []
    assert result.code == "jjjjj"


def test_a_no_is_missing_with_a_next_step_and_rsv_is_out_of_reach():
    result = evaluate({**ALL_YES, "cvr": NO, "overskud": NO})

    assert not result.all_met
    assert not result.rsv_within_reach
    assert [item.criterion.key for item in result.missing] == ["overskud", "cvr"]
    assert all(str(item.criterion.next_step) for item in result.missing)
    assert result.code == "jjnjn"


def test_unknowns_are_neither_met_nor_missing():
    result = evaluate({**ALL_YES, "uafhaengig": UNKNOWN})

    assert [item.criterion.key for item in result.unknown] == ["uafhaengig"]
    assert result.missing == []
    assert not result.rsv_within_reach
    assert result.code == "jjjvj"


def test_unanswered_or_odd_answers_count_as_unknown():
    result = evaluate({"formaal": YES, "salg": "maaske"})

    assert [item.answer for item in result.results] == [YES, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN]


def test_the_articles_to_read_are_those_for_what_is_not_met_and_rsv():
    result = evaluate({**ALL_YES, "cvr": NO})

    assert result.article_slugs == {
        "fra-ide-til-virksomhed",
        "registreret-socialoekonomisk-virksomhed-rsv",
    }


def test_the_code_round_trips_and_rejects_anything_else():
    answers = {**ALL_YES, "salg": NO, "cvr": UNKNOWN}

    assert answers_from_code(evaluate(answers).code) == answers
    for bad in ["", "jjjj", "jjjjjj", "jjxjj", "<script>"]:
        assert answers_from_code(bad) is None


def test_the_summary_lists_each_question_with_its_answer_in_plain_danish():
    summary = evaluate({**ALL_YES, "cvr": NO, "salg": UNKNOWN}).summary()

    assert summary.startswith("Jeg har taget selvtjekket på portalen.")
    assert "- Har virksomheden et CVR-nummer? Nej" in summary
    assert "- Sælger virksomheden ydelser eller produkter? Ved ikke" in summary
    assert "hjælp til det, der mangler" in summary


# --- The pages ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_self_check_is_one_form_of_five_questions_sent_with_get(client):
    response = client.get(reverse("guidance:self-check"))

    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("guidance:self-check") == "/tjek/"
    assert f'method="get" action="{reverse("guidance:self-check-result")}"' in page
    for criterion in CRITERIA:
        assert f'name="{criterion.key}" value="ja"' in page
        assert f'name="{criterion.key}" value="nej"' in page
        assert f'name="{criterion.key}" value="ved-ikke"' in page
    assert page.count("<legend") >= 5
    # Nothing on the way needs JavaScript: a plain form and a plain submit button.
    assert "<script>" not in page and "onclick" not in page


@pytest.mark.django_db
def test_the_result_explains_what_is_met_missing_and_links_to_articles(client):
    ArticleFactory(slug="fra-ide-til-virksomhed", title="Fra idé til virksomhed")
    ArticleFactory(slug="registreret-socialoekonomisk-virksomhed-rsv", title="Bliv RSV")

    response = client.get(
        reverse("guidance:self-check-result"),
        {**ALL_YES, "cvr": "nej", "uafhaengig": "ved-ikke"},
    )

    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Du opfylder 3 af de fem kendetegn" in page
    assert "Det mangler" in page and "Et CVR-nummer" in page
    assert "registrér virksomheden på virk.dk" in page
    assert "Det er du i tvivl om" in page
    assert 'href="/viden/fra-ide-til-virksomhed/"' in page
    assert 'href="/viden/registreret-socialoekonomisk-virksomhed-rsv/"' in page
    assert "Før du kan blive registreret socialøkonomisk virksomhed (RSV)" in page
    # An article that does not exist is not linked.
    assert "/viden/de-fem-kendetegn/" not in page
    assert 'href="/raadgivning/henvendelse/?emne=start&tjek=jjjvn"' in page


@pytest.mark.django_db
def test_all_yes_says_rsv_is_within_reach(client):
    page = client.get(reverse("guidance:self-check-result"), ALL_YES).content.decode()

    assert "inden for rækkevidde" in page
    assert "Det mangler" not in page


@pytest.mark.django_db
def test_a_missing_answer_shows_the_form_again_with_the_error(client):
    response = client.get(reverse("guidance:self-check-result"), {**ALL_YES, "salg": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Der er problemer" in page
    assert "Vælg Ja, Nej eller Ved ikke." in page
    assert 'href="#id_salg_0"' in page
    # The answers given are kept.
    assert re.search(r'name="formaal" value="ja" checked', page)


@pytest.mark.django_db
def test_the_result_without_answers_goes_to_the_questions(client):
    response = client.get(reverse("guidance:self-check-result"))
    assert response.status_code == 302
    assert response.url == reverse("guidance:self-check")


@pytest.mark.django_db
def test_correcting_the_answers_starts_from_the_answers_given(client):
    page = client.get(reverse("guidance:self-check"), {**ALL_YES, "cvr": "nej"}).content.decode()

    assert re.search(r'name="cvr" value="nej" checked', page)
    assert "Der er problemer" not in page


@pytest.mark.django_db
def test_the_enquiry_form_is_prefilled_from_the_self_check(client):
    response = client.get(reverse("guidance:enquiry-create"), {"emne": "start", "tjek": "jnjvj"})

    page = unescape(response.content.decode())
    assert re.search(r'name="topic" value="start" checked', page)
    assert "Jeg har taget selvtjekket på portalen." in page
    assert "Sælger virksomheden ydelser eller produkter? Nej" in page
    assert "Træffer virksomheden selv sine beslutninger" in page


@pytest.mark.django_db
def test_the_enquiry_form_ignores_links_it_does_not_understand(client):
    response = client.get(reverse("guidance:enquiry-create"), {"emne": "x", "tjek": "<b>"})

    page = response.content.decode()
    assert response.status_code == 200
    assert not re.search(r'name="topic" value="\w+" checked', page)
    assert "selvtjekket" not in page.split("<textarea")[1].split("</textarea>")[0]


@pytest.mark.django_db
def test_the_self_check_is_linked_from_advice_and_the_front_page(client):
    for url in [reverse("guidance:overview"), reverse("pages:home")]:
        assert 'href="/tjek/"' in client.get(url).content.decode()
