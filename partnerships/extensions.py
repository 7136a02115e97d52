"""What partnerships adds to portal's extension points; PartnershipsConfig.ready() calls
register()."""

from partnerships.directory import extensions as directory
from partnerships.exchange import extensions as exchange
from partnerships.proposals import extensions as proposals
from partnerships.register import extensions as register_


def register() -> None:
    register_.register()
    proposals.register()
    exchange.register()
    directory.register()
