"""What the admin home page tells editors about the checkers' dated rules."""

from django import template
from django.utils import timezone

from ..selectors import years_without_rules

register = template.Library()

# Payment for a coverage year opens in September of the year before: from July, editors have two months
# to enter next year's rows, and the one after is the year answers look ahead to.
WARN_FROM_MONTH = 7


@register.simple_tag
def coverage_years_without_rules():
    """[(region name, years)] missing reviewed rules for the next two coverage years, from 1 July; else []."""
    today = timezone.localdate()
    if today.month < WARN_FROM_MONTH:
        return []
    return years_without_rules((today.year + 1, today.year + 2))
