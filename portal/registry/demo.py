"""Demo companies in and around Haderslev. Names, CVR numbers and people are invented.

The CVR numbers pass the modulus-11 check but lie in the unissued 96… range.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from portal.registry.models import Company, Contact

YES, NO, UNKNOWN = Company.Assessment.YES, Company.Assessment.NO, Company.Assessment.UNKNOWN
SOCIAL_ECONOMY = Company.Kind.SOCIAL_ECONOMY

ALL_FIVE_YES = {
    "has_social_purpose": YES,
    "sells_goods_or_services": YES,
    "reinvests_surplus": YES,
    "independent_of_public_sector": YES,
    "has_cvr_number": YES,
}

DEMO_COMPANIES = [
    {
        "cvr": "96100159",
        "name": "Café Kernen",
        "kind": SOCIAL_ECONOMY,
        "industry": "Café og frokostordning",
        "address": "Nørregade 41",
        "postcode": "6100",
        "city": "Haderslev",
        "email": "kontakt@cafekernen.example",
        "phone": "74 00 10 01",
        "website": "https://cafekernen.example",
        "purpose_social": True,
        "description": "Café i midtbyen, hvor mennesker på kanten af arbejdsmarkedet får "
        "erfaring med køkken, servering og kundekontakt.",
        **ALL_FIVE_YES,
        "rsv_registered": True,
        "rsv_registered_on": datetime.date(2022, 5, 2),
        "listing_consent": True,
        "contacts": [("Mette Lauridsen", "mette@cafekernen.example", "Daglig leder")],
    },
    {
        "cvr": "96100310",
        "name": "Åens Cykelværksted",
        "kind": SOCIAL_ECONOMY,
        "industry": "Cykelværksted",
        "address": "Jomfrustien 8",
        "postcode": "6100",
        "city": "Haderslev",
        "email": "vaerksted@aaenscykler.example",
        "phone": "74 00 10 02",
        "purpose_social": True,
        "purpose_environment": True,
        "description": "Reparerer og sælger brugte cykler. Unge uden uddannelse lærer faget "
        "side om side med en cykelmekaniker.",
        **ALL_FIVE_YES,
        "rsv_registered": True,
        "rsv_registered_on": datetime.date(2023, 9, 14),
        "listing_consent": True,
        "contacts": [("Jonas Brodersen", "jonas@aaenscykler.example", "Værkstedsleder")],
    },
    {
        "cvr": "96100426",
        "name": "Østergades Genbrug",
        "kind": SOCIAL_ECONOMY,
        "industry": "Genbrugsbutik",
        "address": "Østergade 17",
        "postcode": "6500",
        "city": "Vojens",
        "email": "butik@oestergadesgenbrug.example",
        "phone": "74 00 10 03",
        "purpose_social": True,
        "purpose_environment": True,
        "description": "Genbrugsbutik med frivillige og medarbejdere i fleksjob.",
        **ALL_FIVE_YES,
        "reinvests_surplus": UNKNOWN,
        "listing_consent": True,
        "contacts": [("Birgit Holm", "birgit@oestergadesgenbrug.example", "Butiksansvarlig")],
    },
    {
        "cvr": "96100582",
        "name": "Æblehaven Grønne Hænder",
        "kind": SOCIAL_ECONOMY,
        "industry": "Haveservice og grønne områder",
        "address": "Frugtvej 3",
        "postcode": "6510",
        "city": "Gram",
        "email": "post@aeblehaven.example",
        "phone": "74 00 10 04",
        "purpose_health": True,
        "purpose_environment": True,
        "description": "Passer haver og grønne arealer for private, boligforeninger og "
        "kommunen. Arbejdet i det fri er en vej tilbage for sygemeldte.",
        **ALL_FIVE_YES,
        "rsv_registered": True,
        "rsv_registered_on": datetime.date(2024, 3, 1),
        "contacts": [("Peter Juhl", "peter@aeblehaven.example", "Indehaver")],
    },
    {
        "cvr": "96100647",
        "name": "Aarø Rengøringskooperativ",
        "kind": SOCIAL_ECONOMY,
        "industry": "Rengøring",
        "address": "Havnevej 2",
        "postcode": "6100",
        "city": "Haderslev",
        "email": "kontor@aaroerengoering.example",
        "phone": "74 00 10 05",
        "purpose_social": True,
        "description": "Rengøringskooperativ ejet af medarbejderne, mange med anden etnisk "
        "baggrund end dansk.",
        **ALL_FIVE_YES,
        "listing_consent": True,
        "contacts": [("Amina Hassan", "amina@aaroerengoering.example", "Formand")],
    },
    {
        "cvr": "96100779",
        "name": "Sønderjysk Emballage A/S",
        "kind": Company.Kind.ORDINARY,
        "industry": "Emballageproduktion",
        "address": "Industrivej 22",
        "postcode": "6500",
        "city": "Vojens",
        "email": "info@sjemballage.example",
        "phone": "74 00 10 06",
        "description": "Vil gerne købe pakkeopgaver hos en socialøkonomisk virksomhed og "
        "tilbyde praktikpladser.",
        "contacts": [("Henrik Schmidt", "hs@sjemballage.example", "HR-chef")],
    },
    {
        "cvr": "96100892",
        "name": "Gram Tømrer og Snedker ApS",
        "kind": Company.Kind.ORDINARY,
        "industry": "Tømrer og snedker",
        "address": "Slotsvej 10",
        "postcode": "6510",
        "city": "Gram",
        "email": "kontakt@gramtoemrer.example",
        "phone": "74 00 10 07",
        "description": "Interesseret i et partnerskab om lærepladser for unge.",
        "listing_consent": True,
        "contacts": [("Lars Nissen", "lars@gramtoemrer.example", "Indehaver")],
    },
    {
        "cvr": "96100930",
        "name": "Kirkepladsens Bageri ApS",
        "kind": Company.Kind.ORDINARY,
        "industry": "Bageri",
        "address": "Lindegade 5",
        "postcode": "6070",
        "city": "Christiansfeld",
        "email": "bageriet@kirkepladsen.example",
        "phone": "74 00 10 08",
        "description": "Overvejer at aftage brød fra et socialøkonomisk bageri i sæsonen.",
        "contacts": [("Karen Wind", "karen@kirkepladsen.example", "Bagermester")],
    },
    {
        "cvr": "96101058",
        "name": "Gram Gårdbutik",
        "kind": SOCIAL_ECONOMY,
        "industry": "Gårdbutik og grøntsager",
        "address": "Ribevej 12",
        "postcode": "6510",
        "city": "Gram",
        "email": "butik@gramgaardbutik.example",
        "phone": "74 00 10 09",
        "purpose_social": True,
        "purpose_environment": True,
        "description": "Gårdbutik med grøntsager, dyrket af mennesker med handicap.",
        **ALL_FIVE_YES,
        "listing_consent": True,
        "contacts": [("Lise Bertelsen", "lise@gramgaardbutik.example", "Daglig leder")],
    },
    {
        "cvr": "96101066",
        "name": "Vojens Vaskeri",
        "kind": SOCIAL_ECONOMY,
        "industry": "Vaskeri",
        "address": "Vestergade 30",
        "postcode": "6500",
        "city": "Vojens",
        "email": "vask@vojensvaskeri.example",
        "phone": "74 00 10 10",
        "purpose_social": True,
        "description": "Vaskeri for virksomheder med medarbejdere i fleksjob. Flyttet hertil "
        "fra Kolding.",
        **ALL_FIVE_YES,
        "listing_consent": True,
        "contacts": [("Anja Petersen", "anja@vojensvaskeri.example", "Indehaver")],
    },
    {
        "cvr": "96101074",
        "name": "Christiansfeld Syværksted",
        "kind": SOCIAL_ECONOMY,
        "industry": "Syning og redesign",
        "address": "Lindegade 14",
        "postcode": "6070",
        "city": "Christiansfeld",
        "email": "sy@christiansfeldsy.example",
        "phone": "74 00 10 11",
        "purpose_social": True,
        "purpose_environment": True,
        "description": "Syr tasker af gamle bannere og presenninger; kvinder i jobtræning "
        "lærer faget.",
        **ALL_FIVE_YES,
        "contacts": [("Nadia Ibrahim", "nadia@christiansfeldsy.example", "Formand")],
    },
    {
        "cvr": "96101082",
        "name": "Haderslev Flytteservice",
        "kind": SOCIAL_ECONOMY,
        "industry": "Flytning og transport",
        "address": "Skibbroen 9",
        "postcode": "6100",
        "city": "Haderslev",
        "email": "flyt@haderslevflyt.example",
        "phone": "74 00 10 12",
        "purpose_social": True,
        "description": "Flytteservice, hvor unge fra produktionsskolen får deres første job.",
        **ALL_FIVE_YES,
        "contacts": [("Kristian Møller", "kristian@haderslevflyt.example", "Indehaver")],
    },
    {
        "cvr": "",
        "name": "Strikkecaféen i Vojens",
        "kind": Company.Kind.STARTUP_IDEA,
        "industry": "Café og håndarbejde",
        "postcode": "6500",
        "city": "Vojens",
        "purpose_social": True,
        "purpose_health": True,
        "description": "Idé: en café, hvor ensomme ældre strikker til salg og mødes.",
        "has_social_purpose": YES,
        "has_cvr_number": NO,
        "contacts": [("Inge Thomsen", "inge.thomsen@mail.example", "Iværksætter")],
    },
    {
        "cvr": "",
        "name": "Byggeværksted for unge",
        "kind": Company.Kind.STARTUP_IDEA,
        "industry": "Byggeri og istandsættelse",
        "postcode": "6070",
        "city": "Christiansfeld",
        "purpose_social": True,
        "description": "Idé: unge istandsætter gamle møbler og skure og sælger dem.",
        "has_cvr_number": NO,
        "contacts": [("Ali Demir", "ali.demir@mail.example", "Iværksætter")],
    },
]


@transaction.atomic
def load_demo_companies() -> None:
    """Create or update the demo companies and their contacts; safe to run again."""
    for data in DEMO_COMPANIES:
        data = dict(data)
        contacts = data.pop("contacts")
        # Without a CVR number (a start-up idea) the name is what identifies the company.
        lookup = {"cvr": data["cvr"]} if data["cvr"] else {"cvr": "", "name": data["name"]}
        company, _ = Company.objects.update_or_create(**lookup, defaults=data)
        for name, email, role in contacts:
            Contact.objects.update_or_create(
                company=company, email=email, defaults={"name": name, "role": role}
            )


# The history behind success criterion 3: how long each demo enterprise has been in the
# registry (days ago), and for the new ones whether it started here or moved here, and when.
ESTABLISHED, ATTRACTED = Company.Arrival.ESTABLISHED, Company.Arrival.ATTRACTED
DEMO_HISTORY = {
    # CVR: (in the registry since, days ago; arrival; arrived, days ago)
    "96100159": (1700, "", None),  # Café Kernen
    "96100310": (1200, "", None),  # Åens Cykelværksted
    "96100582": (1010, "", None),  # Æblehaven Grønne Hænder
    "96100647": (640, ESTABLISHED, 610),  # Aarø Rengøringskooperativ
    "96100426": (490, ATTRACTED, 480),  # Østergades Genbrug
    # In the registry from their application for start-up support (entrepreneurs' demo).
    "96101058": (700, ESTABLISHED, 300),  # Gram Gårdbutik
    "96101066": (610, ATTRACTED, 200),  # Vojens Vaskeri
    "96101074": (460, ESTABLISHED, 95),  # Christiansfeld Syværksted
    "96101082": (310, ESTABLISHED, 30),  # Haderslev Flytteservice
}


@transaction.atomic
def load_demo_arrivals() -> None:
    """Back-date the demo enterprises' time in the registry and mark the new ones as started
    here or moved here. Only what is not set yet: a date the caseworker has changed is kept."""
    today = timezone.localdate()
    for company in Company.objects.filter(cvr__in=DEMO_HISTORY):
        since_days, arrival, arrived_days = DEMO_HISTORY[company.cvr]
        since = timezone.now() - datetime.timedelta(days=since_days)
        changes = {}
        if company.created_at > since:
            changes["created_at"] = since
        if arrival and not company.arrival:
            changes |= {
                "arrival": arrival,
                "arrived_on": today - datetime.timedelta(days=arrived_days),
            }
        if changes:
            # update(): auto_now_add would keep created_at, and the history needs no entry.
            Company.objects.filter(pk=company.pk).update(**changes)
