from portal.accounts.roles import core_grants, role_grants


def register() -> None:
    for grant in core_grants():
        role_grants.register(grant)
