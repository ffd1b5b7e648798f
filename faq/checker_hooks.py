"""The checkers an article may offer, without faq depending on the app that runs them.

faq stores a checker's slug only. The app that runs checkers registers, in its AppConfig.ready, the
checkers editors may choose and the templates that link to them from an article page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class CheckerHook:
    """What a checker app gives faq.

    `choices()` lists (slug, name) for editors. `article_template` draws the "Check your case" block
    under an article (given `article`, whose `checkers` are its links in order, and drawn only when it has
    some); `legal_reference_template` the link under a law's text to the checker that applies it (given
    `reference`, drawn only when it names a checker). Both are given `request` too. For search,
    `search_texts(languages)` gives {slug: texts that name the checker} and `start_url(slug)` where a
    reader begins it.
    """

    choices: Callable
    article_template: str
    legal_reference_template: str
    search_texts: Callable
    start_url: Callable


_hooks = []
# {language: {slug: name}}, built from the registered hooks on first use in each language: the names change
# only with the code, and listing every hook's choices again cost tens of microseconds a name.
_names = {}
# {slug: the hook that offers it}, built on first use as the names are.
_offered = {}


def register(hook):
    _hooks.append(hook)
    _names.clear()
    _offered.clear()


def registered():
    return tuple(_hooks)


def checker_choices():
    """(slug, name) of every checker an article may offer; none while no app offers checkers."""
    return [choice for hook in _hooks for choice in hook.choices()]


def checker_name(slug):
    """A checker's name in the current language; a slug no app offers any more is shown as it is."""
    language = get_language()
    names = _names.get(language)
    if names is None:
        names = _names[language] = {choice: str(name) for choice, name in checker_choices()}
    return names.get(slug, slug)


def checker_search_texts(languages):
    """{slug: texts that name the checker}, in `languages`, of every checker an app offers."""
    return {slug: texts for hook in _hooks for slug, texts in hook.search_texts(languages).items()}


def checker_start_url(slug):
    if not _offered:
        _offered.update({choice: hook for hook in reversed(_hooks) for choice, _name in hook.choices()})
    if slug not in _offered:
        raise LookupError(f"No app offers the checker {slug!r}.")
    return _offered[slug].start_url(slug)
