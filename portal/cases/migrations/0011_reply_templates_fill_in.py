"""The demo's reply templates without unfinished placeholders.

0004 seeded templates with gaps to fill ("Dato og tid: ", a lone "- ") that could be sent
unchanged, told the enquirer to "svar på denne e-mail", though answers come through the
status page, and put the status link in the text, which the e-mail itself gives once. A
template still exactly as 0004 seeded it gets real text, with square-bracket marks ("[dato og
tid]") only where the caseworker must write something: the case page refuses to send a message
that still holds one. A template anybody has edited is left alone.
"""

from django.db import migrations

# title: (as 0004 seeded it, the new text)
TEXTS = {
    "Tak for henvendelsen": (
        "Tak for din henvendelse om »{emne}«. Vi har oprettet sagen med sagsnummeret "
        "{sagsnummer}, og du hører fra os senest den {frist}.\n\n"
        "Du kan følge sagen her: {statusside}",
        "Tak for din henvendelse om »{emne}«. Vi har oprettet sagen med sagsnummeret "
        "{sagsnummer}, og du hører fra os senest den {frist}.",
    ),
    "Vi mangler oplysninger": (
        "For at kunne hjælpe dig videre med sagen {sagsnummer} har vi brug for flere "
        "oplysninger:\n\n- \n\n"
        "Du kan svare ved at besvare denne e-mail. Sagen venter, til vi har hørt fra dig.",
        "For at kunne hjælpe dig videre med sagen {sagsnummer} har vi brug for flere "
        "oplysninger:\n\n[skriv, hvilke oplysninger eller dokumenter der mangler]\n\n"
        "Du kan vedhæfte filer, når du svarer på din sags side. Sagen venter, til vi har hørt "
        "fra dig.",
    ),
    "Aftale om møde": (
        "Vi vil gerne tale med dig om »{emne}« på et møde. Jeg foreslår:\n\n"
        "Dato og tid: \nSted: \n\n"
        "Passer tidspunktet ikke, så svar på denne e-mail med et par andre forslag.",
        "Vi vil gerne tale med dig om »{emne}« på et møde. Jeg foreslår:\n\n"
        "Dato og tid: [dato og tid]\nSted: [sted]\n\n"
        "Passer tidspunktet ikke, så send os et par andre forslag.",
    ),
}


def fill_in(apps, schema_editor):
    ReplyTemplate = apps.get_model("cases", "ReplyTemplate")
    for title, (seeded, text) in TEXTS.items():
        ReplyTemplate.objects.filter(title=title, body=seeded).update(body=text)


def back(apps, schema_editor):
    ReplyTemplate = apps.get_model("cases", "ReplyTemplate")
    for title, (seeded, text) in TEXTS.items():
        ReplyTemplate.objects.filter(title=title, body=text).update(body=seeded)


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_case_next_deadline_channel_attachments")]

    operations = [migrations.RunPython(fill_in, back)]
