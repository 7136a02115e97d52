"""Time the public pages in-process: median and 95th percentile per page, and queries per page.

    DEBUG=1 .venv/bin/python bench/pages.py            # against db.sqlite3 (run `make demo` first)
    DATABASE_URL=postgres://… .venv/bin/python bench/pages.py

Numbers go in bench/README.md; tests assert query counts, never timings.
"""

import sys

from timing import print_header, print_row, setup_django, time_page

setup_django()

from django.test import Client  # noqa: E402

PATHS = sys.argv[1:] or ["/", "/om/", "/privatliv/", "/raadgivning/", "/en/", "/de/netvaerk/"]
ROUNDS = 200


def main() -> None:
    client = Client(headers={"host": "127.0.0.1"})
    print_header("side", 24)
    for path in PATHS:
        print_row(path, 24, time_page(client, path, ROUNDS))


if __name__ == "__main__":
    main()
