"""Demo data's extension point: each app registers a loader, `manage.py load_demo` runs them.

`portal` never imports an app, so an app adds its demo data in its extensions.py:

    demo_loaders.register(DemoLoader(name="guidance.articles", load=load_demo_articles))

A loader must be idempotent (update_or_create by a natural key): `make run` calls it every time.
Loaders run by `order`, then name; the core's own (site settings, the company registry) come
first, with orders below 10. The demo's staff accounts are portal.accounts.demo_staff's.
"""

from collections.abc import Callable
from dataclasses import dataclass

from portal.extensions import Registry


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[[], object]
    order: int = 100


demo_loaders: Registry[DemoLoader] = Registry("demo loaders")
