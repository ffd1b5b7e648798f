"""`manage.py apikey_create`: a key from the command line, printed once, kept hashed."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apikeys.models import ApiKey

pytestmark = pytest.mark.django_db


def test_it_prints_a_key_that_is_kept_only_as_its_hash():
    out = StringIO()

    call_command("apikey_create", "Recruitment chat", "--quota", "100", "--period", "hour", stdout=out)

    key = out.getvalue().strip()
    api_key = ApiKey.objects.get()
    assert (api_key.name, api_key.rate) == ("Recruitment chat", (100, 3600))
    assert api_key.hashed == hashlib.sha256(key.encode()).hexdigest()


def test_a_name_in_use_is_refused():
    call_command("apikey_create", "App", stdout=StringIO())

    with pytest.raises(CommandError, match="exists already"):
        call_command("apikey_create", "App", stdout=StringIO())
