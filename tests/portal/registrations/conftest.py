"""The seat mechanism's tests run on a kind of occasion of their own ("tests.occasion"), so
they test portal/registrations and not the app that happens to use it first. A test module
asks for it with `pytestmark = [..., pytest.mark.usefixtures("occasion_kind")]`."""

import pytest

from portal.registrations.kinds import occasion_kinds
from tests.portal.registrations.helpers import TEST_KIND


@pytest.fixture
def occasion_kind():
    with occasion_kinds.only(*occasion_kinds.entries(), TEST_KIND):
        yield TEST_KIND
