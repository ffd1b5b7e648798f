"""The terms' lists of faq/search_index.py: scores, counts, and the lists themselves, kept by every
save and delete as a rebuild would make them."""

import datetime
import time

import pytest

from faq import search_index
from faq.models import Article, SearchDocument, SearchPosting, SearchStatistics, SearchTerm
from faq.search_index import search_index_rebuild, term_scores
from faq.signals import index_after_migrate
from tests.factories import make_article

pytestmark = pytest.mark.django_db
K1_PLUS_1 = search_index.K1 + 1


@pytest.mark.parametrize(
    ("clause", "title", "question", "body", "average", "expected"),
    [
        # BM25 (k1 1.2, b 0.75): frequency × 2.2 / (frequency + 1.2 × (0.25 + 0.75 × length / average)).
        ("once in the title counts 10", ["pension"], [], ["age"], 2, 10 * 2.2 / (10 + 1.2)),
        ("once in the question counts 5", [], ["pension"], ["age"], 2, 5 * 2.2 / (5 + 1.2)),
        ("once in the body counts 1", [], [], ["pension", "age"], 2, 2.2 / (1 + 1.2)),
        ("each occurrence adds", [], [], ["pension", "pension"], 2, 2 * 2.2 / (2 + 1.2)),
        (
            "a longer article than the average scores less",
            [], [], ["pension", "age", "fund", "paid"], 2, 2.2 / (1 + 1.2 * (0.25 + 0.75 * 4 / 2)),
        ),
        ("a first article is its own average", [], [], ["pension"], 0, 2.2 / (1 + 1.2)),
    ],
)
def test_a_terms_score_is_bm25_with_the_columns_weighted(clause, title, question, body, average, expected):
    assert term_scores(title, question, body, average)["pension"] == pytest.approx(expected), clause


def test_scores_saturate_below_k1_plus_one_and_leave_out_overlong_terms():
    long_term = "x" * (search_index.MAX_LISTED_TERM_LENGTH + 1)

    scores = term_scores(["pension"] * 50, [], [long_term], 51)

    assert 2.19 < scores["pension"] < K1_PLUS_1
    assert long_term not in scores


def lists(language="en"):
    """{term: (articles with it, floor, {listed article titles})}."""
    titles = dict(Article.objects.values_list("pk", "title"))
    listed = {}
    for term_id, article_id in SearchPosting.objects.values_list("term_id", "article_id"):
        listed.setdefault(term_id, set()).add(titles[article_id])
    return {
        term.term: (term.documents, term.floor, listed.get(term.pk, set()))
        for term in SearchTerm.objects.filter(language=language, documents__gt=0)
    }


def statistics():
    return {row.language: (row.articles, row.length) for row in SearchStatistics.objects.filter(articles__gt=0)}


@pytest.mark.parametrize("write_rows", [1, search_index.LIST_WRITE_ROWS])
def test_saves_count_and_list_every_term_as_a_rebuild_does(monkeypatch, write_rows):
    monkeypatch.setattr(search_index, "LIST_WRITE_ROWS", write_rows)
    make_article(title="Pension age", body="Pension fund.")
    refund = make_article(title="Refund", body="Refund the pension.")
    make_article(title="医保卡", body="可以取现吗", language="zh-hans")

    assert lists()["pension"] == (2, None, {"Pension age", "Refund"})
    assert lists("zh-hans")["医保"] == (1, None, {"医保卡"})
    # Title, question (the factory's) and body terms.
    assert statistics()["en"][0] == 2

    refund.body = "Money back."
    refund.save()
    assert lists()["pension"] == (1, None, {"Pension age"})
    assert lists()["money"] == (1, None, {"Refund"})

    refund.language = "zh-hans"
    refund.save()
    assert "refund" not in lists()
    assert lists("zh-hans")["refund"] == (1, None, {"Refund"})
    saved = (lists(), lists("zh-hans"), statistics())
    # A term left behind by a bypass of the saves goes at the rebuild.
    ghost = SearchTerm.objects.create(language="en", term="ghost", documents=3)
    SearchPosting.objects.create(term=ghost, article=refund, score=1.0)

    search_index_rebuild()

    assert (lists(), lists("zh-hans"), statistics()) == saved
    assert not SearchPosting.objects.filter(term=ghost).exists()


def test_a_deleted_article_leaves_the_counts_and_the_lists():
    make_article(title="Pension age")
    gone = make_article(title="Pension fund")
    before = statistics()["en"]

    gone.delete()

    assert lists()["pension"] == (1, None, {"Pension age"})
    assert "fund" not in lists()
    assert statistics()["en"][0] == before[0] - 1
    assert not SearchPosting.objects.filter(article_id=gone.pk).exists()


def test_a_rebuild_keeps_a_common_terms_best_and_saves_add_what_reaches_its_floor(monkeypatch):
    monkeypatch.setattr(search_index, "LIST_LENGTH", 2)
    make_article(title="Pension", body="Pension.")
    make_article(title="Pension twice", body="Pension, pension.")
    make_article(title="Once", body="A pension, among many other words about money.")
    make_article(title="Other", body="A pension too, among other words about money.")

    search_index_rebuild()
    documents, floor, listed = lists()["pension"]

    assert (documents, listed) == (4, {"Pension", "Pension twice"})
    listed_scores = SearchPosting.objects.filter(term__term="pension").values_list("score", flat=True)
    assert floor == pytest.approx(min(listed_scores))
    make_article(title="Pension pension pension")
    make_article(title="Weak", body="Words and words and more words and a pension at the very end of them.")
    documents, floor_after, listed = lists()["pension"]
    assert (documents, floor_after) == (6, floor)
    assert listed == {"Pension", "Pension twice", "Pension pension pension"}


def test_equal_scores_at_the_floor_are_all_listed(monkeypatch):
    monkeypatch.setattr(search_index, "LIST_LENGTH", 2)
    for number in ("one", "two", "three"):
        make_article(title=f"Pension {number}")

    search_index_rebuild()

    assert lists()["pension"][1:] == (None, {"Pension one", "Pension two", "Pension three"})


def test_after_migrate_the_lists_are_made_if_they_never_were():
    make_article(title="Pension age")
    SearchTerm.objects.all().delete()
    SearchStatistics.objects.all().delete()

    index_after_migrate(sender=None, using="default")

    assert lists()["pension"] == (1, None, {"Pension age"})
    assert SearchDocument.objects.count() == 1


def test_an_article_saved_while_the_lists_are_made_is_listed_as_saved(monkeypatch):
    monkeypatch.setattr(search_index, "CLOCK_SKEW", datetime.timedelta(0))
    article = make_article(title="Pension age")
    made_lists, calls = search_index._made_lists, []

    def saved_meanwhile(*args):
        made = made_lists(*args)
        if not calls:
            article.title = "Refund age"
            article.save()
        calls.append(made)
        return made

    monkeypatch.setattr(search_index, "_made_lists", saved_meanwhile)
    time.sleep(0.01)
    search_index_rebuild()

    # Made twice: the first lists, read before the save, were not written.
    assert len(calls) == 2
    assert "pension" not in lists()
    assert lists()["refund"] == (1, None, {"Refund age"})
