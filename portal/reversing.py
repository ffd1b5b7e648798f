"""Addresses that depend only on a URL's name, its arguments and the language, kept in each worker.

An article's or category's address and a checker's start are reversed several times on every page that
links to them; Django's reverse() with the language switched for it costs tens of microseconds each time,
for an answer that changes only with the code. Kept per script prefix too, which a request sets.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import translation

# Distinct addresses kept at most: a site of some thousands of articles in two languages.
KEPT_ADDRESSES = 20_000


def reverse_in(language, viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs) under `language`'s prefix, as a worker reversed it before."""
    return _reverse(get_script_prefix(), language, viewname, tuple(kwargs.items()))


@functools.lru_cache(maxsize=KEPT_ADDRESSES)
def _reverse(_prefix, language, viewname, kwargs):
    with translation.override(language):
        return reverse(viewname, kwargs=dict(kwargs))


@receiver(setting_changed)
def _forget_on_new_urls(*, setting, **kwargs):
    # Tests that swap the URL configuration or the languages must not see the old addresses.
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"):
        _reverse.cache_clear()
