import datetime

import factory
from django.utils import timezone
from stdnum.dk import cvr as stdnum_cvr

from portal.registrations.models import Occasion, Registration
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


def _in_days(days: float, hour: int = 9) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class OccasionFactory(factory.django.DjangoModelFactory):
    """Something with seats, three weeks from now, 9–12, registration open for two weeks."""

    class Meta:
        model = Occasion

    kind = "tests.occasion"
    title = factory.Sequence(lambda n: f"Arrangement {n}")
    starts_at = factory.LazyFunction(lambda: _in_days(21, hour=9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    registration_deadline = factory.LazyAttribute(
        lambda o: o.starts_at - datetime.timedelta(days=7)
    )
    capacity = 10
    address = "Rådhuset, Gåskærgade 26, 6100 Haderslev"
    published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    occasion = factory.SubFactory(OccasionFactory)
    name = factory.Sequence(lambda n: f"Deltager {n}")
    email = factory.Sequence(lambda n: f"deltager{n}@virksomhed.example")
    seats = 1
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        waiting = factory.Trait(
            status=Registration.Status.WAITING,
            confirmed_at=None,
            waiting_since=factory.LazyFunction(timezone.now),
        )
