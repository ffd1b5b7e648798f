"""Every sentence the checkers show, in one place, translatable. The rules return codes; this names them."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .choices import CheckerSlug
from .rules.citations import Confidence, Source
from .rules.decision import Outcome
from .rules.parameters import OverlappingParameterRows

CHECKER_INTROS = {
    CheckerSlug.PAY_AGAIN: _(
        "Find out whether you need to pay resident medical insurance for a year, whether you still can, "
        "and what happens if you have paid twice."
    ),
    CheckerSlug.REFUND: _(
        "Paid resident medical insurance and then started a job with employee insurance, or enrolled in "
        "another area? Find out whether your contribution can come back."
    ),
}

CHECKER_NEEDS = {
    CheckerSlug.PAY_AGAIN: [
        _("the coverage year you are asking about"),
        _("whether you have already paid for it"),
        _("whether you are also enrolled in another scheme, and since when"),
    ],
    CheckerSlug.REFUND: [
        _("the coverage year you paid for"),
        _("whether you are also enrolled in another scheme, and since when"),
    ],
}

OTHER_SCHEMES = {
    "none": _("No, only resident medical insurance"),
    "employee": _("Yes, employee medical insurance through an employer"),
    "resident_elsewhere": _("Yes, resident medical insurance in another area"),
}

OTHER_SCHEME_NAMES = {
    "employee": _("employee medical insurance"),
    "resident_elsewhere": _("resident medical insurance in another area"),
}

OUTCOME_TITLES = {
    Outcome.NO_DUPLICATE: _("No duplicate enrolment"),
    Outcome.REFUND_ELIGIBLE: _("Refund possible"),
    Outcome.REFUND_NOT_ELIGIBLE: _("No refund, in principle"),
    Outcome.ALREADY_PAID: _("Already paid"),
    Outcome.NO_NEED_TO_PAY: _("No need to pay"),
    Outcome.COLLECTION_NOT_OPEN: _("Payment has not opened yet"),
    Outcome.CAN_PAY: _("You can pay now"),
    Outcome.CAN_PAY_WITH_WAITING_PERIOD: _("You can pay late, with a waiting period"),
    Outcome.YEAR_CLOSED: _("This year is closed"),
}

OUTCOME_SUMMARIES = {
    Outcome.NO_DUPLICATE: _(
        "You are not enrolled twice for %(year)s, so there is no duplicate contribution to refund."
    ),
    Outcome.REFUND_ELIGIBLE: _(
        "Yes: you can end your resident enrolment for %(year)s and get your own contribution back, "
        "but not the government subsidy."
    ),
    Outcome.REFUND_NOT_ELIGIBLE: _(
        "In principle, no: your resident enrolment for %(year)s is suspended and your contribution is not refunded."
    ),
    Outcome.ALREADY_PAID: _("No: you have already paid for %(year)s, and a year can be paid only once."),
    Outcome.NO_NEED_TO_PAY: _(
        "No: your other enrolment already covers you in %(year)s, so you do not need to pay resident insurance too."
    ),
    Outcome.COLLECTION_NOT_OPEN: _("Not yet: payment for %(year)s opens on %(collection_start)s."),
    Outcome.CAN_PAY: _("Yes: you can pay for %(year)s until %(collection_end)s."),
    Outcome.CAN_PAY_WITH_WAITING_PERIOD: _(
        "Yes, but late: if you pay for %(year)s now, you wait at least %(waiting_period_months)s months "
        "before the insurance pays."
    ),
    Outcome.YEAR_CLOSED: _("No: the cover for %(year)s ended on %(treatment_end)s, so it can no longer be paid."),
}

# Before 2025 there was no national waiting period, so the late-payment answer has no months to give.
LATE_WITHOUT_NATIONAL_WAITING = _(
    "Yes, but late: if you pay for %(year)s now, a waiting period set by your local office may apply."
)

NEXT_STEPS = {
    Outcome.NO_DUPLICATE: [
        _("Keep your resident enrolment: there is nothing to refund."),
        _("If you start a job with employee medical insurance later, check again."),
    ],
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
    Outcome.YEAR_CLOSED: [
        _("Pay for the next coverage year during its payment period, so you have no gap in cover."),
    ],
}

REASONS = {
    "no_other_enrolment": _("You are not enrolled in any other medical insurance scheme."),
    "other_enrolment_after_year": _(
        "Your other enrolment started on %(other_start)s, after the cover for that year ended on "
        "%(treatment_end)s, so the two do not overlap."
    ),
    "enrolled_elsewhere": _(
        "You are also enrolled in %(scheme)s since %(other_start)s, within that coverage year."
    ),
    "keep_employee_enrolment": _(
        "When someone has both, employee medical insurance is usually kept and the resident enrolment ends."
    ),
    "keep_usual_residence": _(
        "When someone has resident insurance in two areas, the one where they usually live is usually kept."
    ),
    "started_before_treatment": _(
        "Your other enrolment started on %(other_start)s, before the cover of your resident insurance began "
        "on %(treatment_start)s."
    ),
    "subsidy_not_refunded": _("Only your own contribution can come back: the government subsidy is not refunded."),
    "continuity_rewards_lost": _(
        "Ending resident cover also restarts the count of continuous years that raises your cover for "
        "serious illness."
    ),
    "started_during_treatment": _(
        "Your other enrolment started on %(other_start)s, on or after the day the cover of your resident "
        "insurance began (%(treatment_start)s)."
    ),
    "no_double_benefits": _("Benefits can never be claimed from two enrolments for the same time."),
    "paid_once_per_year": _("Resident medical insurance for coverage year %(year)s can be paid only once."),
    "collection_not_open": _(
        "On %(as_of)s, payment for that year has not opened yet: it opens on %(collection_start)s."
    ),
    "within_collection": _("On %(as_of)s, the payment period is open until %(collection_end)s."),
    "after_collection": _(
        "On %(as_of)s, the payment period has closed (it ended on %(collection_end)s), but the cover for that "
        "year is still running."
    ),
    "fixed_waiting_period": _(
        "Paying after the payment period brings a fixed waiting period of %(months)s months without benefits."
    ),
    "waiting_period_set_locally": _(
        "No national waiting period applied to coverage year %(year)s: any waiting period was set by the local office."
    ),
    "after_treatment": _("On %(as_of)s, the cover for that year has already ended (on %(treatment_end)s)."),
}

PERIODS_NATIONAL = _(
    "Usually, payment for coverage year %(year)s is open from %(collection_start)s to %(collection_end)s, "
    "and the cover runs from %(treatment_start)s to %(treatment_end)s."
)
PERIODS_REGIONAL = _(
    "In %(region_name)s, payment for coverage year %(year)s is open from %(collection_start)s to "
    "%(collection_end)s, and the cover runs from %(treatment_start)s to %(treatment_end)s."
)

CONFIDENCE_LABELS = {
    Confidence.P: _("legal text"),
    Confidence.Q: _("official text, as quoted"),
    Confidence.S: _("secondary source"),
    Confidence.L: _("local rule"),
}

SOURCE_TITLES = {
    Source.FUND_REGULATION: _(
        "Regulation on the Supervision and Administration of the Use of Medical Security Funds "
        "(State Council Order No. 735)"
    ),
    Source.OPINION_38: _("State Council General Office opinion on continuous basic medical insurance enrolment"),
    Source.LOCAL_GUIDANCE: _("Guidance published by local medical insurance offices"),
    Source.USUAL_LOCAL_PERIODS: _("Local payment notices for resident medical insurance"),
}

OPINION_38_NUMBER = "国办发〔2024〕38号"

# What a citation of local guidance is about, by the clause it supports.
LOCAL_GUIDANCE_TOPICS = {
    "DUP-1": _("paying twice, and refunds of a duplicate contribution; no national document number confirmed"),
    "DUP-2": _("suspension of a duplicate enrolment; no national document number confirmed"),
    "DUP-3": _("which of two enrolments is kept; set locally"),
    "RES-4/5": _("rewards for continuous enrolment from 2025"),
}

LOCAL_CHECK = _(
    "Part of this answer rests on local rules or on secondary sources. Check with your local medical insurance "
    "office before you act."
)

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


def _format(value):
    return date_format(value, "DATE_FORMAT") if hasattr(value, "isoformat") else value


def _formatted(values):
    return {key: _format(value) for key, value in values.items()}


def reason_text(reason):
    params = _formatted(reason.params)
    if reason.code == "periods":
        return (PERIODS_REGIONAL if reason.params["region_name"] else PERIODS_NATIONAL) % params
    if reason.code == "enrolled_elsewhere":
        return REASONS[reason.code] % {**params, "scheme": OTHER_SCHEME_NAMES[reason.params["other_scheme"]]}
    if reason.code == "waiting_period_on_return":
        return ngettext(
            "If you return to resident insurance later, you may first wait at least %(fixed_months)s months "
            "without benefits, plus %(months_per_uncovered_year)s month for each further year without cover.",
            "If you return to resident insurance later, you may first wait at least %(fixed_months)s months "
            "without benefits, plus %(months_per_uncovered_year)s months for each further year without cover.",
            reason.params["months_per_uncovered_year"],
        ) % params
    if reason.code == "variable_waiting_period":
        return ngettext(
            "Each further year without cover adds %(months_per_year)s month; paying back a missed year "
            "takes it off again.",
            "Each further year without cover adds %(months_per_year)s months; paying back a missed year "
            "takes them off again.",
            reason.params["months_per_year"],
        ) % params
    return REASONS[reason.code] % params


def citation_data(citation):
    if citation.source is None:
        title, reference = citation.title, citation.reference
    else:
        title = SOURCE_TITLES[citation.source]
        if citation.article is not None:
            reference = _("Article %(number)s") % {"number": citation.article}
        elif citation.source is Source.OPINION_38:
            reference = OPINION_38_NUMBER
        elif citation.source is Source.USUAL_LOCAL_PERIODS:
            reference = _("usual periods: pay September to December, covered January to December of the next year")
        else:
            reference = LOCAL_GUIDANCE_TOPICS[citation.clause]
    return {
        "title": str(title),
        "reference": str(reference),
        "url": citation.url,
        "clauses": [citation.clause],
        "confidence": citation.confidence.value,
        "confidence_label": str(CONFIDENCE_LABELS[citation.confidence]),
    }


def citations_data(citations):
    """One entry per source as the reader sees it, listing every clause it supports."""
    merged = {}
    for citation in citations:
        data = citation_data(citation)
        key = (data["title"], data["reference"], data["url"], data["confidence"])
        if key in merged:
            merged[key]["clauses"] += data["clauses"]
        else:
            merged[key] = data
    return list(merged.values())


def present(decision, year):
    """The decision in words: what pages and API show."""
    values = _formatted({"year": year, **decision.figures})
    outcome = decision.outcome
    citations = citations_data(decision.citations)
    if outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD and "waiting_period_months" not in decision.figures:
        summary = LATE_WITHOUT_NATIONAL_WAITING % values
    else:
        summary = OUTCOME_SUMMARIES[outcome] % values
    return {
        "title": str(OUTCOME_TITLES[outcome]),
        "summary": summary,
        "reasons": [
            {"code": reason.code, "clause": reason.clause, "text": reason_text(reason)} for reason in decision.reasons
        ],
        "next_steps": [str(step) % values for step in NEXT_STEPS[outcome]],
        "citations": citations,
        "local_check": str(LOCAL_CHECK) if decision.needs_local_check else "",
        "local_check_sources": list(
            dict.fromkeys(data["title"] for data in citations if data["confidence"] != Confidence.P.value)
        ),
    }
