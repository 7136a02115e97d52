import pytest
from django.core.management import CommandError, call_command
from stdnum.dk import cvr

from portal.cases import services
from portal.cases.models import Case
from portal.registry.models import Company
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_load_data_is_valid_and_the_portal_keeps_numbering_after_it(settings):
    settings.DEBUG = True
    call_command("generate_load", cases=60, companies=12)

    assert Case.objects.count() == 60
    assert Company.objects.count() == 12
    assert all(cvr.is_valid(number) for number in Company.objects.values_list("cvr", flat=True))

    case = services.open_case(kind=Case.Kind.ADVICE, contact=ContactFactory(), subject="Ny sag")
    assert Case.objects.filter(reference=case.reference).count() == 1


def test_load_data_is_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("generate_load", cases=1, companies=1)
    assert not Case.objects.exists()
