"""The anonymous day counter: one row per name, key and day, counted up however many at once."""

from datetime import date

import pytest

from portal.dashboard.models import Tally
from portal.dashboard.tallies import tally
from tests.concurrency import at_once


@pytest.mark.django_db
def test_the_first_count_of_a_day_makes_the_row_and_the_next_add_to_it():
    tally("tests.view", "om-os", day=date(2026, 3, 1))
    tally("tests.view", "om-os", day=date(2026, 3, 1))
    tally("tests.view", "om-os", day=date(2026, 3, 2))
    tally("tests.view", "andet", day=date(2026, 3, 1))

    counts = {(row.key, row.day.day): row.count for row in Tally.objects.all()}
    assert counts == {("om-os", 1): 2, ("om-os", 2): 1, ("andet", 1): 1}


@pytest.mark.django_db
def test_a_long_key_is_cut_not_refused():
    tally("tests.view", "x" * 300, day=date(2026, 3, 1))
    assert Tally.objects.get().key == "x" * 100


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_readers_at_once_are_twenty_counts():
    at_once(lambda n: tally("tests.view", "artikel", day=date(2026, 3, 1)), times=20)
    assert Tally.objects.get(name="tests.view").count == 20
