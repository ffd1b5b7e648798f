"""“Was this article helpful?”: posted from the article page, as a reader's browser would, without JavaScript."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from faq.feedback import vote_from_key, vote_key
from faq.models import Article, ArticleFeedback
from tests.factories import add_related, make_article

pytestmark = pytest.mark.django_db


def vote_url(article):
    return reverse("faq:article_feedback", args=[article.pk])


def test_article_page_has_a_form_that_works_without_javascript_and_no_per_reader_token(client):
    article = make_article()

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert f'action="{vote_url(article)}"' in html
    assert 'name="helpful" value="yes"' in html and 'name="helpful" value="no"' in html
    # The reason is asked after a "No", not before.
    assert 'name="reason"' not in html
    # Nothing of one reader's own on the page, so the same page serves every reader from the cache.
    assert 'name="csrfmiddlewaretoken"' not in html
    assert not response.cookies


def test_yes_vote_is_saved_and_the_reader_is_thanked_on_the_article(client):
    article = make_article()

    response = client.post(vote_url(article), {"helpful": "yes"}, follow=True)

    assert response.redirect_chain == [(article.get_absolute_url() + "?feedback=sent#feedback", 302)]
    html = response.content.decode()
    assert "Thank you. Your answer helps us improve this article." in html
    # Answered: the form has gone.
    assert f'action="{vote_url(article)}"' not in html
    assert list(ArticleFeedback.objects.values_list("helpful", flat=True)) == [True]


def test_no_vote_keeps_the_reason_and_comment(client):
    article = make_article()

    client.post(vote_url(article), {"helpful": "no", "reason": "outdated", "comment": "The 2025 rule is missing."})

    feedback = ArticleFeedback.objects.get()
    assert (feedback.helpful, feedback.reason, feedback.comment) == (False, "outdated", "The 2025 rule is missing.")


def test_one_vote_per_reader_per_article(client):
    article = make_article()
    client.post(vote_url(article), {"helpful": "yes"})

    response = client.post(vote_url(article), {"helpful": "no"}, follow=True)

    assert "You have already told us about this article." in response.content.decode()
    assert ArticleFeedback.objects.count() == 1
    # Another reader (another browser) still votes.
    Client().post(vote_url(article), {"helpful": "no"})
    assert ArticleFeedback.objects.count() == 2


def test_too_long_comment_is_shown_as_an_error_and_nothing_is_saved(client):
    article = make_article()

    response = client.post(vote_url(article), {"helpful": "no", "comment": "x" * 301})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value has at most 300 characters (it has 301)." in html
    assert "x" * 301 in html
    assert not ArticleFeedback.objects.exists()


def test_missing_answer_is_an_error(client):
    response = client.post(vote_url(make_article()), {})

    assert response.status_code == 400
    assert not ArticleFeedback.objects.exists()


def test_votes_are_limited_per_client_with_a_clear_page(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "feedback": (3, 600)}
    articles = [make_article() for _ in range(4)]
    for article in articles[:3]:
        assert Client().post(vote_url(article), {"helpful": "yes"}).status_code == 302

    response = Client().post(vote_url(articles[3]), {"helpful": "yes"})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    assert "Too many answers from your connection" in response.content.decode()
    assert ArticleFeedback.objects.count() == 3


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"HTTP_ORIGIN": "https://evil.example"}, id="another site's Origin"),
        pytest.param({"HTTP_ORIGIN": "null"}, id="an opaque Origin"),
        pytest.param({"HTTP_REFERER": "https://evil.example/page"}, id="another site's Referer, no Origin"),
        pytest.param({"HTTP_ORIGIN": "http://testserver.evil.example"}, id="a look-alike host"),
    ],
)
def test_a_vote_posted_from_another_site_is_refused(headers):
    article = make_article()

    response = Client(enforce_csrf_checks=True).post(vote_url(article), {"helpful": "yes"}, **headers)

    assert response.status_code == 403
    assert "Your answer was not accepted" in response.content.decode()
    assert not ArticleFeedback.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"HTTP_ORIGIN": "http://testserver"}, id="this site's Origin"),
        pytest.param({"HTTP_REFERER": "http://testserver/faq/x/y/"}, id="this site's Referer"),
        pytest.param({}, id="neither: a script, held back by the rate limit"),
    ],
)
def test_a_vote_from_this_site_needs_no_token(headers):
    article = make_article()

    response = Client(enforce_csrf_checks=True).post(vote_url(article), {"helpful": "yes"}, **headers)

    assert response.status_code == 302
    assert ArticleFeedback.objects.count() == 1



@pytest.mark.parametrize("fields", [{"status": Article.Status.DRAFT}, {"expire_at": "2000-01-01T00:00:00Z"}])
def test_no_votes_on_articles_readers_cannot_see(client, fields):
    response = client.post(vote_url(make_article(**fields)), {"helpful": "yes"})

    assert response.status_code == 404


def test_only_post(client):
    assert client.get(vote_url(make_article())).status_code == 405


def reason_url(article):
    return reverse("faq:article_feedback_reason", args=[article.pk])


@pytest.fixture
def article_with_ways_on():
    article = make_article(checkers=["refund"])
    add_related(article, "Refunds explained", target=make_article(title="Refunds explained"))
    return article


@pytest.mark.parametrize("cookies", [True, False], ids=["with cookies", "cookies refused"])
def test_no_vote_replaces_the_form_with_the_reason_question_related_articles_checker_and_help(
    client, article_with_ways_on, cookies
):
    article = article_with_ways_on

    response = client.post(vote_url(article), {"helpful": "no"})
    if not cookies:
        client.cookies.clear()
    page = client.get(response["Location"])

    address = urlsplit(response["Location"])
    query = parse_qs(address.query)
    assert (address.path, address.fragment, query["feedback"]) == (article.get_absolute_url(), "feedback", ["sent"])
    assert vote_from_key(query["vote"][0], article=article) == ArticleFeedback.objects.get()
    html = page.content.decode()
    assert f'action="{vote_url(article)}"' not in html
    assert f'action="{reason_url(article)}"' in html and 'name="reason" value="outdated"' in html
    feedback = html.split('id="feedback"')[1]
    assert "Refunds explained" in feedback
    assert reverse("policy:checker_start", args=["refund"]) in feedback
    assert "Still need help?" in feedback and "12393" in feedback
    # One help block on the page: inside the answer to the "No".
    assert html.count('id="still-need-help-heading"') == 1
    assert "Thank you. Your answer helps us improve this article." in html


def test_the_reason_is_kept_with_the_no_vote_once(client):
    article = make_article()
    location = client.post(vote_url(article), {"helpful": "no"})["Location"]
    key = ArticleFeedback.objects.get().pk
    vote = vote_key(ArticleFeedback.objects.get())

    answer = {"vote": vote, "reason": "outdated", "comment": "2025 is missing."}
    response = client.post(reason_url(article), answer, follow=True)
    again = client.post(reason_url(article), {"vote": vote, "reason": "wrong"}, follow=True)

    assert "?feedback=sent" in location
    assert response.redirect_chain == [(article.get_absolute_url() + "?feedback=sent#feedback", 302)]
    assert "Thank you for telling us what was wrong." in response.content.decode()
    assert 'name="reason"' not in response.content.decode()
    assert "You have already told us what was wrong." in again.content.decode()
    feedback = ArticleFeedback.objects.get(pk=key)
    assert (feedback.helpful, feedback.reason, feedback.comment) == (False, "outdated", "2025 is missing.")


def test_a_page_opened_with_an_answered_vote_does_not_ask_again(client):
    article = make_article()
    location = client.post(vote_url(article), {"helpful": "no", "reason": "unclear"})["Location"]

    html = client.get(location).content.decode()

    assert 'name="reason"' not in html
    assert "Still need help?" in html.split('id="feedback"')[1]


@pytest.mark.parametrize(
    "vote",
    [
        pytest.param(lambda article, other: "forged", id="a forged key"),
        pytest.param(lambda article, other: vote_key(other), id="another article's vote"),
    ],
)
def test_a_reason_without_a_valid_vote_changes_nothing(client, vote):
    article, elsewhere = make_article(), make_article()
    Client().post(vote_url(elsewhere), {"helpful": "no"})
    other = ArticleFeedback.objects.get()

    response = client.post(reason_url(article), {"vote": vote(article, other), "reason": "wrong"}, follow=True)

    assert response.status_code == 200
    assert "could not be added to your vote" in response.content.decode()
    assert ArticleFeedback.objects.get().reason == ""


def test_a_reason_needs_a_choice_or_a_comment_and_a_long_comment_is_refused(client):
    article = make_article()
    client.post(vote_url(article), {"helpful": "no"})
    vote = vote_key(ArticleFeedback.objects.get())

    empty = client.post(reason_url(article), {"vote": vote})
    long = client.post(reason_url(article), {"vote": vote, "comment": "y" * 301})

    assert empty.status_code == long.status_code == 400
    assert "Choose what was wrong, or write it in the box." in empty.content.decode()
    assert "y" * 301 in long.content.decode()
    assert ArticleFeedback.objects.get().comment == ""


def test_a_reason_posted_from_another_site_is_refused(client):
    article = make_article()
    client.post(vote_url(article), {"helpful": "no"})
    vote = vote_key(ArticleFeedback.objects.get())

    response = client.post(reason_url(article), {"vote": vote, "reason": "wrong"}, HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 403
    assert ArticleFeedback.objects.get().reason == ""
