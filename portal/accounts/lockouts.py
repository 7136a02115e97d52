"""Who is locked out of signing in, and the manager's "Lås op".

django-axes counts failed sign-ins (wrong passwords and wrong codes) per user name, address and
browser, and compares the largest count of its AXES_LOCKOUT_PARAMETERS with one limit. The portal
has two limits: STAFF_LOCKOUT_PER_ADDRESS for a user name from one address, and the higher
STAFF_LOCKOUT_PER_USERNAME for a user name from all addresses together, so that someone who only
knows a user name locks it from their own address, not from the town hall's. failure_limit()
(AXES_FAILURE_LIMIT) gives axes the one limit that says the same.
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


def failure_limit(request: HttpRequest, credentials: dict | None = None) -> int:
    """The limit axes compares with its largest count, the user name's from all addresses.

    Once this address has had STAFF_LOCKOUT_PER_ADDRESS failures for the user name, that count
    (no more than the user name's own) is the limit, so the pair is locked; until then, only
    STAFF_LOCKOUT_PER_USERNAME failures from everywhere lock the user name.
    """
    username = get_client_username(request, credentials)
    from_here = (
        AccessAttempt.objects.filter(
            username=username,
            ip_address=getattr(request, "axes_ip_address", None),
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(failures=Sum("failures_since_start"))["failures"]
        or 0
    )
    if from_here >= settings.STAFF_LOCKOUT_PER_ADDRESS:
        return from_here
    return settings.STAFF_LOCKOUT_PER_USERNAME


def end_failure_count(user: AbstractBaseUser) -> None:
    """A whole sign-in (password and second factor) ends the user name's count everywhere."""
    if settings.AXES_ENABLED:
        AxesProxyHandler.reset_attempts(username=user.get_username())


@dataclass
class Lockout:
    username: str
    user: AbstractBaseUser | None
    # The last failure: each failure during the lock starts the cool-off again.
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
        entry = by_username.setdefault(
            attempt["username"] or "", {"total": 0, "pairs": {}, "last": {}}
        )
        address = attempt["ip_address"] or ""
        entry["total"] += attempt["failures_since_start"]
        entry["pairs"][address] = entry["pairs"].get(address, 0) + attempt["failures_since_start"]
        entry["last"][address] = max(
            attempt["attempt_time"], entry["last"].get(address, attempt["attempt_time"])
        )
    users = get_user_model().objects.in_bulk(list(by_username), field_name="username")
    lockouts = []
    for username, entry in by_username.items():
        if entry["total"] >= settings.STAFF_LOCKOUT_PER_USERNAME:
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
