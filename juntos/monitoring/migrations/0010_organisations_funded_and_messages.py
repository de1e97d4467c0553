"""The pilot's "organisations funded" and the messages answered by SMS and WhatsApp."""

from django.db import migrations

INDICATORS = [
    # slug, level, kind, position, en, es, fr
    (
        "organisations-funded",
        "output",
        "funding.organisation-funded",
        6,
        "Organisations funded for the first time (lead or partner)",
        "Organizaciones financiadas por primera vez (líder o socia)",
        "Organismes financés pour la première fois (chef de file ou partenaire)",
    ),
    (
        "messages-answered",
        "activity",
        "channels.message",
        21,
        "Text messages answered by SMS and WhatsApp",
        "Mensajes respondidos por SMS y WhatsApp",
        "Messages texte répondus par SMS et WhatsApp",
    ),
]


def create(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    for slug, level, kind, position, en, es, fr in INDICATORS:
        Indicator.objects.get_or_create(
            slug=slug,
            defaults={
                "level": level,
                "source": "ledger",
                "kind": kind,
                "position": position,
                "title_en": en,
                "title_es": es,
                "title_fr": fr,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("monitoring", "Indicator").objects.filter(
        slug__in=[row[0] for row in INDICATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0009_reported_value_source")]
    operations = [migrations.RunPython(create, remove)]
