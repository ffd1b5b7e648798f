from django.db import migrations

# From the shared rules register (RES-1): Shaanxi collects Sep 1 - Dec 20 for cover Jan 1 - Dec 31.
# The register gives no notice number and no years, so the row is marked L and limited to the years
# the register was reviewed for.
SHAANXI = {
    "region_code": "610000",
    "region_name": "Shaanxi 陕西",
    "effective_from_year": 2025,
    "effective_to_year": 2027,
    "collection_start_month": 9,
    "collection_start_day": 1,
    "collection_start_year_offset": -1,
    "collection_end_month": 12,
    "collection_end_day": 20,
    "collection_end_year_offset": -1,
    "treatment_start_month": 1,
    "treatment_start_day": 1,
    "treatment_start_year_offset": 0,
    "treatment_end_month": 12,
    "treatment_end_day": 31,
    "treatment_end_year_offset": 0,
    "source_title": "Shaanxi resident medical insurance payment period (secondary summary)",
    "source_reference": "payment Sep 1 - Dec 20",
    "source_confidence": "L",
}


def add_shaanxi(apps, schema_editor):
    RegionalPeriod = apps.get_model("policy", "RegionalPeriod")
    if not RegionalPeriod.objects.filter(region_code=SHAANXI["region_code"]).exists():
        RegionalPeriod.objects.create(**SHAANXI)


def remove_shaanxi(apps, schema_editor):
    RegionalPeriod = apps.get_model("policy", "RegionalPeriod")
    RegionalPeriod.objects.filter(
        region_code=SHAANXI["region_code"], effective_from_year=SHAANXI["effective_from_year"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]

    operations = [migrations.RunPython(add_shaanxi, remove_shaanxi)]
