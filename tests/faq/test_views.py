import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from faq.models import Article
from tests.factories import add_legal_reference, add_related, make_article, make_category, make_legal_reference

pytestmark = pytest.mark.django_db


def test_home_lists_categories_with_published_articles_only(client):
    category = make_category(name="Medical insurance")
    make_article(category=category, title="Published one")
    make_article(category=category, title="Draft one", status=Article.Status.DRAFT)
    make_category(name="Empty category")

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Medical insurance" in html
    assert "Published one" in html
    assert "Draft one" not in html
    assert "Empty category" not in html


def test_category_page_lists_its_published_articles(client):
    article = make_article(title="Refunds explained")
    make_article(category=article.category, title="Hidden draft", status=Article.Status.DRAFT)

    response = client.get(article.category.get_absolute_url())

    assert response.status_code == 200
    assert response.context["category"] == article.category
    assert [a.title for a in response.context["category"].published_articles] == ["Refunds explained"]
    assert article.get_absolute_url() in response.content.decode()


def test_article_page_shows_breadcrumb_question_body_legal_basis_and_related(client):
    category = make_category(name="Social security inquiry", slug="social-security-inquiry")
    article = make_article(
        category=category,
        question="Can I pay again?",
        body="First paragraph.\n\n1. **Point heading**\n\n   Point text.",
    )
    reference = make_legal_reference(law_name="Social Insurance Law", article_number="Article 27", text="The text.")
    add_legal_reference(article, reference)
    target = make_article(title="A related answer")
    add_related(article, "A related answer", target=target)

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="h3 mb-3" id="article-question">Can I pay again?</h1>' in html
    assert f'<a href="{category.get_absolute_url()}">Social security inquiry</a>' in html
    assert "<ol>" in html and "<strong>Point heading</strong>" in html
    assert "Social Insurance Law" in html and "Article 27" in html and "The text." in html
    assert f'<a href="{target.get_absolute_url()}">A related answer</a>' in html


def test_related_links_skip_unpublished_and_waiting_titles(client):
    article = make_article()
    draft = make_article(title="Not yet public", status=Article.Status.DRAFT)
    add_related(article, "Not yet public", target=draft)
    add_related(article, "Nobody wrote this yet")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Not yet public" not in html
    assert "Nobody wrote this yet" not in html
    assert draft.get_absolute_url() not in html


def test_article_page_sets_title_and_meta_description(client):
    article = make_article(title="Refund rules", body="You can get the individual part back.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<title>Refund rules · Social Security Help</title>" in html
    assert '<meta name="description" content="You can get the individual part back.">' in html


def test_editor_note_is_shown_when_present(client):
    article = make_article(editor_note="Family use is **national** since 2021.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Editor&#x27;s note" in html or "Editor's note" in html
    assert "<strong>national</strong>" in html


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.ARCHIVED},
        {"expire_at": timezone.now() - timedelta(minutes=1)},
        {"publish_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "in review", "archived", "expired", "not yet due"],
)
def test_article_out_of_readers_sight_is_404(client, fields):
    article = make_article(**fields)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_article_under_wrong_category_is_404(client):
    article = make_article()
    other = make_category()

    url = reverse("faq:article_detail", kwargs={"category_slug": other.slug, "article_slug": article.slug})

    assert client.get(url).status_code == 404


def test_unknown_pages_are_404_in_site_style(client):
    for url in ["/no-such-page/", "/faq/no-such-category/", "/faq/no-such-category/no-such-article/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "See all questions" in response.content.decode()


def test_chinese_slugs_make_working_urls(client):
    category = make_category(name="社保查询", slug="社保查询")
    article = make_article(category=category, title="可以取现吗", slug="可以取现吗", question="医保卡可以取现吗？")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "医保卡可以取现吗？" in response.content.decode()


def test_html_in_article_text_is_shown_as_text(client):
    article = make_article(body="<script>alert(1)</script> [link](javascript:alert(1))")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html


def _article_page_queries(client, article):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(queries)


def test_article_page_queries_do_not_grow_with_related_articles_or_references(client):
    article = make_article()
    add_related(article, "First", target=make_article(title="First"))
    add_legal_reference(article, make_legal_reference())
    few = _article_page_queries(client, article)

    for number in range(10):
        title = f"More {number}"
        add_related(article, title, target=make_article(title=title), order=number + 1)
        add_legal_reference(article, make_legal_reference(law_name=f"Law {number}"), order=number + 1)
    many = _article_page_queries(client, article)

    assert many == few


def test_category_page_queries_do_not_grow_with_articles_or_translations(client):
    category = make_category()
    make_article(category=category)
    with CaptureQueriesContext(connection) as few:
        assert client.get(category.get_absolute_url()).status_code == 200
    for _ in range(5):
        make_article(category=category)
        translation = make_category(language="zh-hans", translation_of=category)
        make_article(category=translation, language="zh-hans")
    with CaptureQueriesContext(connection) as many:
        assert client.get(category.get_absolute_url()).status_code == 200

    assert len(many) == len(few)


def test_home_queries_do_not_grow_with_categories_or_articles(client):
    make_article()
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for _ in range(5):
        category = make_category()
        make_article(category=category)
        make_article(category=category)
    with CaptureQueriesContext(connection) as many:
        client.get("/")

    assert len(many) == len(few)


def test_pages_send_a_strict_content_security_policy(client):
    article = make_article()

    response = client.get(article.get_absolute_url())

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_the_answer_comes_first_in_short_then_the_editors_note_then_the_body(client):
    article = make_article(
        question="Can I pay again?",
        summary="No: one payment per year.",
        editor_note="The **current** rule.",
        body="The old answer.",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    main = html[html.index("<main"):]
    in_order = ("Can I pay again?", "No: one payment per year.", "<strong>current</strong>", "The old answer.")
    positions = [main.index(text) for text in in_order]
    assert positions == sorted(positions)
    assert '<meta name="description" content="No: one payment per year.">' in html
    assert '<meta property="og:description" content="No: one payment per year.">' in html


def test_without_an_in_short_the_page_has_no_empty_box(client):
    html = client.get(make_article(body="Just the answer.").get_absolute_url()).content.decode()

    assert "in-short" not in html
    assert '<meta name="description" content="Just the answer.">' in html


def test_a_long_answer_gets_a_table_of_contents_linking_its_headings_and_sections(client):
    article = make_article(
        body="Intro.\n\n## Paying again\n\nText.\n\n## Refunds\n\nText.\n\n## Paying *again*\n\nText.",
        checkers=["refund"],
    )
    add_legal_reference(article, make_legal_reference())

    html = client.get(article.get_absolute_url()).content.decode()

    contents = html[html.index('<nav class="article-contents"'):]
    contents = contents[: contents.index("</nav>")]
    targets = re.findall(r'href="#([^"]+)"', contents)
    assert targets == ["section-paying-again", "section-refunds", "section-paying-again-2", "legal-basis-heading"]
    for target in targets:
        assert html.count(f'id="{target}"') == 1, target
    # The contents sit between the question and the answer.
    assert html.index("article-question") < html.index("article-contents") < html.index('class="article-body"')


def test_a_short_answer_has_no_table_of_contents(client):
    article = make_article(body="## One\n\nText.\n\n## Two\n\nText.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "article-contents" not in html
    assert '<h2 id="section-one">One</h2>' in html


def test_legal_references_are_grouped_under_the_point_they_support(client):
    article = make_article()
    law = "Fund Regulation"
    add_legal_reference(article, make_legal_reference(law_name=law, article_number="Article 17"), order=0,
                        heading="Paying twice")
    add_legal_reference(article, make_legal_reference(law_name=law, article_number="Article 41"), order=1,
                        heading="Paying twice")
    add_legal_reference(article, make_legal_reference(law_name="Social Insurance Law", article_number="Article 27"),
                        order=2, heading="After retirement")

    html = client.get(article.get_absolute_url()).content.decode()
    start = html.index('id="legal-basis-heading"')
    legal = html[start:html.index("</section>", start)]

    headings = re.findall(r"<h([34])[^>]*>([^<]+)</h\1>", legal)
    assert headings == [
        ("3", "Paying twice"), ("4", "Fund Regulation"), ("3", "After retirement"), ("4", "Social Insurance Law"),
    ]
    assert legal.index("Article 41") < legal.index("After retirement") < legal.index("Article 27")
