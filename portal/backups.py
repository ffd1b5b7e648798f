"""Consistent copies of the database taken while the site serves, and putting one back.

SQLite uses its online backup API (a snapshot even while other processes write), PostgreSQL
pg_dump's custom format. A copy is checked before it is kept, and again before it is restored.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connection

from serving.content_version import new_database_token, replace_version


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def database_backup(*, path: Path) -> None:
    """Write a checked copy of the database to `path`; an existing file is replaced only when the copy is good."""
    partial = path.with_name(path.name + ".partial")
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with closing(sqlite3.connect(partial)) as copy:
                connection.connection.backup(copy)
        elif connection.vendor == "postgresql":
            _run_pg("pg_dump", "--format=custom", "--no-owner", f"--file={partial}")
        else:
            raise BackupError(f"No backup method for the {connection.vendor} database.")
        backup_check(path=partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def backup_check(*, path: Path) -> None:
    """Refuse a file that is not a complete backup of this project's database, of this database's kind."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    if connection.vendor == "sqlite":
        try:
            with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as copy:
                integrity = copy.execute("PRAGMA integrity_check").fetchone()[0]
                tables = copy.execute("SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a readable SQLite backup: {error}.") from error
        if integrity != "ok":
            raise BackupError(f"{path} failed SQLite's integrity check: {integrity}.")
        if tables[0] != 1:
            raise BackupError(f"{path} is an SQLite file, but not a backup of this site's database.")
    elif connection.vendor == "postgresql":
        listing = _run_pg("pg_restore", "--list", str(path))
        if "TABLE DATA public django_migrations" not in listing:
            raise BackupError(f"{path} is not a pg_dump backup of this site's database.")
    else:
        raise BackupError(f"No backup method for the {connection.vendor} database.")


def database_restore(*, path: Path) -> None:
    """Replace the database's content with the backup at `path`, after checking it."""
    backup_check(path=path)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as copy:
            copy.backup(connection.connection)
    else:
        connection.close()
        # One transaction: a restore that fails half-way leaves the database as it was.
        _run_pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}", str(path))
    # The restored rows hold the token of when the backup was taken, and pages kept since may carry it: a
    # new one drops every kept page, on every instance that shares the cache.
    replace_version(new_database_token())


def _read_only_uri(path):
    return f"{path.resolve().as_uri()}?mode=ro"


def _run_pg(program, *args):
    """Run a PostgreSQL client program against this site's database; return what it printed."""
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client).")
    settings = connection.settings_dict
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")]:
        if settings.get(key):
            env[variable] = str(settings[key])
    result = subprocess.run([program, *args], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
    return result.stdout
