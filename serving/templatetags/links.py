from django import template

from serving.links import is_safe_link

register = template.Library()


@register.filter
def followable(url):
    """The URL if readers may follow it (http, https, mailto, this site), else '' so no link is made."""
    return url if is_safe_link(url) else ""
