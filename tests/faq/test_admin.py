import pytest
from django.urls import reverse

from faq.models import Article, RelatedArticle
from tests.admin_forms import admin_form_data
from tests.factories import (
    add_legal_reference,
    add_related,
    make_article,
    make_category,
    make_legal_reference,
    make_staff,
)

pytestmark = pytest.mark.django_db


def test_changelist_searches_title_question_and_body(admin_client):
    make_article(title="Refund after enrolling twice", question="Can I get money back?", body="Individual part.")
    make_article(title="Card use", question="Can I withdraw cash?", body="No, it is prohibited.")
    url = reverse("admin:faq_article_changelist")

    searches = [("Refund", "Refund after enrolling twice"), ("withdraw", "Card use"), ("prohibited", "Card use")]
    for term, expected in searches:
        response = admin_client.get(url, {"q": term})
        assert response.status_code == 200
        assert [a.title for a in response.context["cl"].result_list] == [expected], term


def test_changelist_filters_by_status_and_category(admin_client):
    category = make_category()
    make_article(category=category, title="Public")
    make_article(category=category, title="Draft", status=Article.Status.DRAFT)
    make_article(title="Elsewhere")
    url = reverse("admin:faq_article_changelist")

    response = admin_client.get(url, {"status__exact": "draft"})
    assert [a.title for a in response.context["cl"].result_list] == ["Draft"]

    response = admin_client.get(url, {"category__id__exact": category.pk})
    assert sorted(a.title for a in response.context["cl"].result_list) == ["Draft", "Public"]


def test_change_form_shows_inlines_help_text_and_view_on_site(admin_client):
    article = make_article()
    add_legal_reference(article, make_legal_reference())
    add_related(article, "Waiting title")

    response = admin_client.get(reverse("admin:faq_article_change", args=[article.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "legal_reference_links-0-legal_reference" in html
    assert "related_links-0-title" in html
    assert "checker_links-TOTAL_FORMS" in html
    assert "An interactive checker offered to readers under the answer" in html
    assert "Archived: withdrawn, kept with its history." in html
    assert article.get_absolute_url() in response.context["original"].get_absolute_url()
    assert "View on site" in html


def _article_form_data(article, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category.pk,
        "status": article.status,
        "version": article.version,
        "question": article.question,
        "body": article.body,
        "editor_note": "",
        "checker_links-TOTAL_FORMS": "0",
        "checker_links-INITIAL_FORMS": "0",
        "review_every_days": "365",
        "language": article.language,
        "legal_reference_links-TOTAL_FORMS": "0",
        "legal_reference_links-INITIAL_FORMS": "0",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_saving_a_related_title_links_it_to_the_article_with_that_title(admin_client):
    article = make_article()
    target = make_article(title="Refund after enrolling twice")
    data = _article_form_data(
        article,
        **{
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-title": "Refund after enrolling twice",
            "related_links-0-order": "0",
        },
    )

    response = admin_client.post(reverse("admin:faq_article_change", args=[article.pk]), data)

    assert response.status_code == 302
    assert RelatedArticle.objects.get(article=article).target == target


def test_creating_an_article_links_the_titles_waiting_for_it(admin_client):
    waiting = add_related(make_article(), "Written at last")
    category = make_category()
    data = {
        "title": "Written at last",
        "slug": "written-at-last",
        "category": category.pk,
        "status": "published",
        "question": "Q?",
        "body": "A.",
        "review_every_days": "365",
        "language": "en",
        "checker_links-TOTAL_FORMS": "0",
        "checker_links-INITIAL_FORMS": "0",
        "legal_reference_links-TOTAL_FORMS": "0",
        "legal_reference_links-INITIAL_FORMS": "0",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
    }

    response = admin_client.post(reverse("admin:faq_article_add"), data)

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.target == Article.objects.get(title="Written at last")


def test_invalid_article_form_shows_errors_and_saves_nothing(admin_client):
    article = make_article(title="Original title")
    data = _article_form_data(article, title="", question="")

    response = admin_client.post(reverse("admin:faq_article_change", args=[article.pk]), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"title", "question"}
    article.refresh_from_db()
    assert article.title == "Original title"


def test_waiting_titles_list_shows_only_unlinked_titles(admin_client):
    article = make_article()
    add_related(article, "Still missing")
    add_related(article, "Exists", target=make_article(title="Exists"))

    response = admin_client.get(reverse("admin:faq_waitingrelatedtitle_changelist"))

    assert response.status_code == 200
    assert [link.title for link in response.context["cl"].result_list] == ["Still missing"]


def test_legal_reference_autocomplete_finds_by_article_number(admin_client):
    make_legal_reference(law_name="Social Insurance Law", article_number="Article 27", text="Retirement.")
    make_legal_reference(law_name="Social Insurance Law", article_number="Article 30", text="Exclusions.")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "27", "app_label": "faq", "model_name": "articlelegalreference", "field_name": "legal_reference"},
    )

    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Social Insurance Law, Article 27"]


def test_an_editor_writes_the_in_short_and_the_legal_basis_headings_in_admin(admin_client):
    article = make_article()
    reference = make_legal_reference()
    data = _article_form_data(
        article,
        summary="No: once a year.",
        **{
            "legal_reference_links-TOTAL_FORMS": "1",
            "legal_reference_links-0-order": "0",
            "legal_reference_links-0-heading": "After retirement",
            "legal_reference_links-0-legal_reference": str(reference.pk),
        },
    )

    response = admin_client.post(reverse("admin:faq_article_change", args=[article.pk]), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary == "No: once a year."
    assert list(article.legal_reference_links.values_list("heading", flat=True)) == ["After retirement"]
    form = admin_client.get(reverse("admin:faq_article_change", args=[article.pk])).content.decode()
    # "In short" comes right under the question, before the body.
    assert form.index('name="question"') < form.index('name="summary"') < form.index('name="body"')


def test_a_category_is_linked_to_its_translation_in_admin(admin_client):
    english = make_category(name="Social security inquiry", slug="social-security-inquiry")
    chinese = make_category(name="社保查询", slug="社保查询")
    url = reverse("admin:faq_category_change", args=[chinese.pk])
    data = {"name": chinese.name, "slug": chinese.slug, "description": "", "order": "0"}

    refused = admin_client.post(url, {**data, "language": "en", "translation_of": str(english.pk)})
    saved = admin_client.post(url, {**data, "language": "zh-hans", "translation_of": str(english.pk)})

    assert refused.status_code == 200
    assert "A translation must be in another language." in refused.content.decode()
    assert saved.status_code == 302
    chinese.refresh_from_db()
    assert (chinese.language, chinese.translation_of) == ("zh-hans", english)


def test_a_publishers_save_stores_pasted_line_breaks_as_newlines(client):
    client.force_login(make_staff("Publisher"))
    article = make_article(body="Old answer.")
    url = reverse("admin:faq_article_change", args=[article.pk])
    # A line break pasted from a word processor, and a browser's CRLF between paragraphs.
    data = admin_form_data(client, url, body="First line\x0bsecond line.\r\n\r\nNext paragraph.")

    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.body == "First line\nsecond line.\n\nNext paragraph."
