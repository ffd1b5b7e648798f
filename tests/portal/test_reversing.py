from django.test import override_settings
from django.urls import reverse, set_script_prefix
from django.utils import translation

from portal.reversing import _reverse, reverse_in


def test_an_address_kept_is_the_one_reverse_gives_in_that_language():
    kwargs = {"category_slug": "社保查询", "article_slug": "能-补缴吗"}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            expected = reverse("faq:article_detail", kwargs=kwargs)
        assert reverse_in(language, "faq:article_detail", **kwargs) == expected
        assert reverse_in(language, "faq:article_detail", **kwargs) == expected  # kept
    assert reverse_in("en", "faq:article_detail", **kwargs) != reverse_in("zh-hans", "faq:article_detail", **kwargs)


def test_an_address_is_kept_per_script_prefix():
    before = reverse_in("en", "faq:category_detail", category_slug="medical")
    set_script_prefix("/help/")
    try:
        assert reverse_in("en", "faq:category_detail", category_slug="medical") == "/help" + before
    finally:
        set_script_prefix("/")


def test_kept_addresses_are_forgotten_when_the_urls_change():
    reverse_in("en", "faq:category_detail", category_slug="medical")
    assert _reverse.cache_info().currsize >= 1
    with override_settings(ROOT_URLCONF="portal.urls"):
        assert _reverse.cache_info().currsize == 0
