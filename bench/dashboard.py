"""Time the strategy's dashboard on a large database: compute.dashboard() for a year, each
measure's figure() on its own, and the admin page /admin/maal/, with the queries of each.

    createdb -h 127.0.0.1 -U postgres portal_bench
    export DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py generate_load
    psql -h 127.0.0.1 -U postgres portal_bench -c ANALYZE
    .venv/bin/python bench/dashboard.py [year]

The year defaults to last year (a whole year, compared with the one before). Uses whatever
measures the apps have registered: it imports nothing app-specific. Warm: one run first, then
the median of BENCH_ROUNDS runs (10 by default). Numbers go in bench/README.md; tests assert
query counts, never timings.
"""

import os
import statistics
import sys
import time

from timing import PageTiming, print_header, print_row, setup_django, time_page

setup_django()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from portal.cases.models import Case  # noqa: E402
from portal.dashboard import compute  # noqa: E402
from portal.dashboard.measures import measures  # noqa: E402
from portal.dashboard.periods import Period  # noqa: E402
from portal.registry.models import Company  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))


def timed(call, rounds: int = ROUNDS) -> PageTiming:
    """Warm up once, count the statements of one call, then time `rounds` calls."""
    call()
    with CaptureQueriesContext(connection) as captured:
        call()
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return PageTiming(statistics.median(timings), p95, len(captured))


def main(year: int) -> None:
    period = Period.year(year)
    registered = measures.entries()
    print(
        f"{Case.objects.count()} cases, {Company.objects.count()} companies, "
        f"{len(registered)} measures, {connection.vendor}, {ROUNDS} rounds, period {period.slug}"
    )
    width = max([36, *(len(measure.name) + 2 for measure in registered)])
    print_header("what", width)
    print_row(f"compute.dashboard({year})", width, timed(lambda: compute.dashboard(period)))
    this_year = Period.year(timezone.localdate().year).up_to(timezone.localdate())
    print_row(
        f"compute.dashboard({this_year.slug} so far)",
        width,
        timed(lambda: compute.dashboard(this_year)),
    )
    quarter = Period.quarter(year, 4)
    print_row(
        f"compute.dashboard({quarter.slug})", width, timed(lambda: compute.dashboard(quarter))
    )
    for measure in registered:
        print_row(measure.name, width, timed(lambda m=measure: compute.figure(m, period)))

    user, _created = get_user_model().objects.get_or_create(
        username="bench-leder", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(headers={"host": "127.0.0.1"})
    client.force_login(user)
    # The address rather than reverse(): the page may not be registered yet.
    path = f"/admin/maal/?periode={period.slug}"
    status = client.get(path).status_code
    if status == 200:
        print_row(f"page {path}", width, time_page(client, path, ROUNDS))
    else:
        print(f"page {path}: status {status}, not timed")


if __name__ == "__main__":
    chosen = int(sys.argv[1]) if len(sys.argv) > 1 else timezone.localdate().year - 1
    with override_settings(STAFF_REQUIRE_2FA=False, DEBUG=False):
        main(chosen)
