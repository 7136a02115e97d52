from portal.accounts import views
from portal.accounts.roles import core_grants, role_grants
from portal.accounts.sites import AdminPage, admin_pages


def register() -> None:
    for grant in core_grants():
        role_grants.register(grant)
    admin_pages.register(
        AdminPage(name="accounts-locked", route="laaste-konti/", view=views.locked_accounts)
    )
    admin_pages.register(
        AdminPage(name="accounts-unlock", route="laaste-konti/laas-op/", view=views.unlock)
    )
