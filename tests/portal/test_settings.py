import ast
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import REPO
from tests.factories import make_article


def _import_prod_settings(code="", **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings.prod as settings\n" + code],
        cwd=REPO, env=environment, capture_output=True, text=True, check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        pytest.param({"DJANGO_ALLOWED_HOSTS": "example.org"}, "DJANGO_SECRET_KEY", id="no secret key"),
        pytest.param({"DJANGO_SECRET_KEY": "x" * 50}, "DJANGO_ALLOWED_HOSTS", id="no allowed hosts"),
    ],
)
def test_production_refuses_to_start_without_required_configuration(env, missing):
    result = _import_prod_settings(**env)

    assert result.returncode != 0
    assert missing in result.stderr


def test_production_starts_with_secret_key_and_hosts():
    result = _import_prod_settings(DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.org")

    assert result.returncode == 0, result.stderr


def test_a_malformed_boolean_is_refused_with_its_name():
    result = _import_prod_settings(DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="a", DJANGO_DEBUG="maybe")

    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_production_compiles_each_template_once_per_worker():
    code = "loader, _inner = settings.TEMPLATES[0]['OPTIONS']['loaders'][0]; print(loader)"
    result = _import_prod_settings(code, DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="a")

    assert result.stdout.strip() == "django.template.loaders.cached.Loader", result.stderr


def _prod_value(name, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.org", **env)
    result = subprocess.run(
        [sys.executable, "-c", f"import portal.settings.prod as s; print(repr(s.{name}))"],
        cwd=REPO, env=environment, capture_output=True, text=True, check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else result.stderr


@pytest.mark.parametrize(
    ("env", "proxies", "proto_header"),
    [
        pytest.param({}, "0", "None", id="default: no proxy trusted"),
        pytest.param({"DJANGO_TRUSTED_PROXIES": "2"}, "2", "('HTTP_X_FORWARDED_PROTO', 'https')", id="two"),
        pytest.param({"DJANGO_BEHIND_PROXY": "1"}, "1", "('HTTP_X_FORWARDED_PROTO', 'https')", id="old name"),
    ],
)
def test_trusted_proxies(env, proxies, proto_header):
    assert _prod_value("TRUSTED_PROXIES", **env) == proxies
    assert _prod_value("SECURE_PROXY_SSL_HEADER", **env) == proto_header


@pytest.mark.parametrize(
    ("env", "named"),
    [
        pytest.param({"DJANGO_TRUSTED_PROXIES": "one"}, "DJANGO_TRUSTED_PROXIES", id="not a number"),
        pytest.param(
            {"DJANGO_TRUSTED_PROXIES": "1", "DJANGO_BEHIND_PROXY": "1"}, "DJANGO_BEHIND_PROXY", id="old and new name"
        ),
        pytest.param({"SEARCH_RATE_LIMIT": "30 a minute"}, "SEARCH_RATE_LIMIT", id="unreadable rate"),
        pytest.param({"RENDER_SHARE": "0"}, "RENDER_SHARE", id="no share at all"),
        pytest.param({"RENDER_SHARE": "5%"}, "RENDER_SHARE", id="unreadable share"),
        pytest.param({"RENDER_SHARE": "1.5"}, "RENDER_SHARE", id="share over the whole"),
    ],
)
def test_unusable_proxy_or_limit_settings_are_refused_with_their_name(env, named):
    assert named in _prod_value("TRUSTED_PROXIES", **env)


@pytest.mark.parametrize(
    ("env", "share"), [({}, "0.02"), ({"RENDER_SHARE": "0.2"}, "0.2"), ({"RENDER_SHARE": "1"}, "1.0")]
)
def test_render_share_from_the_environment(env, share):
    assert _prod_value("RENDER_SHARE", **env) == share


@pytest.mark.parametrize(
    ("env", "limits"),
    [
        pytest.param(
            {}, "{'feedback': (10, 600), 'search': (30, 60), 'api': (60, 60), 'render': (3000, 60)}", id="defaults"
        ),
        pytest.param(
            {"FAQ_FEEDBACK_RATE_LIMIT": "4", "SEARCH_RATE_LIMIT": "100/h", "API_RATE_LIMIT": "5/10s",
             "RENDER_RATE_LIMIT": "300"},
            "{'feedback': (4, 600), 'search': (100, 3600), 'api': (5, 10), 'render': (300, 60)}",
            id="a bare count keeps the period",
        ),
    ],
)
def test_rate_limits_from_the_environment(env, limits):
    assert _prod_value("RATE_LIMITS", **env) == limits


@pytest.mark.parametrize(
    ("env", "origins"),
    [
        pytest.param({}, "[]", id="none by default"),
        pytest.param({"API_CORS_ORIGINS": "https://jobs.example.com, https://m.jobs.example.com"},
                     "['https://jobs.example.com', 'https://m.jobs.example.com']", id="comma-separated"),
    ],
)
def test_api_cors_origins_from_the_environment(env, origins):
    assert _prod_value("CORS_ALLOWED_ORIGINS", **env) == origins


REDIS = "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize(
    ("env", "backend", "local_pages"),
    [
        pytest.param({"REDIS_URL": ""}, "serving.cache.PageMemoryCache", "0", id="kept by default"),
        pytest.param({"REDIS_URL": REDIS}, "serving.cache.RedisCache", "200", id="kept in Redis by default"),
        pytest.param({"REDIS_URL": "", "PAGE_CACHE_KEEP": "0"}, "django.core.cache.backends.dummy.DummyCache", "0",
                     id="none kept"),
        pytest.param({"REDIS_URL": REDIS, "PAGE_CACHE_KEEP": "0", "PAGE_CACHE_LOCAL_PAGES": "200"},
                     "django.core.cache.backends.dummy.DummyCache", "0", id="none kept in Redis or in a worker"),
    ],
)
def test_page_cache_keep_from_the_environment(env, backend, local_pages):
    assert _prod_value("CACHES['pages']['BACKEND']", **env) == repr(backend)
    assert _prod_value("PAGE_CACHE_LOCAL_PAGES", **env) == local_pages


@pytest.mark.django_db
def test_with_page_cache_keep_0_every_request_is_rendered(client, settings):
    env = {"REDIS_URL": "", "PAGE_CACHE_KEEP": "0"}
    settings.CACHES = {**settings.CACHES, "pages": ast.literal_eval(_prod_value("CACHES['pages']", **env))}
    settings.PAGE_CACHE_LOCAL_PAGES = int(_prod_value("PAGE_CACHE_LOCAL_PAGES", **env))
    article = make_article()

    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.get_absolute_url())

        assert response.status_code == 200
        assert len(queries) > 0  # a kept page would need none


def _deploy_check(**env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update({
        "DJANGO_SETTINGS_MODULE": "portal.settings.prod", "DJANGO_SECRET_KEY": "k" * 20 + "-deploy-check-" + "z" * 30,
        "DJANGO_ALLOWED_HOSTS": "help.example.com", **env,
    })
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=REPO, env=environment, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("preload", ["0", "1"])
def test_the_deploy_check_passes_behind_https_with_or_without_preload(preload):
    result = _deploy_check(DJANGO_HTTPS="1", DJANGO_HSTS_PRELOAD=preload)

    assert result.returncode == 0, result.stderr


def test_the_deploy_check_names_what_plain_http_gives_up():
    result = _deploy_check(DJANGO_HTTPS="0")

    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_hsts_preload_is_an_opt_in():
    preload = "print(settings.SECURE_HSTS_PRELOAD)"
    env = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "help.example.com"}

    assert _import_prod_settings(preload, **env).stdout.strip() == "False"
    assert _import_prod_settings(preload, DJANGO_HSTS_PRELOAD="1", **env).stdout.strip() == "True"
