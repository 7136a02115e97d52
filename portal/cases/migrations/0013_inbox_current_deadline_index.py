# Written by hand: the inbox is sorted by the current deadline (the first answer's until
# answered, then the next step's), no longer by the first answer's deadline alone.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_reply_template_marks_help"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="case",
            name="cases_case_deadline_ref_idx",
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                models.Case(
                    models.When(first_answer_at__isnull=True, then=models.F("deadline")),
                    default=models.F("next_deadline"),
                ),
                models.F("reference"),
                name="cases_case_current_dl_idx",
            ),
        ),
    ]
