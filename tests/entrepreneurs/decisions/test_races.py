"""Two caseworkers deciding the same application at the same moment: one decision, one letter.

Only PostgreSQL proves it: each thread has its own connection, as two app servers would.
"""

import pytest
from django.core.exceptions import ValidationError

from entrepreneurs.models import Decision, GrantApplication
from portal.notifications.models import OutboxMessage
from tests.concurrency import at_once
from tests.entrepreneurs.decisions.helpers import approve, reject, submitted

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_two_first_decisions_at_once_make_exactly_one(caseworker):
    application = submitted()

    def work(n: int) -> str:
        fresh = GrantApplication.objects.get(pk=application.pk)
        try:
            (approve if n % 2 == 0 else reject)(fresh, caseworker)
        except ValidationError as error:
            return error.messages[0]
        return "decided"

    results = at_once(work, times=6)

    assert results.count("decided") == 1
    assert all("allerede truffet afgørelse" in result for result in results if result != "decided")
    assert Decision.objects.filter(application=application).count() == 1
    assert OutboxMessage.objects.filter(to="mette@example.dk").count() == 1


def test_grants_racing_for_the_last_of_the_pool_never_exceed_it(caseworker):
    first = submitted()
    scheme = first.scheme
    scheme.yearly_pool = 100_000
    scheme.save()
    applications = [first] + [submitted(scheme=scheme) for _ in range(4)]

    def work(n: int) -> bool:
        fresh = GrantApplication.objects.get(pk=applications[n].pk)
        try:
            approve(fresh, caseworker, amount=40_000)
        except ValidationError:
            return False
        return True

    results = at_once(work, times=5)

    assert results.count(True) == 2  # 2 × 40.000 fit in 100.000, a third does not
    assert sum(Decision.objects.values_list("amount", flat=True)) == 80_000
