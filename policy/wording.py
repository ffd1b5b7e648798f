"""Every sentence the checkers show, in one place, translatable. The rules return codes; this names them."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .choices import CheckerSlug
from .rules.citations import Confidence, Source
from .rules.decision import Outcome
from .rules.parameters import OverlappingParameterRows, ParameterError
from .rules.retirement import LocalYearsNeeded
from .typography import typeset

CHECKER_INTROS = {
    CheckerSlug.PAY_AGAIN: _(
        "Find out whether you need to pay resident medical insurance for a year, whether you still can, "
        "and what happens if you have paid twice."
    ),
    CheckerSlug.REFUND: _(
        "Paid resident medical insurance and then started a job with employee insurance, or enrolled in "
        "another area? Find out whether your contribution can come back."
    ),
    CheckerSlug.CARD_USE: _(
        "Find out whether your employee medical insurance card may pay for a treatment or for a relative, "
        "and why it may never be turned into cash."
    ),
    CheckerSlug.RETIREMENT: _(
        "Find out when you reach the new retirement age, and whether you stop paying employee medical "
        "insurance then or must first pay up to the years your region requires."
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
    CheckerSlug.CARD_USE: [
        _("what you want the card to pay for: cash, a relative's costs or a treatment"),
        _("for a relative: how you are related"),
        _("for a treatment: what caused it and whether the hospital or pharmacy is designated"),
    ],
    CheckerSlug.RETIREMENT: [
        _("your birth month, and your old retirement age (60, 55 or 50)"),
        _("how many years of employee medical insurance you have, including deemed years"),
        _("your region, and how many of your years were paid there"),
    ],
}

OTHER_SCHEMES = {
    "none": _("No, only resident medical insurance"),
    "employee": _("Yes, employee medical insurance through an employer"),
    "resident_elsewhere": _("Yes, resident medical insurance in another area"),
}

RETIREMENT_CATEGORIES = {
    "male_60": _("Man (old retirement age 60)"),
    "female_55": _("Woman with old retirement age 55 (usually managerial or professional posts)"),
    "female_50": _("Woman with old retirement age 50 (usually worker posts)"),
}

CARD_USES = {
    "cash": _("Getting cash, or selling medicines bought with the card"),
    "relative": _("A relative's medical costs"),
    "treatment": _("My own treatment or medicines"),
}

RELATIONS = {
    "spouse": _("Husband or wife"),
    "parent": _("Parent"),
    "child": _("Child"),
    "sibling": _("Brother or sister"),
    "grandparent": _("Grandparent (on either side)"),
    "grandchild": _("Grandchild"),
    "other": _("Someone else (for example a cousin, an in-law or a friend)"),
}

CAUSES = {
    "illness": _("An illness, or a routine visit"),
    "emergency": _("An emergency"),
    "work_injury": _("An injury or illness from work"),
    "third_party": _("An injury someone else caused, such as a traffic accident"),
    "public_health": _("A public-health service"),
    "abroad": _("Treatment outside mainland China"),
}

THIRD_PARTY_ANSWERS = {
    "yes": _("Yes, they have paid"),
    "no": _("No, they do not pay"),
    "unknown": _("They cannot be found, or I do not know yet"),
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
    Outcome.NO_MORE_PREMIUMS: _("No more premiums after you retire"),
    Outcome.PAY_UP_TO_REQUIRED_YEARS: _("Pay up to the required years"),
    Outcome.CHECK_LOCALLY: _("Ask your local office for the years you need"),
    Outcome.PROHIBITED: _("Cashing out is prohibited"),
    Outcome.ALLOWED: _("Your account can pay for this relative"),
    Outcome.NOT_ALLOWED: _("Your account cannot pay for this person"),
    Outcome.COVERED: _("Medical insurance pays"),
    Outcome.NOT_COVERED: _("Medical insurance does not pay"),
    Outcome.FUND_PAYS_FIRST: _("The fund pays first, then recovers the money"),
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
    Outcome.NO_MORE_PREMIUMS: _(
        "No: your %(years_paid)s years meet what %(region_name)s requires, so you stop paying when you retire "
        "in %(retirement_month)s."
    ),
    Outcome.PAY_UP_TO_REQUIRED_YEARS: _(
        "Yes, for a while: you are %(shortfall_years)s years short of what %(region_name)s requires, and may pay "
        "them when you retire in %(retirement_month)s; after that you pay no more."
    ),
    Outcome.CHECK_LOCALLY: _(
        "It depends on your region: you retire in %(retirement_month)s, and the years you need before you stop "
        "paying are set locally, so ask your local medical insurance office."
    ),
    Outcome.PROHIBITED: _(
        "No: you may never turn your medical insurance card into cash, resell medicines bought with it, "
        "or lend it to anyone."
    ),
    Outcome.ALLOWED: _(
        "Yes: your employee personal account can pay this relative's own share of medical costs at designated "
        "hospitals and pharmacies."
    ),
    Outcome.NOT_ALLOWED: _("No: your personal account cannot pay this person's medical costs."),
    Outcome.COVERED: _(
        "Yes: the fund pays its share of this treatment, settled directly with the hospital or pharmacy."
    ),
    Outcome.NOT_COVERED: _("No: the medical insurance fund does not pay for this treatment."),
    Outcome.FUND_PAYS_FIRST: _(
        "Yes, for now: the fund pays first and then claims the money back from the person responsible."
    ),
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
    Outcome.NO_MORE_PREMIUMS: [
        _("Before you retire, ask your medical insurance office to confirm your years, deemed years included."),
        _("Keep your employee medical insurance until you retire, so no gap breaks the count."),
    ],
    Outcome.PAY_UP_TO_REQUIRED_YEARS: [
        _("Ask the medical insurance office where you will draw benefits how to pay the missing years: "
          "in one payment or month by month, and at what rate."),
        _("If you paid in other regions, ask for those years to be transferred: they may count."),
    ],
    Outcome.CHECK_LOCALLY: [
        _("Ask the medical insurance office where you will draw benefits how many years it requires, and whether "
          "deemed years and years paid elsewhere count."),
        _("Bring your contribution record: your medical insurance app or the service counter can print it."),
    ],
    Outcome.PROHIBITED: [
        _("If someone offers cash for your card or your medicines, refuse."),
        _("To help family with medical costs, link them to your personal account instead."),
    ],
    Outcome.ALLOWED: [
        _("Link the relative to your personal account in your medical insurance app or at the service counter. "
          "Bring both IDs and proof of the relationship."),
        _("Ask your local office which relatives it accepts and how to link them."),
    ],
    Outcome.NOT_ALLOWED: [
        _("Do not lend your card: that is not allowed and can be punished."),
        _("If the person has medical insurance of their own, they use their own card."),
    ],
    Outcome.COVERED: [
        _("Show your medical insurance card, or its code in your app, when you pay."),
        _("Drugs and treatments that are not on the official lists are yours to pay."),
    ],
    Outcome.NOT_COVERED: [
        _("Keep your receipts: the reasons above say who pays instead."),
        _("If you think an exception applies, ask your local medical insurance office."),
    ],
    Outcome.FUND_PAYS_FIRST: [
        _("Tell the hospital and the medical insurance office that someone else caused the injury. They may ask "
          "for a police or accident report."),
        _("If the person responsible pays you later, tell the office: the same cost must not be paid twice."),
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
    "article_27": _(
        "Article 27 of the Social Insurance Law: if you reach retirement age with the required years of employee "
        "medical insurance, you pay no more premiums and keep your benefits; if you fall short, you may pay up to "
        "the required years. The law sets no national number of years."
    ),
    "required_years_set_locally": _(
        "Each region sets the number of years itself, so without your region we cannot say how many you need."
    ),
    "no_required_years_for_region": _(
        "We have no checked figure for the years %(region_name)s requires of someone retiring in "
        "%(retirement_month)s."
    ),
    "required_years": _(
        "For a retirement in that month, %(region_name)s requires %(required_years)s years of employee medical "
        "insurance."
    ),
    "years_paid_enough": _("You have %(years_paid)s years, which meets the %(required_years)s required."),
    "years_paid_short": _("You have %(years_paid)s years: %(shortfall)s short of the %(required_years)s required."),
    "local_years_enough": _(
        "%(region_name)s also asks for at least %(min_local_years)s years paid there, and you have %(years_local)s."
    ),
    "local_years_short": _(
        "%(region_name)s also asks for at least %(min_local_years)s years paid there; you have %(years_local)s, "
        "%(shortfall)s short."
    ),
    "pension_minimum": _(
        "The basic pension has its own minimum: %(years)s years of contributions for someone retiring in %(year)s."
    ),
    "rules_may_change": _(
        "Your retirement is still ahead, and regions change the years they require: check again closer to the time."
    ),
    "cash_out_prohibited": _(
        "The card may not be used to resell medicines or to get cash or goods back, and may not be lent to anyone."
    ),
    "losses_returned_settlement_suspended": _(
        "Anyone who does so must repay what the fund lost, and paying bills directly with the card can be "
        "suspended for %(min)s to %(max)s months."
    ),
    "fraud_fine": _("Where the aim was to cheat the fund, the fine is %(min)s to %(max)s times the amount."),
    "fraud_prosecution": _("Cheating the fund can also be prosecuted as fraud."),
    "relation_not_covered": _(
        "The personal account pays only for the holder's spouse, parents, children, brothers and sisters, "
        "grandparents and grandchildren."
    ),
    "card_not_to_be_lent": _("Lending your card so someone else can pay with it is not allowed."),
    "close_relatives_not_yet": _(
        "On %(as_of)s this was not yet in force: the national guidance for spouses, parents and children dates "
        "from %(in_force_from)s."
    ),
    "near_relatives_not_yet": _(
        "On %(as_of)s this was not yet in force everywhere: all provinces let the account pay for brothers and "
        "sisters, grandparents and grandchildren from %(in_force_from)s."
    ),
    "close_relatives_allowed": _(
        "Since national guidance of %(in_force_from)s, the personal account may pay the share a spouse, parent or "
        "child pays themselves."
    ),
    "near_relatives_allowed": _(
        "Since %(in_force_from)s, every province lets the personal account pay for brothers and sisters, "
        "grandparents and grandchildren as well."
    ),
    "family_use_limits": _(
        "It pays at designated hospitals and pharmacies only, and not for public-health costs, fitness or wellness."
    ),
    "relatives_premiums": _(
        "Since %(in_force_from)s it may also pay these relatives' resident medical insurance premiums."
    ),
    "family_wallet_across_provinces": _(
        "Across provinces, a national family “wallet” is being tried: linking is voluntary, and the link ends when "
        "either enrolment ends or moves."
    ),
    "work_injury_fund_pays": _("Costs of a work injury are paid by the work-injury insurance fund, not by this fund."),
    "public_health_excluded": _("Public-health costs are not paid by medical insurance."),
    "abroad_excluded": _("Treatment outside mainland China is not paid by medical insurance."),
    "not_designated": _(
        "Hospitals and pharmacies that are not designated for medical insurance are not covered, except in an "
        "emergency."
    ),
    "settled_at_designated": _("At a designated hospital or pharmacy, the bill is settled directly with your card."),
    "emergency_anywhere": _("In an emergency, treatment is covered even where the hospital is not designated."),
    "third_party_paid": _("Costs someone else is liable for, and has paid, are not paid again by the fund."),
    "third_party_not_paying": _("The person responsible for the injury does not pay."),
    "third_party_unknown": _("The person responsible cannot be identified, or it is not yet known whether they pay."),
    "fund_recovers": _("Then the fund pays first and recovers the money from the person responsible."),
    "listed_drugs_and_treatment": _("The fund pays for drugs and treatment on the official lists, and emergency care."),
    "older_local_exclusions": _(
        "Some older local rules also refuse to pay for injuries from fighting, drug abuse or self-harm. National "
        "law does not list these; ask your local office what applies where you live."
    ),
}

# Reasons whose dates the sources give to the month only.
MONTH_ONLY_REASONS = {"close_relatives_not_yet", "close_relatives_allowed"}
MONTH_FIGURES = {"retirement_month", "original_month"}

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
    Source.SOCIAL_INSURANCE_LAW: _("Social Insurance Law of the PRC"),
    Source.RETIREMENT_DECISION: _(
        "NPC Standing Committee decision on gradually raising the statutory retirement age, with the State "
        "Council measures"
    ),
    Source.OPINION_14: _(
        "State Council General Office guidance on outpatient mutual aid in employee basic medical insurance"
    ),
    Source.SECONDARY_REPORTS: _("News reports and secondary summaries of national medical insurance guidance"),
    Source.FUND_REGULATION: _(
        "Regulation on the Supervision and Administration of the Use of Medical Security Funds "
        "(State Council Order No. 735)"
    ),
    Source.OPINION_38: _("State Council General Office opinion on continuous basic medical insurance enrolment"),
    Source.LOCAL_GUIDANCE: _("Guidance published by local medical insurance offices"),
    Source.USUAL_LOCAL_PERIODS: _("Local payment notices for resident medical insurance"),
}

# What the reader is shown under a national source that is not cited by article.
SOURCE_REFERENCES = {
    Source.OPINION_38: "国办发〔2024〕38号",
    Source.OPINION_14: _("国办发〔2021〕14号, April 2021; we have not read the text itself"),
    Source.RETIREMENT_DECISION: _("in force from 1 January 2025"),
    Source.USUAL_LOCAL_PERIODS: _(
        "usual periods: pay September to December, covered January to December of the next year"
    ),
}

# What a citation of local guidance or secondary reports is about, by the clause it supports.
CLAUSE_TOPICS = {
    "DUP-1": _("paying twice, and refunds of a duplicate contribution; no national document number confirmed"),
    "DUP-2": _("suspension of a duplicate enrolment; no national document number confirmed"),
    "DUP-3": _("which of two enrolments is kept; set locally"),
    "RES-4/5": _("rewards for continuous enrolment from 2025"),
    "EMP-2": _("years of employee medical insurance required at retirement; each region sets its own"),
    "FAM-2": _("near relatives added in every province by 9 December 2024, including their resident premiums"),
    "FAM-3": _("cross-province family “wallet”; trial procedures reported for 2025 and 2026"),
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


RETIREMENT_LINE = _("Your statutory retirement: %(retirement_month)s, at %(retirement_age)s.")

REQUIRED_YEARS_RECORDED_TWICE = _(
    "The years %(region)s requires are recorded twice for %(month)s, so we cannot answer safely. "
    "Ask your local medical insurance office."
)
LOCAL_YEARS_NEEDED = _(
    "%(region)s also asks for at least %(years)s years paid there. Enter how many of your years were paid "
    "in %(region)s."
)


def cannot_decide_message(error, region_name):
    """What the reader should change when the rules cannot answer, said on the answer concerned."""
    if isinstance(error, ParameterError):
        return parameter_error_message(error, region_name)
    if isinstance(error, LocalYearsNeeded):
        return LOCAL_YEARS_NEEDED % {"region": region_name, "years": error.min_local_years}
    return REQUIRED_YEARS_RECORDED_TWICE % {"region": region_name, "month": month_text(str(error.month))}


def parameter_error_message(error, region_name):
    if isinstance(error, OverlappingParameterRows):
        return YEAR_RECORDED_TWICE % {"year": error.year}
    if error.region_code and error.table == "periods":
        return YEAR_NOT_COVERED_IN_REGION % {"year": error.year, "region": region_name}
    return YEAR_NOT_COVERED % {"year": error.year}


def month_text(month):
    """"2031-05" as the reader's language writes a month, e.g. "May 2031"."""
    year, number = month.split("-")
    return date_format(date(int(year), int(number), 1), "YEAR_MONTH_FORMAT")


def age_text(years, months):
    if not months:
        return _("%(years)s years") % {"years": years}
    return ngettext(
        "%(years)s years and %(months)s month", "%(years)s years and %(months)s months", months
    ) % {"years": years, "months": months}


def _format(key, value):
    if key in MONTH_FIGURES:
        return month_text(value)
    if key == "retirement_age":
        return age_text(**value)
    return date_format(value, "DATE_FORMAT") if hasattr(value, "isoformat") else value


def _formatted(values):
    return {key: _format(key, value) for key, value in values.items()}


def reason_text(reason):
    params = _formatted(reason.params)
    if reason.code in MONTH_ONLY_REASONS:
        params["in_force_from"] = date_format(reason.params["in_force_from"], "YEAR_MONTH_FORMAT")
    if reason.code in ("retirement_raised", "retirement_unchanged"):
        return retirement_text(reason.code, params)
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


def retirement_text(code, params):
    age = age_text(params["years"], params["months"])
    if code == "retirement_unchanged":
        return _(
            "You reached the old retirement age in %(retirement_month)s, before the reform began in January 2025, "
            "so you retire at %(age)s."
        ) % {**params, "age": age}
    return ngettext(
        "Under the 2025 reform, your old retirement month, %(original_month)s, moves %(delay_months)s month "
        "later: you retire in %(retirement_month)s, at %(age)s.",
        "Under the 2025 reform, your old retirement month, %(original_month)s, moves %(delay_months)s months "
        "later: you retire in %(retirement_month)s, at %(age)s.",
        params["delay_months"],
    ) % {**params, "age": age}


def citation_data(citation):
    if citation.source is None:
        title, reference = citation.title, citation.reference
    else:
        title = SOURCE_TITLES[citation.source]
        if citation.article is not None:
            reference = _("Article %(number)s") % {"number": citation.article}
        else:
            reference = SOURCE_REFERENCES.get(citation.source) or CLAUSE_TOPICS[citation.clause]
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


def present(decision, answers):
    """The decision in words: what pages and API show. `answers` are the form's values the sentences name."""
    values = _formatted({**answers, "as_of": decision.as_of, **decision.figures})
    outcome = decision.outcome
    citations = citations_data(decision.citations)
    if outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD and "waiting_period_months" not in decision.figures:
        summary = LATE_WITHOUT_NATIONAL_WAITING % values
    else:
        summary = OUTCOME_SUMMARIES[outcome] % values
    answer = {
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
    if "retirement_month" in decision.figures:
        answer["retirement"] = RETIREMENT_LINE % values
    return typeset(answer)
