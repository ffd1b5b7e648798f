"""“Was this article helpful?”: posted from the article page, as a reader's browser would, without JavaScript."""

import pytest
from django.test import Client
from django.urls import reverse

from faq.models import Article, ArticleFeedback
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def vote_url(article):
    return reverse("faq:article_feedback", args=[article.pk])


def test_article_page_has_a_form_that_works_without_javascript_and_no_per_reader_token(client):
    article = make_article()

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert f'action="{vote_url(article)}"' in html
    assert 'name="helpful" value="yes"' in html and 'name="reason" value="outdated"' in html
    # Nothing of one reader's own on the page, so the same page serves every reader from the cache.
    assert 'name="csrfmiddlewaretoken"' not in html
    assert not response.cookies


def test_yes_vote_is_saved_and_the_reader_is_thanked_on_the_article(client):
    article = make_article()

    response = client.post(vote_url(article), {"helpful": "yes"}, follow=True)

    assert response.redirect_chain == [(article.get_absolute_url() + "?feedback=sent#feedback", 302)]
    assert "Thank you. Your answer helps us improve this article." in response.content.decode()
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
