"""Demo companies in and around Haderslev. Names, CVR numbers and people are invented.

The CVR numbers pass the modulus-11 check but lie in the unissued 96… range.
"""

import datetime

from django.db import transaction

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
