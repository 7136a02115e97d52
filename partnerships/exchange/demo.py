"""Demo listings on the exchange, from the registry's demo companies and three new ones.

Most are published; two wait for approval (the admin-home tile shows them), one has expired and
one is withdrawn. Some pairs fit each other (same category, shared words, same postcode), so the
matching has something to show. Idempotent by title; the dates follow today.

load_demo_listing_history() adds listings from the two years before that ran and expired (one
withdrawn, one refused) and the match e-mails their posters got, for the dashboard.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from partnerships.exchange.selectors import listings_changed
from partnerships.models import Listing, MatchNotice
from portal.registry.models import Company, Contact

OFFER, NEED = Listing.Kind.OFFER, Listing.Kind.NEED
C = Listing.Category
PUBLISHED, PENDING, WITHDRAWN = (
    Listing.Status.PUBLISHED,
    Listing.Status.PENDING,
    Listing.Status.WITHDRAWN,
)

# Invented; the CVR numbers pass the modulus-11 check but lie in the unissued 96… range.
NEW_COMPANIES = [
    {
        "cvr": "96105401",
        "name": "Haderslev Revision ApS",
        "kind": Company.Kind.ORDINARY,
        "industry": "Revision og regnskab",
        "address": "Storegade 30",
        "postcode": "6100",
        "city": "Haderslev",
        "email": "kontor@haderslevrevision.example",
        "contact": ("Susanne Bech", "sb@haderslevrevision.example", "Kontorchef"),
    },
    {
        "cvr": "96105428",
        "name": "Vojens Idrætsforening",
        "kind": Company.Kind.ORDINARY,
        "industry": "Idrætsforening",
        "address": "Stadionvej 4",
        "postcode": "6500",
        "city": "Vojens",
        "email": "formand@vojensif.example",
        "contact": ("Morten Kjær", "morten@vojensif.example", "Formand"),
    },
    {
        "cvr": "96105436",
        "name": "Seniorhjælpen Haderslev",
        "kind": Company.Kind.SOCIAL_ECONOMY,
        "industry": "Frivillig forening",
        "address": "Bispegade 9",
        "postcode": "6100",
        "city": "Haderslev",
        "email": "post@seniorhjaelpen.example",
        "purpose_social": True,
        "contact": ("Knud Iversen", "knud@seniorhjaelpen.example", "Koordinator"),
    },
]

# (company CVR, kind, category, title, description, postcode, days valid, days since
# published, status, show company)
LISTINGS = [
    (
        "96100779",
        OFFER,
        C.JOB_TRAINING,
        "Vi kan tilbyde to praktikpladser på lageret",
        "Vi har plads til to i praktik på vores lager i Vojens: pluk og pak af ordrer, "
        "modtagelse af varer og lidt truckkørsel, hvis man har lyst til at tage certifikatet.\n\n"
        "Arbejdstiden kan tilpasses, fra 15 timer om ugen. En fast kollega er med fra første dag.",
        "6500",
        90,
        3,
        PUBLISHED,
        True,
    ),
    (
        "96100426",
        NEED,
        C.JOB_TRAINING,
        "Vi søger praktikpladser på et lager til to medarbejdere i fleksjob",
        "To af vores medarbejdere vil gerne prøve kræfter med lagerarbejde: praktik på et lager "
        "med faste opgaver og rolige rammer, gerne i Vojens eller omegn.",
        "6500",
        60,
        6,
        PUBLISHED,
        True,
    ),
    (
        "96105401",
        NEED,
        C.SERVICES,
        "Vi søger en cateringleverandør til personalemøder",
        "Vi holder personalemøde hver anden torsdag for 25 medarbejdere og søger en leverandør "
        "af frokost og kaffe, gerne en socialøkonomisk virksomhed i Haderslev.",
        "6100",
        120,
        2,
        PUBLISHED,
        True,
    ),
    (
        "96100159",
        OFFER,
        C.SERVICES,
        "Catering og mødeforplejning til personalemøder og arrangementer",
        "Café Kernen leverer frokost, sandwich, kaffe og kage til møder i Haderslev. Maden laves "
        "af vores køkkenhold, hvor mennesker på kanten af arbejdsmarkedet får erfaring.",
        "6100",
        150,
        10,
        PUBLISHED,
        True,
    ),
    (
        "96105428",
        OFFER,
        C.PREMISES,
        "Lokaler til udlån om aftenen",
        "Klubhuset ved stadion står tomt de fleste hverdagsaftener. Socialøkonomiske "
        "virksomheder og foreninger kan låne mødelokale og køkken gratis mod at rydde op.",
        "6500",
        100,
        8,
        PUBLISHED,
        True,
    ),
    (
        "96100310",
        NEED,
        C.PREMISES,
        "Vi søger et lokale om aftenen til cykelkursus for unge",
        "Vi vil gerne holde cykelkursus for unge en aften om ugen og mangler et lokale med plads "
        "til fem cykler og et bord.",
        "6100",
        75,
        5,
        PUBLISHED,
        False,
    ),
    (
        "96100310",
        NEED,
        C.VOLUNTEERS,
        "Frivillige til cykelreparation",
        "Har du styr på en kædeskifter? Vi søger frivillige, der vil reparere cykler sammen med "
        "vores unge lørdag formiddag. Vi giver kaffe og værktøj.",
        "6100",
        120,
        1,
        PUBLISHED,
        True,
    ),
    (
        "96105436",
        OFFER,
        C.VOLUNTEERS,
        "Pensionerede håndværkere tilbyder frivillig hjælp til reparation",
        "Vi er en gruppe pensionerede håndværkere og mekanikere, der gerne hjælper med "
        "reparation af cykler, møbler og småting hos foreninger og socialøkonomiske virksomheder.",
        "6100",
        150,
        12,
        PUBLISHED,
        True,
    ),
    (
        "96100582",
        OFFER,
        C.SERVICES,
        "Vi passer grønne områder for virksomheder og boligforeninger",
        "Græsslåning, hækklipning og bedpasning hele året, udført af vores hold med faglig "
        "ledelse. Vi kører i hele Haderslev Kommune.",
        "6510",
        140,
        20,
        PUBLISHED,
        True,
    ),
    (
        "96100892",
        NEED,
        C.KNOWLEDGE,
        "Vi søger sparring om at ansætte unge fra kanten af arbejdsmarkedet",
        "Vi vil gerne tage en ung i lære, der har haft det svært i skolen, og søger en "
        "virksomhed, der har erfaring med at ansætte og fastholde unge.",
        "6510",
        90,
        4,
        PUBLISHED,
        True,
    ),
    (
        "96100647",
        OFFER,
        C.KNOWLEDGE,
        "Vi deler gerne vores erfaring med at ansætte og fastholde medarbejdere",
        "Som kooperativ har vi mange års erfaring med at ansætte og fastholde medarbejdere med "
        "anden etnisk baggrund og unge uden uddannelse. Vi tager gerne en snak over en kop kaffe.",
        "6100",
        120,
        15,
        PUBLISHED,
        True,
    ),
    (
        "96100930",
        OFFER,
        C.PRODUCTS,
        "Brød fra dagen før til foreninger og caféer",
        "Vi har hver dag brød og kager tilovers. Foreninger og socialøkonomiske caféer kan hente "
        "det gratis i Christiansfeld efter lukketid.",
        "6070",
        60,
        7,
        PUBLISHED,
        True,
    ),
    (
        "96100159",
        NEED,
        C.PRODUCTS,
        "Vi søger en leverandør af brød og kager fra dagen før",
        "Til vores frokostordning søger vi brød og kager, der ellers ville blive smidt ud. Vi "
        "henter selv i Haderslev og omegn.",
        "6100",
        90,
        0,
        PENDING,
        True,
    ),
    (
        "96100779",
        NEED,
        C.SERVICES,
        "Vi søger en socialøkonomisk virksomhed til pakkeopgaver",
        "Vi har løbende pakkeopgaver, fx samling af gaveæsker før jul, og vil gerne købe dem hos "
        "en socialøkonomisk virksomhed i nærheden af Vojens.",
        "6500",
        120,
        0,
        PENDING,
        True,
    ),
    (
        "96100892",
        OFFER,
        C.JOB_TRAINING,
        "Læreplads for en ung tømrerlærling",
        "Vi havde en læreplads ledig fra sommer. Opslaget er udløbet.",
        "6510",
        -10,
        80,
        PUBLISHED,
        True,
    ),
    (
        "96100426",
        OFFER,
        C.PRODUCTS,
        "Brugte møbler til nye lokaler",
        "Vi har borde og stole i god stand til en forening, der skal indrette nye lokaler.",
        "6500",
        30,
        25,
        WITHDRAWN,
        True,
    ),
]


def _new_companies() -> None:
    for data in NEW_COMPANIES:
        data = dict(data)
        name, email, role = data.pop("contact")
        company, _created = Company.objects.update_or_create(cvr=data["cvr"], defaults=data)
        Contact.objects.update_or_create(
            company=company, email=email, defaults={"name": name, "role": role}
        )


@transaction.atomic
def load_demo_listings() -> None:
    _new_companies()
    today = timezone.localdate()
    now = timezone.now()
    companies = {
        company.cvr: company
        for company in Company.objects.filter(cvr__in={row[0] for row in LISTINGS})
    }
    for cvr, kind, category, title, description, postcode, days, ago, status, shown in LISTINGS:
        company = companies.get(cvr)
        if company is None:  # the registry's demo did not run
            continue
        contact = Contact.objects.filter(company=company).order_by("pk").first()
        if contact is None:
            continue
        published_at = now - datetime.timedelta(days=ago) if status != PENDING else None
        Listing.objects.update_or_create(
            title=title,
            defaults={
                "kind": kind,
                "category": category,
                "description": description,
                "postcode": postcode,
                "valid_until": today + datetime.timedelta(days=days),
                "company": company,
                "contact": contact,
                "show_company": shown,
                "notify_matches": status == PUBLISHED and kind == NEED,
                "status": status,
                "published_at": published_at,
                "reviewed_at": published_at,
                "withdrawn_at": now - datetime.timedelta(days=2) if status == WITHDRAWN else None,
            },
        )
    listings_changed()


# The two years before, for the dashboard: listings that ran and expired (one withdrawn, one
# refused), and the match e-mails their posters got. (company CVR, kind, category, title,
# description, postcode, days since published (None: never), days it ran, status)
HISTORY = [
    (
        "96100779",
        OFFER,
        C.JOB_TRAINING,
        "Sommerjob på lageret",
        "Vi har brug for tre ekstra hænder på lageret i juli og august.",
        "6500",
        560,
        60,
        PUBLISHED,
    ),
    (
        "96100426",
        NEED,
        C.JOB_TRAINING,
        "Praktikplads til en medarbejder i fleksjob",
        "En af vores medarbejdere vil gerne prøve lagerarbejde i en praktik.",
        "6500",
        550,
        90,
        PUBLISHED,
    ),
    (
        "96105401",
        NEED,
        C.SERVICES,
        "Vi søger rengøring af vores kontor",
        "Rengøring af 200 m² kontor to gange om ugen, gerne fra en socialøkonomisk virksomhed.",
        "6100",
        500,
        90,
        PUBLISHED,
    ),
    (
        "96100647",
        OFFER,
        C.SERVICES,
        "Erhvervsrengøring i Haderslev",
        "Vi gør rent på kontorer og i butikker i Haderslev, om morgenen eller om aftenen.",
        "6100",
        490,
        120,
        PUBLISHED,
    ),
    (
        "96100310",
        OFFER,
        C.PRODUCTS,
        "Istandsatte brugte cykler",
        "Vi sælger brugte cykler, som vores unge har sat i stand, også til virksomheder.",
        "6100",
        400,
        90,
        PUBLISHED,
    ),
    (
        "96100159",
        OFFER,
        C.SERVICES,
        "Julefrokost til små virksomheder",
        "Café Kernen laver julefrokost til op til 30 personer, hos jer eller i caféen.",
        "6100",
        380,
        60,
        PUBLISHED,
    ),
    (
        "96100582",
        OFFER,
        C.PRODUCTS,
        "Juletræer fra Æblehaven",
        "Juletræer fra vores egen plantage, leveret til døren.",
        "6510",
        370,
        30,
        WITHDRAWN,
    ),
    (
        "96105428",
        NEED,
        C.VOLUNTEERS,
        "Frivillige til sommerens fodboldskole",
        "Vi søger voksne, der vil hjælpe en uge i sommerferien med frokost og opsyn.",
        "6500",
        330,
        60,
        PUBLISHED,
    ),
    (
        "96105436",
        OFFER,
        C.VOLUNTEERS,
        "Seniorer hjælper til ved arrangementer",
        "Vi er ti seniorer, der gerne giver en hånd med ved foreningers arrangementer.",
        "6100",
        320,
        90,
        PUBLISHED,
    ),
    (
        "96100892",
        NEED,
        C.KNOWLEDGE,
        "Sparring om vores første lærling",
        "Vi vil gerne høre fra en virksomhed, der har haft en lærling fra kanten af "
        "arbejdsmarkedet.",
        "6510",
        250,
        90,
        PUBLISHED,
    ),
    (
        "96100930",
        NEED,
        C.PREMISES,
        "Lager til kasser og emballage",
        "Vi mangler 20 m² tørt lager i Christiansfeld.",
        "6070",
        None,
        60,
        Listing.Status.REJECTED,
    ),
    (
        "96101066",
        OFFER,
        C.SERVICES,
        "Vask af arbejdstøj og måtter",
        "Vojens Vaskeri henter, vasker og bringer arbejdstøj og måtter hver uge.",
        "6500",
        150,
        90,
        PUBLISHED,
    ),
]

# (title of the listing whose poster was told, title of the new listing that fits it)
HISTORY_MATCHES = [
    ("Sommerjob på lageret", "Praktikplads til en medarbejder i fleksjob"),
    ("Vi søger rengøring af vores kontor", "Erhvervsrengøring i Haderslev"),
    ("Frivillige til sommerens fodboldskole", "Seniorer hjælper til ved arrangementer"),
]


@transaction.atomic
def load_demo_listing_history() -> None:
    """The history above, dated from the day it is first loaded; a listing that is already there
    (by its title) is left as it is, so safe to run again."""
    companies = {
        company.cvr: company
        for company in Company.objects.filter(cvr__in={row[0] for row in HISTORY})
    }
    listings = {}
    for cvr, kind, category, title, description, postcode, ago, ran, status in HISTORY:
        company = companies.get(cvr)
        contact = Contact.objects.filter(company=company).order_by("pk").first()
        if company is None or contact is None:  # the registry's demo did not run
            continue
        listing = Listing.objects.filter(title=title).first()
        if listing is None:
            listing = _historic_listing(
                company, contact, kind, category, title, description, postcode, ago, ran, status
            )
        listings[title] = listing
    for told, fits in HISTORY_MATCHES:
        if told in listings and fits in listings:
            notice, _created = MatchNotice.objects.get_or_create(
                listing=listings[told], new_listing=listings[fits]
            )
            MatchNotice.objects.filter(pk=notice.pk).update(sent_at=listings[fits].published_at)
    listings_changed()


def _historic_listing(
    company, contact, kind, category, title, description, postcode, ago, ran, status
) -> Listing:
    today, now = timezone.localdate(), timezone.now()
    posted = now - datetime.timedelta(days=(ago or 200) + 2)
    published_at = now - datetime.timedelta(days=ago) if ago is not None else None
    listing = Listing.objects.create(
        kind=kind,
        category=category,
        title=title,
        description=description,
        postcode=postcode,
        valid_until=today - datetime.timedelta(days=(ago or 200) - ran),
        company=company,
        contact=contact,
        show_company=True,
        notify_matches=title in {told for told, _fits in HISTORY_MATCHES},
        status=status,
        rejection_reason=(
            "Opslaget handler om at leje et lager og ikke om et partnerskab."
            if status == Listing.Status.REJECTED
            else ""
        ),
        published_at=published_at,
        reviewed_at=published_at or posted + datetime.timedelta(days=1),
        withdrawn_at=published_at + datetime.timedelta(days=10) if status == WITHDRAWN else None,
    )
    # As old as the listing (created_at is set on save).
    Listing.objects.filter(pk=listing.pk).update(created_at=posted)
    return listing
