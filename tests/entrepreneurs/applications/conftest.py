import pytest

from entrepreneurs.applications import services
from tests.entrepreneurs.factories import SupportSchemeFactory


@pytest.fixture
def scheme(db):
    return SupportSchemeFactory(name="Iværksætterpuljen", slug="ivaerksaetterpuljen")


@pytest.fixture
def draft(scheme):
    return services.start_draft(scheme=scheme)
