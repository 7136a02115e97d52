"""Time the public pages in-process: median and 95th percentile per page, and queries per page.

    DEBUG=1 .venv/bin/python bench/pages.py            # against db.sqlite3 (run `make demo` first)
    DATABASE_URL=postgres://… .venv/bin/python bench/pages.py

Numbers go in bench/README.md; tests assert query counts, never timings.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

PATHS = sys.argv[1:] or ["/", "/om/", "/privatliv/", "/raadgivning/", "/en/", "/de/netvaerk/"]
ROUNDS = 200


def counting(queries: list[str]):
    """A database execute wrapper that notes each statement a request runs."""

    def wrapper(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    return wrapper


def main() -> None:
    client = Client(headers={"host": "127.0.0.1"})
    print(f"{'side':<24}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    for path in PATHS:
        client.get(path)  # warm caches and the template loader
        queries: list[str] = []
        with connection.execute_wrapper(counting(queries)):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95)]
        print(f"{path:<24}{statistics.median(timings):>10.2f}{p95:>10.2f}{len(queries):>9}")


if __name__ == "__main__":
    main()
