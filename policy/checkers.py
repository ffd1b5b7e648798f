"""The checkers the portal offers: for each, the form that reads the answers, the dated parameters
its rules need, and the rules that decide."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation

from .choices import CheckerSlug
from .forms import BetweenJobsForm, CardUseForm, PayAgainForm, RefundForm, RetirementForm
from .rules import between_jobs, card_use, pay_again, refund, retirement
from .rules.decision import Outcome
from .rules.enrolment import EMPLOYEE_SCHEMES
from .selectors import parameters_for, required_years_for


@dataclass(frozen=True)
class Checker:
    """Everything the pages and the API need to run one checker.

    `parameters` takes the region the reader chose ("" for none) and returns what the rules read;
    `figures`: the figures its decisions may carry ({name: Figure}); `outcomes` is the enum its decisions'
    outcomes belong to.
    """

    slug: CheckerSlug
    form_class: type
    parameters: Callable
    decide: Callable
    figures: dict
    outcomes: type = Outcome

    @property
    def title(self):
        return self.slug.label


def _national_family_use(region_code):
    return card_use.NATIONAL_FAMILY_USE


CHECKERS = {
    CheckerSlug.PAY_AGAIN: Checker(
        CheckerSlug.PAY_AGAIN, PayAgainForm, parameters_for, pay_again.decide, pay_again.FIGURES,
    ),
    CheckerSlug.REFUND: Checker(CheckerSlug.REFUND, RefundForm, parameters_for, refund.decide, refund.FIGURES),
    CheckerSlug.CARD_USE: Checker(
        CheckerSlug.CARD_USE, CardUseForm, _national_family_use, card_use.decide, card_use.FIGURES,
    ),
    CheckerSlug.RETIREMENT: Checker(
        CheckerSlug.RETIREMENT, RetirementForm, required_years_for, retirement.decide, retirement.FIGURES,
    ),
    CheckerSlug.BETWEEN_JOBS: Checker(
        CheckerSlug.BETWEEN_JOBS, BetweenJobsForm, parameters_for, between_jobs.decide, between_jobs.FIGURES,
        between_jobs.BetweenJobsOutcome,
    ),
}


def get_checker(slug):
    """The checker for a slug, or None for a slug no checker has."""
    return CHECKERS.get(slug)


# The checker each checker may lead on to (related_checker).
LEADS_TO = {CheckerSlug.PAY_AGAIN: CheckerSlug.BETWEEN_JOBS, CheckerSlug.REFUND: CheckerSlug.BETWEEN_JOBS}


def related_checker(checker, answers):
    """The checker the reader's situation calls for next, or None.

    A reader asking about resident insurance who has employee insurance through a job, or pays it as a
    flexible worker, is changing jobs: between-jobs answers how to stay covered when a job ends.
    """
    if checker.slug in LEADS_TO and answers.get("other_scheme") in EMPLOYEE_SCHEMES:
        return CHECKERS[LEADS_TO[checker.slug]]
    return None


# What readers type when a checker answers them, in both languages, beside each checker's title.
# Search shows the checker above the articles for a query that contains one of these.
SEARCH_KEYWORDS = {
    CheckerSlug.PAY_AGAIN: ("pay again", "paid twice", "pay twice", "重复缴纳", "重复缴费", "补缴"),
    CheckerSlug.REFUND: ("refund", "money back", "退费", "退款", "退保", "退还"),
    CheckerSlug.CARD_USE: ("cash", "family", "relative", "card", "取现", "提现", "套现", "家人", "亲属", "医保卡"),
    CheckerSlug.RETIREMENT: ("retire", "retirement", "pension", "退休", "养老"),
    CheckerSlug.BETWEEN_JOBS: (
        "resign", "quit", "laid off", "unemployment", "between jobs", "辞职", "离职", "失业", "灵活就业",
    ),
}


def checker_search_texts(languages):
    """{slug: texts a search matches}: each checker's title in each of `languages`, and its keywords."""
    texts = {}
    for slug in CHECKERS:
        titles = []
        for language in languages:
            with translation.override(language):
                titles.append(str(slug.label))
        texts[slug] = (*titles, *SEARCH_KEYWORDS[slug])
    return texts
