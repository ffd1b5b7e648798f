"""Words for the pay-again checker."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..rules.decision import Outcome
from ..rules.pay_again import PayAgainReason
from .base import formatted
from .enrolment import naming_the_scheme

INTRO = _(
    "Find out whether you need to pay resident medical insurance for a year, whether you still can, "
    "and what happens if you have paid twice."
)

NEEDS = [
    _("the coverage year you are asking about"),
    _("whether you have already paid for it"),
    _("whether you are also enrolled in another scheme, and since when"),
]

# Before 2025 there was no national waiting period, so the late-payment answer has no months to give.
LATE_WITHOUT_NATIONAL_WAITING = _(
    "Yes, but late: if you pay for %(year)s now, a waiting period set by your local office may apply."
)

_LATE = _(
    "Yes, but late: if you pay for %(year)s now, you wait at least %(waiting_period_months)s months "
    "before the insurance pays."
)


def _late_summary(values):
    late = _LATE if "waiting_period_months" in values else LATE_WITHOUT_NATIONAL_WAITING
    return late % formatted(values)


OUTCOME_TITLES = {
    Outcome.ALREADY_PAID: _("Already paid"),
    Outcome.NO_NEED_TO_PAY: _("No need to pay"),
    Outcome.COLLECTION_NOT_OPEN: _("Payment has not opened yet"),
    Outcome.CAN_PAY: _("You can pay now"),
    Outcome.CAN_PAY_WITH_WAITING_PERIOD: _("You can pay late, with a waiting period"),
    Outcome.PAY_NEXT_YEAR_INSTEAD: _("Pay for the next year instead"),
    Outcome.UNCOVERED_UNTIL_OTHER_START: _("No cover until your other insurance starts"),
    Outcome.YEAR_CLOSED: _("This year is closed"),
}

OUTCOME_SUMMARIES = {
    Outcome.ALREADY_PAID: _("No: you have already paid for %(year)s, and a year can be paid only once."),
    Outcome.NO_NEED_TO_PAY: _(
        "No: your other enrolment already covers you in %(year)s, so you do not need to pay resident insurance too."
    ),
    Outcome.COLLECTION_NOT_OPEN: _("Not yet: payment for %(year)s opens on %(collection_start)s."),
    Outcome.CAN_PAY: _("Yes: you can pay for %(year)s until %(collection_end)s."),
    Outcome.CAN_PAY_WITH_WAITING_PERIOD: _late_summary,
    Outcome.PAY_NEXT_YEAR_INSTEAD: _(
        "No: if you paid for %(year)s now, benefits would start only on %(benefits_from)s, after its cover ends on "
        "%(treatment_end)s, so the payment would buy no benefits at all. Pay for %(next_year)s instead."
    ),
    Outcome.UNCOVERED_UNTIL_OTHER_START: _(
        "Until your other insurance starts on %(other_start)s, you have no medical insurance. Resident insurance "
        "for %(year)s can fill the gap, but once its cover has begun, your contribution is not refunded when the "
        "other insurance starts: weigh the two before you pay."
    ),
    Outcome.YEAR_CLOSED: _("No: the cover for %(year)s ended on %(treatment_end)s, so it can no longer be paid."),
}

NEXT_STEPS = {
    Outcome.ALREADY_PAID: [
        _("Do not pay again. Keep your receipt, or check the payment in your medical insurance app."),
    ],
    Outcome.NO_NEED_TO_PAY: [
        _("Do not pay resident insurance for that year. If you set up automatic payment, cancel it."),
        _("If your other enrolment ends, check again: you may then need to pay."),
    ],
    Outcome.COLLECTION_NOT_OPEN: [
        _("Pay between %(collection_start)s and %(collection_end)s to be covered from %(treatment_start)s."),
    ],
    Outcome.CAN_PAY: [
        _("Pay by %(collection_end)s through the channels your local office lists, such as its app, a bank "
          "or a service counter."),
    ],
    Outcome.CAN_PAY_WITH_WAITING_PERIOD: [
        _("Ask your local office whether it still takes payment for that year and from which day you will be covered."),
        _("If you have years without cover, ask whether paying them back shortens the waiting period."),
    ],
    Outcome.PAY_NEXT_YEAR_INSTEAD: [
        _("Do not pay for %(year)s: it would buy no benefits."),
        _("Pay for %(next_year)s between %(next_year_pay_from)s and %(next_year_pay_until)s, so you are covered "
          "from its first day."),
    ],
    Outcome.UNCOVERED_UNTIL_OTHER_START: [
        _("If you may need treatment before %(other_start)s, pay resident insurance for %(year)s and keep the "
          "receipt; if not, you may save the contribution and go without cover until then."),
        _("Once your other insurance starts, ask the office where you paid to suspend the resident enrolment, "
          "so you are not enrolled twice."),
    ],
    Outcome.YEAR_CLOSED: [
        _("Pay for the next coverage year during its payment period, so you have no gap in cover."),
    ],
}

# Shown with the answer wherever a payment made today would bring a waiting period.
BENEFITS_LINE = _("Benefits from %(benefits_from)s, if you pay today.")

REASONS = {
    PayAgainReason.PAID_ONCE_PER_YEAR: _(
        "Resident medical insurance for coverage year %(year)s can be paid only once."
    ),
    PayAgainReason.COLLECTION_NOT_OPEN: _(
        "On %(as_of)s, payment for that year has not opened yet: it opens on %(collection_start)s."
    ),
    PayAgainReason.WITHIN_COLLECTION: _("On %(as_of)s, the payment period is open until %(collection_end)s."),
    PayAgainReason.AFTER_COLLECTION: _(
        "On %(as_of)s, the payment period has closed (it ended on %(collection_end)s), but the cover for that "
        "year is still running."
    ),
    PayAgainReason.FIXED_WAITING_PERIOD: _(
        "Paying after the payment period brings a fixed waiting period of %(months)s months without benefits."
    ),
    PayAgainReason.AFTER_TREATMENT: _(
        "On %(as_of)s, the cover for that year has already ended (on %(treatment_end)s)."
    ),
    PayAgainReason.LATE_PAYMENT_BUYS_NOTHING: _(
        "Paid today, benefits would start on %(benefits_from)s, after the cover for that year ends on "
        "%(treatment_end)s: the payment would buy no benefits."
    ),
    PayAgainReason.NEXT_YEAR_OPEN_NOW: _(
        "Coverage year %(year)s can be paid now, until %(collection_end)s, and covers you from %(treatment_start)s."
    ),
    PayAgainReason.NEXT_YEAR_OPENS_LATER: _(
        "Coverage year %(year)s can be paid from %(collection_start)s until %(collection_end)s, and covers you "
        "from %(treatment_start)s."
    ),
    PayAgainReason.NEXT_YEAR_LATE_TOO: _(
        "The payment period for coverage year %(year)s also ended, on %(collection_end)s: paying it now brings "
        "a waiting period too. Ask your local office."
    ),
    PayAgainReason.UNCOVERED_UNTIL_OTHER_START: naming_the_scheme(_(
        "Your %(scheme)s starts on %(other_start)s, after the cover for that year began: until then, you have no "
        "medical insurance."
    )),
    PayAgainReason.RESIDENT_BENEFITS_NOT_BEFORE_OTHER_START: _(
        "Paid today, resident insurance would pay benefits only from %(benefits_from)s, not before your other "
        "insurance starts on %(other_start)s, so it would not fill the gap."
    ),
    PayAgainReason.NO_REFUND_ONCE_COVER_BEGAN: _(
        "Your other insurance starts on %(other_start)s, after the resident cover began on %(treatment_start)s: "
        "the resident enrolment is then suspended, and what you paid is in principle not refunded."
    ),
    PayAgainReason.VARIABLE_WAITING_PERIOD: ngettext_lazy(
        "Each further year without cover adds %(months_per_year)s month; paying back a missed year "
        "takes it off again.",
        "Each further year without cover adds %(months_per_year)s months; paying back a missed year "
        "takes them off again.",
        "months_per_year",
    ),
}
