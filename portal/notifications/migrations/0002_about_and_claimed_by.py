import django.db.models.deletion
from django.db import migrations, models


def about_from_case(apps, schema_editor):
    """Messages written before the generic link are about their case, if they have one."""
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    messages = OutboxMessage.objects.filter(case__isnull=False, about_type__isnull=True)
    if not messages.exists():
        return
    case_type, _created = ContentType.objects.get_or_create(app_label="cases", model="case")
    messages.update(about_type=case_type, about_id=models.F("case_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="about_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="om (type)",
            ),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="about_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="om (id)"),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="claimed_by",
            field=models.CharField(
                blank=True, editable=False, max_length=100, verbose_name="afsender"
            ),
        ),
        migrations.AddIndex(
            model_name="outboxmessage",
            index=models.Index(fields=["about_type", "about_id"], name="notif_outbox_about_idx"),
        ),
        migrations.RunPython(about_from_case, migrations.RunPython.noop),
    ]
