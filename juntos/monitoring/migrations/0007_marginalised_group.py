"""Facts gain the group a worker chose to be counted with; the cells recorded before keep
their counts, their keys gain the new, empty dimension at the end."""

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Concat


def add_to_keys(apps, schema_editor):
    Fact = apps.get_model("monitoring", "Fact")
    Fact.objects.exclude(dimension_key__contains="|marginalised_group=").update(
        dimension_key=Concat("dimension_key", Value("|marginalised_group="))
    )


def remove_from_keys(apps, schema_editor):
    Fact = apps.get_model("monitoring", "Fact")
    for fact in Fact.objects.filter(dimension_key__endswith="|marginalised_group=").iterator():
        fact.dimension_key = fact.dimension_key.removesuffix("|marginalised_group=")
        fact.save(update_fields=["dimension_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0006_month_totals"),
    ]

    operations = [
        migrations.AddField(
            model_name="fact",
            name="marginalised_group",
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.RunPython(add_to_keys, remove_from_keys),
    ]
