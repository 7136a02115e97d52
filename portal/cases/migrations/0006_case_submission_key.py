from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0005_inbox_order_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="submission_key",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=64,
                null=True,
                unique=True,
                verbose_name="formularnøgle",
            ),
        ),
    ]
