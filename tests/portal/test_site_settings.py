"""“Still need help?”: the hotline, the local office and the app under every answer, in the reader's
language, as editors set them in admin (site settings)."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import SiteSettings
from portal.selectors import site_settings_get
from tests.admin_forms import admin_form_data
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

RETIREMENT = "/checkers/retirement/answer/?category=male_60&birth_month=1970-01&years_paid=15"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def help_block(html):
    return html.split('id="still-need-help"')[1].split("</aside>")[0]


def test_every_article_shows_the_hotline_the_office_and_the_app_in_its_language(client):
    english = make_article()
    chinese = make_article(language="zh-hans", translation_of=english)

    block = help_block(client.get(english.get_absolute_url()).content.decode())
    zh_block = help_block(client.get(chinese.get_absolute_url()).content.decode())

    assert 'href="tel:12393"' in block and "Still need help?" in block
    assert "National Medical Insurance Service Platform" in block
    assert 'href="https://www.nhsa.gov.cn/"' in block and "Find your local office" in block
    assert "国家医保服务平台" in zh_block and "国家医保服务平台" not in block
    assert "全国医疗保障服务热线" in zh_block and 'href="tel:12393"' in zh_block


@pytest.mark.parametrize(
    "query, office",
    [
        pytest.param("&region=310000", "https://ybj.sh.gov.cn/", id="a region whose row names its office"),
        pytest.param("&region=440000", "https://www.nhsa.gov.cn/", id="a region whose rows name none"),
        pytest.param("", "https://www.nhsa.gov.cn/", id="no region"),
    ],
)
def test_every_checker_answer_shows_the_help_with_the_regions_own_office_where_known(client, query, office):
    response = client.get(RETIREMENT + query + ("&years_local=10" if "440000" in query else ""))

    block = help_block(response.content.decode())
    assert 'href="tel:12393"' in block
    assert f'href="{office}"' in block


def test_the_office_link_names_the_region_in_the_readers_language(client):
    html = client.get("/zh-hans" + RETIREMENT + "&region=310000").content.decode()

    assert "上海医保官方服务页面" in help_block(html)


def test_a_settings_change_shows_on_the_next_request_of_a_kept_page(client):
    article = make_article()
    client.get(article.get_absolute_url())  # now kept
    publisher = make_staff("Publisher")
    admin = signed_in(publisher)
    url = reverse("admin:portal_sitesettings_changelist")

    change_url = admin.get(url)["Location"]
    response = admin.post(change_url, admin_form_data(admin, change_url, hotline="12345", app_name="Health app"))

    assert response.status_code == 302
    block = help_block(client.get(article.get_absolute_url()).content.decode())
    assert 'href="tel:12345"' in block and "Health app" in block
    assert SiteSettings.objects.count() == 1


def test_editors_read_the_settings_and_only_publishers_change_them(client):
    row = site_settings_get()
    row.save()
    change_url = reverse("admin:portal_sitesettings_change", args=[row.pk])
    editor = signed_in(make_staff("Editor"))

    page = editor.get(change_url)
    refused = editor.post(change_url, {"hotline": "1"})

    assert page.status_code == 200 and 'name="hotline"' not in page.content.decode()
    assert refused.status_code == 403
    assert site_settings_get().hotline == "12393"
    assert editor.get(reverse("admin:portal_sitesettings_add")).status_code == 403


def test_a_hotline_must_be_a_number_and_links_only_web_addresses(client):
    admin = signed_in(make_staff("Publisher"))
    change_url = admin.get(reverse("admin:portal_sitesettings_changelist"))["Location"]

    response = admin.post(
        change_url, admin_form_data(admin, change_url, hotline="call us", office_url="javascript:alert(1)")
    )

    errors = response.context["adminform"].form.errors
    assert set(errors) == {"hotline", "office_url"}
    assert site_settings_get().hotline == "12393"


def test_settings_texts_are_saved_without_control_characters():
    SiteSettings.objects.create(hotline_text="Call\x0bus\x00.", app_name_zh="国家医保\x85服务平台")

    saved = SiteSettings.objects.get()
    assert (saved.hotline_text, saved.app_name_zh) == ("Call\nus.", "国家医保服务平台")
