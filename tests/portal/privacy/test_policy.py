from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.notifications.jobs import worker_jobs
from portal.privacy.policy import Period, retention_rules

CPH = ZoneInfo("Europe/Copenhagen")


def test_default_rules_have_a_period_and_a_danish_legal_basis():
    rules = {rule.kind: rule for rule in retention_rules()}

    assert rules["closed_cases"].keep_for == Period(years=5)
    assert rules["closed_cases"].action == "anonymise"
    assert "Arkivloven" in str(rules["closed_cases"].legal_basis)
    assert all("art." in str(rule.legal_basis) for rule in rules.values())


def test_periods_come_from_settings_over_the_defaults(settings):
    settings.PRIVACY_RETENTION = {"closed_cases": {"years": 10}, "outbox_messages": {"months": 6}}

    rules = {rule.kind: rule for rule in retention_rules()}

    assert rules["closed_cases"].keep_for == Period(years=10)
    assert rules["outbox_messages"].keep_for == Period(months=6)
    assert rules["inactive_contacts"].keep_for == Period(years=3)


@pytest.mark.parametrize(
    "setting",
    [{"closed_casez": {"years": 5}}, {"closed_cases": {"weeks": 2}}, {"closed_cases": {}}],
)
def test_a_wrong_setting_fails_loudly(settings, setting):
    settings.PRIVACY_RETENTION = setting
    with pytest.raises(ImproperlyConfigured):
        retention_rules()


def test_period_counts_back_whole_months_and_years():
    moment = datetime(2026, 3, 31, 12, 0, tzinfo=CPH)

    assert Period(years=5).before(moment) == datetime(2021, 3, 31, 12, 0, tzinfo=CPH)
    assert Period(months=1).before(moment) == datetime(2026, 2, 28, 12, 0, tzinfo=CPH)
    assert Period(days=31).before(moment) == datetime(2026, 2, 28, 12, 0, tzinfo=CPH)
    assert str(Period(years=1, months=6)) == "1 år og 6 måneder"


def test_retention_is_a_daily_job_of_the_worker():
    job = worker_jobs.get("privacy.retention")
    assert job.every.days == 1


@pytest.mark.django_db
def test_an_apps_own_rule_is_planned_applied_and_its_period_overridable(settings):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from portal.privacy import services
    from portal.privacy.policy import Action, Period, RetentionRule, retention_rules
    from portal.privacy.registry import AppRetention, app_retention
    from portal.registry.models import Contact
    from tests.factories import ContactFactory

    old = ContactFactory(name="Gammel kladde")
    Contact.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=40))
    ContactFactory(name="Ny kladde")
    applied = []

    def due(cutoff: datetime, now: datetime):
        return Contact.objects.filter(updated_at__lt=cutoff)

    def apply(batch, cutoff, now):
        applied.extend(batch)
        return len(batch)

    rule = RetentionRule(
        kind="test_drafts",
        label="Kladder",
        counted_from="efter seneste ændring",
        keep_for=Period(days=30),
        legal_basis="Databeskyttelsesforordningen art. 5, stk. 1, litra e.",
        action=Action.DELETE,
    )
    with app_retention.only(AppRetention(name="test.drafts", rule=rule, due=due, apply=apply)):
        assert "test_drafts" in {rule.kind for rule in retention_rules()}
        plan = services.plan_retention()
        assert plan.counts["test_drafts"] == 1
        run = services.apply_retention()
        assert run.counts["test_drafts"] == 1
        assert applied == [old.pk]

        settings.PRIVACY_RETENTION = {"test_drafts": {"days": 90}}
        assert services.plan_retention().counts["test_drafts"] == 0
