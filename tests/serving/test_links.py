"""Links readers can follow: http, https, mailto and this site's paths; never javascript: or another host by //."""

import pytest
from django.core.exceptions import ValidationError

from serving.links import is_safe_link, validate_link

SAFE = [
    "https://www.gov.cn/zhengce/content/202408/content_6965741.htm",
    "http://example.org/a?b=c#d",
    "mailto:help@example.org",
    "MAILTO:help@example.org?subject=Question",
]
UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://example.org/file",
    "file:///etc/passwd",
    "//evil.example/",
    "\\\\evil.example/",
    "/\\evil.example/",
]


@pytest.mark.parametrize("url", SAFE)
def test_web_and_mail_addresses_are_accepted(url):
    validate_link(url)
    assert is_safe_link(url)


@pytest.mark.parametrize("url", UNSAFE)
def test_other_schemes_and_other_hosts_by_double_slash_are_refused(url):
    with pytest.raises(ValidationError):
        validate_link(url)
    assert not is_safe_link(url)


@pytest.mark.parametrize("url", ["/faq/cards/card/", "faq/cards/", "#legal-basis", "?page=2"])
def test_paths_on_this_site_may_be_linked_from_content_but_are_not_full_addresses(url):
    assert is_safe_link(url)
    with pytest.raises(ValidationError):
        validate_link(url)


@pytest.mark.parametrize("url", ["mailto:not an address", "https://", "http://exa mple.org/"])
def test_malformed_addresses_are_refused(url):
    with pytest.raises(ValidationError):
        validate_link(url)


@pytest.mark.django_db
def test_legal_reference_urls_are_checked_when_saved_and_again_when_shown(client):
    from faq.models import LegalReference
    from tests.factories import add_legal_reference, make_article, make_legal_reference

    with pytest.raises(ValidationError):
        LegalReference(law_name="Law", article_number="1", text="Text", url="javascript:alert(1)").full_clean()
    LegalReference(law_name="Law", article_number="2", text="Text", url="mailto:law@example.org").full_clean()

    # Saved around the form (shell, import): still shown as text, never as a live link.
    article = make_article()
    add_legal_reference(article, make_legal_reference(url="javascript:alert(1)"))
    html = client.get(article.get_absolute_url()).content.decode()

    assert 'href="javascript:' not in html


@pytest.mark.django_db
def test_article_links_are_checked_when_saved_and_again_when_shown(client):
    from tests.factories import make_article

    article = make_article(body="[Pay here](javascript:alert(1)) or [write](mailto:help@example.org).")
    with pytest.raises(ValidationError, match="javascript:alert"):
        article.full_clean()

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'href="javascript:' not in html
    assert 'href="mailto:help@example.org"' in html
