"""The checkers the portal offers, declared once for models, forms, URLs and templates."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import pay_again, refund


class CheckerSlug(models.TextChoices):
    PAY_AGAIN = "pay-again", _("Can I pay the medical insurance again?")
    REFUND = "refund", _("Can I get my contribution refunded?")


@dataclass(frozen=True)
class Checker:
    """Everything the pages and the API need to run one checker."""

    slug: CheckerSlug
    form_class: type
    decide: Callable

    @property
    def title(self):
        return self.slug.label


def get_checker(slug):
    """The checker for a slug, or None for a slug no checker has."""
    # Imported here, not at the top: faq.models imports this module, and the forms import wording and models.
    from .forms import PayAgainForm, RefundForm

    checkers = {
        CheckerSlug.PAY_AGAIN: Checker(CheckerSlug.PAY_AGAIN, PayAgainForm, pay_again.decide),
        CheckerSlug.REFUND: Checker(CheckerSlug.REFUND, RefundForm, refund.decide),
    }
    return checkers.get(slug)
