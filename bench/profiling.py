"""Where a profiled page's time goes, by kind of work, from cProfile's statistics.

A function counts for the kind of work its code does, by where the code is (KINDS). A helper of no kind of
its own (Python's library, Django's utilities, other libraries) counts for its callers: cProfile keeps no
whole stacks, only who called whom and for how long, so its time is shared out among its callers in
proportion to the time it took for each, and on up until a caller of some kind is reached.
"""

import sysconfig
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

from bench.servers import REPO

SQL = "SQL execution"
ORM = "ORM"
TEMPLATES = "templates"
RULES = "checker rules"
MIDDLEWARE = "middleware"
REST = "the rest"
KINDS = (TEMPLATES, SQL, ORM, RULES, MIDDLEWARE, REST)

# Where code is: installed libraries, Python's own library, the project.
PLACES_OF_CODE = tuple(
    Path(place).as_posix() + "/"
    for place in (sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"], REPO)
)
# Where each kind's code is: a prefix of a file's path under one of those.
PLACES = (
    (SQL, ("django/db/backends/", "psycopg/", "psycopg_pool/", "sqlite3/", "portal/db/")),
    (ORM, ("django/db/",)),
    (TEMPLATES, ("django/template/", "django/templatetags/", "crispy_forms/", "crispy_bootstrap5/")),
    (RULES, ("policy/rules/",)),
    # Django's request handling and the WSGI entries in front of it (the gate, the kept pages) count too.
    (MIDDLEWARE, ("django/core/handlers/", "django/middleware/", "portal/wsgi.py", "serving/gate.py",
                  "serving/page_cache.py", "serving/page_store.py", "serving/page_rules.py")),
    # Django's own URL resolving, requests and responses, and the project's views and what they call.
    (REST, ("django/urls/", "django/http/", "django/views/", "django/shortcuts.py")),
)


def middleware_files():
    """The files of the classes in settings.MIDDLEWARE, as `_relative` gives them."""
    files = set()
    for path in settings.MIDDLEWARE:
        module = import_string(path.rsplit(".", 1)[0])
        files.add(_relative(Path(module.__file__).as_posix())[1])
    return files


def _relative(filename):
    """(whether it is the project's code, its path under the place of code it is in)."""
    for place in PLACES_OF_CODE:
        if filename.startswith(place):
            return place == PLACES_OF_CODE[-1], filename[len(place):]
    return False, filename


class Kinds:
    """The kind of each function of a profile, and its time shared out by kind."""

    def __init__(self, stats):
        # pstats.Stats(...).stats: {function: (primitive calls, calls, own time, cumulative time, callers)}
        self.stats = stats
        self.middleware = middleware_files()
        self._shares = {}

    def kind(self, function):
        filename, _line, name = function
        if filename == "~":  # built in: the database drivers' C code (and what it calls back) is SQL
            return SQL if any(driver in name for driver in ("sqlite3", "psycopg", "CursorWrapper")) else None
        project, path = _relative(filename)
        if path in self.middleware:
            return MIDDLEWARE
        if "/templatetags/" in f"/{path}":
            return TEMPLATES
        for kind, places in PLACES:
            if path.startswith(places):
                return kind
        return REST if project else None

    def totals(self):
        """{kind: seconds} of the whole profile: every function's own time counted for its kind."""
        totals = Counter()
        for function, (_primitive, _calls, own, _cumulative, callers) in self.stats.items():
            kind = self.kind(function)
            if kind:
                totals[kind] += own
                continue
            # Its own time shared out by how much of it each caller's calls took.
            for kind, share in self._through_callers(callers, weight=2).items():
                totals[kind] += own * share
        return totals

    def _share(self, function, path=frozenset()):
        """{kind: fraction} of a second spent in `function`, by the kinds of work it was done for."""
        kind = self.kind(function)
        if kind:
            return {kind: 1.0}
        if function in self._shares:
            return self._shares[function]
        shares = self._through_callers(self.stats[function][4], weight=3, path=path | {function})
        self._shares[function] = shares
        return shares

    def _through_callers(self, callers, weight, path=frozenset()):
        """Shared among `callers` by their calls' own time (weight 2) or cumulative time (weight 3)."""
        callers = {caller: edge for caller, edge in callers.items() if caller not in path and caller in self.stats}
        total = sum(edge[weight] for edge in callers.values())
        if not callers or total <= 0:
            return {REST: 1.0}  # called from nowhere profiled: the code that ran the requests
        shares = Counter()
        for caller, edge in callers.items():
            for kind, share in self._share(caller, path).items():
                shares[kind] += share * edge[weight] / total
        return shares


def location(function):
    """A function as the profile lists it, its path short."""
    filename, line, name = function
    if filename == "~":
        return name
    return f"{_relative(filename)[1]}:{line}({name})"
