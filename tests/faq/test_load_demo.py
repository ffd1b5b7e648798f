from io import StringIO

import pytest
from django.core.management import call_command

from faq.models import Article, ArticleChecker, ArticleLegalReference, Category, LegalReference, RelatedArticle
from policy.choices import CheckerSlug

pytestmark = pytest.mark.django_db

SEED_TITLE = "Can I pay the medical insurance again?"


def _snapshot():
    return {
        "articles": sorted(Article.objects.values_list("title", "updated_at", "status", "editor_note")),
        "checkers": sorted(ArticleChecker.objects.values_list("pk", "article_id", "checker", "order")),
        "related": sorted(RelatedArticle.objects.values_list("pk", "article_id", "title", "target_id", "order")),
        "legal": sorted(ArticleLegalReference.objects.values_list("pk", "article_id", "legal_reference_id")),
        "references": sorted(LegalReference.objects.values_list("pk", "text", "checker")),
        "categories": sorted(Category.objects.values_list("pk", "slug")),
    }


def test_demo_publishes_the_seed_with_its_editor_note_and_checker():
    call_command("load_demo", stdout=StringIO())

    seed = Article.objects.published().get(title=SEED_TITLE)
    assert seed.category.name == "Social security inquiry"
    assert "national" in seed.editor_note
    assert "checkers under it" in seed.editor_note
    assert [link.checker for link in seed.checker_links.all()] == [
        CheckerSlug.PAY_AGAIN, CheckerSlug.CARD_USE, CheckerSlug.RETIREMENT,
    ]
    assert Article.objects.published().filter(checker_links__checker=CheckerSlug.REFUND).exists()


@pytest.mark.parametrize(
    "title, checker",
    [
        ("Do I have to keep paying medical insurance after I retire?", CheckerSlug.RETIREMENT),
        ("What happens if I cash out my medical insurance card?", CheckerSlug.CARD_USE),
        ("Can my family use my medical insurance personal account?", CheckerSlug.CARD_USE),
    ],
)
def test_demo_articles_offer_their_checker(title, checker):
    call_command("load_demo", stdout=StringIO())
    assert list(Article.objects.get(title=title).checker_links.values_list("checker", flat=True)) == [checker]


def test_the_laws_checkers_apply_link_to_them():
    call_command("load_demo", stdout=StringIO())
    checkers = dict(
        LegalReference.objects.exclude(checker="").values_list("article_number", "checker").order_by("article_number")
    )
    assert checkers == {
        "Article 19": CheckerSlug.CARD_USE, "Article 27": CheckerSlug.RETIREMENT, "Article 30": CheckerSlug.CARD_USE,
        "Article 41": CheckerSlug.CARD_USE, "Article 88": CheckerSlug.CARD_USE, "第二十七条": CheckerSlug.RETIREMENT,
    }


def test_every_demo_article_has_legal_basis_or_is_the_family_article_and_links_to_the_seed():
    call_command("load_demo", stdout=StringIO())

    # The Chinese seed links to its English original instead (see test_i18n).
    for article in Article.objects.filter(language="en").exclude(title=SEED_TITLE):
        assert article.related_links.filter(target__title=SEED_TITLE).exists(), article.title
    with_basis = Article.objects.filter(legal_reference_links__isnull=False).distinct().count()
    assert with_basis == Article.objects.count() - 1


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
