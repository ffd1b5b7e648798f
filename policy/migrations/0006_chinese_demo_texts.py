from django.db import migrations

# Chinese names and source titles for the rows seeded in 0002 and 0004, so Chinese answers are Chinese
# throughout. Only empty fields are filled: an editor's own wording is never replaced.
CHINESE = {
    ("RegionalPeriod", "610000"): {
        "region_name_zh": "陕西",
        "source_title_zh": "陕西省城乡居民医疗保险缴费期（二手摘要）",
        "source_reference_zh": "缴费期：9月1日至12月20日",
    },
    ("RequiredYearsRule", "440000"): {
        "region_name_zh": "广东",
        "source_title_zh": "广东省：退休时职工医保须缴费年限（转引官方文件）",
        "source_reference_zh": "粤医保规〔2022〕6号：自2030年1月1日起男30年、女25年，其中在待遇享受地实际缴费至少10年",
    },
    ("RequiredYearsRule", "310000"): {
        "region_name_zh": "上海",
        "source_title_zh": "上海市：退休时职工医保须缴费年限（二手摘要）",
        "source_reference_zh": "“15年以上”，含视同缴费年限，按满15年理解；恰好15年的，请向医保部门确认",
    },
    ("RequiredYearsRule", "350200"): {
        "region_name_zh": "厦门",
        "source_title_zh": "厦门市：退休时职工医保须缴费年限（来源较弱）",
        "source_reference_zh": "男25年、女20年，其中在厦门实际缴费至少10年",
    },
}


def add_chinese(apps, schema_editor):
    for (model_name, region_code), texts in CHINESE.items():
        rows = apps.get_model("policy", model_name).objects.filter(region_code=region_code)
        for name, text in texts.items():
            rows.filter(**{name: ""}).update(**{name: text})


def remove_chinese(apps, schema_editor):
    for (model_name, region_code), texts in CHINESE.items():
        rows = apps.get_model("policy", model_name).objects.filter(region_code=region_code)
        for name, text in texts.items():
            rows.filter(**{name: text}).update(**{name: ""})


class Migration(migrations.Migration):
    dependencies = [("policy", "0005_chinese_texts")]

    operations = [migrations.RunPython(add_chinese, remove_chinese)]
