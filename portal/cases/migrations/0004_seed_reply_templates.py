"""Four standard answers to start from; staff edit them under "Svarskabeloner"."""

from django.db import migrations

TEMPLATES = [
    (
        10,
        "Tak for henvendelsen",
        "Tak for din henvendelse om »{emne}«. Vi har oprettet sagen med sagsnummeret "
        "{sagsnummer}, og du hører fra os senest den {frist}.\n\n"
        "Du kan følge sagen her: {statusside}",
    ),
    (
        20,
        "Vi mangler oplysninger",
        "For at kunne hjælpe dig videre med sagen {sagsnummer} har vi brug for flere "
        "oplysninger:\n\n- \n\n"
        "Du kan svare ved at besvare denne e-mail. Sagen venter, til vi har hørt fra dig.",
    ),
    (
        30,
        "Aftale om møde",
        "Vi vil gerne tale med dig om »{emne}« på et møde. Jeg foreslår:\n\n"
        "Dato og tid: \nSted: \n\n"
        "Passer tidspunktet ikke, så svar på denne e-mail med et par andre forslag.",
    ),
    (
        40,
        "Sagen er afsluttet",
        "Vi afslutter nu sagen {sagsnummer} om »{emne}«. Tak for samarbejdet.\n\n"
        "Har du flere spørgsmål, eller dukker der noget nyt op, er du altid velkommen til at "
        "kontakte os igen.",
    ),
]


def seed(apps, schema_editor):
    ReplyTemplate = apps.get_model("cases", "ReplyTemplate")
    for position, title, body in TEMPLATES:
        ReplyTemplate.objects.get_or_create(
            title=title, defaults={"body": body, "position": position, "active": True}
        )


def unseed(apps, schema_editor):
    ReplyTemplate = apps.get_model("cases", "ReplyTemplate")
    ReplyTemplate.objects.filter(title__in=[title for _, title, _ in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_reply_templates_and_version")]

    operations = [migrations.RunPython(seed, unseed)]
