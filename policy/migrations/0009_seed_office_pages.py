"""The official pages of the demo regions' medical insurance bureaus (their gov.cn home pages).

A saved row is history, so the page is not written into it: each seeded row is closed and a new row with
the same figures and the office page carries on from the next year. Rows an editor has changed since they
were seeded are left alone. Guangdong's only row starts in 2030 and cannot be split; it gets none.
"""

from datetime import date

from django.db import migrations

OFFICES = {
    ("RegionalPeriod", "610000"): "https://ybj.shaanxi.gov.cn/",
    ("RequiredYearsRule", "310000"): "https://ybj.sh.gov.cn/",
    ("RequiredYearsRule", "350200"): "https://ybj.xm.gov.cn/",
}
# (model, first field, last field, the seeded row's first and last, where it now ends, where the new row starts)
SPLITS = {
    "RegionalPeriod": ("effective_from_year", "effective_to_year", 2025, 2027, 2026, 2027),
    "RequiredYearsRule": ("effective_from", "effective_to", date(2025, 1, 1), None, date(2026, 12, 31), date(2027, 1, 1)),
}


def add_offices(apps, schema_editor):
    for (model_name, region_code), url in OFFICES.items():
        model = apps.get_model("policy", model_name)
        first_field, last_field, first, last, closed_at, next_first = SPLITS[model_name]
        rows = model.objects.filter(region_code=region_code)
        row = rows.filter(**{first_field: first, last_field: last, "office_url": ""}).first()
        if row is None or rows.count() != 1:
            continue
        setattr(row, last_field, closed_at)
        row.save(update_fields=[last_field])
        row.pk = None
        row.id = None
        row._state.adding = True
        setattr(row, first_field, next_first)
        setattr(row, last_field, last)
        row.office_url = url
        row.save()


def remove_offices(apps, schema_editor):
    for (model_name, region_code), url in OFFICES.items():
        model = apps.get_model("policy", model_name)
        first_field, last_field, first, last, closed_at, next_first = SPLITS[model_name]
        added = model.objects.filter(region_code=region_code, office_url=url, **{first_field: next_first})
        if added.delete()[0]:
            model.objects.filter(region_code=region_code, **{first_field: first}).update(**{last_field: last})


class Migration(migrations.Migration):
    dependencies = [("policy", "0008_office_url")]

    operations = [migrations.RunPython(add_offices, remove_offices)]
