"""Demo data: eight social-economy enterprises in the directory and one request waiting.

Five are the registry demo's own social-economy companies (portal/registry/demo.py); four more
are added here as social-economy companies with made-up CVR numbers in the unissued 96… range
that pass the modulus-11 check. An entry that is already there is left as it is (a caseworker
may have approved, edited or removed it in the demo): `make run` loads the demo every time.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from partnerships.directory.services import unique_slug
from partnerships.models import DirectoryEntry
from portal.registry.models import Company, Contact

LISTED, REQUESTED = DirectoryEntry.Status.LISTED, DirectoryEntry.Status.REQUESTED
Trade = DirectoryEntry.Trade

# The new companies: (registry fields, contact (name, e-mail, role)).
NEW_COMPANIES = [
    (
        {
            "cvr": "96105606",
            "name": "Vojens Pak & Post",
            "industry": "Pakning, post og kontorservice",
            "address": "Jernbanegade 12",
            "postcode": "6500",
            "city": "Vojens",
            "website": "https://vojenspakogpost.example",
            "purpose_social": True,
            "rsv_registered": True,
            "rsv_registered_on": datetime.date(2021, 11, 8),
        },
        ("Susanne Krog", "susanne@vojenspakogpost.example", "Daglig leder"),
    ),
    (
        {
            "cvr": "96105703",
            "name": "Trivselshuset i Gram",
            "industry": "Aktiviteter og trivsel for ældre",
            "address": "Skolegade 4",
            "postcode": "6510",
            "city": "Gram",
            "purpose_social": True,
            "purpose_health": True,
        },
        ("Hanne Ravn", "hanne@trivselshusetgram.example", "Leder"),
    ),
    (
        {
            "cvr": "96105800",
            "name": "Christiansfeld Kulturværksted",
            "industry": "Byvandringer, værksteder og oplevelser",
            "address": "Lindegade 21",
            "postcode": "6070",
            "city": "Christiansfeld",
            "website": "https://kulturvaerkstedet.example",
            "purpose_social": True,
            "rsv_registered": True,
            "rsv_registered_on": datetime.date(2023, 2, 20),
        },
        ("Niels Ebbesen", "niels@kulturvaerkstedet.example", "Projektleder"),
    ),
    (
        {
            "cvr": "96105908",
            "name": "Fjordens Vaskeri",
            "industry": "Vaskeri",
            "address": "Sydhavnsvej 9",
            "postcode": "6100",
            "city": "Haderslev",
            "purpose_social": True,
            "purpose_environment": True,
        },
        ("Louise Bek", "louise@fjordensvaskeri.example", "Medstifter"),
    ),
]

# (CVR, status, trade, what they do, what they sell, social purpose)
ENTRIES = [
    (
        "96100159",
        LISTED,
        Trade.FOOD,
        "Café i midtbyen med frokost, kage og kaffe. Køkkenet og serveringen er en "
        "arbejdsplads for mennesker, der er på vej tilbage på arbejdsmarkedet.",
        "Frokostordning til arbejdspladser, mødeforplejning, sandwich og kager til "
        "arrangementer. Catering til op til 80 personer.\nVi leverer i Haderslev by.",
        "Vi giver mennesker på kanten af arbejdsmarkedet erfaring med køkken, servering og "
        "kundekontakt, og hjælper dem videre til job eller uddannelse.",
    ),
    (
        "96100310",
        LISTED,
        Trade.CRAFTS,
        "Cykelværksted, der reparerer og sælger brugte cykler. Unge uden uddannelse arbejder "
        "side om side med en uddannet cykelmekaniker.",
        "Reparation og service af cykler, også firmacykler og ladcykler. Brugte cykler med "
        "garanti. Servicedage på jeres arbejdsplads.",
        "Unge uden uddannelse lærer et fag og får en vej ind på arbejdsmarkedet, og gamle "
        "cykler får et nyt liv i stedet for at blive smidt ud.",
    ),
    (
        "96100426",
        LISTED,
        Trade.RETAIL,
        "Genbrugsbutik i Vojens med møbler, tøj og ting til hjemmet. Butikken drives af "
        "frivillige og medarbejdere i fleksjob.",
        "Brugte møbler og boligting, tøj og bøger. Vi henter møbler gratis og tømmer dødsboer.",
        "Vi skaber arbejdspladser for mennesker i fleksjob og et fællesskab for frivillige, og "
        "vi holder gode ting i brug længere.",
    ),
    (
        "96100582",
        LISTED,
        Trade.GARDENING,
        "Passer haver og grønne arealer for private, boligforeninger og kommunen. Arbejdet i "
        "det fri er en vej tilbage for sygemeldte.",
        "Græsslåning, hækklipning, beskæring og vedligehold af grønne områder. Faste aftaler "
        "eller enkeltopgaver.",
        "Sygemeldte og mennesker med stress får en rolig vej tilbage til arbejdslivet gennem "
        "arbejde i naturen.",
    ),
    (
        "96100647",
        LISTED,
        Trade.CLEANING,
        "Rengøringskooperativ ejet af medarbejderne, mange med anden etnisk baggrund end dansk.",
        "Kontorrengøring, trappevask, hovedrengøring og rengøring efter håndværkere. Vi bruger "
        "svanemærkede midler.",
        "Medarbejderne ejer virksomheden sammen og får fast job, dansk på arbejdspladsen og en "
        "stemme i, hvordan virksomheden drives.",
    ),
    (
        "96105606",
        LISTED,
        Trade.OFFICE,
        "Pakkeri og kontorservice i Vojens, hvor mennesker med handicap og psykisk sårbarhed "
        "løser opgaver for virksomheder.",
        "Pakning og etikettering, udsendelse af post og breve, scanning af dokumenter og "
        "makulering.",
        "Vi giver mennesker med handicap eller psykisk sårbarhed et meningsfuldt job med løn "
        "og kolleger.",
    ),
    (
        "96105703",
        LISTED,
        Trade.CARE,
        "Trivselshus i Gram med aktiviteter og fællesspisning for ældre, drevet af ansatte i "
        "løntilskud og frivillige.",
        "Aktivitetsforløb og motionshold for ældre, fællesspisning og besøgsvenner. Kommunen og "
        "plejecentre kan købe forløb.",
        "Vi mindsker ensomhed blandt ældre og giver ledige en vej tilbage til arbejde inden for "
        "omsorg.",
    ),
    (
        "96105800",
        LISTED,
        Trade.CULTURE,
        "Kulturværksted i Christiansfeld, der laver byvandringer og værksteder om byens "
        "historie med unge guider.",
        "Byvandringer for grupper, værksteder for skoleklasser og teambuilding for virksomheder.",
        "Unge, der er gået i stå, får ansvar, erfaring og mod på uddannelse som guider og "
        "værkstedsledere.",
    ),
    (
        "96105908",
        REQUESTED,
        Trade.CLEANING,
        "Nyt vaskeri ved havnen i Haderslev, der vasker for erhverv og private.",
        "Vask af arbejdstøj, duge og sengelinned for virksomheder, restauranter og "
        "institutioner. Afhentning og levering.",
        "Vi ansætter mennesker, der har været længe uden job, og vasker med mindre vand og energi.",
    ),
]


def _new_companies() -> None:
    for data, (name, email, role) in NEW_COMPANIES:
        company, _created = Company.objects.update_or_create(
            cvr=data["cvr"], defaults={**data, "kind": Company.Kind.SOCIAL_ECONOMY}
        )
        Contact.objects.update_or_create(
            company=company, email=email, defaults={"name": name, "role": role}
        )


@transaction.atomic
def load_demo_directory() -> None:
    """Create the directory's demo entries that are not there yet; safe to run again."""
    _new_companies()
    now = timezone.now()
    companies = {c.cvr: c for c in Company.objects.filter(cvr__in=[e[0] for e in ENTRIES])}
    for days, (cvr, status, trade, description, sells, social_purpose) in enumerate(ENTRIES):
        company = companies[cvr]
        if DirectoryEntry.objects.filter(company=company).exists():
            continue
        contact = Contact.objects.filter(company=company).order_by("pk").first()
        requested_at = now - datetime.timedelta(days=90 - 10 * days)
        entry = DirectoryEntry(
            company=company,
            slug=unique_slug(company.name),
            description=description,
            sells=sells,
            trade=trade,
            social_purpose=social_purpose,
            website=company.website,
            contact=contact,
            status=status,
            consent_at=requested_at,
        )
        if status == LISTED:
            entry.listed_at = entry.reviewed_at = requested_at + datetime.timedelta(days=2)
        entry._change_reason = "Demodata"
        entry.save()
        # auto_now_add: when the demo request came in.
        DirectoryEntry.objects.filter(pk=entry.pk).update(requested_at=requested_at)
        if status == LISTED and not company.listing_consent:
            company.listing_consent = True
            company.listing_consent_at = requested_at
            company._change_reason = "Demodata"
            company.save(update_fields=["listing_consent", "listing_consent_at", "updated_at"])
