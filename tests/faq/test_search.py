"""Search: the same behaviour on SQLite (FTS5) and, with DATABASE_URL, on PostgreSQL (tsvector)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faq.models import Article, SearchPosting
from faq.search import MAX_QUERY_LENGTH, PAGE_SIZE, article_search
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def search(query, **options):
    options.setdefault("language", "en")
    return article_search(query=query, **options)


def titles(results):
    return [hit.article.title for hit in results.hits]


def test_a_match_in_the_title_ranks_above_the_question_above_the_body():
    make_article(title="About deductibles", question="What is a deductible?", body="It mentions pensions.")
    make_article(title="Retirement", question="How are pensions paid?", body="Monthly.")
    make_article(title="Pensions explained", question="What is it?", body="A monthly payment.")

    assert titles(search("pensions")) == ["Pensions explained", "Retirement", "About deductibles"]


def test_articles_with_every_word_are_found_and_otherwise_those_with_any_best_first():
    make_article(title="Refunds", body="How refunds work.")
    make_article(title="Other", body="A refund for a medical insurance card.")
    make_article(title="Cards", body="A card, a card and a card.")

    assert titles(search("refund card")) == ["Other"]
    # No article has "refund" and "pension": the ones with either, the closest matches first.
    assert titles(search("refund pension")) == ["Refunds", "Other"]


def test_english_is_matched_by_words_in_any_form_of_them():
    make_article(title="First", body="Repayment schedules and payment dates.")
    make_article(title="Second", body="You pay once a year.")
    make_article(title="Third", body="Paying twice is refunded.")

    assert titles(search("pay")) == ["Second", "Third"]
    assert titles(search("refunds")) == ["Third"]
    assert titles(search("payments")) == ["First"]


@pytest.mark.parametrize("query", ["取现", "可以取", "以取现吗", "可以取现吗"])
def test_chinese_is_found_by_any_substring_of_two_or_more_characters(query):
    make_article(title="医保卡", question="医保卡里的钱可以取现吗？", body="不可以。", language="zh-hans")
    make_article(title="退费", question="重复参保可以退费吗？", body="可以申请退费。", language="zh-hans")

    assert titles(search(query, language="zh-hans")) == ["医保卡"]


def test_a_single_chinese_character_or_letter_runs_no_query(django_assert_num_queries):
    make_article(title="医保卡", body="取现", language="zh-hans")

    with django_assert_num_queries(0):
        results = search("取", language="zh-hans")

    assert results.query == "取"
    assert results.terms == ()
    assert results.hits == []


def test_results_are_in_the_readers_language_and_the_other_language_comes_apart():
    make_article(title="Refund", body="A refund.")
    make_article(title="退费 refund", body="退费", language="zh-hans")

    english, chinese = search("refund"), search("refund", language="zh-hans")

    assert titles(english) == ["Refund"]
    assert english.other_language.language == "zh-hans"
    assert [hit.article.title for hit in english.other_language.hits] == ["退费 refund"]
    assert titles(chinese) == ["退费 refund"]
    assert [hit.article.title for hit in chinese.other_language.hits] == ["Refund"]


def test_snippets_highlight_the_matches_and_escape_article_text():
    make_article(
        title="Card <b>rules</b>",
        body="Intro. " + "Filler words here. " * 20 + "Never take cash from the card <script>alert(1)</script>.",
    )

    hit = search("card").hits[0]

    assert hit.title_html == "<mark>Card</mark> &lt;b&gt;rules&lt;/b&gt;"
    assert "<mark>card</mark> &lt;script&gt;alert(1)&lt;/script&gt;" in hit.snippet_html
    assert hit.snippet_html.startswith("…")
    assert "<script>" not in hit.snippet_html


def test_chinese_snippet_marks_the_substring():
    make_article(title="医保卡", body="医保卡里的钱**不能**取现。", language="zh-hans")

    assert search("取现", language="zh-hans").hits[0].snippet_html == "医保卡里的钱不能<mark>取现</mark>。"


def test_results_are_paginated():
    for number in range(PAGE_SIZE * 2 + 5):
        make_article(title=f"Pension {number:02d}")

    first, last = search("pension"), search("pension", page=3)

    assert first.total == PAGE_SIZE * 2 + 5
    assert titles(first) == [f"Pension {number:02d}" for number in range(PAGE_SIZE)]
    assert titles(last) == [f"Pension {number:02d}" for number in range(PAGE_SIZE * 2, PAGE_SIZE * 2 + 5)]


@pytest.mark.parametrize(("page", "expected"), [("abc", 1), ("0", 3), ("-1", 3), ("999", 3), ("9" * 5000, 1)])
def test_a_bad_page_number_shows_a_real_page(client, page, expected):
    for number in range(PAGE_SIZE * 2 + 1):
        make_article(title=f"Pension {number:02d}")

    response = client.get(reverse("search"), {"q": "pension", "page": page})

    assert response.status_code == 200
    assert response.context["results"].page.number == expected


def test_category_filter_with_counts_per_category():
    pensions, cards = make_category(name="Pensions", slug="pensions"), make_category(name="Cards", slug="cards")
    make_article(category=pensions, title="Pension age")
    make_article(category=pensions, title="Pension amount")
    make_article(category=cards, title="Pension card")
    make_article(category=cards, title="Lost card")

    everything = search("pension")
    only_cards = search("pension", category_slug="cards")

    assert {(facet.name, facet.count) for facet in everything.facets} == {("Pensions", 2), ("Cards", 1)}
    assert everything.total == 3
    assert titles(only_cards) == ["Pension card"]
    assert only_cards.total == 1
    assert [facet.slug for facet in only_cards.facets if facet.selected] == ["cards"]


def test_search_page_links_each_category_filter(client):
    pensions, cards = make_category(name="Pensions", slug="pensions"), make_category(name="Cards", slug="cards")
    make_article(category=pensions, title="Pension age")
    make_article(category=cards, title="Pension card")

    html = client.get(reverse("search"), {"q": "pension"}).content.decode()

    assert 'href="?q=pension&amp;category=cards"' in html
    assert "2 answers for “pension”" in html


def test_empty_query_shows_guidance_and_searches_nothing(client):
    make_article(title="Pension")

    response = client.get(reverse("search"), {"q": "   "})

    assert response.status_code == 200
    assert response.context["results"].page is None
    html = response.content.decode()
    assert "Type what you want to know" in html
    assert reverse("policy:checker_list") in html


def test_no_match_suggests_checkers_and_categories(client):
    article = make_article(title="Pension")

    response = client.get(reverse("search"), {"q": "zzzzqqq"})

    html = response.content.decode()
    assert "Nothing matched “zzzzqqq”" in html
    assert reverse("policy:checker_list") in html
    assert article.category.get_absolute_url() in html


def test_a_3000_character_query_is_cut_and_answered(client):
    make_article(title="Pension")

    response = client.get(reverse("search"), {"q": "pension " + "x" * 2992})

    assert response.status_code == 200
    results = response.context["results"]
    assert len(results.query) == MAX_QUERY_LENGTH
    assert [hit.article.title for hit in results.hits] == ["Pension"]


@pytest.mark.parametrize(
    "query",
    ['"', '"pension', "pension*", "NEAR(pension card)", "pension OR card", "' OR 1=1 --", "%_%", "a\x00b",
     "pension\x00", "\u202epension", "😀😀", "{title}: pension", "^pension", "-pension", "\\"],
)
def test_any_query_is_safe(client, query):
    make_article(title="Pension card")

    response = client.get(reverse("search"), {"q": query})

    assert response.status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300))
def test_any_text_is_a_safe_query(query):
    results = search(query)

    assert len(results.query) <= MAX_QUERY_LENGTH
    assert "\x00" not in results.query


def test_publishing_and_unpublishing_moves_an_article_in_and_out_of_results():
    article = make_article(title="Pension age", status=Article.Status.DRAFT)
    assert titles(search("pension")) == []

    article.status = Article.Status.PUBLISHED
    article.save()
    assert titles(search("pension")) == ["Pension age"]

    article.status = Article.Status.ARCHIVED
    article.save(update_fields=["status"])
    assert titles(search("pension")) == []

    # A bulk status change skips save(); the index does not depend on it.
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    assert titles(search("pension")) == ["Pension age"]


def test_the_index_follows_edits_and_deletes():
    article = make_article(title="Pension age", body="Sixty.")

    article.body = "Sixty-three from 2025."
    article.save()
    assert titles(search("2025")) == ["Pension age"]

    article.title = "Retirement age"
    article.save()
    assert titles(search("pension")) == []
    assert titles(search("retirement")) == ["Retirement age"]

    article.delete()
    assert titles(search("retirement")) == []


def test_queries_per_search_page_do_not_grow_with_results(client):
    def queries_for(count):
        Article.objects.all().delete()
        for number in range(count):
            make_article(title=f"Pension {number}", category=make_category())
        # Each from its own address, so both start a new rate-limit counter.
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("search"), {"q": "pension"}, REMOTE_ADDR=f"192.0.2.{count}")
        assert response.status_code == 200
        return len(context.captured_queries)

    assert queries_for(2) == queries_for(PAGE_SIZE + 3)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
def test_sqlite_fts_index_agrees_with_the_index_rows_after_edits_and_deletes():
    article = make_article(title="Pension")
    other = make_article(title="Card")
    other.title = "Cards"
    other.save()
    article.delete()

    with connection.cursor() as cursor:
        # FTS5 raises if its index differs from the content table in any way.
        cursor.execute("INSERT INTO faq_search (faq_search, rank) VALUES ('integrity-check', 1)")
        cursor.execute("SELECT rowid FROM faq_search WHERE faq_search MATCH 'card'")
        assert [row[0] for row in cursor.fetchall()] == [other.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's tsvector")
def test_postgresql_stores_a_weighted_tsvector_with_a_gin_index():
    article = make_article(title="Pension age", question="When?", body="At sixty.")

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'faq_searchdocument_vector'")
        assert "USING gin (vector)" in cursor.fetchone()[0]
        cursor.execute("SELECT vector::text FROM faq_searchdocument WHERE article_id = %s", [article.pk])
        # The language is a lexeme no text gives, without a position: it narrows, never ranks.
        assert cursor.fetchone()[0] == "'@en' 'age':2A 'pension':1A 'sixti':3C"


def test_past_the_count_limit_the_total_says_more_than(client, monkeypatch):
    from faq.search import ranking

    monkeypatch.setattr(ranking, "COUNT_LIMIT", 3)
    pensions, cards = make_category(name="Pensions", slug="pensions"), make_category(name="Cards", slug="cards")
    make_article(category=cards, title="Pension card")
    for number in range(4):
        make_article(category=pensions, title=f"Pension {number}")

    everything, only_cards = search("pension"), search("pension", category_slug="cards")

    assert (everything.total, everything.total_capped) == (3, True)
    assert len(everything.hits) == 3
    # The categories of the first matches, without counts: they would be of a sample.
    assert {(facet.slug, facet.count) for facet in everything.facets} == {("pensions", None), ("cards", None)}
    # One category is counted on its own.
    assert (only_cards.total, only_cards.total_capped) == (1, False)
    assert titles(only_cards) == ["Pension card"]
    html = client.get(reverse("search"), {"q": "pension"}).content.decode()
    assert "More than 3 answers for “pension”" in html
    assert 'class="badge' not in html
    data = client.get("/api/v1/search/", {"q": "pension"}).json()
    assert (data["total"], data["total_capped"]) == (3, True)


def test_the_index_ranks_a_few_first_and_ranks_again_when_too_few_of_them_are_visible(monkeypatch):
    from faq.search import backends

    monkeypatch.setattr(backends, "CANDIDATES", 2)
    # The best matches are drafts: the page comes from further down the index's ranking.
    for number in range(4):
        make_article(title=f"Pension pension {number}", status=Article.Status.DRAFT)
    make_article(title="Pension age", body="Monthly.")
    make_article(title="Other", body="A pension.")

    assert titles(search("pension")) == ["Pension age", "Other"]


def test_the_language_in_the_index_is_never_searched_as_text():
    make_article(title="Other")
    make_article(title="Zh", language="zh-hans")

    assert titles(search("en")) == []
    assert titles(search("hans", language="zh-hans")) == []
    assert titles(search("zh", language="zh-hans")) == ["Zh"]


def test_a_common_words_first_pages_come_from_its_list_and_later_ones_from_the_index(monkeypatch):
    from faq import search as search_module
    from faq import search_index
    from faq.search import backends

    monkeypatch.setattr(search_index, "LIST_LENGTH", 3)
    monkeypatch.setattr(search_module, "PAGE_SIZE", 2)
    for title in ("Pension", "Pension pension", "Pension pension pension"):
        make_article(title=title, body="Monthly.")
    for number in range(3):
        make_article(title=f"Other {number}", body="A pension." + " Words." * number)
    search_index.search_index_rebuild()
    # Listed scores were measured against the averages of their day, which later saves move: the
    # lists' order and the index's need not agree.
    SearchPosting.objects.filter(term__term="pension", article__title="Pension").update(score=10)
    backend = type(backends.database_backend())
    ranked_in_index = backend.ranked_in_index
    index_rankings = []
    monkeypatch.setattr(
        backend, "ranked_in_index", lambda *args, **kwargs: index_rankings.append(1) or ranked_in_index(*args, **kwargs)
    )

    assert titles(search("pension")) == ["Pension", "Pension pension pension"]
    assert index_rankings == []
    # Past the list's three, the index ranks the others: no article is lost or shown twice.
    pages = [titles(search("pension", page=page)) for page in (1, 2, 3)]
    assert index_rankings
    assert pages == [["Pension", "Pension pension pension"], ["Pension pension", "Other 0"], ["Other 1", "Other 2"]]


def test_a_rarer_word_weighs_more_than_a_common_one():
    for number in range(4):
        make_article(title=f"Filler {number}", body="A pension.")
    make_article(title="Mostly pension", body="Pension pension pension ombudsman.")
    make_article(title="Mostly ombudsman", body="Ombudsman ombudsman ombudsman pension.")

    assert titles(search("pension ombudsman")) == ["Mostly ombudsman", "Mostly pension"]


def test_the_other_languages_index_is_not_searched_for_words_none_of_its_articles_has():
    make_article(title="Pension age")
    make_article(title="医保卡", body="Pension 医保", language="zh-hans")

    with CaptureQueriesContext(connection) as context:
        results = search("age")

    assert titles(results) == ["Pension age"]
    assert results.other_language.total == 0
    # Only the reader's language: the Chinese articles have no "age", and the counts say so.
    assert len(index_queries(context)) == 1
    assert search("pension").other_language.total == 1
    assert search("医保", language="zh-hans").other_language.total == 0


def index_queries(context):
    return [query["sql"] for query in context.captured_queries if "MATCH" in query["sql"] or "@@" in query["sql"]]


def test_the_terms_counts_alone_can_show_more_matches_than_the_limit(monkeypatch):
    from faq.search import ranking

    monkeypatch.setattr(ranking, "COUNT_LIMIT", 3)
    for number in range(4):
        make_article(title=f"Pension card {number}")
    make_article(title="Pension only")
    make_article(title="Card only")

    with CaptureQueriesContext(connection) as context:
        results = search("pension card")

    # Both words are in 5 of the 6 articles: at least 4 have both.
    assert (results.total, results.total_capped) == (3, True)
    assert len(results.hits) == 3
    assert index_queries(context) == []


def test_articles_readers_may_not_see_keep_the_counts_from_claiming_more(monkeypatch):
    from faq.search import ranking

    monkeypatch.setattr(ranking, "COUNT_LIMIT", 3)
    for number in range(2):
        make_article(title=f"Pension card {number}")
    for number in range(3):
        make_article(title=f"Pension card draft {number}", status=Article.Status.DRAFT)

    with CaptureQueriesContext(connection) as context:
        results = search("pension card")

    assert (results.total, results.total_capped) == (2, False)
    assert index_queries(context)
