"""Workers may say one group they want to be counted with, for the ledger's totals only."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0004_session_weekdays"),
    ]

    operations = [
        migrations.AddField(
            model_name="workerprofile",
            name="marginalised_group",
            field=models.CharField(
                blank=True,
                choices=[
                    ("indigenous", "Indigenous person"),
                    ("indigenous-language", "First language is an Indigenous language"),
                    ("disability", "Person with a disability"),
                    ("2slgbtqi", "2SLGBTQI+ person"),
                    ("none", "None of these"),
                ],
                max_length=20,
                verbose_name="group to be counted with",
            ),
        ),
    ]
