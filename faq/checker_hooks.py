"""The checkers an article may offer, without faq depending on the app that runs them.

faq stores a checker's slug only. The app that runs checkers registers, in its AppConfig.ready, the
checkers editors may choose and the templates that link to them from an article page.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CheckerHook:
    """What a checker app gives faq.

    `choices()` lists (slug, name) for editors. `article_template` draws the "Check your case" block
    under an article (given `article`, whose `checkers` are its links in order); `legal_reference_template`
    the link under a law's text to the checker that applies it (given `reference`). For search,
    `search_texts(languages)` gives {slug: texts that name the checker} and `start_url(slug)` where a
    reader begins it.
    """

    choices: Callable
    article_template: str
    legal_reference_template: str
    search_texts: Callable
    start_url: Callable


_hooks = []


def register(hook):
    _hooks.append(hook)


def registered():
    return tuple(_hooks)


def checker_choices():
    """(slug, name) of every checker an article may offer; none while no app offers checkers."""
    return [choice for hook in _hooks for choice in hook.choices()]


def checker_name(slug):
    """A checker's name; a slug no app offers any more is shown as it is."""
    return dict(checker_choices()).get(slug, slug)


def checker_search_texts(languages):
    """{slug: texts that name the checker}, in `languages`, of every checker an app offers."""
    return {slug: texts for hook in _hooks for slug, texts in hook.search_texts(languages).items()}


def checker_start_url(slug):
    for hook in _hooks:
        if slug in dict(hook.choices()):
            return hook.start_url(slug)
    raise LookupError(f"No app offers the checker {slug!r}.")
