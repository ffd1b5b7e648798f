import re
from html import unescape
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from faq.models import Article
from policy.checkers import get_checker
from policy.wording import OUTCOME_TITLES
from tests.factories import add_legal_reference, make_article, make_legal_reference

from .cases import OUTCOME_CASES
from .factories import make_regional_period

pytestmark = pytest.mark.django_db

REFUND_ELIGIBLE = "year=2026&other_scheme=employee&other_start=2025-12-31"


def answer(client, checker, query):
    return client.get(f"/checkers/{checker}/answer/?{query}")


def text(response):
    return unescape(response.content.decode())


def change_links(response):
    pattern = r'<a href="([^"]+)">Change<span class="visually-hidden"> ([^<]+)</span>'
    return {label.strip(): href for href, label in re.findall(pattern, text(response))}


def test_checker_list_links_every_checker(client):
    response = client.get("/checkers/")
    assert response.status_code == 200
    for slug in ("pay-again", "refund", "card-use", "retirement"):
        assert f'href="/checkers/{slug}/"' in response.content.decode()


@pytest.mark.parametrize("slug", ["pay-again", "refund", "card-use", "retirement"])
def test_start_page_leads_to_the_questions(client, slug):
    response = client.get(f"/checkers/{slug}/")
    assert response.status_code == 200
    assert f'href="/checkers/{slug}/questions/"' in response.content.decode()


@pytest.mark.parametrize("path", ["/checkers/nope/", "/checkers/nope/questions/", "/checkers/nope/answer/?year=2026"])
def test_unknown_checker_is_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("checker, query, outcome", OUTCOME_CASES)
def test_every_outcome_through_the_pages(client, checker, query, outcome):
    response = answer(client, checker, query)
    assert response.status_code == 200
    assert f'data-outcome="{outcome}"' in response.content.decode()
    assert str(OUTCOME_TITLES[get_checker(checker).outcomes(outcome)]) in text(response)


def test_outcome_page_explains_the_answer(client):
    response = answer(client, "refund", REFUND_ELIGIBLE)
    page = text(response)
    assert "Yes: you can end your resident enrolment for 2026 and get your own contribution back" in page
    assert "before the first day of cover of your resident insurance (Jan. 1, 2026)" in page
    assert "at least 3 months without benefits" in page
    assert "国办发〔2024〕38号" in page
    assert 'href="https://www.gov.cn/zhengce/content/202408/content_6965741.htm"' in page
    assert "Check with your local medical insurance office" in page
    assert "Ask the medical insurance office where you paid" in page


def test_outcome_page_links_published_articles_for_the_checker_only(client):
    linked = make_article(title="Refunds explained", checkers=["refund"])
    make_article(title="Draft on refunds", checkers=["refund"], status=Article.Status.DRAFT)
    make_article(title="Paying again", checkers=["pay-again"])
    page = text(answer(client, "refund", REFUND_ELIGIBLE))
    assert f'<a href="{linked.get_absolute_url()}">Refunds explained</a>' in page
    assert "Draft on refunds" not in page and "Paying again" not in page


def test_outcome_page_offers_each_article_once_in_the_readers_language(client):
    original = make_article(title="Refunds explained", checkers=["refund"])
    chinese = make_article(title="退费说明", language="zh-hans", translation_of=original, checkers=["refund"])
    untranslated = make_article(title="Refunds in detail", checkers=["refund"])

    english = text(answer(client, "refund", REFUND_ELIGIBLE))
    assert f'<a href="{original.get_absolute_url()}">Refunds explained</a>' in english
    assert "退费说明" not in english

    page = text(client.get(f"/zh-hans/checkers/refund/answer/?{REFUND_ELIGIBLE}"))
    assert "Refunds explained" not in page
    ours, theirs = page.index(chinese.get_absolute_url()), page.index(untranslated.get_absolute_url())
    assert ours < theirs
    # An article only in English is still offered, marked as English for readers and screen readers.
    assert (
        f'<a href="{untranslated.get_absolute_url()}" lang="en" hreflang="en">Refunds in detail</a> '
        '<span class="small text-body-secondary">(英语)</span>'
    ) in page


def test_change_link_goes_back_to_that_question_keeping_every_other_answer(client):
    response = answer(client, "pay-again", "year=2026&paid=yes&other_scheme=employee&other_start=2025-12-31")
    links = change_links(response)
    assert set(links) == {"coverage year", "already paid", "other enrolment", "other enrolment started", "region"}
    url = urlsplit(links["other enrolment started"])
    assert url.path == "/checkers/pay-again/questions/" and url.fragment == "id_other_start_0"
    assert parse_qs(url.query) == {
        "year": ["2026"], "paid": ["yes"], "other_scheme": ["employee"], "other_start": ["2025-12-31"],
    }

    questions = text(client.get(f"{url.path}?{url.query}"))
    assert 'name="year" value="2026"' in questions
    assert 'name="other_start_day" value="31"' in questions and 'name="other_start_year" value="2025"' in questions
    assert re.search(r'name="paid" value="yes"[^>]*checked', questions)

    changed = answer(client, "pay-again", url.query.replace("other_start=2025-12-31", "other_start=2026-02-01"))
    assert 'data-outcome="refund_not_eligible"' in changed.content.decode()


def test_start_again_offers_empty_questions(client):
    page = text(answer(client, "refund", REFUND_ELIGIBLE))
    assert '<a class="btn btn-outline-secondary" href="/checkers/refund/questions/">Start again</a>' in page


def test_invalid_answers_show_the_questions_again_with_a_summary_and_the_input_kept(client):
    response = answer(client, "refund", "year=abc&other_scheme=employee")
    page = text(response)
    assert response.status_code == 200
    assert "Please check your answers" in page
    assert '<a class="alert-link" href="#id_year">Enter the coverage year as a number, for example 2027.</a>' in page
    assert '<a class="alert-link" href="#id_other_start_0">Enter the date your other enrolment started.</a>' in page
    assert 'id="id_year_error"' in page and 'id="id_other_start_error"' in page
    assert 'name="year" value="abc"' in page
    assert re.search(r'value="employee"[^>]*checked', page)
    assert "<title>Error:" in page


def test_a_year_without_rules_is_a_field_error_on_year(client):
    page = text(answer(client, "refund", "year=2099&other_scheme=none"))
    assert "We have no checked rules for coverage year 2099 yet." in page
    assert 'href="#id_year"' in page


def test_regional_periods_change_the_answer(client):
    make_regional_period(region_code="999001", region_name="Testshire", collection_end_month=11, collection_end_day=30)
    query = "year=2026&paid=no&other_scheme=none&last_year_covered=yes&as_of=2025-12-01"
    assert 'data-outcome="can_pay"' in answer(client, "pay-again", query).content.decode()
    regional = text(answer(client, "pay-again", query + "&region=999001"))
    assert 'data-outcome="can_pay_with_waiting_period"' in regional
    assert "In Testshire, payment for coverage year 2026 is open from Sept. 1, 2025 to Nov. 30, 2025" in regional
    assert "Testshire payment notice" in regional


def test_pages_work_under_the_chinese_prefix(client):
    response = client.get("/zh-hans/checkers/refund/answer/?" + REFUND_ELIGIBLE)
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()
    assert 'href="/zh-hans/checkers/refund/questions/"' in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/checkers/", "/checkers/refund/questions/", f"/checkers/refund/answer/?{REFUND_ELIGIBLE}",
        "/checkers/card-use/questions/",
        "/checkers/retirement/answer/?category=male_60&birth_month=1970-01&years_paid=1",
    ],
)
def test_pages_keep_to_the_content_security_policy(client, path):
    page = client.get(path).content.decode()
    # Scripts only as files of our own, each an empty element: no inline code, styles or handlers.
    scripts = re.findall(r"<script\b[^>]*>[^<]*</script>", page)
    assert page.count("<script") == len(scripts)
    assert all(re.fullmatch(r'<script src="/static/js/[\w.-]+\.js" defer></script>', script) for script in scripts)
    assert " style=" not in page and "onclick" not in page
    assert 'href="/static/css/checkers.css"' in page


def test_article_with_a_checker_offers_check_your_case(client):
    article = make_article(checkers=["refund"])
    page = text(client.get(article.get_absolute_url()))
    assert "Check your case" in page
    assert '<a class="btn btn-primary" href="/checkers/refund/">Can I get my contribution refunded?</a>' in page


@pytest.mark.parametrize(
    "title, checker",
    [
        ("Can I pay the medical insurance again?", "pay-again"),
        ("Can I get a refund if I am enrolled in medical insurance twice?", "refund"),
    ],
)
def test_demo_articles_lead_to_their_checker_and_back(client, title, checker):
    call_command("load_demo", stdout=StringIO())
    article = Article.objects.get(title=title)
    assert f'<a class="btn btn-primary" href="/checkers/{checker}/">' in text(client.get(article.get_absolute_url()))
    outcome_page = text(answer(client, checker, "year=2026&paid=yes&other_scheme=none"))
    assert f'<a href="{article.get_absolute_url()}">{title}</a>' in outcome_page


def test_article_without_a_checker_has_no_box(client):
    article = make_article()
    assert "Check your case" not in text(client.get(article.get_absolute_url()))


def test_check_your_case_queries_do_not_grow_with_the_checkers_or_the_laws_they_apply(client):
    plain = make_article()
    with_checker = make_article(checkers=["pay-again"])
    with_three = make_article(checkers=["pay-again", "card-use", "retirement"])
    for article in (plain, with_checker, with_three):
        add_legal_reference(article, make_legal_reference())
    add_legal_reference(with_three, make_legal_reference(checker="retirement"), order=1)
    client.get(make_article().get_absolute_url())  # the shared records every page reads, kept from now on
    counts = []
    for article in (plain, with_checker, with_three):
        with CaptureQueriesContext(connection) as queries:
            client.get(article.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]


def test_an_article_offers_its_checkers_in_order(client):
    article = make_article(checkers=["retirement", "card-use"])
    page = text(client.get(article.get_absolute_url()))
    retirement = '<a class="btn btn-primary" href="/checkers/retirement/">Must I keep paying after I retire?</a>'
    card_use = '<a class="btn btn-primary" href="/checkers/card-use/">What can my medical insurance card pay for?</a>'
    assert page.index(retirement) < page.index(card_use)


def test_a_law_article_with_a_checker_links_it_from_every_article_citing_it(client):
    article_27 = make_legal_reference(article_number="Article 27", checker="retirement")
    citing = [make_article(), make_article()]
    for article in citing:
        add_legal_reference(article, article_27)
    link = '<a href="/checkers/retirement/">Check your case: Must I keep paying after I retire?</a>'
    for article in citing:
        assert link in text(client.get(article.get_absolute_url()))


def test_the_seed_links_every_checker_it_needs_and_its_legal_basis_links_retirement(client):
    call_command("load_demo", stdout=StringIO())
    seed = Article.objects.get(title="Can I pay the medical insurance again?")
    page = text(client.get(seed.get_absolute_url()))
    for slug in ("pay-again", "card-use", "retirement"):
        assert f'<a class="btn btn-primary" href="/checkers/{slug}/">' in page
    legal_basis = page[page.index('id="legal-basis-heading"'):]
    assert '<a href="/checkers/retirement/">Check your case: Must I keep paying after I retire?</a>' in legal_basis
    assert "the checkers under it answer from your own" in page


@pytest.mark.parametrize(
    "checker, query, titles",
    [
        ("card-use", "scheme=employee&use=cash", [
            "Can I pay the medical insurance again?", "Can my family use my medical insurance personal account?",
            "What happens if I cash out my medical insurance card?",
        ]),
        ("retirement", "category=male_60&birth_month=1970-01&years_paid=30", [
            "Can I pay employee medical insurance myself as a flexible worker?",
            "Can I pay the medical insurance again?", "Do I have to keep paying medical insurance after I retire?",
        ]),
        ("between-jobs", "last_day=2026-11-20&why=resigned&as_of=2026-12-07", [
            "Can I pay employee medical insurance myself as a flexible worker?",
            "I am leaving my job: what happens to my medical insurance?",
            "Who can get unemployment benefit, and for how long?",
        ]),
    ],
)
def test_new_checker_outcomes_read_more_in_the_demo_articles(client, checker, query, titles):
    call_command("load_demo", stdout=StringIO())
    response = answer(client, checker, query)
    assert [article.title for article in response.context["articles"] if article.language == "en"] == titles


RETIREMENT_SHORT = "category=male_60&birth_month=1970-01&years_paid=30&years_local=8&region=350200"


def test_retirement_outcome_shows_the_month_the_age_and_the_local_office_hint(client):
    page = text(answer(client, "retirement", RETIREMENT_SHORT))
    assert "Your statutory retirement: May 2031, at 61 years and 4 months." in page
    assert "you are 2 years short of what Xiamen 厦门 requires" in page
    assert "moves 16 months later" in page
    assert "Check with your local medical insurance office" in page
    assert "Xiamen: years of employee medical insurance required at retirement (weak source)" in page
    assert "Article 27" in page


def test_retirement_change_links_keep_the_other_answers(client):
    links = change_links(answer(client, "retirement", RETIREMENT_SHORT))
    assert set(links) == {"old retirement age", "birth month", "years paid", "years paid in the region", "region"}
    url = urlsplit(links["years paid in the region"])
    assert url.path == "/checkers/retirement/questions/" and url.fragment == "id_years_local"
    questions = text(client.get(f"{url.path}?{url.query}"))
    assert 'name="birth_month_month" value="1"' in questions and 'name="birth_month_year" value="1970"' in questions
    assert 'name="years_local" value="8"' in questions
    assert re.search(r'value="350200"[^>]*selected', questions)


def test_retirement_missing_local_years_is_asked_on_that_question(client):
    page = text(answer(client, "retirement", RETIREMENT_SHORT.replace("&years_local=8", "&asked=years_local")))
    assert "Please check your answers" in page
    assert '<a class="alert-link" href="#id_years_local">Xiamen 厦门 also asks for at least 10 years' in page


def test_card_use_invalid_answers_keep_the_input(client):
    asked = "asked=cause&asked=third_party_paid&asked=designated"
    page = text(answer(client, "card-use", f"scheme=employee&use=treatment&cause=third_party&{asked}"))
    message = "Say whether the person responsible has paid."
    assert f'<a class="alert-link" href="#id_third_party_paid_0">{message}</a>' in page
    assert re.search(r'value="third_party"[^>]*checked', page)
    assert "<title>Error:" in page


def test_card_use_outcome_names_the_penalties_and_their_sources(client):
    page = text(answer(client, "card-use", "scheme=employee&use=cash"))
    assert "suspended for 3 to 12 months" in page and "2 to 5 times the amount" in page
    assert "Regulation on the Supervision and Administration of the Use of Medical Security Funds" in page
    assert "Check with your local medical insurance office" not in page


def test_card_use_change_link_returns_to_the_follow_up(client):
    links = change_links(answer(client, "card-use", "scheme=employee&use=relative&relation=sibling&as_of=2024-01-01"))
    assert set(links) == {"your medical insurance", "card used for", "relative", "answer as of"}
    assert urlsplit(links["relative"]).fragment == "id_relation_0"


def head_tag(page, pattern):
    """The content/href of the one head tag matching `pattern` (a regex with one group)."""
    found = re.findall(pattern, page)
    assert len(found) == 1, (pattern, found)
    return found[0]


@pytest.mark.parametrize(
    "prefix, title, summary",
    [
        ("", "Refund possible – Can I get my contribution refunded?", "Yes: you can end your resident enrolment"),
        ("/zh-hans", "可以退费 – 我缴的医保费可以退吗？", "可以：您可以"),
    ],
)
def test_answer_page_is_its_url_states_the_answer_and_is_not_indexed(client, prefix, title, summary):
    # The reader's own order and an empty answer: the address shared is the canonical one.
    response = client.get(f"{prefix}/checkers/refund/answer/?other_start=2025-12-31&region=&other_scheme=employee"
                          "&year=2026")
    page = text(response)
    address = f"http://testserver{prefix}/checkers/refund/answer/?{REFUND_ELIGIBLE}"
    assert head_tag(page, r'<link rel="canonical" href="([^"]+)">') == address
    assert head_tag(page, r'<meta property="og:url" content="([^"]+)">') == address
    assert head_tag(page, r'<meta property="og:title" content="([^"]+)">') == title
    assert head_tag(page, r'<meta property="og:description" content="([^"]+)">').startswith(summary)
    assert head_tag(page, r'<meta name="robots" content="([^"]+)">') == "noindex, follow"
    # The address shared is on the page too, for readers without the script and on paper, with the day the
    # answer was worked out for, so whoever opens it later sees this answer.
    shared = f"{address}&as_of={response.context['decision'].as_of.isoformat()}"
    assert f'<p class="share-address"><a href="{shared}">{shared}</a></p>' in page


def test_an_answer_page_with_mistakes_is_not_indexed_but_the_questions_are(client):
    assert '<meta name="robots" content="noindex' in text(answer(client, "refund", "year=abc"))
    assert '<meta name="robots"' not in text(client.get("/checkers/refund/questions/"))


@pytest.mark.parametrize(
    "checker, query, linked",
    [
        pytest.param("refund", "year=2026&other_scheme=employee&other_start=2025-12-31", True, id="refund new job"),
        pytest.param("pay-again", "year=2026&paid=yes&other_scheme=flexible&other_start=2026-01-01", True,
                     id="pay-again flexible worker"),
        pytest.param("refund", "year=2026&other_scheme=resident_elsewhere&other_start=2026-01-01", False,
                     id="refund other area"),
        pytest.param("pay-again", "year=2026&paid=yes&other_scheme=none", False, id="pay-again no other enrolment"),
    ],
)
def test_answers_with_a_job_change_lead_to_the_between_jobs_checker(client, checker, query, linked):
    page = client.get(f"/checkers/{checker}/answer/?{query}").content.decode()
    assert ('href="/checkers/between-jobs/"' in page) is linked
    body = client.get(f"/api/v1/checkers/{checker}/?{query}").json()
    assert body.get("related_checker") == ("/api/v1/checkers/between-jobs/" if linked else None)
