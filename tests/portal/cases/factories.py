import factory

from portal.cases import services
from portal.cases.models import Case
from portal.registry.models import Company, Contact


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Café Fællesskab {n} ApS")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = "Mette Hansen"
    email = factory.Sequence(lambda n: f"mette{n}@example.dk")


class CaseFactory(factory.django.DjangoModelFactory):
    """A case opened the way the public forms open one: reference, deadline, journal, receipt.

    Other fields given (status, assignee, deadline …) are stored afterwards, as test set-up.
    """

    class Meta:
        model = Case

    kind = Case.Kind.ADVICE
    subject = factory.Sequence(lambda n: f"Hjælp til at starte en socialøkonomisk café ({n})")
    contact = factory.SubFactory(ContactFactory)
    company = None

    @classmethod
    def _create(cls, model_class, *, kind, subject, contact, company=None, **stored):
        case = services.open_case(kind=kind, contact=contact, subject=subject, company=company)
        if stored:
            Case.objects.filter(pk=case.pk).update(**stored)
            case.refresh_from_db()
        return case
