"""The dashboard's figures over a period: what readers read, which answers they found helpful and why
not, what they searched for in vain, how they used the checkers. A fixed number of queries whatever
the data (one a chart, one a language for the most-read articles), each adding up a period's counts in
the database; page views from their sums (insights/rollups.py)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from faq.models import Article, ArticleFeedback, SearchCount
from policy.choices import CheckerSlug

from . import charts
from .models import CheckerUseCount, DayViewCount, PageViewCount, PeriodViewCount
from .rollups import PERIODS
from .votes import per_day, period_votes

TOP = 10
# An article's title, read only for the rows a ranking keeps rather than joined before adding up.
_title = Subquery(Article.objects.filter(pk=OuterRef("article")).values("title")[:1])


def period_days(value):
    """The period a query string asks for; 30 days for anything else."""
    return int(value) if value in {str(days) for days in PERIODS} else 30


def period(days, today=None):
    """The days of the period, oldest first, ending today."""
    today = today or timezone.localdate()
    return [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]


def _day_label(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _languages():
    return list(settings.LANGUAGES)


def reading_charts(days):
    """Page views per day and language, then the most-read articles in each language."""
    rows = list(DayViewCount.objects.filter(day__gte=days[0]).values("day", "language", "views"))
    views = _per_day_chart(
        "views", _("Page views per day"), days, rows, [(code, str(name)) for code, name in _languages()],
        series_of=lambda row: row["language"], value_of=lambda row: row["views"],
    )
    # The period sums end on the latest day counted: today's period once anything was counted today.
    current = max((row["day"] for row in rows), default=None) == days[-1]
    return [views, *most_read_charts(days, current=current)]


def _per_day_chart(key, title, days, rows, series, *, series_of, value_of):
    """A chart of one column a series a day, with its table: a row a day, a column a series."""
    values = {(row["day"], series_of(row)): value_of(row) for row in rows}
    table = [[day.isoformat(), *(values.get((day, code), 0) for code, _label in series)] for day in days]
    return charts.Chart(
        key=key, title=title, kind="columns",
        headers=[_("Day"), *(label for _code, label in series)],
        rows=table,
        legend=[(number, label) for number, (_code, label) in enumerate(series)],
        shapes=charts.columns(
            [(day, _day_label(day)) for day in days],
            [[row[1 + number] for row in table] for number in range(len(series))],
        ),
        summary=", ".join(f"{label}: {sum(row[1 + number] for row in table)}" for number, (_c, label) in
                          enumerate(series)),
    )


def most_read_charts(days, *, current):
    """The most-read articles in each language: one query a language, read off the period's sums when
    they end today (`current`), else added up from the counts (nothing was counted today yet)."""
    found = []
    for code, name in _languages():
        if current:
            rows = (
                PeriodViewCount.objects.filter(days=len(days), language=code, views__gt=0)
                .annotate(total=F("views"), title=_title).values("article", "total", "title")
            )
        else:
            rows = (
                PageViewCount.objects.filter(day__gte=days[0], language=code).values("article")
                .annotate(total=Sum("views"), title=_title)
            )
        rows = rows.order_by("-total", "article")[:TOP]
        items = [(row["title"] or f"#{row['article']}", row["total"]) for row in rows]
        found.append(charts.Chart(
            key=f"most-read-{code}", title=_("Most-read articles in %(language)s") % {"language": name},
            kind="bars", headers=[_("Article"), _("Views")], rows=[list(item) for item in items],
            shapes=charts.bars(items),
        ))
    return found


def helpful_chart(days):
    return _per_day_chart(
        "helpful", _("“Was this helpful?” per day"), days, per_day(period_votes(days), days),
        [("yes", _("Yes")), ("no", _("No"))],
        series_of=lambda row: row["series"], value_of=lambda row: row["value"],
    )


def helpful_by_article_chart(days):
    rows = list(
        period_votes(days).values("article", "article__title")
        .annotate(votes=Count("pk"), yes=Count("pk", filter=Q(helpful=True)))
        .order_by("-votes", "article")[:TOP]
    )
    groups = [(row["article__title"], [(_("Yes"), row["yes"]), (_("No"), row["votes"] - row["yes"])]) for row in rows]
    return charts.Chart(
        key="helpful-articles", title=_("“Was this helpful?” per article"), kind="shares",
        headers=[_("Article"), _("Yes"), _("No"), _("Share helpful")],
        rows=[
            [row["article__title"], row["yes"], row["votes"] - row["yes"], f"{round(100 * row['yes'] / row['votes'])}%"]
            for row in rows
        ],
        legend=[(0, _("Yes")), (1, _("No"))], shapes=charts.shares(groups),
    )


def reasons_chart(days):
    labels = dict(ArticleFeedback._meta.get_field("reason").flatchoices)
    rows = list(
        period_votes(days).filter(helpful=False).exclude(reason="")
        .values("reason").annotate(votes=Count("pk")).order_by("-votes", "reason")
    )
    items = [(str(labels.get(row["reason"], row["reason"])), row["votes"]) for row in rows]
    return charts.Chart(
        key="reasons", title=_("Reasons given after “No”"), kind="bars",
        headers=[_("Reason"), _("Votes")], rows=[list(item) for item in items], shapes=charts.bars(items),
    )


def searches_chart(days):
    rows = (
        SearchCount.objects.filter(day__gte=days[0]).values("day")
        .annotate(total=Sum("searches"), empty=Sum("searches", filter=Q(result_count=0))).order_by()
    )
    flat = [{"day": row["day"], "series": name, "value": row[name] or 0} for row in rows for name in ("total", "empty")]
    chart = _per_day_chart(
        "searches", _("Searches per day, and those that found nothing"), days, flat,
        [("total", _("Searches")), ("empty", _("Found nothing"))],
        series_of=lambda row: row["series"], value_of=lambda row: row["value"],
    )
    chart.headers.append(_("Share that found nothing"))
    for row in chart.rows:
        row.append(f"{round(100 * row[2] / row[1])}%" if row[1] else "—")
    return chart


def zero_result_rows(days):
    """The searches that found nothing most often, each with its language."""
    names = dict(settings.LANGUAGES)
    rows = (
        SearchCount.objects.filter(day__gte=days[0], result_count=0).values("query", "language")
        .annotate(searches=Sum("searches")).order_by("-searches", "query")[:20]
    )
    return [{**row, "language_name": names.get(row["language"], row["language"])} for row in rows]


def checker_charts(days):
    """Per checker: how many started, how many got an answer, and the share of each outcome."""
    rows = (
        CheckerUseCount.objects.filter(day__gte=days[0]).values("checker", "event", "outcome")
        .annotate(total=Sum("uses")).order_by("checker", "-total", "outcome")
    )
    started, answered, outcomes = {}, {}, {}
    for row in rows:
        if row["event"] == CheckerUseCount.Event.STARTED:
            started[row["checker"]] = started.get(row["checker"], 0) + row["total"]
        else:
            answered[row["checker"]] = answered.get(row["checker"], 0) + row["total"]
            outcomes.setdefault(row["checker"], []).append((row["outcome"].replace("_", " "), row["total"]))
    table, groups = [], []
    for slug in CheckerSlug:
        total = answered.get(slug.value, 0)
        parts = outcomes.get(slug.value, [])
        shares = "; ".join(f"{part}: {round(100 * value / total)}%" for part, value in parts) if total else "—"
        table.append([str(slug.label), started.get(slug.value, 0), total, shares])
        groups.append((str(slug.label), parts))
    use = charts.Chart(
        key="checkers", title=_("Checker use"), kind="bars",
        headers=[_("Checker"), _("Started"), _("Answered"), _("Outcomes")], rows=table,
        shapes=charts.bars([(row[0], row[2]) for row in table]),
        summary=_("Answers given, per checker"),
    )
    shares_chart = charts.Chart(
        key="checker-outcomes", title=_("Outcomes of each checker's answers"), kind="shares",
        headers=[_("Checker"), _("Outcome"), _("Answers")],
        rows=[[label, part, value] for label, parts in groups for part, value in parts],
        shapes=charts.shares([group for group in groups if group[1]]),
    )
    return [use, shares_chart]


def dashboard(days):
    """Every chart of the dashboard over the period `days`, and the searches that found nothing."""
    return {
        "reading": reading_charts(days),
        "helpful": [helpful_chart(days), helpful_by_article_chart(days), reasons_chart(days)],
        "searches": [searches_chart(days)],
        "checkers": checker_charts(days),
        "zero_results": zero_result_rows(days),
    }
