"""Time the caseworker's admin pages on a large database: median and p95, and queries per page.

    createdb -h 127.0.0.1 -U postgres portal_bench
    export DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py generate_load
    .venv/bin/python bench/admin.py

Signs in as a superuser in-process (the second factor is switched off for the measurement only).
Numbers go in bench/README.md; tests assert query counts, never timings.
"""

import os

from timing import print_header, print_row, setup_django, time_page

setup_django()

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
        ("inbox (open cases)", "/admin/cases/case/"),
        ("inbox: all cases", "/admin/cases/case/?aaben=alle"),
        ("inbox: mine", "/admin/cases/case/?mine=ja"),
        ("inbox: new answers", "/admin/cases/case/?nyt_svar=ja"),
        ("inbox: status", "/admin/cases/case/?status__exact=received"),
        ("inbox: kind", "/admin/cases/case/?kind__exact=advice"),
        ("inbox: overdue", "/admin/cases/case/?overskredet=ja"),
        ("inbox: open", "/admin/cases/case/?aaben=ja"),
        ("inbox: assignee", "/admin/cases/case/?assignee__isnull=True"),
        ("inbox: reference", f"/admin/cases/case/?q={case.reference}"),
        ("inbox: search text", "/admin/cases/case/?q=borger4711"),
        ("inbox: last page", "/admin/cases/case/?aaben=alle&p=400"),
        ("case page", f"/admin/cases/case/{case.pk}/change/"),
        ("case print view", f"/admin/cases/case/{case.pk}/udskriv/"),
        ("companies", "/admin/registry/company/"),
        ("company page", f"/admin/registry/company/{company_id}/change/"),
    ]


def main() -> None:
    user, _created = get_user_model().objects.get_or_create(
        username="bench-leder", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(headers={"host": "127.0.0.1"})
    client.force_login(user)
    print(f"{Case.objects.count()} cases, {connection.vendor}, {ROUNDS} rounds")
    print_header("page", 20)
    for name, path in pages():
        print_row(name, 20, time_page(client, path, ROUNDS))


if __name__ == "__main__":
    with override_settings(STAFF_REQUIRE_2FA=False, DEBUG=False):
        main()
