import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


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
