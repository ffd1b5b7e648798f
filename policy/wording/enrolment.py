"""Words for the steps the pay-again and refund checkers share, and for the refund outcomes both reach."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..rules.decision import Outcome
from ..rules.enrolment import EnrolmentReason, OtherScheme
from ..rules.parameters import OverlappingParameterRows
from .base import by_date, formatted, render

OTHER_SCHEME_LABELS = {
    OtherScheme.NONE: _("No, only resident medical insurance"),
    OtherScheme.EMPLOYEE: _("Yes, employee medical insurance through an employer"),
    OtherScheme.FLEXIBLE: _("Yes, employee medical insurance I pay myself as a flexible worker"),
    OtherScheme.RESIDENT_ELSEWHERE: _("Yes, resident medical insurance in another area"),
}

# How a reason names the other scheme.
OTHER_SCHEME_NAMES = {
    OtherScheme.EMPLOYEE: _("employee medical insurance"),
    OtherScheme.FLEXIBLE: _("employee medical insurance as a flexible worker"),
    OtherScheme.RESIDENT_ELSEWHERE: _("resident medical insurance in another area"),
}

OUTCOME_TITLES = {
    Outcome.REFUND_ELIGIBLE: _("Refund possible"),
    Outcome.REFUND_NOT_ELIGIBLE: _("No refund, in principle"),
}

OUTCOME_SUMMARIES = {
    Outcome.REFUND_ELIGIBLE: _(
        "Yes: you can end your resident enrolment for %(year)s and get your own contribution back, "
        "but not the government subsidy."
    ),
    Outcome.REFUND_NOT_ELIGIBLE: _(
        "In principle, no: your resident enrolment for %(year)s is suspended and your contribution is not refunded."
    ),
}

NEXT_STEPS = {
    Outcome.REFUND_ELIGIBLE: [
        _("Before you apply, consider whether you may return to resident insurance: a break in cover brings "
          "waiting periods and restarts the count of continuous years."),
        _("Ask the medical insurance office where you paid to end your resident enrolment and refund your own "
          "contribution. Bring your ID and proof of the other enrolment."),
    ],
    Outcome.REFUND_NOT_ELIGIBLE: [
        _("Ask the office where you paid to suspend your resident enrolment, so you are not enrolled twice."),
        _("Claim medical costs from one enrolment only."),
    ],
}

PERIODS_NATIONAL = _(
    "Usually, payment for coverage year %(year)s is open from %(collection_start)s to %(collection_end)s, "
    "and the cover runs from %(treatment_start)s to %(treatment_end)s."
)
PERIODS_REGIONAL = _(
    "In %(region_name)s, payment for coverage year %(year)s is open from %(collection_start)s to "
    "%(collection_end)s, and the cover runs from %(treatment_start)s to %(treatment_end)s."
)


def _periods(params):
    return (PERIODS_REGIONAL if params["region_name"] else PERIODS_NATIONAL) % formatted(params)


def naming_the_scheme(text):
    """Words for a reason that names the other scheme, as the reader's language names it."""

    def words(params):
        return render(text, {**params, "scheme": OTHER_SCHEME_NAMES[OtherScheme(params["other_scheme"])]})

    return words


ENROLLED_ELSEWHERE = by_date(
    "other_start",
    _("You are also enrolled in %(scheme)s since %(other_start)s, within that coverage year."),
    _("You will also be enrolled in %(scheme)s from %(other_start)s, within that coverage year."),
)
ENROLLED_ELSEWHERE_COVERS_YEAR = by_date(
    "other_start",
    _("You are also enrolled in %(scheme)s since %(other_start)s, which covers that year."),
    _("You will also be enrolled in %(scheme)s from %(other_start)s, which covers that year."),
)

REASONS = {
    EnrolmentReason.PERIODS: _periods,
    EnrolmentReason.ENROLLED_ELSEWHERE: naming_the_scheme(ENROLLED_ELSEWHERE),
    EnrolmentReason.ENROLLED_ELSEWHERE_COVERS_YEAR: naming_the_scheme(ENROLLED_ELSEWHERE_COVERS_YEAR),
    EnrolmentReason.WAITING_PERIOD_ON_RETURN: ngettext_lazy(
        "Before you cancel: ending your resident enrolment ends its continuous cover. If you later have no other "
        "medical insurance and return to resident insurance, that is a break in cover: you may first wait at least "
        "%(fixed_months)s months without benefits, plus %(months_per_uncovered_year)s month for each further year "
        "without cover.",
        "Before you cancel: ending your resident enrolment ends its continuous cover. If you later have no other "
        "medical insurance and return to resident insurance, that is a break in cover: you may first wait at least "
        "%(fixed_months)s months without benefits, plus %(months_per_uncovered_year)s months for each further year "
        "without cover.",
        "months_per_uncovered_year",
    ),
    EnrolmentReason.RULES_NOT_YET_CONFIRMED: _(
        "The rules for coverage year %(year)s are not confirmed yet: this answer uses those of %(rules_year)s, the "
        "latest we have checked. Confirm the dates with your local medical insurance office."
    ),
    EnrolmentReason.FLEXIBLE_WORKER_PAYS_BOTH_SHARES: _(
        "As a flexible worker you pay both shares of employee medical insurance yourself, and it covers you only "
        "while you keep paying. Who may join, and the rates, are set locally."
    ),
    EnrolmentReason.NO_OTHER_ENROLMENT: _("You are not enrolled in any other medical insurance scheme."),
    EnrolmentReason.OTHER_ENROLMENT_AFTER_YEAR: by_date(
        "other_start",
        _("Your other enrolment started on %(other_start)s, after the cover for that year ended on "
          "%(treatment_end)s, so the two do not overlap."),
        _("Your other enrolment starts on %(other_start)s, after the last day of cover for that year "
          "(%(treatment_end)s), so the two do not overlap."),
    ),
    EnrolmentReason.KEEP_EMPLOYEE_ENROLMENT: _(
        "When someone has both, employee medical insurance is usually kept and the resident enrolment ends."
    ),
    EnrolmentReason.KEEP_USUAL_RESIDENCE: _(
        "When someone has resident insurance in two areas, the one where they usually live is usually kept."
    ),
    EnrolmentReason.STARTED_BEFORE_TREATMENT: by_date(
        "other_start",
        _("Your other enrolment started on %(other_start)s, before the first day of cover of your resident "
          "insurance (%(treatment_start)s)."),
        _("Your other enrolment starts on %(other_start)s, before the first day of cover of your resident "
          "insurance (%(treatment_start)s)."),
    ),
    EnrolmentReason.SUBSIDY_NOT_REFUNDED: _(
        "Only your own contribution can come back: the government subsidy is not refunded."
    ),
    EnrolmentReason.CONTINUITY_REWARDS_LOST: _(
        "Ending resident cover also restarts the count of continuous years that raises your cover for "
        "serious illness."
    ),
    EnrolmentReason.STARTED_DURING_TREATMENT: by_date(
        "other_start",
        _("Your other enrolment started on %(other_start)s, on or after the first day of cover of your resident "
          "insurance (%(treatment_start)s)."),
        _("Your other enrolment starts on %(other_start)s, on or after the first day of cover of your resident "
          "insurance (%(treatment_start)s)."),
    ),
    EnrolmentReason.NO_DOUBLE_BENEFITS: _("Benefits can never be claimed from two enrolments for the same time."),
    EnrolmentReason.WAITING_PERIOD_SET_LOCALLY: _(
        "No national waiting period applied to coverage year %(year)s: any waiting period was set by the local office."
    ),
}

YEAR_NOT_COVERED = _(
    "We have no checked rules for coverage year %(year)s yet. Ask your local medical insurance office."
)
YEAR_NOT_COVERED_IN_REGION = _(
    "We have no payment periods for %(region)s in coverage year %(year)s. Leave the region empty to use the "
    "usual periods, or ask your local medical insurance office."
)
YEAR_RECORDED_TWICE = _(
    "The periods for coverage year %(year)s are recorded twice, so we cannot answer safely. "
    "Ask your local medical insurance office."
)


def parameter_error_message(error, region_name):
    if isinstance(error, OverlappingParameterRows):
        return YEAR_RECORDED_TWICE % {"year": error.year}
    if error.region_code and error.table == "periods":
        return YEAR_NOT_COVERED_IN_REGION % {"year": error.year, "region": region_name}
    return YEAR_NOT_COVERED % {"year": error.year}
