"""Carry over what funding did before 0009/0010: approved reports' actuals, organisations funded.

From then on the funding services hand these over themselves; this runs once on a database
that already has grants, and does nothing where it finds what it would write.
"""

from django.db import migrations

DIMENSIONS = (
    "province",
    "program",
    "sector",
    "gender",
    "country_of_origin",
    "language",
    "category",
    "outcome",
    "organisation_id",
    "marginalised_group",
)
PARTS = {"": "", "gender": "gender", "group": "marginalised_group"}


def _quarter(day):
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def actuals(apps, schema_editor):
    Report = apps.get_model("funding", "Report")
    IndicatorActual = apps.get_model("funding", "IndicatorActual")
    Indicator = apps.get_model("monitoring", "Indicator")
    ReportedValue = apps.get_model("monitoring", "ReportedValue")
    reported = {i.slug: i for i in Indicator.objects.filter(source="reported")}
    approved = Report.objects.filter(status="approved", approved_version__isnull=False)
    for report in approved.select_related("project__application"):
        source = f"funding.report:{report.pk}"
        if ReportedValue.objects.filter(source=source).exists():
            continue
        rows = {}
        found = IndicatorActual.objects.filter(version_id=report.approved_version_id)
        for actual in found.select_related("indicator"):
            indicator = reported.get(actual.indicator.slug)
            dimension = PARTS.get(actual.dimension)
            if indicator is None or dimension is None:
                continue
            value_key = actual.value_key if dimension else ""
            rows[(indicator.pk, dimension, value_key)] = ReportedValue(
                indicator=indicator,
                organisation_id=report.project.application.lead_organisation_id,
                period=_quarter(report.period_start),
                dimension=dimension,
                dimension_value=value_key,
                value=actual.value,
                source=source,
                status="approved",
            )
        ReportedValue.objects.bulk_create(rows.values())


def organisations_funded(apps, schema_editor):
    Fact = apps.get_model("monitoring", "Fact")
    MonthTotal = apps.get_model("monitoring", "MonthTotal")
    Organisation = apps.get_model("accounts", "Organisation")
    Project = apps.get_model("funding", "Project")
    Partner = apps.get_model("funding", "Partner")
    kind = "funding.organisation-funded"
    if Fact.objects.filter(kind=kind).exists():
        return
    seen = set()
    counts = {}
    for project in Project.objects.select_related("application").order_by("awarded_on", "id"):
        application = project.application
        funded = [application.lead_organisation_id] + list(
            Partner.objects.filter(application=application, status="confirmed").values_list(
                "organisation_id", flat=True
            )
        )
        month = project.awarded_on.replace(day=1)
        for organisation in Organisation.objects.filter(pk__in=set(funded) - seen, is_active=True):
            seen.add(organisation.pk)
            key = (month, organisation.province, organisation.kind)
            counts[key] = counts.get(key, 0) + 1
    totals = {}
    for (month, province, category), count in counts.items():
        values = dict.fromkeys(DIMENSIONS, "")
        values.update(province=province, category=category)
        dimension_key = "|".join(f"{name}={values[name]}" for name in DIMENSIONS)
        Fact.objects.create(
            kind=kind,
            month=month,
            province=province,
            category=category,
            dimension_key=dimension_key,
            count=count,
        )
        totals[month] = totals.get(month, 0) + count
    for month, count in totals.items():
        MonthTotal.objects.create(kind=kind, month=month, count=count)


def forwards(apps, schema_editor):
    actuals(apps, schema_editor)
    organisations_funded(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0010_organisations_funded_and_messages"),
        ("funding", "0001_initial"),
        ("accounts", "0001_initial"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
