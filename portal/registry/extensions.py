"""What the company registry adds to portal's extension points: the demo's companies."""

from portal.demo import DemoLoader, demo_loaders
from portal.registry import dialogue
from portal.registry.demo import load_demo_companies


def register() -> None:
    demo_loaders.register(DemoLoader(name="registry.companies", load=load_demo_companies, order=2))
    # The one list of who is due for contact, and who is not contacted lately: admin-home tiles.
    dialogue.register()
