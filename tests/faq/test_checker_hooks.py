from django.utils import translation

from faq.checker_hooks import checker_name, checker_start_url
from faq.models import ArticleChecker, LegalReference
from policy.choices import CheckerSlug


def test_a_checkers_name_is_in_the_readers_language_each_time():
    for language in ("en", "zh-hans", "en"):
        with translation.override(language):
            assert checker_name("pay-again") == str(CheckerSlug.PAY_AGAIN.label)
            assert ArticleChecker(checker="refund").get_checker_display() == str(CheckerSlug.REFUND.label)
    with translation.override("zh-hans"):
        chinese = checker_name("pay-again")
    assert chinese != checker_name("pay-again")  # kept per language, not the first one asked


def test_a_slug_no_app_offers_shows_as_it_is_and_has_no_start():
    assert checker_name("gone") == "gone"
    assert LegalReference(checker="").get_checker_display() == ""
    try:
        checker_start_url("gone")
    except LookupError:
        pass
    else:
        raise AssertionError("a checker no app offers has no start address")


def test_a_checkers_start_is_under_the_readers_language():
    with translation.override("zh-hans"):
        assert checker_start_url("refund").startswith("/zh-hans/")
    assert not checker_start_url("refund").startswith("/zh-hans/")
