"""The exchange's matching: time of matches_for() and of the exchange list with many listings.

    DATABASE_URL=postgres://… .venv/bin/python bench/matching.py [listings]

Makes `listings` (500 by default) published listings, half offers and half needs, from 250
companies, with Danish titles and descriptions drawn from a fixed word list, inside a
transaction that is rolled back at the end: the database is left as it was. Then times
matches_for() for 20 listings (20 rounds each after a warm-up) and the public list, and prints
the queries of each. On PostgreSQL the stems come from the stored search vectors; on SQLite
from the words.
"""

import random
import statistics
import sys
import time

from timing import print_header, print_row, setup_django, time_page

setup_django()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from partnerships.matching.selectors import matches_for  # noqa: E402
from partnerships.models import Listing, refresh_listing_search_vectors  # noqa: E402
from portal.registry.models import Company, Contact  # noqa: E402

WORDS = (
    "catering frokost kaffe møder praktikplads praktikpladser lager pakning rengøring kontor "
    "cykler reparation lokaler aften frivillige unge ledige fleksjob køkken brød kager genbrug "
    "møbler haver grønne områder sparring rekruttering fastholdelse medarbejdere transport "
    "værksted tømrer lærling kursus undervisning it computere tøj vask kantine"
).split()
POSTCODES = ["6100", "6500", "6510", "6070", "6560"]


class Rollback(Exception):
    pass


def _make(count: int, rng: random.Random) -> list[Listing]:
    today = timezone.localdate()
    companies = Company.objects.bulk_create(
        Company(cvr="", name=f"Benchvirksomhed {n}") for n in range(count // 2)
    )
    contacts = Contact.objects.bulk_create(
        Contact(name=f"Kontakt {n}", email=f"bench{n}@example.dk", company=company)
        for n, company in enumerate(companies)
    )
    listings = Listing.objects.bulk_create(
        Listing(
            kind=Listing.Kind.OFFER if n % 2 else Listing.Kind.NEED,
            category=rng.choice(Listing.Category.values),
            title=" ".join(rng.sample(WORDS, 4)).capitalize(),
            description=" ".join(rng.sample(WORDS, 14)) + ".",
            postcode=rng.choice(POSTCODES),
            valid_until=today + timezone.timedelta(days=60),
            company=companies[n % len(companies)],
            contact=contacts[n % len(contacts)],
            status=Listing.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(count)
    )
    refresh_listing_search_vectors()
    return listings


def main(count: int) -> None:
    rng = random.Random(7)
    try:
        with transaction.atomic():
            listings = _make(count, rng)
            timings, queries, found = [], 0, []
            for listing in rng.sample(listings, 20):
                matches_for(listing)  # warm-up
                with CaptureQueriesContext(connection) as captured:
                    found.append(len(matches_for(listing)))
                queries = max(queries, len(captured))
                for _ in range(20):
                    start = time.perf_counter()
                    matches_for(listing)
                    timings.append((time.perf_counter() - start) * 1000)
            timings.sort()
            print(f"{connection.vendor}, {count} public listings")
            print(
                f"matches_for(): median {statistics.median(timings):.1f} ms, "
                f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms, {queries} queries, "
                f"{statistics.median(found):.0f} matches shown (median)"
            )
            client = Client(headers={"host": "127.0.0.1"})
            print_header("side", 32)
            for path in ["/partnerskaber/boers/", "/partnerskaber/boers/?q=catering"]:
                print_row(path, 32, time_page(client, path, 50))
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
