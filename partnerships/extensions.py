"""What partnerships adds to portal's extension points; PartnershipsConfig.ready() calls
register()."""

from partnerships.directory import extensions as directory
from partnerships.exchange import extensions as exchange
from partnerships.exchange.demo import load_demo_listing_history
from partnerships.load import GENERATOR as LOAD_GENERATOR
from partnerships.measures import MEASURES
from partnerships.proposals import extensions as proposals
from partnerships.register import extensions as register_
from partnerships.register.demo import load_demo_partnership_history
from portal.dashboard.measures import measures
from portal.demo import DemoLoader, demo_loaders
from portal.loadgen import load_generators


def register() -> None:
    load_generators.register(LOAD_GENERATOR)
    register_.register()
    proposals.register()
    exchange.register()
    directory.register()
    # The strategy's measures (success criterion 2) and the two years of history they show in
    # the demo, each right after the part's own demo data.
    for measure in MEASURES:
        measures.register(measure)
    demo_loaders.register(
        DemoLoader(
            name="partnerships.register.history", load=load_demo_partnership_history, order=52
        )
    )
    demo_loaders.register(
        DemoLoader(name="partnerships.listings.history", load=load_demo_listing_history, order=54)
    )
