import pytest

from tests.factories import CompanyFactory


@pytest.fixture
def social_company(db):
    return CompanyFactory(name="Café Kernen", kind="social_economy", listing_consent=True)


@pytest.fixture
def ordinary_company(db):
    return CompanyFactory(name="Sønderjysk Emballage A/S", kind="ordinary")


def inline_management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
