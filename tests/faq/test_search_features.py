"""Search that forgives: synonyms, typos, full-width and traditional characters, the other language,
checkers as best bets; and an index that follows every change. SQLite and PostgreSQL alike."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from faq.history import article_restore, article_versions
from faq.importers import article_import_document
from faq.models import Article, SearchDocument, SynonymGroup
from faq.search import article_search
from faq.services import article_record_revision, article_set_status
from serving.content_version import read_version
from tests.factories import make_article, make_category, make_staff

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.article.title for hit in results.hits]


def search(query, language="en", **options):
    return article_search(query=query, language=language, **options)


@pytest.mark.parametrize(
    ("language", "group", "query", "found"),
    [
        ("zh-hans", "退费, 退款, 退保", "退费", "可以退款吗"),
        ("zh-hans", "退费, 退款, 退保", "退保", "可以退款吗"),
        ("zh-hans", "取现, 提现, 套现", "提现", "医保卡不能取现"),
        # Inside words: 交 for 缴 makes 交费 and 医保重复交 find 缴费 and 重复缴纳.
        ("zh-hans", "缴, 交", "交费", "怎样缴费"),
        ("zh-hans", "缴, 交", "医保交费", "缴费标准"),
        ("en", "refund, reimbursement, money back", "money back", "Reimbursement rules"),
        ("en", "refund, reimbursement, money back", "reimbursements", "Getting your money back"),
    ],
)
def test_a_synonym_group_finds_every_term_of_it(language, group, query, found):
    make_article(title=found, language=language)
    make_article(title="无关" if language == "zh-hans" else "Unrelated", language=language)
    assert titles(search(query, language)) == []

    SynonymGroup.objects.create(language=language, terms=group)

    assert titles(search(query, language)) == [found]


def test_synonyms_apply_only_to_their_own_language():
    make_article(title="Reimbursement rules")
    SynonymGroup.objects.create(language="zh-hans", terms="refund, reimbursement")

    assert titles(search("refund")) == []


@pytest.mark.parametrize(("query", "corrected"), [("refnud", "refund"), ("medcal insurence", "medical insurance")])
def test_a_typo_gets_the_results_of_the_word_the_index_has(client, query, corrected):
    make_article(title="Refund of medical insurance", body="Ask for a refund.")

    results = search(query)

    assert results.corrected_query == corrected
    assert results.query == query
    assert titles(results) == ["Refund of medical insurance"]
    html = client.get(reverse("search"), {"q": query}).content.decode()
    assert f"Showing results for <a href=\"?q={corrected.replace(' ', '+')}\"><strong>{corrected}</strong></a>." in html
    assert f"Search instead for <a href=\"?q={query.replace(' ', '+')}&amp;as_typed=1\">{query}</a>" in html


def test_search_instead_for_the_words_as_typed(client):
    make_article(title="Refund")

    response = client.get(reverse("search"), {"q": "refnud", "as_typed": "1"})

    assert response.context["results"].corrected_query is None
    assert "Nothing matched “refnud”" in response.content.decode()


def test_corrections_come_from_the_words_articles_contain():
    make_article(title="Pension")

    assert search("pensoin").corrected_query == "pension"
    # Nothing in the index is near: nothing is made up.
    assert search("refnud").corrected_query is None
    # A word some article contains is never "corrected".
    make_article(title="Refnud is a made-up word")
    assert search("refnud").corrected_query is None


@pytest.mark.parametrize("query", ["ＲＥＦＵＮＤ", "Ｒｅｆｕｎｄ　２０２５", "ｒｅｆｕｎｄｓ"])
def test_full_width_letters_and_digits_match_ascii(query):
    make_article(title="Refund 2025")

    assert titles(search(query)) == ["Refund 2025"]


@pytest.mark.parametrize(("query", "title"), [("退費", "退费规定"), ("醫保卡", "医保卡取现"), ("退费", "退費規定")])
def test_traditional_characters_match_simplified(query, title):
    make_article(title=title, language="zh-hans")

    assert titles(search(query, "zh-hans")) == [title]


def test_a_chinese_query_on_english_pages_shows_the_chinese_answers_labelled(client):
    make_article(title="Refund")
    chinese = make_article(title="医保卡可以取现吗", language="zh-hans")

    response = client.get(reverse("search"), {"q": "取现"})

    results = response.context["results"]
    assert results.total == 0
    assert [hit.article for hit in results.other_language.hits] == [chinese]
    html = response.content.decode()
    assert "No answers in this language for “取现”" in html
    assert "There is 1 answer in Simplified Chinese:" in html
    assert '<li class="search-result mb-3" lang="zh-hans">' in html
    assert f'href="{chinese.get_absolute_url()}" hreflang="zh-hans"' in html


def test_an_english_query_on_chinese_pages_shows_both(client):
    make_article(title="Refund")
    make_article(title="退费 refund", language="zh-hans")

    html = client.get("/zh-hans/search/", {"q": "refund"}).content.decode()

    assert '<li class="search-result mb-3" lang="en">' in html
    assert html.index("退费 <mark>refund</mark>") < html.index('<li class="search-result mb-3" lang="en">')


def test_checkers_that_answer_the_query_come_above_the_articles(client):
    article = make_article(title="Refund after enrolling twice")

    checker_url = reverse("policy:checker_start", kwargs={"checker": "refund"})
    english = client.get(reverse("search"), {"q": "refund"})
    chinese = client.get("/zh-hans/search/", {"q": "退休"})

    assert [bet.slug for bet in english.context["results"].best_bets] == ["refund"]
    html = english.content.decode()
    assert html.index(checker_url) < html.index(article.get_absolute_url())
    assert [(bet.slug, bet.url) for bet in chinese.context["results"].best_bets] == [
        ("retirement", "/zh-hans/checkers/retirement/")
    ]


@pytest.mark.parametrize(
    ("query", "slugs"),
    [("family", ["card-use"]), ("家人", ["card-use"]), ("取现", ["card-use"]), ("cash", ["card-use"]),
     ("retire", ["retirement"]), ("退费", ["refund"]), ("Can I get my contribution refunded?", ["refund"]),
     ("pension abroad holiday", ["retirement"]), ("holiday", [])],
)
def test_best_bets_match_checker_titles_and_keywords_in_both_languages(query, slugs):
    assert [bet.slug for bet in search(query).best_bets] == slugs


def test_the_publishing_window_is_applied_when_the_search_runs():
    now = timezone.now()
    make_article(title="Pension from tomorrow", publish_at=now + timedelta(days=1))
    make_article(title="Pension until yesterday", expire_at=now - timedelta(days=1))

    assert titles(search("pension")) == []
    assert titles(search("pension", at=now + timedelta(days=2))) == ["Pension from tomorrow"]
    assert titles(search("pension", at=now - timedelta(days=2))) == ["Pension until yesterday"]


def test_the_index_follows_workflow_actions_slug_changes_and_imports():
    article = make_article(title="Pension age", slug="pension-age")

    article_set_status(articles=[article], status=Article.Status.ARCHIVED)
    assert titles(search("pension")) == []
    article_set_status(articles=[article], status=Article.Status.PUBLISHED)
    assert titles(search("pension")) == ["Pension age"]

    article.slug = "when-pension"
    article.save()
    assert [hit.article.get_absolute_url() for hit in search("pension").hits] == [article.get_absolute_url()]

    article_import_document(
        text="Site - Pensions - Pension age\nWhen is the pension paid?\nFrom sixty-three, monthly.\n",
        status="published",
    )
    assert titles(search("monthly")) == ["Pension age"]


def test_the_index_follows_a_restore():
    editor = make_staff("Editor")
    article = make_article(title="Pension age", body="Sixty.")
    article_record_revision(article=article, user=editor)
    first = article_versions(article).first()
    article.body = "Seventy."
    article.save()
    assert titles(search("sixty")) == []

    article_restore(article=article, version=first, user=editor)

    assert titles(search("sixty")) == ["Pension age"]


def test_rebuild_command_restores_a_damaged_index_and_reports():
    make_article(title="Pension age")
    make_article(title="Refund")
    SearchDocument.objects.all().delete()
    assert titles(search("pension")) == []

    out = StringIO()
    version_before = read_version()
    call_command("rebuild_search_index", stdout=out)

    assert titles(search("pension")) == ["Pension age"]
    # Search pages kept for readers are stale after it.
    assert read_version() != version_before
    assert out.getvalue().startswith("Indexed 2 articles in ")
    # Not a terminal: no progress bar in the output.
    assert "[" not in out.getvalue()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's VACUUM")
def test_on_postgresql_the_rebuild_command_vacuums_what_it_rewrote():
    make_article(title="Pension age")

    call_command("rebuild_search_index", stdout=StringIO())

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL")
        vacuumed = {row[0] for row in cursor.fetchall()}
    assert {"faq_searchdocument", "faq_searchterm", "faq_searchposting"} <= vacuumed


@pytest.mark.parametrize("workers", [1, 2])
def test_rebuild_goes_batch_by_batch_in_one_process_or_several(monkeypatch, workers):
    from faq import search_index

    monkeypatch.setattr(search_index, "BATCH_SIZE", 2)
    for number in range(5):
        make_article(title=f"Pension {number}", body=f"Fund {number}.")
    SearchDocument.objects.all().delete()
    calls = []

    indexed = search_index.search_index_rebuild(
        progress=lambda done, total: calls.append((done, total)), workers=workers
    )

    assert indexed == 5
    assert calls == [(2, 5), (4, 5), (5, 5)]
    assert len(search("pension fund").hits) == 5
    assert set(SearchDocument.objects.values_list("title", "body")) == {("pension", "fund")}


def test_queries_do_not_grow_with_results_in_both_languages(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    SynonymGroup.objects.create(language="en", terms="refund, reimbursement")

    def queries_for(count):
        Article.objects.all().delete()
        for number in range(count):
            make_article(title=f"Refund {number}", category=make_category())
            make_article(title=f"退费 refund {number}", category=make_category(), language="zh-hans")
        # Each from its own address, so both start a new rate-limit counter.
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("search"), {"q": "refnd"}, REMOTE_ADDR=f"192.0.2.{count}")
        assert response.context["results"].corrected_query == "refund"
        return len(context.captured_queries)

    assert queries_for(1) == queries_for(14)
