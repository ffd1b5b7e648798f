"""Editors keep synonym groups in admin, and add them straight from the searches that found nothing."""

import pytest
from django.urls import reverse

from faq.models import SynonymGroup
from faq.search import article_search
from faq.services import search_counts, search_log_record
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:faq_synonymgroup_add")


@pytest.fixture
def editor(client):
    client.force_login(make_staff("Editor"))
    return client


def test_an_editor_adds_a_group_and_search_uses_it_at_once(editor):
    make_article(title="取现的规定", language="zh-hans")

    response = editor.post(ADD_URL, {"language": "zh-hans", "terms": "取现，提现、 套现 ,"})

    assert response.status_code == 302
    assert SynonymGroup.objects.get().terms == "取现, 提现, 套现"
    assert [hit.article.title for hit in article_search(query="提现", language="zh-hans").hits] == ["取现的规定"]


@pytest.mark.parametrize("terms", ["退费", "退费, 退费", "  ,  "])
def test_a_group_needs_two_different_terms(editor, terms):
    response = editor.post(ADD_URL, {"language": "zh-hans", "terms": terms})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "terms": ["Give at least two different terms, separated by commas."]
    }
    assert not SynonymGroup.objects.exists()


def test_the_zero_result_report_offers_to_add_the_query_as_a_synonym(editor):
    search_log_record(query="提现", result_count=0, language="zh-hans")
    search_counts.flush()

    response = editor.get(reverse("admin:faq_zeroresultsearch_changelist"))

    link = f'{ADD_URL}?language=zh-hans&amp;terms=%E6%8F%90%E7%8E%B0%2C+'
    assert f'<a href="{link}">Add as a synonym</a>' in response.content.decode()
    form = editor.get(f"{ADD_URL}?language=zh-hans&terms=%E6%8F%90%E7%8E%B0%2C+").context["adminform"].form
    assert (form["language"].value(), form["terms"].value()) == ("zh-hans", "提现, ")


def test_staff_without_the_permission_get_no_link(client):
    viewer = make_staff("Editor")
    viewer.groups.clear()
    viewer.is_superuser = False
    viewer.save()
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_zeroresultsearch"))
    client.force_login(viewer)
    search_log_record(query="提现", result_count=0, language="zh-hans")
    search_counts.flush()

    html = client.get(reverse("admin:faq_zeroresultsearch_changelist")).content.decode()

    assert "提现" in html
    assert "Add as a synonym" not in html
