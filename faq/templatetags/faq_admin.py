"""The publishers' review queue in admin: on the index page, and its count in the header."""

from django import template

from ..selectors import corrections_of, review_queue, review_queue_count

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queue_for(context):
    """The queue for a publisher; None for anyone else, who may not approve what is in it."""
    user = context["request"].user
    return review_queue() if user.has_perm("faq.publish_article") else None


@register.simple_tag(takes_context=True)
def waiting_count(context):
    user = context["request"].user
    return review_queue_count() if user.has_perm("faq.publish_article") else None


@register.simple_tag(takes_context=True)
def my_corrections(context):
    return list(corrections_of(context["request"].user)[:20])
