"""Corrections are new decisions with their own letter; payments never exceed the grant; pools."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepreneurs.decisions import selectors, services
from entrepreneurs.models import Decision, Payment
from portal.notifications.models import OutboxMessage
from tests.entrepreneurs.decisions.helpers import REASONS, approve, pdf_text, reject, submitted

pytestmark = pytest.mark.django_db


def correct(decision, by, **kwargs):
    return services.correct_decision(
        decision=decision,
        outcome=kwargs.pop("outcome", Decision.Outcome.APPROVED),
        amount=kwargs.pop("amount", 30_000),
        reasons=kwargs.pop("reasons", REASONS),
        legal_basis=kwargs.pop("legal_basis", decision.legal_basis),
        reason=kwargs.pop("reason", "Budgettets post til rådgivning var talt to gange."),
        by=by,
        **kwargs,
    )


def test_a_correction_is_a_new_decision_with_a_letter_that_replaces_the_old(caseworker):
    first = approve(submitted(), caseworker)

    second = correct(first, caseworker)

    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert second.corrects == first
    assert first.letter_html and first.amount == 40_000  # the old one is kept as it was
    text = pdf_text(second)
    assert "Denne afgørelse erstatter afgørelsen af" in text
    assert "talt to gange" in text
    assert "Du får 30.000 kr. i tilskud" in text
    assert selectors.current_decision(second.application) == second
    subjects = list(
        OutboxMessage.objects.filter(to="mette@example.dk")
        .order_by("pk")
        .values_list("subject", flat=True)
    )
    assert subjects[-1].startswith("Rettet afgørelse i din sag")
    assert second.pool_year == first.pool_year


def test_only_the_decision_in_force_can_be_corrected(caseworker):
    first = approve(submitted(), caseworker)
    correct(first, caseworker)

    with pytest.raises(ValidationError, match="allerede rettet"):
        correct(first, caseworker, amount=20_000)

    assert Decision.objects.count() == 2


def test_a_correction_needs_a_reason(caseworker):
    first = approve(submitted(), caseworker)

    with pytest.raises(ValidationError) as refused:
        correct(first, caseworker, reason="  ")

    assert "correction_reason" in refused.value.error_dict
    assert Decision.objects.count() == 1


def test_a_correction_gives_the_old_grant_back_to_the_pool(caseworker):
    application = submitted()
    application.scheme.yearly_pool = 40_000
    application.scheme.save()
    first = approve(application, caseworker)  # the whole pool

    second = correct(first, caseworker, amount=35_000)  # within the pool once 40.000 is back

    year = timezone.localdate().year
    assert selectors.granted_in_pool(application.scheme, year) == 35_000
    assert second.over_pool_confirmed_by is None


def test_payments_up_to_the_grant_and_never_more(caseworker):
    decision = approve(submitted(), caseworker)
    application = decision.application
    today = timezone.localdate()

    services.record_payment(application=application, paid_on=today, amount=25_000, by=caseworker)
    with pytest.raises(ValidationError, match="højst udbetales 15.000 kr. mere"):
        services.record_payment(
            application=application, paid_on=today, amount=15_001, by=caseworker
        )
    services.record_payment(application=application, paid_on=today, amount=15_000, by=caseworker)

    assert selectors.paid_total(application) == 40_000
    assert application.case.events.filter(text__contains="Udbetaling registreret").count() == 2


def test_a_rejection_takes_no_payments(caseworker):
    application = reject(submitted(), caseworker).application

    with pytest.raises(ValidationError, match="ingen gældende bevilling"):
        services.record_payment(
            application=application, paid_on=timezone.localdate(), amount=1, by=caseworker
        )


def test_a_grant_replaced_by_a_rejection_takes_no_payments(caseworker):
    first = approve(submitted(), caseworker)
    correct(first, caseworker, outcome=Decision.Outcome.REJECTED, amount=None)

    with pytest.raises(ValidationError, match="ingen gældende bevilling"):
        services.record_payment(
            application=first.application,
            paid_on=timezone.localdate(),
            amount=1_000,
            by=caseworker,
        )
    assert not Payment.objects.exists()


def test_a_correction_cannot_grant_less_than_is_paid(caseworker):
    first = approve(submitted(), caseworker)
    services.record_payment(
        application=first.application,
        paid_on=timezone.localdate(),
        amount=30_000,
        by=caseworker,
    )

    with pytest.raises(ValidationError, match="allerede udbetalt 30.000 kr."):
        correct(first, caseworker, amount=20_000)


def test_a_payment_in_the_future_is_refused(caseworker):
    application = approve(submitted(), caseworker).application

    with pytest.raises(ValidationError, match="fremtiden"):
        services.record_payment(
            application=application,
            paid_on=timezone.localdate() + datetime.timedelta(days=1),
            amount=1_000,
            by=caseworker,
        )


def test_the_pool_shows_granted_paid_and_remaining_per_year(caseworker):
    first = submitted()
    scheme = first.scheme
    approve(first, caseworker, amount=40_000)
    second = approve(submitted(scheme=scheme), caseworker, amount=25_000)
    reject(submitted(scheme=scheme), caseworker)
    corrected = approve(submitted(scheme=scheme), caseworker, amount=10_000)
    correct(corrected, caseworker, amount=5_000)
    services.record_payment(
        application=second.application,
        paid_on=timezone.localdate(),
        amount=12_500,
        by=caseworker,
    )

    [this_year] = selectors.pool_years(scheme)
    assert this_year.year == timezone.localdate().year
    assert (this_year.pool, this_year.granted, this_year.paid, this_year.remaining) == (
        300_000,
        70_000,
        12_500,
        230_000,
    )
    grants = list(selectors.pool_grants(scheme, this_year.year))
    assert [(grant.amount, grant.paid) for grant in grants] == [
        (40_000, None),
        (25_000, 12_500),
        (5_000, None),
    ]


def test_a_payment_dated_before_the_decision_is_refused(caseworker):
    application = approve(submitted(), caseworker).application

    with pytest.raises(ValidationError, match="før afgørelsen af"):
        services.record_payment(
            application=application,
            paid_on=timezone.localdate() - datetime.timedelta(days=1),
            amount=1_000,
            by=caseworker,
        )
    assert not Payment.objects.exists()
