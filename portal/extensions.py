"""One shape for every extension point: apps add entries, portal reads them.

`portal` never imports a feature app. Each app (and each of portal's own sub-apps) keeps its
registrations in one `extensions.py` with a `register()` function, which its
`AppConfig.ready()` calls:

    # network/extensions.py
    def register() -> None:
        tile_groups.register(
            TileGroup(name="seats", tiles=seat_tiles, permission="network.view_meeting")
        )

The registries, each beside the code that reads it, and their entries:

    portal.search.search_providers                       SearchProvider
    portal.demo.demo_loaders                             DemoLoader
    portal.workbench.tile_groups                         TileGroup (of Tile)
    portal.registry.timeline.company_section_providers   CompanySectionProvider
    portal.registry.dialogue.due_contact_providers       DueContactProvider
    portal.registry.dialogue.last_contact_providers      LastContactProvider
    portal.cases.details.case_details_providers          CaseDetailsProvider
    portal.cases.status.status_sections                  StatusSection
    portal.cases.search.case_search_fields               CaseSearchField
    portal.cases.tools.case_tools                        CaseTool
    portal.privacy.registry.personal_data                PersonalData
    portal.notifications.jobs.worker_jobs                Job
    portal.accounts.roles.role_grants                    Grant
    portal.pages.links.page_links                        PageLink
    portal.pages.home.home_sections                      HomeSection
    portal.pages.home.about_key_figures                  KeyFigures
    portal.dashboard.measures.measures                   Measure
    portal.accounts.sites.admin_pages                    AdminPage
    portal.loadgen.load_generators                       LoadGenerator

The feature apps themselves are the one list settings.FEATURE_APPS; feature_apps() gives their
AppConfigs in that order. Each config says where its pages live and how the main navigation
names them (`url_prefix`, `navigation_url`, `navigation_label`; `more_urls` for pages under
another prefix), and its card on the front
page (`principle_heading`, `principle_text`, `principle_action`; the about page lists each
`verbose_name`): portal/urls.py, the navigation and those pages read them, so portal names no app.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, Protocol, TypeVar

from django.apps import AppConfig, apps
from django.conf import settings


class Entry(Protocol):
    """An entry is a frozen dataclass with at least a name.

    It may also have `order` (smaller first, 100 when missing) and `permission`
    ("app_label.codename", checked by Registry.entries(user=...)).
    """

    name: str


T = TypeVar("T", bound=Entry)


def may(user, permission: str | None) -> bool:
    """Whether `user` may see what needs `permission` ("app_label.codename"; None: anyone).

    The one rule for an entry, and for what an entry offers (an action, an add link)."""
    return not permission or user.has_perm(permission)


class Registry(Generic[T]):
    """Entries that apps add in AppConfig.ready(), read by portal in one order.

    Registering an entry with a name that is already there replaces it, so ready() may run twice
    (as it does in some tests) without doubling anything.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, T] = {}

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {', '.join(self._entries)}>"

    def register(self, entry: T) -> None:
        self._entries[entry.name] = entry

    def entries(self, *, user=None) -> list[T]:
        """Every entry by `order`, then name; with `user`, only those their permission allows."""
        visible = [
            entry
            for entry in self._entries.values()
            if user is None or may(user, getattr(entry, "permission", None))
        ]
        return sorted(visible, key=lambda entry: (getattr(entry, "order", 100), entry.name))

    def get(self, name: str) -> T | None:
        return self._entries.get(name)

    @contextmanager
    def only(self, *entries: T) -> Iterator[None]:
        """For tests: exactly these entries while the block runs, the registered ones after."""
        saved, self._entries = self._entries, {entry.name: entry for entry in entries}
        try:
            yield
        finally:
            self._entries = saved


def app_urls(app: AppConfig) -> list[tuple[str, str]]:
    """A feature app's URL modules by prefix: `url_prefix` with `<app>.urls`, then the
    (prefix, module) pairs of its optional `more_urls`, for pages outside its own prefix."""
    return [(app.url_prefix, f"{app.name}.urls"), *getattr(app, "more_urls", ())]


def feature_apps() -> list[AppConfig]:
    """The feature apps' configs, in the order of settings.FEATURE_APPS (the strategy's)."""
    by_name = {config.name: config for config in apps.get_app_configs()}
    return [by_name[name] for name in settings.FEATURE_APPS]
