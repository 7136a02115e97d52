import pytest

from entrepreneurs.decisions.demo import APPROVED, DEMO_CASEWORKER, REJECTED, load_demo_decisions
from entrepreneurs.models import Decision, Payment
from tests.entrepreneurs.decisions.helpers import submitted

pytestmark = pytest.mark.django_db


def test_the_demo_decides_two_applications_once(django_user_model):
    django_user_model.objects.create(username=DEMO_CASEWORKER, is_staff=True)
    first = submitted(enterprise_name=APPROVED)
    second = submitted(scheme=first.scheme, enterprise_name=REJECTED)
    submitted(scheme=first.scheme, enterprise_name="Rengøringskooperativet")

    load_demo_decisions()
    load_demo_decisions()

    approved, rejected = Decision.objects.order_by("pk")
    assert (approved.application, approved.outcome, approved.amount) == (first, "approved", 40_000)
    assert (rejected.application, rejected.outcome) == (second, "rejected")
    assert approved.letter_pdf and rejected.letter_html
    assert list(Payment.objects.values_list("amount", flat=True)) == [20_000]


def test_without_the_demo_applications_it_creates_nothing(django_user_model):
    django_user_model.objects.create(username=DEMO_CASEWORKER, is_staff=True)
    submitted(enterprise_name="En anden virksomhed")

    load_demo_decisions()

    assert not Decision.objects.exists()
