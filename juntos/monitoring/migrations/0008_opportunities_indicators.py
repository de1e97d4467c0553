"""Two indicators from opportunities (issue 17): referrals home with an outcome, and the people
volunteer technical visits trained."""

from django.db import migrations

INDICATORS = [
    # slug, level, kind, position, en, es, fr
    (
        "referrals-with-outcome",
        "outcome",
        "opportunities.referral-outcome",
        30,
        "Referrals home with an outcome recorded (job, training, loan, business or not pursued)",
        "Derivaciones al país de origen con resultado registrado (empleo, formación, préstamo, "
        "negocio o no continuada)",
        "Orientations vers le pays d’origine avec un résultat enregistré (emploi, formation, "
        "prêt, entreprise ou abandon)",
    ),
    (
        "visit-people-trained",
        "output",
        "opportunities.visit-people-trained",
        31,
        "People trained in volunteer technical visits",
        "Personas formadas en visitas técnicas de voluntariado",
        "Personnes formées lors des visites techniques bénévoles",
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
    dependencies = [("monitoring", "0007_marginalised_group")]
    operations = [migrations.RunPython(create, remove)]
