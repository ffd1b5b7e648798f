from html import unescape

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import strip_tags

from faq.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


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
