"""Reply templates are a starting point: fill-in marks must be filled in before sending, and
the demo's templates have real text (migration 0011)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from portal.cases import services
from portal.cases.models import CaseEvent, ReplyTemplate
from tests.portal.cases.factories import CaseFactory
from tests.portal.cases.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db

seeded = import_module("portal.cases.migrations.0004_seed_reply_templates")
fill_in = import_module("portal.cases.migrations.0011_reply_templates_fill_in")

MEETING = "Vi foreslår et møde.\n\nDato og tid: [dato og tid]\nSted: [sted]\n\nVenlig hilsen"


@pytest.mark.parametrize(
    ("body", "marks"),
    [
        (MEETING, ["[dato og tid]", "[sted]"]),
        # The older forms: a label with nothing after it, a lone dash for a list.
        # A sentence ending in a colon introduces what follows: no gap.
        ("Jeg foreslår:\n\nDato og tid: \nSted: \n", ["Dato og tid:", "Sted:"]),
        ("Vi mangler:\n\n- \n\nTak.", ["-"]),
        ("Tak for din henvendelse om {emne}. Vi svarer senest {frist}.", []),
    ],
)
def test_fill_in_marks_are_found(body, marks):
    assert services.fill_in_marks(body) == marks


def test_a_message_with_a_mark_left_is_refused_naming_it(caseworker_client):
    template = ReplyTemplate.objects.create(title="Møde", body=MEETING)
    case = CaseFactory()
    message = "Vi foreslår et møde.\n\nDato og tid: [dato og tid]\nSted: Rådhuset"

    response = caseworker_client.post(
        change_url(case), form_data(case, reply_template=template.pk, message=message)
    )

    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors["message"])
    assert "Udfyld »[dato og tid]«, før du sender." in errors
    assert message in response.content.decode()  # kept to finish
    assert not case.events.filter(kind=CaseEvent.Kind.MESSAGE).exists()


def test_a_legacy_gap_left_empty_is_refused(caseworker):
    template = ReplyTemplate(title="Møde", body="Jeg foreslår:\n\nDato og tid: \n")
    case = CaseFactory()

    with pytest.raises(ValidationError, match="Udfyld »Dato og tid:«, før du sender."):
        services.work_on_case(
            case=case, by=caseworker, message="Jeg foreslår:\n\nDato og tid:", template=template
        )


def test_a_message_with_the_marks_filled_in_is_sent(caseworker_client):
    template = ReplyTemplate.objects.create(title="Møde", body=MEETING)
    case = CaseFactory()
    message = "Vi foreslår et møde.\n\nDato og tid: 3. december kl. 10\nSted: Rådhuset"

    response = caseworker_client.post(
        change_url(case), form_data(case, reply_template=template.pk, message=message)
    )

    assert response.status_code == 302
    assert case.events.get(kind=CaseEvent.Kind.MESSAGE).text == message


def test_use_template_names_the_marks_to_fill_in(caseworker_client):
    template = ReplyTemplate.objects.create(title="Møde", body=MEETING)
    case = CaseFactory()

    response = caseworker_client.post(
        change_url(case), form_data(case, reply_template=template.pk) | {"_use_template": "1"}
    )

    assert "Udfyld »[dato og tid]« og »[sted]«, før du sender." in response.content.decode()


def test_the_migration_gives_the_seeded_templates_real_text():
    ReplyTemplate.objects.all().delete()
    seeded.seed(apps, None)
    edited = ReplyTemplate.objects.get(title="Sagen er afsluttet")
    ReplyTemplate.objects.filter(title="Aftale om møde").update(body="Vores egen mødetekst.")

    fill_in.fill_in(apps, None)
    fill_in.fill_in(apps, None)  # a second run changes nothing more

    bodies = dict(ReplyTemplate.objects.values_list("title", "body"))
    assert bodies["Aftale om møde"] == "Vores egen mødetekst."  # edited: left alone
    assert bodies["Sagen er afsluttet"] == edited.body
    for title in ("Tak for henvendelsen", "Vi mangler oplysninger"):
        body = bodies[title]
        assert "denne e-mail" not in body or "besvare denne e-mail" not in body
        assert "svar på denne e-mail" not in body
        assert "{statusside}" not in body
        assert not [mark for mark in services.fill_in_marks(body) if not mark.startswith("[")]
    assert services.fill_in_marks(bodies["Vi mangler oplysninger"]) == [
        "[skriv, hvilke oplysninger eller dokumenter der mangler]"
    ]


def test_the_meeting_template_asks_for_date_and_place_in_brackets():
    ReplyTemplate.objects.all().delete()
    seeded.seed(apps, None)
    fill_in.fill_in(apps, None)

    body = ReplyTemplate.objects.get(title="Aftale om møde").body

    assert services.fill_in_marks(body) == ["[dato og tid]", "[sted]"]
    assert "svar på denne e-mail" not in body


def test_the_migration_can_be_reversed():
    ReplyTemplate.objects.all().delete()
    seeded.seed(apps, None)
    fill_in.fill_in(apps, None)

    fill_in.back(apps, None)

    texts = {title: body for _position, title, body in seeded.TEMPLATES}
    assert dict(ReplyTemplate.objects.values_list("title", "body")) == texts


@pytest.mark.parametrize("chosen", ["none", "another"])
def test_a_mark_is_refused_whatever_template_the_dropdown_shows(caseworker_client, chosen):
    meeting = ReplyTemplate.objects.create(title="Møde", body=MEETING)
    thanks = ReplyTemplate.objects.create(title="Tak", body="Tak for din henvendelse.")
    case = CaseFactory()
    # The meeting template's text, filled in with "Brug skabelonen", then the dropdown changed.
    message = services.render_reply_template(meeting, case)
    template = "" if chosen == "none" else thanks.pk

    response = caseworker_client.post(
        change_url(case), form_data(case, reply_template=template, message=message)
    )

    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors["message"])
    assert "Udfyld »[dato og tid]« og »[sted]«, før du sender." in errors
    assert not case.events.filter(kind=CaseEvent.Kind.MESSAGE).exists()
    assert not case.messages.filter(body__contains="Vi foreslår et møde.").exists()


def test_square_brackets_of_the_caseworkers_own_or_a_retired_templates_are_sent(
    caseworker_client,
):
    ReplyTemplate.objects.create(title="Gammel", body="Vi ses [ugedag].", active=False)
    case = CaseFactory()
    message = "Vedtægterne [bilag 2] er fine. Vi ses [ugedag]."

    response = caseworker_client.post(change_url(case), form_data(case, message=message))

    assert response.status_code == 302
    assert case.events.get(kind=CaseEvent.Kind.MESSAGE).text == message
