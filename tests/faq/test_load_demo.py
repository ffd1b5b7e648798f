from io import StringIO

import pytest
from django.core.management import call_command

from faq.models import Article, ArticleChecker, ArticleLegalReference, Category, LegalReference, RelatedArticle
from policy.choices import CheckerSlug

pytestmark = pytest.mark.django_db

SEED_TITLE = "Can I pay the medical insurance again?"
SEED_TITLE_ZH = "医保可以重复缴纳吗？"
FAMILY_TITLES = ["Can my family use my medical insurance personal account?", "医保个人账户的钱家人能用吗？"]


def _snapshot():
    return {
        "articles": sorted(
            Article.objects.values_list("title", "updated_at", "status", "summary", "editor_note", "translation_of")
        ),
        "checkers": sorted(ArticleChecker.objects.values_list("pk", "article_id", "checker", "order")),
        "related": sorted(RelatedArticle.objects.values_list("pk", "article_id", "title", "target_id", "order")),
        "legal": sorted(ArticleLegalReference.objects.values_list("pk", "article_id", "legal_reference_id", "heading")),
        "references": sorted(LegalReference.objects.values_list("pk", "text", "checker")),
        "categories": sorted(Category.objects.values_list("pk", "slug", "language", "translation_of")),
    }


def test_demo_publishes_the_seed_with_its_editor_note_and_checker():
    call_command("load_demo", stdout=StringIO())

    seed = Article.objects.published().get(title=SEED_TITLE)
    assert seed.category.name == "Social security inquiry"
    assert "national" in seed.editor_note
    assert "checkers under it" in seed.editor_note
    # Every checker its points lead to: paying again, the refund it promises, the card, retirement.
    assert [link.checker for link in seed.checker_links.all()] == [
        CheckerSlug.PAY_AGAIN, CheckerSlug.REFUND, CheckerSlug.CARD_USE, CheckerSlug.RETIREMENT,
    ]
    assert Article.objects.published().filter(checker_links__checker=CheckerSlug.REFUND).exists()


@pytest.mark.parametrize(
    "title, checker",
    [
        ("Do I have to keep paying medical insurance after I retire?", CheckerSlug.RETIREMENT),
        ("What happens if I cash out my medical insurance card?", CheckerSlug.CARD_USE),
        ("Can my family use my medical insurance personal account?", CheckerSlug.CARD_USE),
        ("I am leaving my job: what happens to my medical insurance?", CheckerSlug.BETWEEN_JOBS),
        ("Who can get unemployment benefit, and for how long?", CheckerSlug.BETWEEN_JOBS),
        ("Can I pay employee medical insurance myself as a flexible worker?", CheckerSlug.BETWEEN_JOBS),
    ],
)
def test_demo_articles_offer_their_checker(title, checker):
    call_command("load_demo", stdout=StringIO())
    assert list(Article.objects.get(title=title).checker_links.values_list("checker", flat=True))[0] == checker


def test_the_laws_checkers_apply_link_to_them():
    call_command("load_demo", stdout=StringIO())
    checkers = dict(LegalReference.objects.exclude(checker="").values_list("article_number", "checker"))
    # Each article of the law in both languages, e.g. "Article 27" and "第二十七条".
    assert checkers == {
        "Article 17": CheckerSlug.PAY_AGAIN, "第十七条": CheckerSlug.PAY_AGAIN,
        "Article 19": CheckerSlug.CARD_USE, "第十九条": CheckerSlug.CARD_USE,
        "Article 27": CheckerSlug.RETIREMENT, "第二十七条": CheckerSlug.RETIREMENT,
        "Article 30": CheckerSlug.CARD_USE, "第三十条": CheckerSlug.CARD_USE,
        "Article 41": CheckerSlug.CARD_USE, "第四十一条": CheckerSlug.CARD_USE,
        "Article 88": CheckerSlug.CARD_USE, "第八十八条": CheckerSlug.CARD_USE,
        "Article 23": CheckerSlug.BETWEEN_JOBS, "第二十三条": CheckerSlug.BETWEEN_JOBS,
        "Article 45": CheckerSlug.BETWEEN_JOBS, "第四十五条": CheckerSlug.BETWEEN_JOBS,
        "Article 46": CheckerSlug.BETWEEN_JOBS, "第四十六条": CheckerSlug.BETWEEN_JOBS,
        "Article 48": CheckerSlug.BETWEEN_JOBS, "第四十八条": CheckerSlug.BETWEEN_JOBS,
        "Article 50": CheckerSlug.BETWEEN_JOBS, "第五十条": CheckerSlug.BETWEEN_JOBS,
    }


def test_every_demo_article_has_legal_basis_or_is_the_family_article_and_links_to_the_seed():
    call_command("load_demo", stdout=StringIO())

    for seed_title in (SEED_TITLE, SEED_TITLE_ZH):
        seed = Article.objects.get(title=seed_title)
        for article in Article.objects.filter(language=seed.language).exclude(pk=seed.pk):
            assert article.related_links.filter(target=seed).exists(), article.title
    without_basis = Article.objects.exclude(legal_reference_links__isnull=False).distinct()
    assert sorted(without_basis.values_list("title", flat=True)) == sorted(FAMILY_TITLES)


def test_every_demo_article_and_category_is_published_in_both_languages_and_linked():
    call_command("load_demo", stdout=StringIO())

    originals = Article.objects.published().filter(language="en")
    assert originals.count() == 8
    for original in originals:
        [chinese] = original.translations.all()
        assert (chinese.language, chinese.status) == ("zh-hans", Article.Status.PUBLISHED), original.title
        assert chinese.category.language == "zh-hans"
        assert chinese.category.translation_of == original.category
        assert list(chinese.checker_links.values_list("checker", flat=True)) == list(
            original.checker_links.values_list("checker", flat=True)
        )
        assert chinese.summary and original.summary, original.title
    assert not Article.objects.filter(language="zh-hans", translation_of=None).exists()


def test_related_links_stay_in_their_article_language():
    call_command("load_demo", stdout=StringIO())

    for link in RelatedArticle.objects.exclude(target=None).select_related("article", "target"):
        assert link.target.language == link.article.language, (link.article.title, link.title)
    chinese_seed = Article.objects.get(title=SEED_TITLE_ZH)
    assert chinese_seed.related_links.exclude(target=None).count() == 4


@pytest.mark.parametrize(
    ("title", "current_rule"),
    [
        (SEED_TITLE, ["cannot be paid again", "before that year's cover starts", "in principle not refunded"]),
        (SEED_TITLE_ZH, ["不能再缴", "待遇享受期开始前", "原则上不予退还"]),
    ],
)
def test_the_seeds_in_short_states_the_current_rule(title, current_rule):
    call_command("load_demo", stdout=StringIO())

    summary = Article.objects.get(title=title).summary

    for words in current_rule:
        assert words in summary


@pytest.mark.parametrize(
    ("title", "headings"),
    [
        (SEED_TITLE, ["Paying twice and refunds", "Using the card", "After retirement"]),
        (SEED_TITLE_ZH, ["重复参保和退费", "医保卡的使用", "退休后的医保"]),
    ],
)
def test_the_seeds_legal_basis_supports_its_answer_with_retirement_under_its_own_heading(title, headings):
    call_command("load_demo", stdout=StringIO())
    rows = list(Article.objects.get(title=title).legal_reference_links.select_related("legal_reference"))

    by_heading = {}
    for row in rows:
        by_heading.setdefault(row.heading, []).append(row.legal_reference)
    assert list(by_heading) == headings
    # The headline answer first: the duplicate-enrolment rule, Fund Regulation Article 17.
    first = by_heading[headings[0]][0]
    assert first.article_number in ("Article 17", "第十七条")
    assert first.law_name in (
        "Regulation on the Supervision and Administration of the Use of Medical Security Funds",
        "医疗保障基金使用监督管理条例",
    )
    [retirement] = by_heading[headings[-1]]
    assert retirement.article_number in ("Article 27", "第二十七条")


def test_the_seed_links_to_published_demo_articles():
    call_command("load_demo", stdout=StringIO())

    seed = Article.objects.get(title=SEED_TITLE)
    targets = [link.target for link in seed.related_links.exclude(target=None)]
    assert len(targets) >= 3
    assert all(target.status == Article.Status.PUBLISHED for target in targets)
    # The titles the seed lists that this site does not have stay waiting for editors.
    assert seed.related_links.filter(target=None).count() == 10


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    before = _snapshot()
    output = StringIO()

    call_command("load_demo", stdout=output)

    assert _snapshot() == before
    assert "created" not in output.getvalue()
    assert "updated" not in output.getvalue()


def test_demo_articles_show_when_they_were_last_reviewed(client):
    call_command("load_demo", stdout=StringIO())
    seed = Article.objects.get(title=SEED_TITLE)

    assert seed.reviewed_on is not None
    assert seed.review_due_on > seed.reviewed_on
    assert "Last reviewed on" in client.get(seed.get_absolute_url()).content.decode()


def test_demo_warns_only_of_what_its_published_articles_still_lack():
    errors = StringIO()

    call_command("load_demo", stdout=StringIO(), stderr=errors)

    # Each pair is linked after the import, so no article lacks its translation; the family article has no
    # legal basis in either language, and the demo says so.
    assert errors.getvalue().splitlines() == [
        f"warning: “{title}” is published. It has no legal basis." for title in FAMILY_TITLES
    ]
