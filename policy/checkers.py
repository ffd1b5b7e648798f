"""The checkers the portal offers: for each, the form that reads the answers and the rules that decide."""

from collections.abc import Callable
from dataclasses import dataclass

from .choices import CheckerSlug
from .forms import CardUseForm, PayAgainForm, RefundForm, RetirementForm
from .rules import card_use, pay_again, refund, retirement


@dataclass(frozen=True)
class Checker:
    """Everything the pages and the API need to run one checker."""

    slug: CheckerSlug
    form_class: type
    decide: Callable

    @property
    def title(self):
        return self.slug.label


CHECKERS = {
    CheckerSlug.PAY_AGAIN: Checker(CheckerSlug.PAY_AGAIN, PayAgainForm, pay_again.decide),
    CheckerSlug.REFUND: Checker(CheckerSlug.REFUND, RefundForm, refund.decide),
    CheckerSlug.CARD_USE: Checker(CheckerSlug.CARD_USE, CardUseForm, card_use.decide),
    CheckerSlug.RETIREMENT: Checker(CheckerSlug.RETIREMENT, RetirementForm, retirement.decide),
}


def get_checker(slug):
    """The checker for a slug, or None for a slug no checker has."""
    return CHECKERS.get(slug)
