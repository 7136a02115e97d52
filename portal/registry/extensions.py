"""What the company registry adds to portal's extension points: the demo's companies, and the
measures of success criterion 3 that it holds the data for."""

from portal.dashboard.measures import measures
from portal.demo import DemoLoader, demo_loaders
from portal.registry import dialogue
from portal.registry.demo import load_demo_arrivals, load_demo_companies
from portal.registry.measures import REGISTRY_MEASURES


def register() -> None:
    demo_loaders.register(DemoLoader(name="registry.companies", load=load_demo_companies, order=2))
    # The history behind the dashboard: how long each has been here, which are new here.
    demo_loaders.register(DemoLoader(name="registry.arrivals", load=load_demo_arrivals, order=3))
    # The one list of who is due for contact, and who is not contacted lately: admin-home tiles.
    dialogue.register()
    for measure in REGISTRY_MEASURES:
        measures.register(measure)
