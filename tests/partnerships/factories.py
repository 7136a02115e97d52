import datetime

import factory
from django.utils import timezone

from partnerships.models import (
    DirectoryEntry,
    Listing,
    Partnership,
    PartnershipActivity,
    PartnershipMember,
    PartnershipResult,
)
from tests.factories import CompanyFactory, ContactFactory


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    title = factory.Sequence(lambda n: f"Partnerskab {n}")
    kind = Partnership.Kind.ORDINARY
    purpose = "Flere i job fra kanten af arbejdsmarkedet."


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    company = factory.SubFactory(CompanyFactory)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipActivity

    partnership = factory.SubFactory(PartnershipFactory)
    date = factory.LazyFunction(timezone.localdate)
    participants = "Kommunens konsulent og virksomhedens leder"


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipResult

    partnership = factory.SubFactory(PartnershipFactory)
    date = factory.LazyFunction(timezone.localdate)
    kind = PartnershipResult.Kind.JOBS
    number = 1


class ListingFactory(factory.django.DjangoModelFactory):
    """A published offer in the services category, valid for a month."""

    class Meta:
        model = Listing

    kind = Listing.Kind.OFFER
    category = Listing.Category.SERVICES
    title = factory.Sequence(lambda n: f"Opslag {n}")
    description = "Vi tilbyder hjælp til en fælles opgave."
    postcode = "6100"
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    company = factory.SubFactory(CompanyFactory)
    contact = factory.SubFactory(ContactFactory, company=factory.SelfAttribute("..company"))
    show_company = True
    status = Listing.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class DirectoryEntryFactory(factory.django.DjangoModelFactory):
    """A listed social-economy enterprise with consent."""

    class Meta:
        model = DirectoryEntry

    company = factory.SubFactory(
        CompanyFactory,
        kind="social_economy",
        purpose_social=True,
        listing_consent=True,
    )
    slug = factory.Sequence(lambda n: f"virksomhed-{n}")
    description = "Vi driver en café med ansatte fra kanten af arbejdsmarkedet."
    sells = "Frokost, mødeforplejning og catering."
    trade = DirectoryEntry.Trade.FOOD
    social_purpose = "Vi giver mennesker uden for arbejdsmarkedet et job."
    contact = factory.SubFactory(ContactFactory, company=factory.SelfAttribute("..company"))
    status = DirectoryEntry.Status.LISTED
    consent_at = factory.LazyFunction(timezone.now)
    listed_at = factory.LazyFunction(timezone.now)
