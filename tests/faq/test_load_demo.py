from io import StringIO

import pytest
from django.core.management import call_command

from faq.models import Article, ArticleLegalReference, Category, LegalReference, RelatedArticle
from policy.choices import CheckerSlug

pytestmark = pytest.mark.django_db

SEED_TITLE = "Can I pay the medical insurance again?"


def _snapshot():
    return {
        "articles": sorted(Article.objects.values_list("title", "updated_at", "status", "checker", "editor_note")),
        "related": sorted(RelatedArticle.objects.values_list("pk", "article_id", "title", "target_id", "order")),
        "legal": sorted(ArticleLegalReference.objects.values_list("pk", "article_id", "legal_reference_id")),
        "references": sorted(LegalReference.objects.values_list("pk", "text")),
        "categories": sorted(Category.objects.values_list("pk", "slug")),
    }


def test_demo_publishes_the_seed_with_its_editor_note_and_checker():
    call_command("load_demo", stdout=StringIO())

    seed = Article.objects.published().get(title=SEED_TITLE)
    assert seed.category.name == "Social security inquiry"
    assert "national" in seed.editor_note
    assert seed.checker == CheckerSlug.PAY_AGAIN
    assert Article.objects.published().filter(checker=CheckerSlug.REFUND).exists()


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
