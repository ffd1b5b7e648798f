"""Checker "between-jobs": my job is ending, how do I stay insured?

Unemployment benefit carries employee medical insurance with it (UNE-1 to UNE-6); without it the cover ends
with the job, and the reader chooses how to stay covered (UNE-7). The resident route is worked out by the
pay-again rules themselves, for a payment made on the answer's date, so both checkers give the same waiting
period and the same first day of benefits.
"""

from dataclasses import dataclass
from datetime import date
from enum import Enum, StrEnum

from . import pay_again
from .citations import CLAUSES
from .decision import Decision, step
from .enrolment import EnrolmentReason, OtherScheme
from .figures import Figure
from .parameters import ParameterError
from .pay_again import MAX_YEARS_WITHOUT_COVER, PAYING, PayAgainFacts
from .periods import months_after


class WhyLeaving(StrEnum):
    CONTRACT_ENDED = "contract_ended"
    EMPLOYER_ENDED = "employer_ended"
    RESIGNED = "resigned"
    RESIGNED_EMPLOYER_FAULT = "resigned_employer_fault"


# UNE-2: the ways a job ends "not by the person's own wish".
NOT_OWN_WISH = frozenset({WhyLeaving.CONTRACT_ENDED, WhyLeaving.EMPLOYER_ENDED, WhyLeaving.RESIGNED_EMPLOYER_FAULT})

FIGURES = {
    "benefit_months": Figure.WHOLE, "uncovered_from": Figure.DATE, "resident_year": Figure.WHOLE,
    "benefits_from": Figure.DATE, "collection_start": Figure.DATE, "collection_end": Figure.DATE,
}


class BetweenJobsOutcome(Enum):
    """This checker's outcomes. Its "check locally" is its own: the retirement checker's words another one."""

    BENEFIT_COVERS_MEDICAL = "benefit_covers_medical"
    NEW_JOB_KEEPS_COVER = "new_job_keeps_cover"
    CHOOSE_HOW_TO_STAY_COVERED = "choose_how_to_stay_covered"
    CHECK_LOCALLY = "check_locally"


class BetweenJobsReason(StrEnum):
    NEW_JOB_NEXT_MONTH = "new_job_next_month"
    NEW_JOB_AFTER_A_GAP = "new_job_after_a_gap"
    NOT_OWN_WISH = "not_own_wish"
    OWN_WISH = "own_wish"
    UNEMPLOYMENT_YEARS_ENOUGH = "unemployment_years_enough"
    UNEMPLOYMENT_YEARS_SHORT = "unemployment_years_short"
    BENEFIT_MONTHS = "benefit_months"
    FUND_PAYS_MEDICAL = "fund_pays_medical"
    REGISTER_PROMPTLY = "register_promptly"
    BENEFIT_STOPS = "benefit_stops"
    BENEFIT_ENDS_WITH_NEW_JOB = "benefit_ends_with_new_job"
    COVER_ENDS_WITH_JOB = "cover_ends_with_job"
    FLEXIBLE_WORKER = "flexible_worker"
    RESIDENT_INSURANCE = "resident_insurance"
    RESIDENT_FILLS_NO_GAP = "resident_fills_no_gap"
    RESIDENT_SET_LOCALLY = "resident_set_locally"
    RESIDENT_YEARS_DO_NOT_COUNT = "resident_years_do_not_count"


# UNE-3: (least whole years paid, longest benefit in months), the most years first.
BENEFIT_MONTHS = ((10, 24), (5, 18), (1, 12))


def benefit_months(years):
    """UNE-3: the longest benefit for `years` whole years paid; 0 below one year (UNE-1)."""
    return next((months for least, months in BENEFIT_MONTHS if years >= least), 0)


@dataclass(frozen=True)
class BetweenJobsFacts:
    last_day: date
    why: WhyLeaving
    # Whole years of unemployment insurance before the job ended; None when leaving of one's own wish,
    # which no number of years changes (UNE-1).
    unemployment_years: int | None = None
    next_job_start: date | None = None

    def __post_init__(self):
        if self.why in NOT_OWN_WISH and (self.unemployment_years is None or self.unemployment_years < 0):
            raise ValueError("unemployment_years (0 or more) is needed unless the person resigned")
        if self.next_job_start is not None and self.next_job_start <= self.last_day:
            raise ValueError("next_job_start must come after last_day")

    @property
    def uncovered_from(self):
        """UNE-7: employee insurance is paid by the month, so it usually lasts to the end of the last month."""
        return months_after(self.last_day.replace(day=1), 1)


def decide(facts, as_of, parameters):
    uncovered_from = facts.uncovered_from
    if facts.next_job_start is not None and facts.next_job_start < months_after(uncovered_from, 1):
        return Decision.of(BetweenJobsOutcome.NEW_JOB_KEEPS_COVER, [step(
            BetweenJobsReason.NEW_JOB_NEXT_MONTH, "UNE-7", last_day=facts.last_day,
            next_job_start=facts.next_job_start,
        )], as_of)
    reasons = _benefit(facts)
    months = benefit_months(facts.unemployment_years or 0) if facts.why in NOT_OWN_WISH else 0
    if months:
        return Decision.of(BetweenJobsOutcome.BENEFIT_COVERS_MEDICAL, reasons, as_of, {"benefit_months": months})
    reasons.append(step(BetweenJobsReason.COVER_ENDS_WITH_JOB, "UNE-7", uncovered_from=uncovered_from, as_of=as_of))
    if facts.next_job_start is not None:
        reasons.append(step(
            BetweenJobsReason.NEW_JOB_AFTER_A_GAP, "UNE-7", uncovered_from=uncovered_from,
            next_job_start=facts.next_job_start,
        ))
    reasons.append(step(BetweenJobsReason.FLEXIBLE_WORKER, "UNE-7"))
    resident, figures = _resident(facts, as_of, parameters)
    reasons += resident
    reasons.append(step(BetweenJobsReason.RESIDENT_YEARS_DO_NOT_COUNT, "EMP-1"))
    outcome = (
        BetweenJobsOutcome.CHOOSE_HOW_TO_STAY_COVERED if "benefits_from" in figures
        else BetweenJobsOutcome.CHECK_LOCALLY
    )
    return Decision.of(outcome, reasons, as_of, {"uncovered_from": uncovered_from, **figures})


def _benefit(facts):
    """UNE-1 to UNE-6: the steps towards unemployment benefit, and what it brings."""
    if facts.why not in NOT_OWN_WISH:
        return [step(BetweenJobsReason.OWN_WISH, "UNE-2")]
    years = facts.unemployment_years
    reasons = [step(BetweenJobsReason.NOT_OWN_WISH, "UNE-2", why=facts.why.value)]
    if years < 1:
        return [*reasons, step(BetweenJobsReason.UNEMPLOYMENT_YEARS_SHORT, "UNE-1", years=years)]
    reasons += [
        step(BetweenJobsReason.UNEMPLOYMENT_YEARS_ENOUGH, "UNE-1", years=years),
        step(BetweenJobsReason.BENEFIT_MONTHS, "UNE-3", years=years, months=benefit_months(years)),
        step(BetweenJobsReason.FUND_PAYS_MEDICAL, "UNE-4"),
        step(BetweenJobsReason.REGISTER_PROMPTLY, "UNE-5", last_day=facts.last_day),
    ]
    if facts.next_job_start is not None:
        ends = step(BetweenJobsReason.BENEFIT_ENDS_WITH_NEW_JOB, "UNE-6", next_job_start=facts.next_job_start)
        return [*reasons, ends]
    return [*reasons, step(BetweenJobsReason.BENEFIT_STOPS, "UNE-6")]


def _resident(facts, as_of, parameters):
    """UNE-7 with RES-1 to RES-3: paying resident insurance on `as_of`, for the first coverage year the pay-again
    rules take a payment for that pays out before the new job starts: (the steps, the figures), without
    benefits_from when the national rules cannot say."""
    first_year = max(facts.uncovered_from, as_of).year
    other = (OtherScheme.EMPLOYEE, facts.next_job_start) if facts.next_job_start else (OtherScheme.NONE, None)
    for year in (first_year, first_year + 1):
        # Employee insurance through the job counts as cover, so a break begins after the last day's year.
        break_years = year - 1 - facts.last_day.year
        if break_years > MAX_YEARS_WITHOUT_COVER:
            break
        paying = PayAgainFacts(
            year, False, *other, last_year_covered=break_years <= 0, years_without_cover=max(break_years, 1),
        )
        try:
            decision = pay_again.decide(paying, as_of, parameters)
        except ParameterError:
            break
        if decision.outcome not in PAYING:
            continue
        if any(reason.code is EnrolmentReason.WAITING_PERIOD_SET_LOCALLY for reason in decision.reasons):
            break
        figures = decision.figures
        # No waiting period: benefits start with the year's cover.
        benefits_from = figures.get("benefits_from", figures["treatment_start"])
        if facts.next_job_start and benefits_from >= facts.next_job_start:
            continue
        cites = CLAUSES["UNE-7"] + tuple(c for c in decision.citations if c.clause.startswith("RES-"))
        return [step(
            BetweenJobsReason.RESIDENT_INSURANCE, "UNE-7", cites=cites, year=year,
            collection_start=figures["collection_start"], collection_end=figures["collection_end"],
            benefits_from=benefits_from, waiting_months=figures.get("waiting_period_months", 0), as_of=as_of,
        )], {
            "resident_year": year, "benefits_from": benefits_from, "collection_start": figures["collection_start"],
            "collection_end": figures["collection_end"],
        }
    else:
        # Each year that takes a payment now pays out only once the new job has begun.
        if facts.next_job_start:
            return [step(BetweenJobsReason.RESIDENT_FILLS_NO_GAP, "RES-2", next_job_start=facts.next_job_start)], {}
    return [step(BetweenJobsReason.RESIDENT_SET_LOCALLY, "RES-2")], {}
