import factory
from stdnum.dk import cvr as stdnum_cvr

from portal.registry.models import Company, Contact

_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2)


def valid_cvr(n: int) -> str:
    """The n-th made-up CVR number that passes the modulus-11 check; distinct for each n.

    Two candidates per n: when the first seven digits allow no check digit, the next ones do.
    """
    for prefix in (8_000_000 + 2 * n, 8_000_000 + 2 * n + 1):
        digits = str(prefix)
        check = -sum(int(d) * w for d, w in zip(digits, _CVR_WEIGHTS, strict=True)) % 11
        if check < 10:
            number = f"{digits}{check}"
            assert stdnum_cvr.is_valid(number)
            return number
    raise AssertionError(f"no valid CVR number for {n}")  # cannot happen: see docstring


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    cvr = factory.Sequence(valid_cvr)
    name = factory.Sequence(lambda n: f"Virksomhed {n} ApS")
    postcode = "6100"
    city = "Haderslev"
    email = factory.Sequence(lambda n: f"kontakt{n}@virksomhed.example")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Kontaktperson {n}")
    email = factory.Sequence(lambda n: f"person{n}@virksomhed.example")
    company = factory.SubFactory(CompanyFactory)
