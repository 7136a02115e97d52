"""What every benchmark here measures of a page: median and p95 time, and its queries."""

import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path


def setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


@dataclass(frozen=True)
class PageTiming:
    median_ms: float
    p95_ms: float
    queries: int


def time_page(client, path: str, rounds: int) -> PageTiming:
    """Warm up once, count the statements of one request, then time `rounds` requests."""
    from django.db import connection

    client.get(path)
    queries: list[str] = []

    def counting(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return PageTiming(statistics.median(timings), p95, len(queries))


def print_header(first_column: str, width: int) -> None:
    print(f"{first_column:<{width}}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")


def print_row(name: str, width: int, timing: PageTiming) -> None:
    print(f"{name:<{width}}{timing.median_ms:>10.1f}{timing.p95_ms:>10.1f}{timing.queries:>9}")
