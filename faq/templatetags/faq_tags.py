from django import template

from faq.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)
