import pytest

from tests.factories import ContactFactory


@pytest.fixture
def contact():
    return ContactFactory(name="Mette Hansen", email="mette@example.dk")
