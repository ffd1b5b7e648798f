"""Bilingual pages: the zh-hans catalogue, the language switcher, linked translations, local formats."""

import ast
import gettext
import re
import shutil
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from faq.importers import article_import_document
from faq.models import Article
from tests.conftest import REPO
from tests.factories import make_article, make_category
from tests.language_switch import switcher_links

CATALOGUE = REPO / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
SOURCE_DIRS = ["faq", "policy", "portal", "templates"]


def read_po(path):
    """(msgctxt, msgid, msgid_plural, [msgstr...], flags) for each entry except the header."""
    entries, entry, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry and entry["msgid"]:
                entries.append(entry)
            entry = None
            continue
        entry = entry or {"context": None, "msgid": "", "plural": None, "msgstr": {}, "flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?) (".*")$', line):
            keyword, index, value = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            field = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else (keyword, None)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] = value
            elif keyword == "msgctxt":
                entry["context"] = value
            elif keyword == "msgid":
                entry["msgid"] = value
            else:
                entry["plural"] = value
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += value
            elif field[0] == "msgctxt":
                entry["context"] += value
            elif field[0] == "msgid":
                entry["msgid"] += value
            else:
                entry["plural"] += value
    return entries


def test_every_zh_hans_string_is_translated():
    entries = read_po(CATALOGUE)

    assert len(entries) > 100
    untranslated = [entry["msgid"] for entry in entries if not all(entry["msgstr"].values())]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_their_placeholders():
    placeholder = re.compile(r"%(?:\(\w+\))?[sd]")
    for entry in read_po(CATALOGUE):
        source = entry["plural"] or entry["msgid"]
        for text in entry["msgstr"].values():
            assert sorted(placeholder.findall(text)) == sorted(placeholder.findall(source)), entry["msgid"]


def test_the_catalogue_has_every_string_in_the_code(tmp_path, monkeypatch):
    # makemessages on a copy, so the committed catalogue is never touched.
    for name in SOURCE_DIRS:
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "demo"))
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["zh_Hans"], verbosity=0, no_obsolete=True)

    extracted = {
        (entry["context"], entry["msgid"], entry["plural"])
        for entry in read_po(tmp_path / CATALOGUE.relative_to(REPO))
    }
    committed = {(entry["context"], entry["msgid"], entry["plural"]) for entry in read_po(CATALOGUE)}
    assert sorted(extracted - committed, key=str) == [], "run `make messages` and translate the new strings"


def test_the_compiled_catalogue_matches_the_po_file():
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)

    for entry in read_po(CATALOGUE):
        if entry["plural"]:
            assert catalogue.ngettext(entry["msgid"], entry["plural"], 2) == entry["msgstr"][0]
        elif entry["context"]:
            assert catalogue.pgettext(entry["context"], entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
        else:
            assert catalogue.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]


@pytest.mark.django_db
def test_chinese_pages_are_in_chinese(client):
    response = client.get("/zh-hans/")

    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "社保问题解答" in html
    assert "跳到正文" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("/", "/zh-hans/"),
        ("/faq/pensions/", "/zh-hans/faq/pensions/"),
        ("/search/?q=pension", "/zh-hans/search/?q=pension"),
        ("/checkers/", "/zh-hans/checkers/"),
    ],
)
def test_the_switcher_keeps_the_page(client, english, chinese):
    make_article(category=make_category(slug="pensions"), title="Pension")

    assert switcher_links(client.get(english).content.decode()) == {"zh-hans": chinese}
    assert switcher_links(client.get(chinese).content.decode()) == {"en": english}


@pytest.mark.django_db
def test_each_version_of_an_article_links_to_the_other(client, translated):
    original, chinese = translated

    english_html = client.get(original.get_absolute_url()).content.decode()
    chinese_html = client.get(chinese.get_absolute_url()).content.decode()

    assert chinese.get_absolute_url().startswith("/zh-hans/faq/")
    assert f'<a href="{chinese.get_absolute_url()}" lang="zh-hans" hreflang="zh-hans">阅读中文版</a>' in english_html
    assert f'<a href="{original.get_absolute_url()}" lang="en" hreflang="en">Read in English</a>' in chinese_html
    for html in (english_html, chinese_html):
        assert f'<link rel="alternate" hreflang="en" href="http://testserver{original.get_absolute_url()}">' in html
        assert f'<link rel="alternate" hreflang="zh-hans" href="http://testserver{chinese.get_absolute_url()}">' in html
        assert f'hreflang="x-default" href="http://testserver{original.get_absolute_url()}"' in html
    # The switcher goes to the translation, not to the same article under the other prefix.
    assert switcher_links(english_html) == {"zh-hans": chinese.get_absolute_url()}
    assert switcher_links(chinese_html) == {"en": original.get_absolute_url()}


@pytest.mark.django_db
def test_an_unpublished_translation_is_not_linked(client, translated):
    original, chinese = translated
    Article.objects.filter(pk=chinese.pk).update(status=Article.Status.DRAFT)

    html = client.get(original.get_absolute_url()).content.decode()

    assert "阅读中文版" not in html
    assert 'hreflang="zh-hans" href=' not in html.split("<body")[0]
    # The switcher still offers the Chinese interface around the English article, marked as English.
    assert switcher_links(html) == {"zh-hans": "/zh-hans" + original.get_absolute_url()}
    chinese_page = client.get("/zh-hans" + original.get_absolute_url()).content.decode()
    assert '<link rel="canonical" href="http://testserver/faq/cards/card/">' in chinese_page
    assert '<h1 class="h3 mb-3" id="article-question" lang="en">Cash?</h1>' in chinese_page


@pytest.mark.django_db
def test_lists_show_the_articles_of_the_current_language(client, translated):
    original, chinese = translated

    english_home = client.get("/").content.decode()
    chinese_home = client.get("/zh-hans/").content.decode()

    assert original.title in english_home and chinese.title not in english_home.split("<main")[1]
    assert chinese.title in chinese_home and ">Card<" not in chinese_home


@pytest.mark.django_db
def test_dates_follow_the_language(client, translated):
    original, chinese = translated
    moment = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    Article.objects.update(updated_at=moment)

    assert "Updated Nov. 26, 2026" in client.get(original.get_absolute_url()).content.decode()
    assert "更新于 2026年11月26日" in client.get(chinese.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_checker_wording_is_translated(client):
    with translation.override("zh-hans"):
        url = reverse("policy:checker_list")

    html = client.get(url).content.decode()

    assert "医保可以重复缴纳吗？" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("question", "language"),
    [("医保可以重复缴纳吗？", "zh-hans"), ("Can I pay again?", "en"), ("What does 取现 mean?", "en")],
)
def test_imported_documents_get_the_language_of_their_question(question, language):
    text = f"Site - Category - {question}\n{question}\nAn answer.\n"

    assert article_import_document(text=text).article.language == language


@pytest.mark.django_db
def test_the_demo_seed_can_be_read_in_chinese(client):
    call_command("load_demo", stdout=StringIO())
    seed = Article.objects.get(title="Can I pay the medical insurance again?")
    chinese = seed.translations.get()

    html = client.get(chinese.get_absolute_url()).content.decode()

    assert chinese.language == "zh-hans"
    assert chinese.status == Article.Status.PUBLISHED
    assert "第二十七条" in html
    assert "达到法定退休年龄时累计缴费达到国家规定年限的" in html
    assert "Read in English" in html
