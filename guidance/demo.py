"""Demo data: information material for the one-command demo (`manage.py load_demo`).

The articles are written for this portal, in plain Danish, and are meant to be useful as they
stand; a municipality running the portal for real should still read them through, adjust them
to its own offers and set "senest gennemgået" when it has done so. They describe rules in
general terms only: the authoritative sources are Erhvervsstyrelsen, virk.dk and the jobcentre.
"""

from datetime import date, timedelta

from guidance.models import Article, Enquiry

REVIEWED = date(2026, 11, 2)

DEMO_ARTICLES = [
    {
        "slug": "hvad-er-en-socialoekonomisk-virksomhed",
        "title": "Hvad er en socialøkonomisk virksomhed?",
        "theme": Article.Theme.ADVICE,
        "summary": (
            "En socialøkonomisk virksomhed tjener penge for at gøre noget godt. Her kan du læse, "
            "hvad der kendetegner den, og hvordan den adskiller sig fra andre virksomheder."
        ),
        "body": """\
En socialøkonomisk virksomhed er en privat virksomhed. Den sælger varer eller ydelser som
andre virksomheder. Forskellen er formålet: Virksomheden driver forretning for at løse en
social, sundhedsmæssig eller miljømæssig opgave.

## Forretning med et socialt formål

I en almindelig virksomhed er overskuddet målet. I en socialøkonomisk virksomhed er
overskuddet et middel. Pengene bliver brugt til at styrke formålet eller virksomheden, ikke
til at gøre ejerne rige.

Formålet kan for eksempel være at:

- skabe job til mennesker, der har svært ved at få fodfæste på arbejdsmarkedet,
- give udsatte borgere et fællesskab og en meningsfuld hverdag,
- mindske spild og passe på miljøet,
- styrke sundhed og trivsel i lokalsamfundet.

## Eksempler

Socialøkonomiske virksomheder findes i mange brancher. Det kan være en café, hvor en del af
medarbejderne er i fleksjob. Det kan være et cykelværksted, der reparerer brugte cykler og
oplærer unge uden uddannelse. Eller en genbrugsbutik, der sælger møbler og skaber
arbejdspladser til borgere med nedsat arbejdsevne.

## Hvad er forskellen på en forening og en socialøkonomisk virksomhed?

Mange foreninger gør meget godt, men de lever ofte af kontingenter, tilskud og frivilligt
arbejde. En socialøkonomisk virksomhed lever først og fremmest af at sælge noget. Den har
kunder, priser og et regnskab, der skal hænge sammen. En forening kan godt drive en
socialøkonomisk virksomhed.

## Er din idé socialøkonomisk?

Læs om de fem kendetegn, og tal med os, hvis du er i tvivl. Rådgivningen er gratis.
""",
    },
    {
        "slug": "de-fem-kendetegn",
        "title": "De fem kendetegn ved en socialøkonomisk virksomhed",
        "theme": Article.Theme.ADVICE,
        "summary": (
            "Kommunens strategi beskriver fem kendetegn. Brug dem som en tjekliste, når du vil "
            "vurdere, om din virksomhed eller idé er socialøkonomisk."
        ),
        "body": """\
Haderslev Kommunes strategi for socialøkonomi beskriver en socialøkonomisk virksomhed som en
privat virksomhed, der driver erhverv for at fremme et socialt og samfundsgavnligt formål.
Den er kendetegnet ved fem ting.

## 1. Et socialt, sundheds- eller miljømæssigt formål

Virksomheden findes for at gøre en forskel for mennesker eller miljø. Formålet skal være
tydeligt og gerne stå i vedtægterne.

Spørg dig selv: *Hvem eller hvad bliver det bedre for, når det går godt for virksomheden?*

## 2. Salg af ydelser eller produkter

Virksomheden tjener sine egne penge. Den sælger til borgere, virksomheder eller det
offentlige. Tilskud og fondsmidler kan hjælpe i starten, men salget bærer virksomheden.

## 3. Overskuddet bliver geninvesteret

Et eventuelt overskud går tilbage til formålet eller virksomheden. Det kan for eksempel være
flere arbejdspladser, bedre udstyr eller nye aktiviteter.

## 4. Uafhængig af det offentlige

Virksomheden træffer selv sine beslutninger. Den må gerne samarbejde med kommunen og sælge
til kommunen, men kommunen må ikke styre den.

## 5. Et CVR-nummer

Virksomheden er registreret i CVR. Det gør den til en rigtig virksomhed, som kan sende
fakturaer, ansætte medarbejdere og indgå aftaler.

## Opfylder du ikke alle fem endnu?

Det er helt almindeligt, når man er i gang med at starte. Vi hjælper gerne med at finde ud
af, hvad der mangler, og hvordan du kommer videre.
""",
    },
    {
        "slug": "registreret-socialoekonomisk-virksomhed-rsv",
        "title": "Bliv registreret socialøkonomisk virksomhed (RSV)",
        "theme": Article.Theme.ENTREPRENEURS,
        "summary": (
            "Med en registrering hos Erhvervsstyrelsen kan virksomheden dokumentere, at den er "
            "socialøkonomisk. Læs, hvad det kræver, og hvad du får ud af det."
        ),
        "body": """\
Lov om registrerede socialøkonomiske virksomheder giver virksomheder mulighed for at blive
registreret hos Erhvervsstyrelsen. En registreret virksomhed må kalde sig *registreret
socialøkonomisk virksomhed* eller bruge forkortelsen RSV.

## Hvorfor blive registreret?

Registreringen er frivillig. Den viser kunder, samarbejdspartnere og myndigheder, at
virksomheden lever op til lovens krav. Det kan gøre det lettere at vinde tillid, sælge til
andre virksomheder og indgå partnerskaber.

## Hvad kræver det?

Loven stiller blandt andet krav om, at virksomheden:

- har et socialt formål, som er til gavn for samfundet,
- driver erhverv og har en væsentlig indtægt fra salg,
- er uafhængig af det offentlige,
- har en ledelse, der inddrager medarbejdere og andre, der er berørt af virksomheden,
- håndterer overskuddet socialt ansvarligt, så det primært går til formålet.

Kravene skal kunne ses i virksomhedens vedtægter. En virksomhed uden vedtægter, for
eksempel en enkeltmandsvirksomhed, skal derfor som regel skifte virksomhedsform først.

## Sådan gør du

1. Læs de gældende regler hos Erhvervsstyrelsen og på virk.dk.
2. Gennemgå vedtægterne, og ret dem til, så de opfylder kravene.
3. Søg om registrering digitalt via virk.dk.

## Når virksomheden er registreret

En registreret virksomhed skal fortsat leve op til kravene. Den skal blandt andet hvert år
lave et socialt regnskab, der fortæller, hvordan den har arbejdet med sit formål.
Erhvervsstyrelsen fører tilsyn.

Reglerne kan ændre sig. Tjek altid de aktuelle krav hos Erhvervsstyrelsen, og kontakt os,
hvis du vil have hjælp til at komme i gang.
""",
    },
    {
        "slug": "vaelg-virksomhedsform",
        "title": "Vælg den rigtige virksomhedsform",
        "theme": Article.Theme.ENTREPRENEURS,
        "summary": (
            "ApS, forening, fond eller andelsselskab? Virksomhedsformen afgør, hvem der ejer "
            "virksomheden, hvem der hæfter, og hvordan overskuddet må bruges."
        ),
        "body": """\
En socialøkonomisk virksomhed kan have flere forskellige virksomhedsformer. Der er ikke én
rigtig løsning. Det afhænger af, hvem der skal eje og styre virksomheden, og hvor mange penge
der skal til for at starte.

## Anpartsselskab (ApS) og aktieselskab (A/S)

Et selskab ejes af dem, der har skudt kapital ind. Ejerne hæfter kun med den kapital, de har
indskudt. Et selskab kan godt være socialøkonomisk, hvis vedtægterne sikrer, at formålet og
overskuddet bruges socialt ansvarligt. Der er krav om en vis selskabskapital. Se de aktuelle
beløb på virk.dk.

## Forening

En forening ejes af sine medlemmer, og medlemmerne bestemmer på generalforsamlingen. Mange
socialøkonomiske virksomheder starter som en forening, fordi den er let at oprette og passer
godt til et fællesskab. Driver foreningen erhverv, kan den være en *erhvervsdrivende
forening*, som skal registreres hos Erhvervsstyrelsen.

## Erhvervsdrivende fond

En fond har ingen ejere. Den ledes af en bestyrelse efter fundatsen, og formålet ligger
fast. Det gør fonden stabil, men også mindre fleksibel. Erhvervsdrivende fonde følger
erhvervsfondsloven og er under tilsyn af Erhvervsstyrelsen.

## Andelsselskab (A.m.b.a.)

I et andelsselskab med begrænset ansvar ejer medlemmerne virksomheden sammen, og hver
andelshaver har typisk én stemme. Formen passer til virksomheder, hvor kunder, leverandører
eller medarbejdere skal være medejere.

## Enkeltmandsvirksomhed

Det er den letteste måde at starte på, men ejeren hæfter personligt for alt. En
enkeltmandsvirksomhed har ingen vedtægter og kan derfor som regel ikke registreres som
socialøkonomisk virksomhed (RSV).

## Få hjælp til at vælge

Virksomhedsformen har betydning for skat, regnskab og ansvar. Tal med os, med en revisor
eller en advokat, før du beslutter dig.
""",
    },
    {
        "slug": "finansiering",
        "title": "Finansiering: sådan skaffer du penge til virksomheden",
        "theme": Article.Theme.ENTREPRENEURS,
        "summary": (
            "Egen indtjening, fonde, puljer, lån og kommunal iværksætterstøtte. Her er et "
            "overblik over, hvor pengene kan komme fra."
        ),
        "body": """\
De fleste socialøkonomiske virksomheder bruger flere slags finansiering på samme tid. Lav en
budgetplan, før du søger penge. Så ved du, hvor meget du mangler, og hvad pengene skal
bruges til.

## Egen indtjening

Salg er grundlaget. Tænk over, hvem dine kunder er, og hvad de vil betale for. Mange
socialøkonomiske virksomheder sælger både til private, til virksomheder og til det
offentlige. Det sociale formål kan være et godt salgsargument, men varen skal også være god.

## Fonde

Mange private fonde støtter sociale formål, lokale fællesskaber og miljø. Fonde giver oftest
penge til et afgrænset projekt, ikke til den daglige drift. Læs fondens formål og kriterier
grundigt, og skriv en kort og konkret ansøgning.

## Puljer

Staten, regionerne og EU udbyder jævnligt puljer til bestemte formål, for eksempel
beskæftigelse, grøn omstilling eller landdistrikter. Puljerne har frister og faste krav til
ansøgningen.

## Lån

Et banklån kræver typisk et budget, en forretningsplan og ofte en egenbetaling. Der findes
også offentlige og private långivere, der er særligt rettet mod iværksættere. Spørg din bank,
og sammenlign vilkår.

## Kommunal iværksætterstøtte

Borgere i kommunen kan søge om økonomisk støtte til at etablere en socialøkonomisk
virksomhed. Støtten er en hjælp til at komme i gang. Læs mere under *Støtte til
iværksættere*, hvor du også kan søge.

## Gode råd

- Søg i god tid. Mange fonde og puljer behandler ansøgninger få gange om året.
- Vær ærlig om risici, og vis, hvordan virksomheden kan klare sig selv på sigt.
- Tal med os, før du søger. Vi kan hjælpe med at finde muligheder og læse din ansøgning.
""",
    },
    {
        "slug": "ansaet-borgere-paa-kanten-af-arbejdsmarkedet",
        "title": "Ansæt borgere på kanten af arbejdsmarkedet",
        "theme": Article.Theme.NETWORK,
        "summary": (
            "Fleksjob, løntilskud og virksomhedspraktik kan give borgere med nedsat arbejdsevne "
            "en vej ind på arbejdsmarkedet. Jobcentret hjælper med at finde den rette løsning."
        ),
        "body": """\
Mange socialøkonomiske virksomheder har det som en del af formålet at give plads til
mennesker, der har svært ved at få et job. Det gælder også ordinære virksomheder, der vil tage
et socialt ansvar. Der findes flere ordninger, som kan hjælpe.

## Virksomhedspraktik

I en virksomhedspraktik prøver borgeren kræfter med arbejdet i en periode. Borgeren beholder
sin ydelse, og virksomheden betaler ikke løn. Praktikken er en god måde at lære hinanden at
kende og afklare, hvad borgeren kan.

## Løntilskud

Ved ansættelse med løntilskud får virksomheden et tilskud til lønnen i en periode. Ansættelsen
skal være ekstra, så den ikke erstatter almindelige job. Der er regler for, hvor mange
ansatte med løntilskud en virksomhed må have.

## Fleksjob

Fleksjob er for borgere, der har en varigt nedsat arbejdsevne. Medarbejderen arbejder det
antal timer, der passer til arbejdsevnen. Virksomheden betaler løn for de timer, der bliver
arbejdet, og kommunen udbetaler et tilskud direkte til medarbejderen.

## Anden støtte

Jobcentret kan også hjælpe med for eksempel en mentor, hjælpemidler eller personlig
assistance, så en medarbejder kan passe sit job. Borgere med et handicap eller en kronisk
sygdom kan have ret til særlig støtte.

## Tal med jobcentret

Reglerne er mange og ændrer sig. Tal med jobcentret, før du ansætter. Jobcentret kender
borgerne, reglerne og ansøgningerne, og de hjælper gerne med at finde den rigtige kandidat.

## Tænk fastholdelse ind fra starten

En god start gør en stor forskel. Aftal faste opgaver, en kontaktperson på arbejdspladsen og
en opfølgning efter nogle uger. Vi hjælper gerne med sparring om rekruttering og
fastholdelse.
""",
    },
    {
        "slug": "partnerskaber-om-et-faelles-tredje",
        "title": "Partnerskaber om et fælles tredje",
        "theme": Article.Theme.PARTNERSHIPS,
        "summary": (
            "Et partnerskab samler to eller flere parter om en opgave, de ikke kan løse alene. "
            "Læs om de tre slags partnerskaber, og hvordan I kommer i gang."
        ),
        "body": """\
At være socialt ansvarlig står ikke i modsætning til at drive en sund forretning. I et
partnerskab kombinerer parterne deres ressourcer og kompetencer, så begge får noget ud af det.

## Det fælles tredje

Et godt partnerskab begynder med et *fælles tredje*: en opgave eller et mål, som alle parter
har interesse i. Det kan være at skabe job til unge, at mindske madspild eller at styrke et
lokalområde. Parterne bruger tid sammen på at udvikle idéen, før de aftaler, hvem der gør hvad.

## Tre slags partnerskaber

### Kommunen og en socialøkonomisk virksomhed

Kommunen kan samarbejde med en socialøkonomisk virksomhed om for eksempel praktikpladser,
aktiviteter for borgere eller køb af varer og ydelser.

### Socialøkonomiske virksomheder sammen

To eller flere socialøkonomiske virksomheder kan dele viden, kunder, lokaler eller udstyr. De
kan også byde på opgaver sammen, som de ikke kunne løse hver for sig.

### En ordinær og en socialøkonomisk virksomhed

En ordinær virksomhed kan købe ydelser af en socialøkonomisk virksomhed, dele sin viden om
salg og drift eller tilbyde job til medarbejdere, der er klar til næste skridt.

## Sådan kommer I i gang

1. Beskriv det fælles tredje i et par sætninger.
2. Aftal, hvad hver part bidrager med, og hvad hver part får ud af det.
3. Skriv aftalen ned, også selv om den er enkel.
4. Aftal, hvornår I følger op.

Har du en idé til et partnerskab, eller leder du efter en partner? Kontakt os, så hjælper vi
med at finde den rette.
""",
    },
    {
        "slug": "netvaerksmoeder",
        "title": "Netværksmøder: mød andre virksomheder",
        "theme": Article.Theme.NETWORK,
        "summary": (
            "Kommunen holder netværksmøder for socialøkonomiske og ordinære virksomheder. Her "
            "deler I viden, får sparring og finder nye samarbejdspartnere."
        ),
        "body": """\
Det er lettere at udvikle en virksomhed, når man ikke står alene. Derfor inviterer kommunen
jævnligt til netværksmøder for socialøkonomiske og ordinære virksomheder.

## Hvad sker der på et møde?

Møderne har et tema, for eksempel rekruttering, salg til det offentlige eller partnerskaber.
Der er et kort oplæg, og resten af tiden taler deltagerne sammen. Mange møder foregår ude hos
en af virksomhederne, så I også kan se, hvordan andre gør.

## Hvem kan deltage?

Møderne er for:

- socialøkonomiske virksomheder,
- ordinære virksomheder, der vil tage et socialt ansvar,
- iværksættere med en socialøkonomisk idé.

## Sådan tilmelder du dig

Se de kommende møder under *Netværk og sparring*, og tilmeld dig med virksomhedens
CVR-nummer. Er mødet fuldt, kommer du på venteliste, og vi giver besked, hvis der bliver en
plads.

## Løbende dialog

Ud over møderne tilbyder vi løbende samtaler med de socialøkonomiske virksomheder. Vi taler
om udvikling, rekruttering, fastholdelse af medarbejdere og nye partnerskaber. Du er altid
velkommen til at kontakte os med spørgsmål.
""",
    },
    {
        "slug": "socialt-ansvar-i-ordinaere-virksomheder",
        "title": "Socialt ansvar i en ordinær virksomhed",
        "theme": Article.Theme.ADVICE,
        "summary": (
            "Man behøver ikke være en socialøkonomisk virksomhed for at tage socialt ansvar. "
            "Her er konkrete måder, en ordinær virksomhed kan gøre en forskel på."
        ),
        "body": """\
Mange ordinære virksomheder vil gerne gøre mere for deres medarbejdere og lokalområdet. Socialt
ansvar kan være en styrke for virksomheden: Det giver stolte medarbejdere, loyale kunder og
adgang til arbejdskraft.

## Hvad betyder socialt ansvar?

I kommunens strategi betyder social ansvarlighed blandt andet, at virksomheder:

- tager ansvar for deres medarbejdere og lokalområdet,
- samarbejder med andre virksomheder, der vil tage et socialt ansvar,
- ser borgere med nedsat arbejdsevne som en ressource.

## Sådan kan I begynde

### Giv plads på arbejdspladsen

Tilbyd en virksomhedspraktik, et job med løntilskud eller et fleksjob. Jobcentret hjælper med
at finde kandidater og med reglerne.

### Køb socialøkonomisk

Køb frokost, rengøring, gaver eller andre ydelser hos en socialøkonomisk virksomhed. Det
giver arbejde og omsætning, der går tilbage til et godt formål.

### Del jeres viden

Jeres erfaring med salg, økonomi eller ledelse kan være guld værd for en mindre virksomhed.
Tilbyd sparring, eller indgå i et partnerskab.

### Bliv en rummelig arbejdsplads

Fleksible arbejdstider, tydelige opgaver og en kollega, man kan spørge, gør det lettere for
alle at trives. Det gælder også medarbejdere, der bliver syge eller får nedsat arbejdsevne.

## Vi hjælper gerne

Kontakt os for en uforpligtende snak om mulighederne. Vi tager også selv kontakt til
virksomheder i kommunen for at drøfte, hvad der kunne give mening hos jer.
""",
    },
    {
        "slug": "fra-ide-til-virksomhed",
        "title": "Fra idé til virksomhed: sådan kommer du i gang",
        "theme": Article.Theme.ENTREPRENEURS,
        "summary": (
            "Har du en idé til en socialøkonomisk virksomhed? Her er de første skridt fra idé "
            "til CVR-nummer, og hvor du kan få hjælp undervejs."
        ),
        "body": """\
Mange gode virksomheder starter med en idé om at hjælpe andre. Vejen fra idé til virksomhed
er lettere, når du tager den i små skridt.

## 1. Beskriv idéen

Skriv kort, hvad virksomheden skal sælge, hvem kunderne er, og hvilken forskel den skal gøre.
Kan du forklare det på et minut, er du godt på vej.

## 2. Undersøg markedet

Tal med mulige kunder. Hvad vil de betale? Hvem sælger noget lignende i forvejen? Måske kan
en eksisterende virksomhed blive en samarbejdspartner i stedet for en konkurrent.

## 3. Lav et budget

Regn på, hvad det koster at starte, og hvad det koster at drive virksomheden hver måned. Sæt
realistiske tal på salget. Budgettet viser, hvor meget finansiering du har brug for.

## 4. Vælg virksomhedsform

Virksomhedsformen afgør ejerskab, ansvar og brugen af overskuddet. Læs om de forskellige
former, og få rådgivning, før du vælger.

## 5. Registrér virksomheden

Du registrerer virksomheden og får et CVR-nummer på virk.dk. Senere kan du overveje at blive
registreret socialøkonomisk virksomhed (RSV) hos Erhvervsstyrelsen.

## Få hjælp undervejs

Du kan få gratis vejledning hos os, deltage i iværksætterkurser og søge om økonomisk støtte
til at etablere din virksomhed. Se mere under *Støtte til iværksættere*.
""",
    },
    {
        "slug": "skriv-en-forretningsplan",
        "title": "Skriv en forretningsplan",
        "theme": Article.Theme.ENTREPRENEURS,
        "summary": (
            "En forretningsplan beskriver, hvad virksomheden skal sælge, til hvem, hvad det "
            "koster, og hvilken social forskel den gør. Sådan skriver du den."
        ),
        "body": """\
En forretningsplan er din egen plan for virksomheden. Den hjælper dig med at tænke idéen
igennem, og den er det, banken, en fond eller kommunen vil se, når du søger om penge.

## 1. Idéen og det sociale formål

Beskriv kort, hvad virksomheden gør, og hvilken forskel den skal gøre. Hvem skal have gavn af
den, og hvordan kan du se, at det virker?

## 2. Kunderne og markedet

Hvem køber, og hvorfor køber de hos dig? Hvem sælger noget lignende i forvejen? Tal med mulige
kunder, før du skriver dette afsnit.

## 3. Forretningsmodellen

Hvad sælger du, til hvilken pris, og hvordan når du kunderne? Skriv også, hvordan et overskud
bliver brugt på formålet.

## 4. Organisation og medarbejdere

Hvem er med i virksomheden, og hvem gør hvad? Skal I ansætte mennesker fra kanten af
arbejdsmarkedet, så beskriv, hvordan I tager imod og støtter dem.

## 5. Budget

Lav et etableringsbudget (det, det koster at starte) og et driftsbudget for det første år. Sæt
realistiske tal på salget, og skriv, hvor pengene til starten skal komme fra.

## Få hjælp

Du kan få gratis vejledning om forretningsplanen hos os, og på iværksætterkurset arbejder du med
din egen plan. Planen er også grundlaget for en ansøgning om støtte til at starte.
""",
    },
]


def load_demo_articles() -> list[Article]:
    """Create or update the demo articles by slug; safe to run again."""
    articles = []
    for data in DEMO_ARTICLES:
        article, _created = Article.objects.update_or_create(
            slug=data["slug"],
            defaults={**data, "published": True, "last_reviewed": REVIEWED},
        )
        articles.append(article)
    return articles


# A few enquiries, so the caseworker's inbox in the demo is not empty. Submitted through the
# enquiry service like a citizen's, each with a fixed one-time token so a rerun adds nothing.
DEMO_ENQUIRIES = [
    {
        "submission_key": "demo-enquiry-cafe",
        "contact": ("Mette Hansen", "mette.hansen@example.dk", ""),
        "role": Enquiry.Role.ENTREPRENEUR,
        "topic": Enquiry.Topic.START,
        "message": (
            "Jeg vil gerne starte en café i Vojens, hvor unge uden uddannelse kan få deres "
            "første job. Hvordan kommer jeg i gang, og kan jeg få hjælp til forretningsplanen?"
        ),
        "days_ago": 9,
    },
    {
        "submission_key": "demo-enquiry-responsibility",
        "contact": ("Lars Nielsen", "lars@example.dk", "20 30 40 50"),
        "role": Enquiry.Role.COMPANY,
        "topic": Enquiry.Topic.RESPONSIBILITY,
        "message": (
            "Vi er en tømrervirksomhed med 25 ansatte og vil gerne tage et socialt ansvar. Kan I "
            "hjælpe os med at finde en socialøkonomisk virksomhed at samarbejde med?"
        ),
        "contact_preference": Enquiry.ContactPreference.PHONE,
        "days_ago": 2,
    },
    {
        "submission_key": "demo-enquiry-funding",
        "contact": ("Aisha Rahimi", "aisha@example.dk", ""),
        "role": Enquiry.Role.ASSOCIATION,
        "topic": Enquiry.Topic.FUNDING,
        "message": (
            "Vores forening driver en genbrugsbutik med frivillige. Vi vil gerne ansætte to "
            "personer i fleksjob. Findes der støtte til at komme i gang?"
        ),
        "days_ago": 0,
    },
]


def load_demo_enquiries() -> None:
    """Submit the demo enquiries; older ones get their real age, so one is overdue."""
    from django.utils import timezone

    from guidance.services import ContactData, submit_enquiry
    from portal.cases.models import Case
    from portal.cases.services import first_answer_deadline

    for data in DEMO_ENQUIRIES:
        name, email, phone = data["contact"]
        case = submit_enquiry(
            contact=ContactData(name=name, email=email, phone=phone),
            role=data["role"],
            topic=data["topic"],
            message=data["message"],
            contact_preference=data.get("contact_preference", Enquiry.ContactPreference.EMAIL),
            submission_key=data["submission_key"],
        )
        received = timezone.now() - timedelta(days=data["days_ago"])
        Case.objects.filter(pk=case.pk).update(
            created_at=received,
            deadline=first_answer_deadline(timezone.localtime(received).date()),
        )
        Enquiry.objects.filter(case=case).update(created_at=received)
