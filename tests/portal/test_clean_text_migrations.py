"""The data migrations that clean rows stored before saves cleaned text (portal/migrations/_clean_text.py)."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from reversion.models import Version

from faq.models import Article, Category, RelatedArticle
from policy.models import RegionalPeriod
from portal.models import SiteSettings
from tests.factories import add_related, make_article
from tests.policy.factories import make_regional_period

pytestmark = pytest.mark.django_db

MIGRATIONS = {"faq": "0023_clean_stored_text", "policy": "0010_clean_stored_text", "portal": "0005_clean_stored_text"}


def migrate_text(app_label):
    """Run the app's cleaning migration on the test database, with the models as that migration knows them."""
    loader = MigrationLoader(connection)
    node = (app_label, MIGRATIONS[app_label])
    (operation,) = loader.get_migration(*node).operations
    # It needs no schema editor, and SQLite's cannot open inside a test's transaction.
    operation.code(loader.project_state(node).apps, None)


def test_faq_rows_are_cleaned_without_being_saved():
    article = make_article()
    link = add_related(article, "Other title")
    Article.objects.filter(pk=article.pk).update(title="Card\x0bcash", body="No.\r\nNever\x1b.")
    Category.objects.filter(pk=article.category_id).update(name="Cards\x08")
    RelatedArticle.objects.filter(pk=link.pk).update(title="Other\x0c title")
    before = Article.objects.values("updated_at", "version").get()
    revisions = Version.objects.count()

    migrate_text("faq")

    article.refresh_from_db()
    assert (article.title, article.body, article.category.name) == ("Card\ncash", "No.\nNever.", "Cards")
    assert RelatedArticle.objects.get().title == "Other\n title"
    assert Article.objects.values("updated_at", "version").get() == before
    assert Version.objects.count() == revisions


def test_policy_rows_and_site_settings_are_cleaned():
    row = make_regional_period()
    RegionalPeriod.objects.filter(pk=row.pk).update(region_name="Test\x0bshire\x02")
    settings = SiteSettings.objects.create()
    # Not NUL: PostgreSQL's text refuses it, so only SQLite rows can hold one.
    SiteSettings.objects.filter(pk=settings.pk).update(hotline_text="Call\r\nus\x1f.")

    migrate_text("policy")
    migrate_text("portal")

    assert RegionalPeriod.objects.get(pk=row.pk).region_name == "Test\nshire"
    assert SiteSettings.objects.get().hotline_text == "Call\nus."


def test_clean_rows_and_empty_tables_are_left_as_they_are():
    seeded = list(RegionalPeriod.objects.values())

    for app_label in MIGRATIONS:
        migrate_text(app_label)

    assert list(RegionalPeriod.objects.values()) == seeded
    assert not Article.objects.exists() and not SiteSettings.objects.exists()
