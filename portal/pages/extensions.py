"""What the pages app adds to portal's extension points: the demo's site settings."""

from portal.demo import DemoLoader, demo_loaders
from portal.pages.demo import load_demo_site_settings


def register() -> None:
    demo_loaders.register(
        DemoLoader(name="pages.site-settings", load=load_demo_site_settings, order=1)
    )
