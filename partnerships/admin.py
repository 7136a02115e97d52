# Each part registers its own admin classes; importing them here is what Django's autodiscover
# finds.
from partnerships.directory import admin as directory_admin  # noqa: F401
from partnerships.exchange import admin as exchange_admin  # noqa: F401
from partnerships.proposals import admin as proposals_admin  # noqa: F401
from partnerships.register import admin as register_admin  # noqa: F401
