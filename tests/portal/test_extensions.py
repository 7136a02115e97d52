"""The one registry every extension point uses (portal/extensions.py)."""

from dataclasses import dataclass

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser, Permission

from portal.extensions import Registry, feature_apps


@dataclass(frozen=True)
class Entry:
    name: str
    order: int = 100
    permission: str | None = None


def test_registering_a_name_again_replaces_the_entry():
    registry = Registry("test")
    registry.register(Entry("a", order=1))
    registry.register(Entry("a", order=2))

    assert registry.entries() == [Entry("a", order=2)]


def test_entries_come_by_order_then_name():
    registry = Registry("test")
    for entry in (Entry("c"), Entry("b", order=5), Entry("a"), Entry("d", order=5)):
        registry.register(entry)

    assert [entry.name for entry in registry.entries()] == ["b", "d", "a", "c"]


@pytest.mark.django_db
def test_a_user_sees_only_the_entries_their_permissions_allow(django_user_model):
    registry = Registry("test")
    registry.register(Entry("open"))
    registry.register(Entry("cases", permission="cases.view_case"))
    clerk = django_user_model.objects.create_user(username="clerk", is_staff=True)
    reader = django_user_model.objects.create_user(username="reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_case"))

    assert [entry.name for entry in registry.entries(user=AnonymousUser())] == ["open"]
    assert [entry.name for entry in registry.entries(user=clerk)] == ["open"]
    assert [entry.name for entry in registry.entries(user=reader)] == ["cases", "open"]
    assert [entry.name for entry in registry.entries()] == ["cases", "open"]


def test_only_gives_exactly_its_entries_and_restores_the_rest_even_after_an_error():
    registry = Registry("test")
    registry.register(Entry("registered"))

    with pytest.raises(RuntimeError), registry.only(Entry("for-the-test")):
        assert [entry.name for entry in registry.entries()] == ["for-the-test"]
        registry.register(Entry("added-in-the-test"))
        raise RuntimeError

    assert [entry.name for entry in registry.entries()] == ["registered"]


def test_feature_apps_are_the_settings_list_in_its_order(settings):
    settings.FEATURE_APPS = ["network", "guidance"]

    assert [app.label for app in feature_apps()] == ["network", "guidance"]


def test_ready_may_run_twice_without_doubling_anything():
    from portal.cases.details import case_details_providers
    from portal.demo import demo_loaders
    from portal.exports import exported
    from portal.notifications.jobs import worker_jobs
    from portal.notifications.signals import message_sent
    from portal.privacy.registry import personal_data
    from portal.registry.timeline import company_section_providers
    from portal.search import search_providers
    from portal.workbench import tile_groups

    registries = [
        search_providers,
        demo_loaders,
        tile_groups,
        company_section_providers,
        case_details_providers,
        personal_data,
        worker_jobs,
    ]
    before = [registry.entries() for registry in registries]
    receivers = (len(message_sent.receivers), len(exported.receivers))

    for label in ("cases", "privacy", "pages", "registry", "guidance"):
        django_apps.get_app_config(label).ready()

    assert [registry.entries() for registry in registries] == before
    assert (len(message_sent.receivers), len(exported.receivers)) == receivers
