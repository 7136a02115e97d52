import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from portal.registry.models import Company, Contact
from tests.factories import CompanyFactory, ContactFactory, valid_cvr

pytestmark = pytest.mark.django_db

CVR = "96100159"
DUPLICATE_MESSAGE = "Der findes allerede en virksomhed med dette CVR-nummer."


def messages(error: ValidationError, field: str) -> list[str]:
    return error.value.message_dict.get(field, [])


def test_a_valid_cvr_number_is_accepted():
    company = Company(name="Café Kernen", cvr=CVR)
    company.full_clean()
    company.save()
    assert Company.objects.get().cvr == CVR


def test_a_cvr_number_with_a_wrong_check_digit_is_refused_as_one_that_does_not_exist():
    company = Company(name="Café Kernen", cvr="12345678")
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert messages(error, "cvr") == [
        "Ugyldigt CVR-nummer: 12345678 findes ikke, for kontrolcifferet passer ikke. "
        "Tjek, at du har skrevet nummeret rigtigt."
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("9610015", "Ugyldigt CVR-nummer: et CVR-nummer har 8 cifre, men du har skrevet 7 cifre."),
        ("DK 9", "Ugyldigt CVR-nummer: et CVR-nummer har 8 cifre, men du har skrevet 1 ciffer."),
        ("9610O159", "Ugyldigt CVR-nummer: et CVR-nummer består kun af cifre, fx 12 34 56 78."),
    ],
)
def test_a_cvr_number_of_the_wrong_shape_is_refused_saying_what_is_wrong(typed, message):
    company = Company(name="Café Kernen", cvr=typed)
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert messages(error, "cvr") == [message]


@pytest.mark.parametrize("typed", ["DK 96 10 01 59", "dk96100159", " 9610 0159 ", "96-10-01-59"])
def test_a_cvr_number_typed_with_prefix_and_spaces_is_stored_as_eight_digits(typed):
    company = Company(name="Café Kernen", cvr=typed)
    company.full_clean()
    assert company.cvr == CVR


def test_a_duplicate_cvr_number_is_refused_with_a_danish_message():
    CompanyFactory(cvr=CVR)
    company = Company(name="Kernen Café", cvr="DK 96100159")
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert messages(error, "cvr") == [DUPLICATE_MESSAGE]


def test_the_database_refuses_a_duplicate_cvr_number_too():
    CompanyFactory(cvr=CVR)
    with pytest.raises(IntegrityError):
        CompanyFactory(cvr=CVR)


def test_two_start_up_ideas_without_cvr_number_may_exist():
    for name in ["Strikkecaféen", "Byggeværksted"]:
        idea = Company(name=name, cvr="", kind=Company.Kind.STARTUP_IDEA)
        idea.full_clean()
        idea.save()
    assert Company.objects.filter(cvr="").count() == 2


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12345678", "12 34 56 78"),
        ("+45 12 34 56 78", "12 34 56 78"),
        ("0045-12-34-56-78", "12 34 56 78"),
        ("+49 30 1234567", "+49301234567"),
    ],
)
def test_phone_numbers_are_stored_the_danish_way(typed, stored):
    company = CompanyFactory.build(phone=typed)
    company.full_clean()
    assert company.phone == stored
    contact = ContactFactory.build(phone=typed, company=None)
    contact.full_clean()
    assert contact.phone == stored


def test_an_invalid_phone_number_is_refused_in_danish():
    company = CompanyFactory.build(phone="1234")
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert "Skriv et telefonnummer med 8 cifre" in messages(error, "phone")[0]


def test_a_social_economy_enterprise_needs_a_purpose():
    company = CompanyFactory.build(kind=Company.Kind.SOCIAL_ECONOMY)
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert "mindst ét formål" in messages(error, "purpose_social")[0]

    company.purpose_environment = True
    company.full_clean()


def test_rsv_registration_needs_a_date():
    company = CompanyFactory.build(rsv_registered=True)
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert messages(error, "rsv_registered_on") == ["Skriv datoen for registreringen som RSV."]


def test_consent_to_be_listed_records_when_and_withdrawal_forgets_it():
    company = CompanyFactory()
    assert company.listing_consent_at is None

    company.listing_consent = True
    company.save(update_fields=["listing_consent"])
    company.refresh_from_db()
    given_at = company.listing_consent_at
    assert given_at is not None

    company.name = "Nyt navn"
    company.save()
    assert company.listing_consent_at == given_at

    company.listing_consent = False
    company.save()
    company.refresh_from_db()
    assert company.listing_consent_at is None
    assert list(Company.objects.listed()) == []


def test_social_economy_includes_the_rsv_registered():
    social = CompanyFactory(kind=Company.Kind.SOCIAL_ECONOMY, purpose_social=True)
    registered = CompanyFactory(rsv_registered=True, rsv_registered_on="2024-03-01")
    CompanyFactory(kind=Company.Kind.ORDINARY)
    assert set(Company.objects.social_economy()) == {social, registered}


def test_changes_are_kept_in_the_history():
    company = CompanyFactory(name="Café Kernen")
    company.name = "Café Kernen ApS"
    company.save()
    assert [h.name for h in company.history.all()] == ["Café Kernen ApS", "Café Kernen"]


def test_a_contact_stays_when_the_company_is_deleted():
    contact = ContactFactory()
    contact.company.delete()
    contact.refresh_from_db()
    assert contact.company is None


NAMES_IN_DANISH_ORDER = [
    "abc Rengøring",
    "Café Kernen",
    "Zealand Biler",
    "Æblehaven",
    "Østergades Genbrug",
    "Åbenrå Antik",
    "Aabenraa Bryghus",
    "Åens Cykelværksted",
]


def test_companies_are_listed_in_danish_alphabetical_order():
    for n, name in enumerate(reversed(NAMES_IN_DANISH_ORDER)):
        CompanyFactory(name=name, cvr=valid_cvr(n))
    assert [c.name for c in Company.objects.all()] == NAMES_IN_DANISH_ORDER
    assert [c.name for c in Company.objects.danish_order()] == NAMES_IN_DANISH_ORDER
    assert [c.name for c in Company.objects.danish_order().reverse()] == list(
        reversed(NAMES_IN_DANISH_ORDER)
    )


def test_contacts_are_listed_in_danish_alphabetical_order():
    for name in ["Øjvind", "Aage", "Zenia", "Anders"]:
        ContactFactory(name=name, company=None)
    assert [c.name for c in Contact.objects.all()] == ["Anders", "Zenia", "Øjvind", "Aage"]
