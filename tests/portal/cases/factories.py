import factory
from django.db import transaction

from portal import intake
from portal.cases import services
from portal.cases.models import Case
from tests.factories import ContactFactory


class CaseFactory(factory.django.DjangoModelFactory):
    """A case opened the way a public form opens one: reference, deadline, journal, receipt.

    The receipt is the shared intake's own (templates/intake/email/receipt.txt), which each
    app's receipt extends. Other fields given (status, assignee, deadline …) are stored
    afterwards, as test set-up.
    """

    class Meta:
        model = Case

    kind = Case.Kind.ADVICE
    subject = factory.Sequence(lambda n: f"Hjælp til at starte en socialøkonomisk café ({n})")
    contact = factory.SubFactory(ContactFactory)
    company = None

    @classmethod
    def _create(cls, model_class, *, kind, subject, contact, company=None, **stored):
        with transaction.atomic():
            case = services.open_case(kind=kind, contact=contact, subject=subject, company=company)
            intake.queue_receipt(case=case, template="intake/email/receipt")
        if stored:
            Case.objects.filter(pk=case.pk).update(**stored)
            case.refresh_from_db()
        return case
