import factory

from portal.cases import services
from portal.cases.models import Case
from tests.factories import ContactFactory


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
