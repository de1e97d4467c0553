"""The logic model's headline indicators, drawn from the pilot's expected results."""

from django.db import migrations

INDICATORS = [
    (
        "reports-to-inspectors",
        "outcome",
        "reports.inspectorate_referral",
        "Reports referred to inspectors, with the worker's consent",
        "Denuncias enviadas a la inspección, con el consentimiento de la persona trabajadora",
        "Signalements transmis à l’inspection, avec le consentement de la personne",
    ),
    (
        "reports-received",
        "output",
        "reports.received",
        "Reports received",
        "Denuncias recibidas",
        "Signalements reçus",
    ),
    (
        "workers-informed",
        "output",
        "rights.subscription",
        "Workers who subscribed to rights alerts",
        "Personas suscritas a los avisos sobre derechos",
        "Personnes abonnées aux alertes sur les droits",
    ),
    (
        "courses-completed",
        "output",
        "learning.completion",
        "Courses completed",
        "Cursos terminados",
        "Cours terminés",
    ),
    (
        "recommendations-adopted",
        "outcome",
        "network.recommendation-adopted",
        "Recommendations adopted by the plenary",
        "Recomendaciones adoptadas por la plenaria",
        "Recommandations adoptées par la plénière",
    ),
    (
        "meetings-held",
        "activity",
        "network.meeting-held",
        "Network meetings held",
        "Reuniones de la red realizadas",
        "Réunions du réseau tenues",
    ),
]


def create(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    for position, (slug, level, kind, en, es, fr) in enumerate(INDICATORS):
        Indicator.objects.get_or_create(
            slug=slug,
            defaults={
                "level": level,
                "kind": kind,
                "title_en": en,
                "title_es": es,
                "title_fr": fr,
                "position": position,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("monitoring", "Indicator").objects.filter(
        slug__in=[row[0] for row in INDICATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_indicators_and_targets")]
    operations = [migrations.RunPython(create, remove)]
