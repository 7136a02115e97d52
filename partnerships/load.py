"""Load for principle 2 (`manage.py generate_load`): partnerships with their parties, status
changes and results, and exchange listings (published, pending, rejected, withdrawn) with the
match notices sent about them, over the last three years. Bulk inserts only: no e-mails, no
history rows; the listings' search vectors are refreshed once at the end."""

from datetime import timedelta

from django.utils import timezone

from partnerships.models import (
    Listing,
    MatchNotice,
    Partnership,
    PartnershipActivity,
    PartnershipMember,
    PartnershipResult,
    PartnershipStatusChange,
    refresh_listing_search_vectors,
)
from portal.loadgen import Count, Load, LoadGenerator, given_dates
from portal.registry.models import Contact

PURPOSES = [
    "Rengøring af kommunens idrætshaller med medarbejdere i fleksjob",
    "Catering til møder fra et socialøkonomisk køkken",
    "Praktikpladser i cykelværkstedet for unge uden uddannelse",
    "Genbrug af kontormøbler fra virksomhederne",
    "Grønne områder passet af et socialøkonomisk havefirma",
]
WORDS = (
    "catering frokost kaffe møder praktikplads lager pakning rengøring kontor cykler reparation "
    "lokaler frivillige unge fleksjob køkken brød genbrug møbler haver transport værksted"
).split()
# How far a partnership got, and the path there (each step a status change).
PATH = [
    Partnership.Status.IDEA,
    Partnership.Status.DEVELOPMENT,
    Partnership.Status.AGREED,
    Partnership.Status.ACTIVE,
    Partnership.Status.ENDED,
]
REACHED = [1, 2, 3, 4, 5]
REACHED_WEIGHTS = [15, 20, 15, 40, 10]


def generate_partnerships_load(load: Load) -> str:
    partnerships = _partnerships(load)
    listings, notices = _listings(load)
    return (
        f"Partnerskaber: {len(partnerships)} partnerskaber, {len(listings)} opslag, "
        f"{notices} beskeder om match."
    )


def _partnerships(load: Load) -> list[Partnership]:
    rng = load.rng
    partnerships, paths = [], []
    for number in range(load.count("partnerships")):
        created = load.moment()
        purpose = rng.choice(PURPOSES)
        steps = PATH[: rng.choices(REACHED, REACHED_WEIGHTS)[0]]
        moments = [created]
        for _step in steps[1:]:
            moments.append(min(moments[-1] + timedelta(days=rng.randint(14, 120)), load.now))
        partnerships.append(
            Partnership(
                title=f"{purpose} ({number + 1})",
                kind=rng.choice(Partnership.Kind.values),
                purpose=purpose,
                status=steps[-1],
                status_changed_at=moments[-1],
                created_by=rng.choice(load.staff),
                created_at=created,
                updated_at=moments[-1],
            )
        )
        paths.append(list(zip(steps, moments, strict=True)))
    with given_dates(Partnership):
        Partnership.objects.bulk_create(partnerships, batch_size=2000)

    changes, members, results, activities = [], [], [], []
    for partnership, path in zip(partnerships, paths, strict=True):
        changes.extend(
            PartnershipStatusChange(partnership=partnership, status=status, changed_at=moment)
            for status, moment in path
        )
        parties = rng.sample(load.companies, min(rng.randint(1, 3), len(load.companies)))
        members.extend(
            PartnershipMember(partnership=partnership, company_id=company) for company in parties
        )
        if partnership.kind == Partnership.Kind.MUNICIPALITY or len(parties) == 1:
            members.append(PartnershipMember(partnership=partnership, is_municipality=True))
        activities.extend(
            PartnershipActivity(
                partnership=partnership,
                date=timezone.localdate(load.moment(after=partnership.created_at)),
                participants="Parterne og kommunens konsulent",
            )
            for _number in range(rng.randint(1, 3))
        )
        agreed = [moment for status, moment in path if status == Partnership.Status.AGREED]
        if agreed:
            results.extend(
                PartnershipResult(
                    partnership=partnership,
                    date=timezone.localdate(load.moment(after=agreed[0])),
                    kind=rng.choice(PartnershipResult.Kind.values),
                    number=rng.randint(1, 4),
                )
                for _number in range(rng.randint(0, 3))
            )
    PartnershipStatusChange.objects.bulk_create(changes, batch_size=2000)
    PartnershipMember.objects.bulk_create(members, batch_size=2000)
    PartnershipActivity.objects.bulk_create(activities, batch_size=2000)
    PartnershipResult.objects.bulk_create(results, batch_size=2000)
    return partnerships


def _listings(load: Load) -> tuple[list[Listing], int]:
    """Listings of which seven in ten were published (some withdrawn afterwards), the rest
    waiting, rejected or withdrawn before anyone approved them."""
    rng = load.rng
    companies = rng.sample(load.companies, min(len(load.companies), 250))
    contacts = Contact.objects.bulk_create(
        Contact(name=f"Opslagskontakt {n}", email=f"opslag{n}@example.dk", company_id=company)
        for n, company in enumerate(companies)
    )
    listings = []
    for number in range(load.count("listings")):
        poster = contacts[number % len(contacts)]
        created = load.moment()
        fate = rng.choices(
            ["published", "withdrawn_after", "pending", "rejected", "withdrawn_before"],
            [60, 10, 10, 12, 8],
        )[0]
        reviewed = min(created + timedelta(days=rng.randint(0, 5)), load.now)
        published = reviewed if fate in ("published", "withdrawn_after") else None
        withdrawn = None
        if fate == "withdrawn_after":
            withdrawn = load.moment(after=reviewed)
        elif fate == "withdrawn_before":
            withdrawn = reviewed
        status = {
            "published": Listing.Status.PUBLISHED,
            "withdrawn_after": Listing.Status.WITHDRAWN,
            "pending": Listing.Status.PENDING,
            "rejected": Listing.Status.REJECTED,
            "withdrawn_before": Listing.Status.WITHDRAWN,
        }[fate]
        listings.append(
            Listing(
                kind=Listing.Kind.OFFER if number % 2 else Listing.Kind.NEED,
                category=rng.choice(Listing.Category.values),
                title=" ".join(rng.sample(WORDS, 4)).capitalize(),
                description=" ".join(rng.sample(WORDS, 12)) + ".",
                postcode="6100",
                valid_until=timezone.localdate(created) + timedelta(days=rng.randint(30, 180)),
                company_id=poster.company_id,
                contact=poster,
                notify_matches=rng.random() < 0.5,
                status=status,
                rejection_reason="Opslaget handler ikke om et partnerskab."
                if status == Listing.Status.REJECTED
                else "",
                reviewed_at=reviewed if fate != "pending" else None,
                reviewed_by=rng.choice(load.staff) if fate != "pending" else None,
                published_at=published,
                withdrawn_at=withdrawn,
                created_at=created,
                updated_at=withdrawn or reviewed,
            )
        )
    with given_dates(Listing):
        Listing.objects.bulk_create(listings, batch_size=2000)
    refresh_listing_search_vectors(Listing.objects.filter(pk__in=[row.pk for row in listings]))
    return listings, _match_notices(load, listings)


def _match_notices(load: Load, listings: list[Listing]) -> int:
    """A poster who asked to be told was told about a few later listings of the other kind."""
    rng = load.rng
    published = [listing for listing in listings if listing.published_at]
    by_kind = {
        kind: [listing for listing in published if listing.kind == kind]
        for kind in Listing.Kind.values
    }
    notices, seen = [], set()
    for listing in published:
        if not listing.notify_matches:
            continue
        others = by_kind[Listing.Kind.NEED if listing.kind == Listing.Kind.OFFER else "offer"]
        later = [other for other in others if listing.published_at < other.published_at]
        for other in rng.sample(later, min(len(later), rng.randint(0, 2))):
            if (listing.pk, other.pk) not in seen:
                seen.add((listing.pk, other.pk))
                notices.append(
                    MatchNotice(listing=listing, new_listing=other, sent_at=other.published_at)
                )
    with given_dates(MatchNotice):
        MatchNotice.objects.bulk_create(notices, batch_size=2000)
    return len(notices)


GENERATOR = LoadGenerator(
    name="partnerships",
    generate=generate_partnerships_load,
    counts=(
        Count("partnerships", 300, "Partnerskaber."),
        Count("listings", 500, "Opslag på partnerskabsbørsen."),
    ),
    order=30,
)
