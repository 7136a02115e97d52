"""Many people take the last seats at once: time per registration and the seats given.

    createdb -h 127.0.0.1 -U postgres portal_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench SECRET_KEY=bench DEBUG=1 \\
        .venv/bin/python bench/seats.py [threads] [capacity]

Each thread is one app-server request with its own database connection: it registers one
person (every fourth a party of two) for the same meeting, all released at once. Every
registration locks the occasion's row, so they queue on it; the numbers say what that queue
costs. Afterwards the seats given are checked against the capacity. The meeting is deleted.
"""

import statistics
import sys
import threading
import time
from datetime import timedelta

from timing import setup_django

setup_django()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from network.models import MEETING_KIND, Meeting  # noqa: E402
from portal.intake import ContactData  # noqa: E402
from portal.registrations import services  # noqa: E402
from portal.registrations.models import Registration  # noqa: E402


def main(threads: int, capacity: int) -> None:
    start = timezone.now() + timedelta(days=30)
    occasion = services.create_occasion(
        kind=MEETING_KIND,
        title="Benchmark: de sidste pladser",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        registration_deadline=start - timedelta(days=1),
        capacity=capacity,
        address="Rådhuset, Haderslev",
        published=True,
    )
    staff, _created = get_user_model().objects.get_or_create(username="bench-kontakt")
    Meeting.objects.create(occasion=occasion, description="Benchmark", contact_person=staff)
    barrier = threading.Barrier(threads)
    timings: list[float] = []
    lock = threading.Lock()

    def one(n: int) -> None:
        try:
            barrier.wait()
            began = time.perf_counter()
            services.register(
                occasion=occasion,
                contact=ContactData(name=f"Deltager {n}", email=f"bench{n}@example.dk"),
                seats=2 if n % 4 == 0 else 1,
            )
            with lock:
                timings.append((time.perf_counter() - began) * 1000)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=one, args=(n,)) for n in range(threads)]
    wall = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall_ms = (time.perf_counter() - wall) * 1000
    given = sum(
        Registration.objects.filter(occasion=occasion, status="confirmed").values_list(
            "seats", flat=True
        )
    )
    waiting = Registration.objects.filter(occasion=occasion, status="waiting").count()
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    print(f"database           {connection.vendor}")
    print(f"registrations      {len(timings)} at once, capacity {capacity}")
    print(f"median ms          {statistics.median(timings):.1f}")
    print(f"p95 ms             {p95:.1f}")
    print(f"all done in ms     {wall_ms:.1f}")
    print(f"seats given        {given} (never more than {capacity})")
    print(f"waiting            {waiting}")
    assert given <= capacity
    occasion.delete()


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 20, int(sys.argv[2]) if len(sys.argv) > 2 else 3
    )
