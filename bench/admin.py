"""Time the caseworker's admin pages on a large database: median and p95, and queries per page.

    createdb -h 127.0.0.1 -U postgres portal_bench
    export DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py generate_load
    .venv/bin/python bench/admin.py

Signs in as a superuser in-process (the second factor is switched off for the measurement only).
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

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from portal.cases.models import Case  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))


def pages() -> list[tuple[str, str]]:
    case = Case.objects.order_by("-pk").first()
    company_id = Case.objects.exclude(company=None).values_list("company_id", flat=True).first()
    return [
        ("admin home", "/admin/"),
        ("inbox", "/admin/cases/case/"),
        ("inbox: status", "/admin/cases/case/?status__exact=received"),
        ("inbox: kind", "/admin/cases/case/?kind__exact=advice"),
        ("inbox: overdue", "/admin/cases/case/?overskredet=ja"),
        ("inbox: open", "/admin/cases/case/?aaben=ja"),
        ("inbox: assignee", "/admin/cases/case/?assignee__isnull=True"),
        ("inbox: search", f"/admin/cases/case/?q={case.reference}"),
        ("inbox: last page", "/admin/cases/case/?p=400"),
        ("case page", f"/admin/cases/case/{case.pk}/change/"),
        ("companies", "/admin/registry/company/"),
        ("company page", f"/admin/registry/company/{company_id}/change/"),
    ]


def counting(queries: list[str]):
    """A database execute wrapper that notes each statement a request runs."""

    def wrapper(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    return wrapper


def main() -> None:
    user, _created = get_user_model().objects.get_or_create(
        username="bench-leder", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(headers={"host": "127.0.0.1"})
    client.force_login(user)
    print(f"{Case.objects.count()} cases, {connection.vendor}, {ROUNDS} rounds")
    print(f"{'page':<20}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    for name, path in pages():
        client.get(path)
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
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(f"{name:<20}{statistics.median(timings):>10.1f}{p95:>10.1f}{len(queries):>9}")


if __name__ == "__main__":
    with override_settings(STAFF_REQUIRE_2FA=False, DEBUG=False):
        main()
