"""Demo data's extension point: each app registers a loader, `manage.py load_demo` runs them.

`portal` never imports an app, so an app adds its demo data in its AppConfig.ready():

    register_demo_loader("articles", load_demo_articles)

A loader must be idempotent (update_or_create by a natural key): `make run` calls it every time.
Loaders run in registration order, after the core's own (site settings, company registry).
"""

from collections.abc import Callable

DemoLoader = Callable[[], object]

_loaders: dict[str, DemoLoader] = {}


def register_demo_loader(name: str, func: DemoLoader) -> None:
    _loaders[name] = func


def demo_loaders() -> list[tuple[str, DemoLoader]]:
    return list(_loaders.items())
