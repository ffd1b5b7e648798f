"""`manage.py prune` removes search counts past the retention period and expired sessions."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from faq.models import SearchCount

pytestmark = pytest.mark.django_db


def _count(query, days_ago):
    SearchCount.objects.create(
        day=timezone.localdate() - timedelta(days=days_ago), query=query, language="en", searches=1, result_count=0
    )


def test_prune_follows_the_retention_setting_and_clears_expired_sessions(settings):
    settings.FAQ_SEARCH_LOG_DAYS = 30
    _count("recent", 30)
    _count("old", 31)
    live, expired = SessionStore(), SessionStore()
    live.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    out = StringIO()

    call_command("prune", stdout=out)

    assert list(SearchCount.objects.values_list("query", flat=True)) == ["recent"]
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert "Removed 1 search count(s) older than 30 days" in out.getvalue()
