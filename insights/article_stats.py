"""An article's own figures on its change page, as small charts: its views, its votes, and the searches
it was found for, over the last 30 days. Four queries, whatever the data."""

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext as _

from faq import tokenizer
from faq.models import SearchCount, SearchPosting

from . import charts
from .dashboard import _per_day_chart, period
from .models import PageViewCount
from .votes import per_day, period_votes

DAYS = 30
# Who sees them: whoever may read the dashboard.
READER_STATS = "insights.view_pageviewcount"
# The period's most frequent searches that found something, checked against the article's index terms.
SEARCHES_CHECKED = 300


def article_reader_stats(article, days=DAYS):
    days = period(days)
    views = (
        PageViewCount.objects.filter(article=article, day__gte=days[0]).values("day", "language")
        .annotate(total=Sum("views")).order_by()
    )
    views_chart = _per_day_chart(
        "article-views", _("Views per day"), days, views,
        [(code, str(name)) for code, name in settings.LANGUAGES],
        series_of=lambda row: row["language"], value_of=lambda row: row["total"],
    )
    votes = per_day(period_votes(days).filter(article=article), days)
    votes_chart = _per_day_chart(
        "article-votes", _("“Was this helpful?” per day"), days, votes, [("yes", _("Yes")), ("no", _("No"))],
        series_of=lambda row: row["series"], value_of=lambda row: row["value"],
    )
    found = searches_found_for(article, days)
    searches_chart = charts.Chart(
        key="article-searches", title=_("Searches it was found for"), kind="bars",
        headers=[_("Search"), _("Searches")], rows=[list(item) for item in found], shapes=charts.bars(found),
    )
    return [views_chart, votes_chart, searches_chart]


def searches_found_for(article, days, limit=10):
    """[(query, searches)] of the period's searches in the article's language whose every index term
    lists the article: the searches that found it."""
    searches = list(
        SearchCount.objects.filter(day__gte=days[0], language=article.language, result_count__gt=0)
        .values("query").annotate(total=Sum("searches")).order_by("-total", "query")[:SEARCHES_CHECKED]
    )
    terms = {row["query"]: set(tokenizer.index_terms(tokenizer.normalize(row["query"]))) for row in searches}
    wanted = set().union(*terms.values()) if terms else set()
    listed = set(
        SearchPosting.objects.filter(article=article, term__language=article.language, term__term__in=wanted)
        .values_list("term__term", flat=True)
    ) if wanted else set()
    found = [(row["query"], row["total"]) for row in searches if terms[row["query"]] and terms[row["query"]] <= listed]
    return found[:limit]
