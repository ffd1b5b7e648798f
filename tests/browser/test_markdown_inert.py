from faq.models import Article
from tests.factories import make_article

HOSTILE = """Before.

<script>alert("script")</script>

<img src="x" onerror="alert('onerror')">

[Click me](javascript:alert('link'))

<a href="javascript:alert('html link')" onclick="alert('onclick')">Or me</a>

After."""


def test_hostile_markdown_is_inert_in_chromium(transactional_db, live_server, page, screenshot):
    article = make_article(body=HOSTILE, editor_note=HOSTILE, status=Article.Status.PUBLISHED)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_text("Click me").first.click()
    page.get_by_text("Or me").first.click()
    screenshot("hostile-markdown")

    assert dialogs == []
    found = page.evaluate(
        """() => {
            const scope = document.querySelectorAll(".article-body, .editor-note");
            const all = [...scope].flatMap(el => [el, ...el.querySelectorAll("*")]);
            return {
                scripts: [...scope].reduce((n, el) => n + el.querySelectorAll("script").length, 0),
                handlers: all.flatMap(el => [...el.attributes].map(a => a.name)).filter(n => n.startsWith("on")),
                javascript: all.filter(el => /javascript/i.test(el.getAttribute("href") || "")).length,
            };
        }"""
    )
    assert found == {"scripts": 0, "handlers": [], "javascript": 0}
    # The words are still there for the reader, as text.
    assert "<script>" in page.locator(".article-body").inner_text()
