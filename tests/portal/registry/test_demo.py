import pytest
from stdnum.dk import cvr as stdnum_cvr

from portal.registry.demo import DEMO_COMPANIES, load_demo_companies
from portal.registry.models import Company, Contact

pytestmark = pytest.mark.django_db


def test_demo_cvr_numbers_are_valid_and_distinct():
    numbers = [data["cvr"] for data in DEMO_COMPANIES if data["cvr"]]
    assert all(stdnum_cvr.is_valid(number) for number in numbers)
    assert len(set(numbers)) == len(numbers)


def test_demo_companies_pass_the_registrys_own_rules():
    load_demo_companies()
    for company in Company.objects.all():
        company.full_clean()
    for contact in Contact.objects.all():
        contact.full_clean()


def test_demo_companies_load_twice_without_duplicates():
    load_demo_companies()
    load_demo_companies()
    assert Company.objects.count() == len(DEMO_COMPANIES)
    assert Contact.objects.count() == len(DEMO_COMPANIES)


def test_demo_shows_the_danish_order_and_every_kind():
    load_demo_companies()
    names = [c.name for c in Company.objects.all()]
    assert names[-4:] == [
        "Æblehaven Grønne Hænder",
        "Østergades Genbrug",
        "Åens Cykelværksted",
        "Aarø Rengøringskooperativ",
    ]
    assert set(Company.objects.values_list("kind", flat=True)) == set(Company.Kind.values)
    assert Company.objects.listed().exists()
    assert Company.objects.filter(rsv_registered=True).exists()
