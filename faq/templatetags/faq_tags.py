from html import unescape

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from faq.checker_hooks import checker_start_url as start_url
from faq.checker_hooks import registered
from faq.markdown import render_markdown, render_with_headings

register = template.Library()

# With fewer headings than this an answer is short enough to read through without a table of contents.
CONTENTS_MIN_HEADINGS = 3


@register.filter
def markdown(text):
    return render_markdown(text)


@register.simple_tag
def article_body(article):
    """The answer's HTML, with ids on its headings, and the headings a table of contents lists (none
    on a short answer)."""
    rendered = render_with_headings(article.body)
    contents = rendered.headings if len(rendered.headings) >= CONTENTS_MIN_HEADINGS else ()
    return {"html": rendered.html, "contents": contents}


@register.filter
def plain_summary(text, length=160):
    """Markdown as one line of plain text, for meta descriptions and previews."""
    words = unescape(strip_tags(render_markdown(text))).split()
    return truncatechars(" ".join(words), length)


@register.simple_tag
def feedback_form():
    """An empty "Was this article helpful?" form for the article page."""
    from faq.feedback import FeedbackForm

    return FeedbackForm()


def _hook_blocks(context, template_attribute, values):
    """Each registered hook's template, drawn in the page's context (its engine and autoescaping, without
    running the context processors again as render_to_string would), given `values` and the request."""
    engine = context.template.engine
    values = {**values, "request": context.get("request")}
    return mark_safe("".join(
        engine.get_template(getattr(hook, template_attribute)).render(context.new(values)) for hook in registered()
    ))


@register.simple_tag(takes_context=True)
def check_your_case(context, article):
    """The "Check your case" block under an article, as the app that runs its checkers draws it; nothing
    for an article that offers no checker."""
    if not article.checkers:
        return ""
    return _hook_blocks(context, "article_template", {"article": article})


@register.simple_tag(takes_context=True)
def legal_reference_checker(context, reference):
    """The link under a law's text to the checker that applies it, as the app that runs it draws it; nothing
    for a reference with no checker."""
    if not reference.checker:
        return ""
    return _hook_blocks(context, "legal_reference_template", {"reference": reference})


@register.filter
def checker_start_url(slug):
    """Where a reader begins the checker, as the app that runs it says; '' for one no app offers now."""
    try:
        return start_url(slug)
    except LookupError:
        return ""
