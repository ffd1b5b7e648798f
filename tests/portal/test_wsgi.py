"""The WSGI entry gunicorn serves (portal.wsgi), called as a WSGI server calls it."""

from urllib.parse import unquote_to_bytes
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.servers.basehttp import get_internal_wsgi_application

from portal.wsgi import application
from tests.factories import make_article, make_category

# The handler closes the database connection after each request, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def serve(path):
    """(status line, body) of a GET whose PATH_INFO is, as gunicorn and PEP 3333 have it, the address's
    UTF-8 bytes read as Latin-1."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": unquote_to_bytes(path).decode("latin-1")}
    setup_testing_defaults(environ)
    sent = {}
    body = application(environ, lambda status, headers: sent.update(status=status))
    return sent["status"], b"".join(body).decode()


def test_a_chinese_address_is_answered_when_rendered_and_when_kept():
    category = make_category(name="社保查询", slug="社保查询", language="zh-hans")
    article = make_article(category=category, slug="医保可以重复缴纳吗", title="医保可以重复缴纳吗", language="zh-hans")

    rendered = serve(article.get_absolute_url())
    kept = serve(article.get_absolute_url())

    assert rendered[0] == "200 OK" and "医保可以重复缴纳吗" in rendered[1]
    assert kept == rendered
    assert serve(category.get_absolute_url())[0] == "200 OK"


def test_the_development_server_serves_this_same_entry():
    # `manage.py runserver` serves WSGI_APPLICATION: this object, so Chinese addresses work there as tested above.
    assert get_internal_wsgi_application() is application
