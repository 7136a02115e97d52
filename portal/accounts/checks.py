"""`manage.py check --deploy`: the demo's accounts must not be left in a real installation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from portal.accounts.demo_staff import DEMO_PASSWORD, DEMO_STAFF


@register(Tags.security, deploy=True)
def demo_accounts_with_the_published_password(app_configs=None, **kwargs) -> list[Warning]:
    try:
        users = list(
            get_user_model()
            .objects.filter(username__in=[staff[0] for staff in DEMO_STAFF], is_active=True)
            .only("username", "password")
        )
    except DatabaseError:
        # No database yet, or no tables (CI's check before migrate): nothing to warn about.
        return []
    # hashers.check_password, not user.check_password: a check must not rewrite a hash.
    found = [user.username for user in users if check_password(DEMO_PASSWORD, user.password)]
    if not found:
        return []
    return [
        Warning(
            f"Demoens konti ({', '.join(found)}) findes og er aktive med demoens offentlige "
            "adgangskode.",
            hint="Deaktivér eller slet dem i administrationen. Uden DEBUG kan de ikke logge ind.",
            id="accounts.W001",
        )
    ]
