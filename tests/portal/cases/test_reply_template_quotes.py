"""The data migration that gives existing installations' reply templates »…« instead of «…»."""

from importlib import import_module

import pytest
from django.apps import apps

from portal.cases.models import ReplyTemplate

pytestmark = pytest.mark.django_db

migration = import_module("portal.cases.migrations.0007_reply_template_quotes")


def test_templates_seeded_the_old_way_get_danish_quotation_marks():
    old = ReplyTemplate.objects.create(
        title="Sagen er afsluttet",
        body="Vi afslutter nu sagen {sagsnummer} om «{emne}». Tak for samarbejdet.",
    )

    migration.fix_quotes(apps, None)

    old.refresh_from_db()
    assert old.body == "Vi afslutter nu sagen {sagsnummer} om »{emne}«. Tak for samarbejdet."
    assert old.title == "Sagen er afsluttet"


def test_a_caseworkers_own_text_in_danish_marks_is_left_alone():
    own = ReplyTemplate.objects.create(
        title="Om »Partnerskaber«",
        body="Læs »Partnerskaber« og »Netværk« på portalen.",
    )
    plain = ReplyTemplate.objects.create(title="Tak", body="Tak for din henvendelse.")

    migration.fix_quotes(apps, None)

    own.refresh_from_db()
    plain.refresh_from_db()
    assert own.body == "Læs »Partnerskaber« og »Netværk« på portalen."
    assert own.title == "Om »Partnerskaber«"
    assert plain.body == "Tak for din henvendelse."


def test_every_quoted_phrase_of_an_old_text_is_turned():
    old = ReplyTemplate.objects.create(
        title="Om «møde»", body="Vi vil gerne tale om «{emne}» og «netværk» på et møde."
    )

    migration.fix_quotes(apps, None)
    migration.fix_quotes(apps, None)  # a second run changes nothing more

    old.refresh_from_db()
    assert old.title == "Om »møde«"
    assert old.body == "Vi vil gerne tale om »{emne}« og »netværk« på et møde."
