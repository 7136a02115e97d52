from django.db import migrations, models

import guidance.models
import portal.files


def copy_submission_keys_to_cases(apps, schema_editor):
    """The one-time form keys move from the enquiry to its case (portal's intake keeps them)."""
    Enquiry = apps.get_model("guidance", "Enquiry")
    Case = apps.get_model("cases", "Case")
    for case_id, key in Enquiry.objects.exclude(submission_key=None).values_list(
        "case_id", "submission_key"
    ):
        Case.objects.filter(pk=case_id, submission_key=None).update(submission_key=key)


def copy_submission_keys_back(apps, schema_editor):
    Enquiry = apps.get_model("guidance", "Enquiry")
    Case = apps.get_model("cases", "Case")
    for enquiry in Enquiry.objects.all():
        key = Case.objects.filter(pk=enquiry.case_id).values_list("submission_key", flat=True)
        Enquiry.objects.filter(pk=enquiry.pk).update(submission_key=key.first())


class Migration(migrations.Migration):

    # A feature app's migration may depend on portal's (never the other way round).
    dependencies = [
        ("cases", "0006_case_submission_key"),
        ("guidance", "0004_outreach"),
    ]

    operations = [
        migrations.RunPython(copy_submission_keys_to_cases, copy_submission_keys_back),
        migrations.RemoveField(
            model_name="enquiry",
            name="submission_key",
        ),
        migrations.AlterField(
            model_name="articleattachment",
            name="file",
            field=models.FileField(
                help_text="PDF, Word (docx), Excel (xlsx), OpenDocument (odt), PNG eller JPG. "
                "Højst 10 MB.",
                max_length=255,
                upload_to=guidance.models.attachment_upload_to,
                validators=[
                    portal.files.FileValidator(
                        kinds=("pdf", "docx", "xlsx", "odt", "png", "jpg"), max_megabytes=10
                    )
                ],
                verbose_name="fil",
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticleattachment",
            name="file",
            field=models.TextField(
                help_text="PDF, Word (docx), Excel (xlsx), OpenDocument (odt), PNG eller JPG. "
                "Højst 10 MB.",
                max_length=255,
                validators=[
                    portal.files.FileValidator(
                        kinds=("pdf", "docx", "xlsx", "odt", "png", "jpg"), max_megabytes=10
                    )
                ],
                verbose_name="fil",
            ),
        ),
    ]
