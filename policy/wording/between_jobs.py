"""Words for the between-jobs checker."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..rules.between_jobs import BetweenJobsOutcome as Outcome
from ..rules.between_jobs import BetweenJobsReason, WhyLeaving
from .base import by_date, formatted

INTRO = _(
    "Leaving or losing a job? Find out whether your medical insurance carries on, and what to do so that you "
    "have no gap in cover."
)

NEEDS = [
    _("the last day of your job, and how it ended"),
    _("how many whole years of unemployment insurance you and your employers paid"),
    _("the day your next job starts, if you know it"),
]

WHY_LABELS = {
    WhyLeaving.CONTRACT_ENDED: _("My contract ended and was not renewed"),
    WhyLeaving.EMPLOYER_ENDED: _("My employer ended it: dismissed or laid off"),
    WhyLeaving.RESIGNED: _("I resigned"),
    WhyLeaving.RESIGNED_EMPLOYER_FAULT: _(
        "I resigned because my employer did not pay my wages or insurance, forced me to work, or did not "
        "provide the agreed working conditions"
    ),
}

OUTCOME_TITLES = {
    Outcome.BENEFIT_COVERS_MEDICAL: _("Unemployment benefit keeps your medical insurance"),
    Outcome.NEW_JOB_KEEPS_COVER: _("Your new job keeps you covered"),
    Outcome.CHOOSE_HOW_TO_STAY_COVERED: _("Choose how to stay covered"),
    Outcome.CHECK_LOCALLY: _("Ask your local office how to stay covered"),
}

OUTCOME_SUMMARIES = {
    Outcome.BENEFIT_COVERS_MEDICAL: _(
        "You can draw unemployment benefit for up to %(benefit_months)s months. While you draw it, you stay in "
        "employee medical insurance and the unemployment fund pays the premiums."
    ),
    Outcome.NEW_JOB_KEEPS_COVER: _(
        "Your new job starts before a whole calendar month passes without cover, so you need not pay anything "
        "in between."
    ),
    Outcome.CHOOSE_HOW_TO_STAY_COVERED: _(
        "You get no unemployment benefit, so your employee medical insurance usually ends with the job: you have "
        "no cover from %(uncovered_from)s unless you pay for it yourself. Resident insurance would pay from "
        "%(benefits_from)s."
    ),
    Outcome.CHECK_LOCALLY: _(
        "You get no unemployment benefit, so your employee medical insurance usually ends with the job: you have "
        "no cover from %(uncovered_from)s. How you can stay covered depends on rules your local office sets."
    ),
}

ASK_FLEXIBLE = _(
    "Ask your local medical insurance office whether you may join employee medical insurance as a flexible "
    "worker, what it costs a month, and whether your household registration or residence permit must be local."
)

NEXT_STEPS = {
    Outcome.BENEFIT_COVERS_MEDICAL: [
        _("Ask your employer for the certificate that your contract has ended."),
        _("Register as unemployed with the public employment service as soon as you can: the benefit, and the "
          "medical insurance with it, run only from the day you register."),
        _("Tell the office when you start a new job: the benefit stops then, and your new employer enrols you."),
    ],
    Outcome.NEW_JOB_KEEPS_COVER: [
        _("Ask your new employer to enrol you in employee medical insurance from your first month."),
        _("Check in your medical insurance app that the new enrolment shows, with no month missing."),
    ],
    Outcome.CHOOSE_HOW_TO_STAY_COVERED: [
        ASK_FLEXIBLE,
        _("Or pay resident medical insurance for %(resident_year)s: it costs less, but its years do not count "
          "towards the years of employee insurance you need at retirement."),
        _("Confirm with your local office from which day your employee insurance ends: some regions differ."),
    ],
    Outcome.CHECK_LOCALLY: [
        ASK_FLEXIBLE,
        _("Ask how you can enrol in resident medical insurance now, and how long you would wait before it pays."),
    ],
}


def _benefit_months(params):
    return ngettext(
        "With %(years)s year of unemployment insurance paid, the benefit lasts at most %(months)s months.",
        "With %(years)s years of unemployment insurance paid, the benefit lasts at most %(months)s months.",
        params["years"],
    ) % formatted(params)


def _resident(params):
    if params["waiting_months"]:
        text = _(
            "Resident medical insurance: pay for %(year)s. Paid on %(as_of)s, after a waiting period of "
            "%(waiting_months)s months, it pays from %(benefits_from)s."
        )
    else:
        text = _(
            "Resident medical insurance: pay for %(year)s between %(collection_start)s and %(collection_end)s; "
            "it pays from %(benefits_from)s."
        )
    return text % formatted(params)


REASONS = {
    BetweenJobsReason.NEW_JOB_NEXT_MONTH: _(
        "Employee medical insurance is paid by the month. With your new job from %(next_job_start)s, within the "
        "month after the one your last job ended in, no calendar month goes without cover."
    ),
    BetweenJobsReason.NEW_JOB_AFTER_A_GAP: _(
        "With your new job from %(next_job_start)s, you have no employee insurance from %(uncovered_from)s until "
        "the new job begins."
    ),
    BetweenJobsReason.NOT_OWN_WISH: _(
        "Your job ended not by your own wish, as the law counts it: this includes resigning because the "
        "employer did not pay wages or insurance, or forced you to work."
    ),
    BetweenJobsReason.OWN_WISH: _(
        "Unemployment benefit is only for a job that ended not by your own wish. A resignation counts only when "
        "the employer gave you the right to leave at once, for example by not paying your wages."
    ),
    BetweenJobsReason.UNEMPLOYMENT_YEARS_ENOUGH: _(
        "Unemployment insurance was paid for at least one year before the job ended, as the benefit requires."
    ),
    BetweenJobsReason.UNEMPLOYMENT_YEARS_SHORT: _(
        "The benefit requires unemployment insurance paid for at least one year before the job ended."
    ),
    BetweenJobsReason.BENEFIT_MONTHS: _benefit_months,
    BetweenJobsReason.FUND_PAYS_MEDICAL: _(
        "While you draw the benefit, you stay in employee medical insurance and keep its benefits; the "
        "unemployment fund pays the premiums, and you pay nothing."
    ),
    BetweenJobsReason.REGISTER_PROMPTLY: _(
        "The benefit runs from the day you register as unemployed, not from your last day at work. The law "
        "sets no national deadline, but some regions do."
    ),
    BetweenJobsReason.BENEFIT_STOPS: _(
        "The benefit, and the medical insurance with it, stop when you start a new job, join the army, move "
        "abroad, draw a basic pension, or twice refuse suitable work or training without good reason."
    ),
    BetweenJobsReason.BENEFIT_ENDS_WITH_NEW_JOB: _(
        "The benefit, and the medical insurance with it, stop with your new job from %(next_job_start)s; your "
        "new employer then enrols you."
    ),
    BetweenJobsReason.COVER_ENDS_WITH_JOB: by_date(
        "uncovered_from",
        _("Without the benefit, employee medical insurance ends with the job: usually at the end of the month "
          "your job ended in, so the cover stopped on the day before %(uncovered_from)s."),
        _("Without the benefit, employee medical insurance ends with the job: usually at the end of the month "
          "your job ends in, so you have no cover from %(uncovered_from)s."),
    ),
    BetweenJobsReason.FLEXIBLE_WORKER: _(
        "Employee medical insurance as a flexible worker: you pay both the employer's and your own share, and the "
        "years count towards those you need at retirement. Who may join, and the rates, are set locally."
    ),
    BetweenJobsReason.RESIDENT_INSURANCE: _resident,
    BetweenJobsReason.RESIDENT_FILLS_NO_GAP: _(
        "Resident medical insurance paid now would start paying only after your new job begins, so it would "
        "not fill the gap."
    ),
    BetweenJobsReason.RESIDENT_SET_LOCALLY: _(
        "When resident medical insurance would start paying for you depends on a waiting period your local office "
        "sets, or on a break longer than the national rules count."
    ),
    BetweenJobsReason.RESIDENT_YEARS_DO_NOT_COUNT: _(
        "Only years of employee medical insurance count towards the years you need at retirement; resident "
        "years do not."
    ),
}
