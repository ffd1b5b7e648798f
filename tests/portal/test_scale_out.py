"""Two app instances sharing one PostgreSQL and one Redis, as the README's production recipe runs them."""

import http.cookiejar
import re
import subprocess
import sys
import urllib.parse
import urllib.request
import uuid

import pytest
from django.db import connection

from bench.forms import form_fields
from tests.servers import (
    REDIS_URL,
    REPO,
    NoRedirects,
    gunicorn,
    manage,
    production_env,
    require_redis,
    scratch_postgres_database,
)

# The SQLite run skips it; CI runs the suite again on PostgreSQL.
pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs the PostgreSQL server of DATABASE_URL")

SEED_TITLE = "Can I pay the medical insurance again?"


class Browser:
    """One reader's cookies across both instances, as behind one reverse proxy."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects()
        )

    def open(self, url, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, body, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


def shell(env, code):
    result = subprocess.run([sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", code], cwd=REPO,
                            env=env, check=True, capture_output=True, text=True)
    return result.stdout.strip()


@pytest.fixture
def shared_site(static_root):
    """Environment for instances sharing a new database and a fresh key space in Redis, with demo content."""
    require_redis()
    with scratch_postgres_database(connection.settings_dict) as database:
        env = production_env(static_root, DATABASE_URL=database, REDIS_URL=REDIS_URL,
                             DJANGO_CACHE_KEY_PREFIX=f"scale-out-{uuid.uuid4().hex[:8]}")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        shell(env, "from tests.factories import make_staff; make_staff('Publisher', username='publisher')")
        yield env


def sign_in(browser, server):
    _status, _headers, page = browser.open(f"{server}/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, _headers, _page = browser.open(f"{server}/admin/login/?next=/admin/", {
        "csrfmiddlewaretoken": token, "username": "publisher", "password": "password", "next": "/admin/",
    })
    assert status == 302


def test_an_edit_through_one_instance_is_served_by_the_other_and_editors_stay_signed_in(shared_site):
    seed = f"from faq.models import Article; seed = Article.objects.get(title={SEED_TITLE!r}); "
    article_id, path = shell(shared_site, seed + "print(seed.pk, seed.get_absolute_url())").split()
    editor, reader = Browser(), Browser()
    with gunicorn(shared_site) as first, gunicorn(shared_site) as second:
        sign_in(editor, first)
        status, _headers, admin_index = editor.open(f"{second}/admin/")
        assert status == 200
        assert "publisher" in admin_index  # signed in on the other instance too

        status, _headers, before = reader.open(f"{second}{path}")
        assert status == 200
        assert re.search(r"<title>(.*?)</title>", before).group(1).startswith(SEED_TITLE)

        status, _headers, form_page = editor.open(f"{first}/admin/faq/article/{article_id}/change/")
        fields = [(name, "Paying the medical insurance twice" if name == "title" else value)
                  for name, value in form_fields(form_page, "article_form")]
        fields.append(("significance", "typo"))  # the seed has a translation: a change says how much it matters
        status, _headers, page = editor.open(f"{first}/admin/faq/article/{article_id}/change/", fields)
        assert status == 302, re.findall(r'class="errorlist[^"]*".{0,300}', page)

        status, _headers, after = reader.open(f"{second}{path}")
        assert status == 200
        assert re.search(r"<title>(.*?)</title>", after).group(1).startswith("Paying the medical insurance twice")


def vote(server, path, article_id):
    """One new reader votes "yes" on the article, as the page's form sends it; returns the status."""
    reader = Browser()
    _status, _headers, page = reader.open(f"{server}{path}")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    data = {"helpful": "yes", **({"csrfmiddlewaretoken": token.group(1)} if token else {})}
    return reader.open(f"{server}/faq/feedback/{article_id}/", data)[0]


def test_the_vote_limit_holds_across_both_instances(shared_site):
    seed = f"from faq.models import Article; seed = Article.objects.get(title={SEED_TITLE!r}); "
    article_id, path = shell(shared_site, seed + "print(seed.pk, seed.get_absolute_url())").split()
    env = {**shared_site, "FAQ_FEEDBACK_RATE_LIMIT": "4/10m"}
    with gunicorn(env) as first, gunicorn(env) as second:
        statuses = [vote(server, path, article_id) for server in (first, second) * 3]

    assert statuses == [302] * 4 + [429] * 2


def title_served(server, path):
    status, _headers, page = Browser().open(f"{server}{path}")
    assert status == 200
    return re.search(r"<title>(.*?)</title>", page).group(1)


def test_a_restore_through_one_instance_is_read_by_the_other_on_its_next_request(shared_site, tmp_path):
    seed = f"from faq.models import Article; seed = Article.objects.get(title={SEED_TITLE!r}); "
    path = shell(shared_site, seed + "print(seed.get_absolute_url())")
    backup = tmp_path / "before.dump"
    manage(shared_site, "backup", str(backup))
    shell(shared_site, seed + "seed.title = 'Paying twice, edited after the backup'; seed.save()")
    with gunicorn(shared_site) as first, gunicorn(shared_site) as second:
        assert title_served(second, path).startswith("Paying twice, edited after the backup")  # now kept
        assert title_served(first, path).startswith("Paying twice, edited after the backup")

        manage(shared_site, "restore", "--noinput", str(backup))

        assert title_served(second, path).startswith(SEED_TITLE)
        assert title_served(first, path).startswith(SEED_TITLE)
