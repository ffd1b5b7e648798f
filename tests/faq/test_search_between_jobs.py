"""Readers between jobs find the demo articles on leaving a job, in their own words (DEMO_SYNONYMS)."""

from io import StringIO

import pytest
from django.core.management import call_command

from faq.search import article_search

pytestmark = pytest.mark.django_db

LEAVING = "I am leaving my job: what happens to my medical insurance?"
BENEFIT = "Who can get unemployment benefit, and for how long?"
FLEXIBLE = "Can I pay employee medical insurance myself as a flexible worker?"
LEAVING_ZH = "离职后医保怎么办？"
BENEFIT_ZH = "谁能领失业保险金？能领多久？"
FLEXIBLE_ZH = "灵活就业人员可以自己交职工医保吗？"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize(
    "query, language, title",
    [
        ("辞职", "zh-hans", LEAVING_ZH),
        ("离职", "zh-hans", LEAVING_ZH),
        ("失业", "zh-hans", BENEFIT_ZH),
        ("失业金", "zh-hans", BENEFIT_ZH),
        ("灵活就业", "zh-hans", FLEXIBLE_ZH),
        ("resign", "en", LEAVING),
        ("quit", "en", LEAVING),
        ("laid off", "en", LEAVING),
        ("unemployment", "en", BENEFIT),
    ],
)
def test_between_jobs_words_find_the_articles(demo, query, language, title):
    hits = [hit.article.title for hit in article_search(query=query, language=language).hits]
    assert title in hits[:3], hits
