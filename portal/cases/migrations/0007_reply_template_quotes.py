"""Danish quotation marks in the reply templates: »…«, as 0004 now seeds them, not «…».

Installations that ran 0004 before it was corrected still have «emne» in their templates. A
text whose first quotation mark is « is written the old way and gets both marks swapped; one
that opens with » (a caseworker's own, or already fixed) is left as it is.
"""

from django.db import migrations
from django.db.models import Q

SWAP = str.maketrans({"«": "»", "»": "«"})


def danish_quotes(text: str) -> str:
    """«…» becomes »…«; a text already written »…« (or without marks) is returned unchanged."""
    marks = [char for char in text if char in "«»"]
    return text.translate(SWAP) if marks and marks[0] == "«" else text


def fix_quotes(apps, schema_editor):
    ReplyTemplate = apps.get_model("cases", "ReplyTemplate")
    for template in ReplyTemplate.objects.filter(
        Q(body__contains="«") | Q(title__contains="«")
    ).only("title", "body"):
        title, body = danish_quotes(template.title), danish_quotes(template.body)
        if (title, body) != (template.title, template.body):
            ReplyTemplate.objects.filter(pk=template.pk).update(title=title, body=body)


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_case_submission_key")]

    operations = [migrations.RunPython(fix_quotes, migrations.RunPython.noop)]
