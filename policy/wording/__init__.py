"""Every sentence the checkers show, translatable: the rules return enum members, this words them.

Each checker's words are in its own module, keyed by the members of its rules' enums: the outcomes
it reaches, the reasons it gives, the labels of its answers. Adding an outcome or a reason is a
member in the rules and its words in that module (and their Chinese in locale/zh_Hans); the test
tests/policy/test_wording_coverage.py fails until both are there.
"""

from ..choices import CheckerSlug
from ..rules.citations import Confidence
from ..rules.parameters import ParameterError
from ..rules.pay_again import ContinuityNeeded
from ..typography import typeset
from . import between_jobs, card_use, enrolment, pay_again, refund, retirement
from .base import formatted, render
from .sources import LOCAL_CHECK, citations_data

BY_CHECKER = {
    CheckerSlug.PAY_AGAIN: pay_again,
    CheckerSlug.REFUND: refund,
    CheckerSlug.CARD_USE: card_use,
    CheckerSlug.RETIREMENT: retirement,
    CheckerSlug.BETWEEN_JOBS: between_jobs,
}
# enrolment's words serve both pay-again and refund.
MODULES = (enrolment, *BY_CHECKER.values())
# The modules whose outcomes and reasons each checker's answers draw on.
CHECKER_MODULES = {
    **{slug: (module,) for slug, module in BY_CHECKER.items()},
    CheckerSlug.PAY_AGAIN: (enrolment, pay_again),
    CheckerSlug.REFUND: (enrolment, refund),
}

CHECKER_INTROS = {slug: module.INTRO for slug, module in BY_CHECKER.items()}
CHECKER_NEEDS = {slug: module.NEEDS for slug, module in BY_CHECKER.items()}
OUTCOME_TITLES = {outcome: text for module in MODULES for outcome, text in module.OUTCOME_TITLES.items()}
OUTCOME_SUMMARIES = {outcome: text for module in MODULES for outcome, text in module.OUTCOME_SUMMARIES.items()}
NEXT_STEPS = {outcome: steps for module in MODULES for outcome, steps in module.NEXT_STEPS.items()}
REASONS = {code: text for module in MODULES for code, text in module.REASONS.items()}


def checker_outcomes(slug):
    """The outcomes a checker's answers may have, as its wording modules word them."""
    return [outcome for module in CHECKER_MODULES[slug] for outcome in module.OUTCOME_TITLES]


def checker_reasons(slug):
    """The reasons a checker's answers may give, as its wording modules word them."""
    return [code for module in CHECKER_MODULES[slug] for code in module.REASONS]


def cannot_decide_message(error, region_name):
    """What the reader should change when the rules cannot answer, said on the answer concerned."""
    if isinstance(error, ParameterError):
        return enrolment.parameter_error_message(error, region_name)
    if isinstance(error, ContinuityNeeded):
        return pay_again.continuity_needed_message(error)
    return retirement.cannot_decide_message(error, region_name)


def reason_text(reason):
    return render(REASONS[reason.code], reason.params)


def present(decision, answers):
    """The decision in words: what pages and API show. `answers` are the form's values the sentences name."""
    values = {**answers, "as_of": decision.as_of, **decision.figures}
    outcome = decision.outcome
    citations = citations_data(decision.citations)
    answer = {
        "title": str(OUTCOME_TITLES[outcome]),
        "summary": render(OUTCOME_SUMMARIES[outcome], values),
        "reasons": [
            {"code": reason.code.value, "clause": reason.clause, "text": reason_text(reason)}
            for reason in decision.reasons
        ],
        # A step may be worded for some answers only, and says nothing (None) for the others.
        "next_steps": [text for text in (render(step, values) for step in NEXT_STEPS[outcome]) if text],
        "citations": citations,
        "local_check": str(LOCAL_CHECK) if decision.needs_local_check else "",
        "local_check_sources": list(
            dict.fromkeys(data["title"] for data in citations if data["confidence"] != Confidence.P.value)
        ),
    }
    if "retirement_month" in decision.figures:
        answer["retirement"] = retirement.RETIREMENT_LINE % formatted(values)
    if "benefits_from" in decision.figures:
        answer["benefits_line"] = pay_again.benefits_line(values)
    return typeset(answer)
