from datetime import date
from decimal import Decimal

from django.db import migrations

# From the shared rules register (EMP-2). Only what it states is seeded:
# - Guangdong gives only the end point of its rise (men 30 / women 25 from 2030-01-01, at least 10 years
#   actually paid where benefits are drawn); the yearly steps before it are not known, so earlier
#   retirements get no row and readers are sent to their local office.
# - Shanghai: "more than 15 years", deemed years included. Chinese rules count the number itself
#   ("15年以上" includes 15), so 15 is taken to be enough; the citation tells readers so.
# - Xiamen: a weak source, so marked L.
# Shanghai and Xiamen are the rules as recorded in the register, dated from the 2025 reform it was written for.
ROWS = [
    {
        "region_code": "440000",
        "region_name": "Guangdong 广东",
        "effective_from": date(2030, 1, 1),
        "men_years": Decimal("30"),
        "women_years": Decimal("25"),
        "min_local_years": Decimal("10"),
        "source_title": "Guangdong: years of employee medical insurance required at retirement (official text as quoted)",
        "source_reference": "粤医保规〔2022〕6号: men 30 and women 25 years from 1 January 2030, "
        "with at least 10 years actually paid where benefits are drawn",
        "source_confidence": "Q",
    },
    {
        "region_code": "310000",
        "region_name": "Shanghai 上海",
        "effective_from": date(2025, 1, 1),
        "men_years": Decimal("15"),
        "women_years": Decimal("15"),
        "min_local_years": None,
        "source_title": "Shanghai: years of employee medical insurance required at retirement (secondary summary)",
        "source_reference": "“more than 15 years”, deemed years included; read as 15 years or more. "
        "With exactly 15 years, confirm with the office",
        "source_confidence": "S",
    },
    {
        "region_code": "350200",
        "region_name": "Xiamen 厦门",
        "effective_from": date(2025, 1, 1),
        "men_years": Decimal("25"),
        "women_years": Decimal("20"),
        "min_local_years": Decimal("10"),
        "source_title": "Xiamen: years of employee medical insurance required at retirement (weak source)",
        "source_reference": "men 25 and women 20 years, with at least 10 paid in Xiamen",
        "source_confidence": "L",
    },
]


def add_rows(apps, schema_editor):
    RequiredYearsRule = apps.get_model("policy", "RequiredYearsRule")
    for row in ROWS:
        RequiredYearsRule.objects.get_or_create(
            region_code=row["region_code"], effective_from=row["effective_from"], defaults=row
        )


def remove_rows(apps, schema_editor):
    RequiredYearsRule = apps.get_model("policy", "RequiredYearsRule")
    for row in ROWS:
        RequiredYearsRule.objects.filter(region_code=row["region_code"], effective_from=row["effective_from"]).delete()


class Migration(migrations.Migration):
    dependencies = [("policy", "0003_required_years_rule")]

    operations = [migrations.RunPython(add_rows, remove_rows)]
