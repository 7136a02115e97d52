"""Who is locked out of signing in, and the manager's "Lås op".

django-axes counts failed sign-ins (wrong passwords and wrong codes) per user name, address and
browser, and compares the largest count of its AXES_LOCKOUT_PARAMETERS with one limit. The portal
has two limits: STAFF_LOCKOUT_PER_ADDRESS for a user name from one address, and the higher
STAFF_LOCKOUT_PER_USERNAME for a user name from all addresses together, where each address
counts no more than STAFF_LOCKOUT_PER_ADDRESS: someone who only knows a user name locks it from
their own address, never from the town hall's, however often they try. failure_limit()
(AXES_FAILURE_LIMIT) turns the two rules into the one number axes compares with.
"""

from dataclasses import dataclass, field
from datetime import datetime

from axes.attempts import get_cool_off_threshold
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _


def counted_failures(per_address: dict[str, int]) -> int:
    """The user name's failures from everywhere, each address counting at most its own limit."""
    return sum(
        min(failures, settings.STAFF_LOCKOUT_PER_ADDRESS) for failures in per_address.values()
    )


def is_locked(per_address: dict[str, int], address: str | None) -> bool:
    """The portal's rule: too many from this address, or too many from everywhere together."""
    return (
        per_address.get(address or "", 0) >= settings.STAFF_LOCKOUT_PER_ADDRESS
        or counted_failures(per_address) >= settings.STAFF_LOCKOUT_PER_USERNAME
    )


def failure_limit(request: HttpRequest, credentials: dict | None = None) -> int:
    """The number axes' largest count reaches exactly when `is_locked` says so. One query.

    Axes' largest count is the user name's raw total (one address's failures are part of it),
    so 1 locks and one more than the total does not.
    """
    username = get_client_username(request, credentials)
    rows = (
        AccessAttempt.objects.filter(
            username=username, attempt_time__gte=get_cool_off_threshold(request)
        )
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"))
    )
    per_address = {row["ip_address"] or "": row["failures"] or 0 for row in rows}
    if is_locked(per_address, getattr(request, "axes_ip_address", None)):
        return 1
    return sum(per_address.values()) + 1


def end_failure_count(request: HttpRequest, user: AbstractBaseUser) -> None:
    """A whole sign-in (password and second factor) ends the count of the user name from the
    address it came from; failures from other addresses were not the user's, and still count."""
    address = getattr(request, "axes_ip_address", None)
    # Without an address axes would reset the user name from every address.
    if settings.AXES_ENABLED and address:
        AxesProxyHandler.reset_attempts(username=user.get_username(), ip_address=address)


@dataclass
class Lockout:
    username: str
    user: AbstractBaseUser | None
    # The last counted failure (those while locked are not counted, so do not prolong it).
    since: datetime
    until: datetime
    # The addresses locked for this user name; empty when it is locked from everywhere.
    addresses: list[str] = field(default_factory=list)

    @property
    def everywhere(self) -> bool:
        return not self.addresses


def locked_accounts() -> list[Lockout]:
    """Every user name that is locked now, from where, and until when. Two queries."""
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(attempt_time__gte=threshold).order_by("username")
    by_username: dict[str, dict] = {}
    for attempt in attempts.values(
        "username", "ip_address", "failures_since_start", "attempt_time"
    ):
        entry = by_username.setdefault(attempt["username"] or "", {"pairs": {}, "last": {}})
        address = attempt["ip_address"] or ""
        entry["pairs"][address] = entry["pairs"].get(address, 0) + attempt["failures_since_start"]
        entry["last"][address] = max(
            attempt["attempt_time"], entry["last"].get(address, attempt["attempt_time"])
        )
    users = get_user_model().objects.in_bulk(list(by_username), field_name="username")
    lockouts = []
    for username, entry in by_username.items():
        if counted_failures(entry["pairs"]) >= settings.STAFF_LOCKOUT_PER_USERNAME:
            addresses = []
            since = max(entry["last"].values())
        else:
            addresses = sorted(
                address
                for address, failures in entry["pairs"].items()
                if failures >= settings.STAFF_LOCKOUT_PER_ADDRESS
            )
            if not addresses:
                continue
            since = max(entry["last"][address] for address in addresses)
        lockouts.append(
            Lockout(
                username=username,
                user=users.get(username),
                since=since,
                until=since + settings.AXES_COOLOFF_TIME,
                addresses=addresses,
            )
        )
    return lockouts


@transaction.atomic
def unlock(*, username: str, by: AbstractBaseUser) -> int:
    """Forget the user name's failed sign-ins, from every address; recorded in the user's
    admin history. Returns how many attempt rows were removed."""
    count, _deleted = AccessAttempt.objects.filter(username=username).delete()
    user = get_user_model().objects.filter(username=username).first()
    if user is not None:
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[user],
            action_flag=CHANGE,
            change_message=_("Låste kontoen op efter for mange forkerte forsøg på at logge ind."),
            single_object=True,
        )
    return count
