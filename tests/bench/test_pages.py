from io import StringIO
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from django.core.management import call_command

from bench.pages import SEARCH_WORDS, _found_together, demo_pages, pay_again_queries, search_paths
from faq import tokenizer
from faq.models import Article
from faq.search import article_search
from policy.checkers import get_checker
from policy.services import checker_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def test_every_pay_again_query_of_its_own_is_a_new_answer(demo):
    queries = pay_again_queries(300)
    checker = get_checker("pay-again")

    answers = set()
    for query in queries:
        form, decision = checker_run(checker=checker, data=dict(parse_qsl(query)))
        assert decision is not None, (query, form.errors)
        answers.add(tuple(sorted(form.query().items())))
    assert len(answers) == len(queries)


def test_every_search_of_its_own_finds_an_article_in_its_language(demo):
    paths = search_paths(120)

    assert len(set(paths)) == len(paths) == 120
    for path in paths[::3]:
        address = urlsplit(path)
        language = "zh-hans" if address.path.startswith("/zh-hans/") else "en"
        results = article_search(query=parse_qs(address.query)["q"][0], language=language)
        assert results.total > 0, path
    assert {urlsplit(path).path for path in paths} == {"/search/", "/zh-hans/search/"}


@pytest.mark.parametrize("language", SEARCH_WORDS)
def test_every_search_word_is_in_a_demo_article(demo, language):
    texts = [
        set(tokenizer.index_terms(f"{article.title}\n{article.question}\n{article.editor_note}\n{article.body}"))
        for article in Article.objects.published().filter(language=language)
    ]

    missing = [word for word in SEARCH_WORDS[language] if not any(set(tokenizer.index_terms(word)) <= text
                                                                 for text in texts)]
    assert missing == []
    assert next(_found_together(language, SEARCH_WORDS[language]), None) is not None


def test_every_benched_page_and_its_first_own_address_answer(demo, client):
    for page in demo_pages():
        addresses = [page.path, *(page.own_addresses(1) if page.own_addresses else [])]
        for address in addresses:
            assert client.get(address).status_code == 200, address
