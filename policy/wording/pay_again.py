"""Words for the pay-again checker."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from ..rules.decision import Outcome
from ..rules.pay_again import PayAgainReason
from .base import by_date, formatted, render
from .enrolment import naming_the_scheme

INTRO = _(
    "Find out whether you need to pay resident medical insurance for a year, whether you still can, "
    "and what happens if you have paid twice."
)

NEEDS = [
    _("the coverage year you are asking about"),
    _("whether you have already paid for it"),
    _("whether you are also enrolled in another scheme, and since when"),
    _("whether you had medical insurance the year before, and if not, for how many years you had none"),
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


def _after_a_break(without, after_break):
    """Words for an answer that a break in cover changes: it then has the day benefits start."""

    def words(values):
        return render(after_break if "benefits_from" in values else without, values)

    return words


def _pay_next_year(values):
    """When the next coverage year can be paid, for a reader whose year asked buys nothing; None when the answer
    has no next year to offer."""
    if "next_year" not in values:
        return None
    if values["as_of"] < values["next_year_pay_from"]:
        text = _("Pay for %(next_year)s between %(next_year_pay_from)s and %(next_year_pay_until)s.")
    elif values["as_of"] <= values["next_year_pay_until"]:
        text = _("Pay for %(next_year)s by %(next_year_pay_until)s.")
    else:
        text = _(
            "The payment period for %(next_year)s ended on %(next_year_pay_until)s, but you can still pay for it "
            "late: ask your local office how."
        )
    return text % formatted(values)


def _next_year_waiting(values):
    if "next_year_benefits_from" not in values:
        return None
    return _(
        "After a year without cover, benefits for %(next_year)s start only after a waiting period of at least "
        "%(next_year_waiting_period_months)s months: on %(next_year_benefits_from)s at the earliest."
    ) % formatted(values)


def _year_closed_next(values):
    return _pay_next_year(values) or str(
        _("Pay for the next coverage year during its payment period, so you have no gap in cover.")
    )


OUTCOME_TITLES = {
    Outcome.ALREADY_PAID: _("Already paid"),
    Outcome.NO_NEED_TO_PAY: _("No need to pay"),
    Outcome.COLLECTION_NOT_OPEN: _("Payment has not opened yet"),
    Outcome.CAN_PAY: _("You can pay now"),
    Outcome.CAN_PAY_AFTER_BREAK: _("You can pay now, with a waiting period after your break in cover"),
    Outcome.CAN_PAY_WITH_WAITING_PERIOD: _("You can pay late, with a waiting period"),
    Outcome.PAY_NEXT_YEAR_INSTEAD: _("Pay for the next year instead"),
    Outcome.UNCOVERED_UNTIL_OTHER_START: _("No cover until your other insurance starts"),
    Outcome.GAP_NOT_FILLED: _("Paying now would not fill the gap"),
    Outcome.YEAR_CLOSED: _("This year is closed"),
}

OUTCOME_SUMMARIES = {
    Outcome.ALREADY_PAID: _("No: you have already paid for %(year)s, and a year can be paid only once."),
    Outcome.NO_NEED_TO_PAY: _(
        "No: your other enrolment already covers you in %(year)s, so you do not need to pay resident insurance too."
    ),
    Outcome.COLLECTION_NOT_OPEN: _after_a_break(
        _("Not yet: payment for %(year)s opens on %(collection_start)s."),
        _("Not yet: payment for %(year)s opens on %(collection_start)s. After your break in cover, benefits start "
          "only on %(benefits_from)s, after a waiting period of %(waiting_period_months)s months."),
    ),
    Outcome.CAN_PAY: _("Yes: you can pay for %(year)s until %(collection_end)s."),
    Outcome.CAN_PAY_AFTER_BREAK: _(
        "Yes: you can pay for %(year)s until %(collection_end)s, but after your break in cover, benefits start only "
        "on %(benefits_from)s, after a waiting period of %(waiting_period_months)s months."
    ),
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
    Outcome.GAP_NOT_FILLED: _(
        "No: resident insurance for %(year)s would pay benefits only from %(benefits_from)s, not before your other "
        "insurance starts on %(other_start)s, and what you paid would in principle not be refunded. Do not pay for "
        "this gap."
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
        _after_a_break(
            _("Pay between %(collection_start)s and %(collection_end)s to be covered from %(treatment_start)s."),
            _("Pay between %(collection_start)s and %(collection_end)s, so the waiting period ends on "
              "%(benefits_from)s and not later."),
        ),
    ],
    Outcome.CAN_PAY: [
        _("Pay by %(collection_end)s through the channels your local office lists, such as its app, a bank "
          "or a service counter."),
    ],
    Outcome.CAN_PAY_AFTER_BREAK: [
        _("Pay by %(collection_end)s through the channels your local office lists, such as its app, a bank "
          "or a service counter."),
        _("Ask your local office whether paying back the years without cover shortens the waiting period, and "
          "whether you belong to a group that has none, such as newborns."),
    ],
    Outcome.CAN_PAY_WITH_WAITING_PERIOD: [
        _("Ask your local office whether it still takes payment for that year and from which day you will be covered."),
        _("If you have years without cover, ask whether paying them back shortens the waiting period."),
    ],
    Outcome.PAY_NEXT_YEAR_INSTEAD: [
        _("Do not pay for %(year)s: it would buy no benefits."),
        _pay_next_year,
        _next_year_waiting,
    ],
    Outcome.UNCOVERED_UNTIL_OTHER_START: [
        _("If you may need treatment before %(other_start)s, pay resident insurance for %(year)s and keep the "
          "receipt; if not, you may save the contribution and go without cover until then."),
        _("Once your other insurance starts, ask the office where you paid to suspend the resident enrolment, "
          "so you are not enrolled twice."),
    ],
    Outcome.GAP_NOT_FILLED: [
        _("Do not pay resident insurance for %(year)s to cover the time before %(other_start)s: it would buy no "
          "benefits, and it is not refunded."),
        _("What helps instead: make sure your other insurance really starts on %(other_start)s (ask for the date in "
          "writing), and keep it without a gap afterwards, so no waiting period awaits you later."),
    ],
    Outcome.YEAR_CLOSED: [_year_closed_next, _next_year_waiting],
}


# What a calendar event is called for each day an answer tells the reader to act by or wait for.
CALENDAR_EVENTS = {
    "collection_end": _("Last day to pay resident medical insurance for %(year)s"),
    "benefits_from": _("Resident medical insurance for %(year)s starts paying benefits"),
    "next_year_pay_until": _("Last day to pay resident medical insurance for %(next_year)s"),
    "next_year_benefits_from": _("Resident medical insurance for %(next_year)s starts paying benefits"),
}


def benefits_line(values):
    """Shown with the answer wherever paying would bring a waiting period."""
    if values["as_of"] < values["collection_start"]:
        return _("Benefits from %(benefits_from)s, if you pay within the payment period.") % formatted(values)
    return _("Benefits from %(benefits_from)s, if you pay today.") % formatted(values)



def _break_in_cover(params):
    return ngettext(
        "You had no medical insurance in %(last_year)s. After a break in cover, paying brings a fixed waiting "
        "period of %(fixed_months)s months, even within the payment period.",
        "You had no medical insurance for %(years)s years in a row, up to %(last_year)s. After a break in cover, "
        "paying brings a fixed waiting period of %(fixed_months)s months, even within the payment period, plus "
        "%(extra_months)s for the further years: %(months)s months in all.",
        params["years"],
    ) % formatted(params)


def continuity_needed_message(error):
    return _(
        "Say whether you had medical insurance in %(year)s, the year before the one you asked about: after a break "
        "in cover, paying brings a waiting period."
    ) % {"year": error.year - 1}


REASONS = {
    PayAgainReason.PAID_ONCE_PER_YEAR: _(
        "Resident medical insurance for coverage year %(year)s can be paid only once."
    ),
    PayAgainReason.COLLECTION_NOT_OPEN: _(
        "On %(as_of)s, payment for that year has not opened yet: it opens on %(collection_start)s."
    ),
    PayAgainReason.WITHIN_COLLECTION: _("On %(as_of)s, the payment period is open until %(collection_end)s."),
    PayAgainReason.AFTER_COLLECTION: by_date(
        "treatment_start",
        _("On %(as_of)s, the payment period has closed (it ended on %(collection_end)s), but the cover for that "
          "year is still running."),
        _("On %(as_of)s, the payment period has closed (it ended on %(collection_end)s), and the cover for that "
          "year has not begun yet."),
    ),
    PayAgainReason.FIXED_WAITING_PERIOD: _(
        "Paying after the payment period brings a fixed waiting period of %(months)s months without benefits."
    ),
    PayAgainReason.BREAK_IN_COVER: _break_in_cover,
    PayAgainReason.WAITING_PERIOD_EXEMPTIONS: _(
        "Newborns and some other groups have no waiting period; which groups is set locally, so ask your local "
        "office whether you belong to one."
    ),
    PayAgainReason.AFTER_TREATMENT: _(
        "On %(as_of)s, the cover for that year has already ended (on %(treatment_end)s)."
    ),
    PayAgainReason.LATE_PAYMENT_BUYS_NOTHING: _(
        "Paid today, benefits would start on %(benefits_from)s, after the cover for that year ends on "
        "%(treatment_end)s: the payment would buy no benefits."
    ),
    PayAgainReason.NEXT_YEAR_OPEN_NOW: _(
        "Coverage year %(year)s can be paid now, until %(collection_end)s; its cover runs from %(treatment_start)s."
    ),
    PayAgainReason.NEXT_YEAR_OPENS_LATER: _(
        "Coverage year %(year)s can be paid from %(collection_start)s until %(collection_end)s; its cover runs "
        "from %(treatment_start)s."
    ),
    PayAgainReason.NEXT_YEAR_LATE_TOO: _(
        "The payment period for coverage year %(year)s also ended, on %(collection_end)s: it can still be paid "
        "late, with a waiting period."
    ),
    PayAgainReason.NEXT_YEAR_WAITING_PERIOD: _(
        "Without cover in the year you asked about, paying for %(year)s brings a waiting period of at least "
        "%(months)s months: benefits from %(benefits_from)s at the earliest."
    ),
    PayAgainReason.UNCOVERED_UNTIL_OTHER_START: naming_the_scheme(_(
        "Your %(scheme)s starts on %(other_start)s, after the cover for that year began: until then, you have no "
        "medical insurance."
    )),
    PayAgainReason.RESIDENT_BENEFITS_NOT_BEFORE_OTHER_START: _(
        "Resident insurance would pay benefits only from %(benefits_from)s, not before your other insurance starts "
        "on %(other_start)s, so it would not fill the gap."
    ),
    PayAgainReason.NO_REFUND_ONCE_COVER_BEGAN: _(
        "Your other insurance starts on %(other_start)s, after the first day of resident cover "
        "(%(treatment_start)s): the resident enrolment is then suspended, and what you paid is in principle not "
        "refunded."
    ),
    PayAgainReason.VARIABLE_WAITING_PERIOD: ngettext_lazy(
        "Each further year without cover adds %(months_per_year)s month; paying back a missed year "
        "takes it off again.",
        "Each further year without cover adds %(months_per_year)s months; paying back a missed year "
        "takes them off again.",
        "months_per_year",
    ),
}
