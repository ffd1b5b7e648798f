"""`manage.py backup` copies the database while writes go on; `manage.py restore` checks, then puts it back."""

import os
import subprocess
import sys
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from faq.models import Category
from tests.servers import REPO, manage, scratch_postgres_database

# Creates articles one after another in its own process, printing each one's id once committed.
WRITER = """
import itertools
from tests.factories import make_article
for number in itertools.count():
    print(make_article(title=f"Written during the backup {number}").pk, flush=True)
"""
# Prints the ids of every article.
LISTER = "from faq.models import Article; print(*Article.objects.values_list('pk', flat=True))"


@contextmanager
def scratch_databases(tmp_path):
    """Two empty databases of the kind the suite runs on: (to back up, to restore into), as URLs."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    with scratch_postgres_database(connection.settings_dict) as site, \
            scratch_postgres_database(connection.settings_dict) as restored:
        yield site, restored


def env_for(database_url):
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": database_url}


def article_ids(database_url):
    result = subprocess.run([sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", LISTER], cwd=REPO,
                            env=env_for(database_url), check=True, capture_output=True, text=True)
    return {int(pk) for pk in result.stdout.split()}


def test_a_backup_taken_while_articles_are_written_restores_all_written_before_it(tmp_path):
    backup = tmp_path / "site.backup"
    with scratch_databases(tmp_path) as (site, restored):
        manage(env_for(site), "migrate", "--noinput")
        writer = subprocess.Popen([sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", WRITER], cwd=REPO,
                                  env=env_for(site), stdout=subprocess.PIPE, text=True)
        try:
            written_before = {int(writer.stdout.readline()) for _ in range(20)}
            manage(env_for(site), "backup", str(backup))
        finally:
            writer.kill()
            writer.wait()
        written_in_all = article_ids(site)

        manage(env_for(restored), "restore", str(backup), "--noinput")
        in_restored = article_ids(restored)

    assert written_before <= in_restored
    assert in_restored <= written_in_all
    assert len(written_in_all) > len(written_before)  # the writer went on during the backup


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(tmp_path):
    Category.objects.create(name="Kept", slug="kept")
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a database")

    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", str(not_a_backup), "--noinput")
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "missing.backup"), "--noinput")

    assert list(Category.objects.values_list("name", flat=True)) == ["Kept"]


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_in_process_round_trip(tmp_path):
    backup = tmp_path / "site.backup"
    Category.objects.create(name="Before", slug="before")
    out = StringIO()
    call_command("backup", str(backup), stdout=out)
    Category.objects.create(name="After", slug="after")

    call_command("restore", str(backup), "--noinput", stdout=out)

    assert list(Category.objects.values_list("name", flat=True)) == ["Before"]
    assert "checked" in out.getvalue()
