import re
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bench.profiling import MIDDLEWARE, ORM, PLACES_OF_CODE, REST, RULES, SQL, TEMPLATES, Kinds

LIBRARIES, _STDLIB, PROJECT = PLACES_OF_CODE


def function(place, path, name):
    return (place + path, 1, name)


VIEW = function(PROJECT, "faq/views.py", "article_detail")
TEMPLATE = function(LIBRARIES, "django/template/base.py", "render")
ESCAPE = function(LIBRARIES, "django/utils/html.py", "escape")
TEXT = function(LIBRARIES, "django/utils/encoding.py", "force_str")
EXECUTE = ("~", 0, "<method 'execute' of 'sqlite3.Cursor' objects>")


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (function(LIBRARIES, "django/db/backends/sqlite3/base.py", "execute"), SQL),
        (EXECUTE, SQL),
        (function(LIBRARIES, "django/db/models/query.py", "__iter__"), ORM),
        (TEMPLATE, TEMPLATES),
        (function(PROJECT, "faq/templatetags/faq_extras.py", "markdown"), TEMPLATES),
        (function(PROJECT, "policy/rules/pay_again.py", "decide"), RULES),
        (function(LIBRARIES, "django/core/handlers/base.py", "get_response"), MIDDLEWARE),
        (function(LIBRARIES, "csp/middleware.py", "process_response"), MIDDLEWARE),
        (function(PROJECT, "serving/page_store.py", "lookup"), MIDDLEWARE),
        (VIEW, REST),
        (ESCAPE, None),
        (("~", 0, "<built-in method builtins.getattr>"), None),
    ],
)
def test_each_function_counts_for_the_kind_of_work_its_code_does(code, kind):
    assert Kinds({}).kind(code) == kind


def test_a_helper_counts_for_its_callers_in_proportion_to_the_time_it_took_for_each():
    # pstats' shape: {function: (primitive calls, calls, own, cumulative, {caller: (.., .., own, cumulative)})}
    profile = {
        VIEW: (1, 1, 0.1, 1.0, {}),
        TEMPLATE: (1, 1, 0.2, 0.6, {VIEW: (1, 1, 0.2, 0.6)}),
        # 0.4 s of its own: 0.3 s for the template, 0.1 s for the view.
        ESCAPE: (4, 4, 0.4, 0.6, {TEMPLATE: (3, 3, 0.3, 0.45), VIEW: (1, 1, 0.1, 0.15)}),
        # Called by the helper alone: shared out as the helper's time was, by cumulative time.
        TEXT: (2, 2, 0.2, 0.2, {ESCAPE: (2, 2, 0.2, 0.2)}),
        EXECUTE: (1, 1, 0.1, 0.1, {VIEW: (1, 1, 0.1, 0.1)}),
    }

    totals = Kinds(profile).totals()

    assert totals[SQL] == pytest.approx(0.1)
    assert totals[TEMPLATES] == pytest.approx(0.2 + 0.3 + 0.2 * 0.45 / 0.6)
    assert totals[REST] == pytest.approx(0.1 + 0.1 + 0.2 * 0.15 / 0.6)
    assert sum(totals.values()) == pytest.approx(1.0)


def test_helpers_calling_each_other_reach_the_caller_outside_the_cycle():
    profile = {
        VIEW: (1, 1, 0.1, 0.5, {}),
        ESCAPE: (1, 2, 0.2, 0.4, {VIEW: (1, 1, 0.1, 0.4), TEXT: (0, 1, 0.1, 0.2)}),
        TEXT: (1, 1, 0.2, 0.3, {ESCAPE: (1, 1, 0.2, 0.3)}),
    }

    assert Kinds(profile).totals() == {REST: pytest.approx(0.5)}


def test_the_profile_refuses_to_run_while_pages_are_kept():
    with pytest.raises(CommandError, match="PAGE_CACHE_KEEP=0"):
        call_command("profile_pages", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_the_profile_prints_each_page_with_shares_that_make_the_whole(settings):
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    settings.PAGE_CACHE_KEEP = False
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    output = StringIO()

    with mock.patch("portal.management.commands.profile_pages.prepare_demo"):  # the demo is in; no static files
        call_command("profile_pages", "--requests", "2", "--page", "checkers list", "--page", "search", "--top", "3",
                     stdout=output)

    rows = {line.split(" | ")[0].lstrip("| "): line for line in output.getvalue().splitlines() if "%" in line}
    assert set(rows) == {"checkers list", "search"}
    for line in rows.values():
        shares = [int(share) for share in re.findall(r"(\d+) %", line)]
        assert 98 <= sum(shares) <= 102  # each rounded
    assert len(re.findall(r"^\| [\d.]+ \| [\d.]+ \| `", output.getvalue(), re.MULTILINE)) == 3
