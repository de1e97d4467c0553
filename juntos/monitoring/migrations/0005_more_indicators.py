"""The logic model's other levels: an impact, a ratio and a figure reported by organisations."""

from django.db import migrations

INDICATORS = [
    # slug, level, source, kind, denominator, position, en, es, fr
    (
        "cases-closed",
        "impact",
        "ledger",
        "reports.closed",
        "",
        0,
        "Cases closed by the organisations",
        "Casos cerrados por las organizaciones",
        "Dossiers clos par les organisations",
    ),
    (
        "share-referred",
        "outcome",
        "ledger",
        "reports.inspectorate_referral",
        "reports.received",
        1,
        "Reports referred to inspectors, as a share of reports received (%)",
        "Denuncias enviadas a la inspección, como parte de las denuncias recibidas (%)",
        "Signalements transmis à l’inspection, en part des signalements reçus (%)",
    ),
    (
        "workers-reached",
        "activity",
        "reported",
        "reported.workers-reached",
        "",
        20,
        "Workers reached by outreach sessions (reported by organisations)",
        "Personas alcanzadas en sesiones informativas (según las organizaciones)",
        "Personnes rejointes par les séances d’information (selon les organisations)",
    ),
]


def create(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    for slug, level, source, kind, denominator, position, en, es, fr in INDICATORS:
        Indicator.objects.get_or_create(
            slug=slug,
            defaults={
                "level": level,
                "source": source,
                "kind": kind,
                "denominator_kind": denominator,
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
    dependencies = [("monitoring", "0004_logic_model_reports_and_open_data")]
    operations = [migrations.RunPython(create, remove)]
