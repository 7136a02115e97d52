import datetime

import factory
from django.utils import timezone

from network.models import MEETING_KIND, FollowUp, Meeting
from tests.factories import CompanyFactory, OccasionFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    """A published network meeting three weeks from now (its Occasion comes with it)."""

    class Meta:
        model = Meeting

    occasion = factory.SubFactory(
        OccasionFactory,
        kind=MEETING_KIND,
        title=factory.Sequence(lambda n: f"Netværksmøde {n}: rekruttering fra kanten"),
    )
    description = (
        "Vi deler erfaringer med at rekruttere medarbejdere fra kanten af arbejdsmarkedet."
    )
    agenda = "Velkomst\nOplæg fra en socialøkonomisk virksomhed\nNetværk og kaffe"
    audience = Meeting.Audience.EVERYONE
    contact_person = factory.SubFactory("tests.network.factories.StaffFactory")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)

    username = "kontakt"
    first_name = "Karen"
    last_name = "Kontakt"
    email = "kontakt@haderslev.dk"
    is_staff = True


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    company = factory.SubFactory(CompanyFactory)
    topics = factory.LazyFunction(lambda: [FollowUp.Topic.RECRUITMENT])
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    assignee = factory.SubFactory(StaffFactory)
