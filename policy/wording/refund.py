"""Words for the refund checker; the refund outcomes it shares with pay-again are in enrolment.py."""

from django.utils.translation import gettext_lazy as _

from ..rules.decision import Outcome

INTRO = _(
    "Paid resident medical insurance and then started a job with employee insurance, or enrolled in "
    "another area? Find out whether your contribution can come back."
)

NEEDS = [
    _("the coverage year you paid for"),
    _("whether you are also enrolled in another scheme, and since when"),
]

OUTCOME_TITLES = {
    Outcome.NO_DUPLICATE: _("No duplicate enrolment"),
}

OUTCOME_SUMMARIES = {
    Outcome.NO_DUPLICATE: _(
        "You are not enrolled twice for %(year)s, so there is no duplicate contribution to refund."
    ),
}

NEXT_STEPS = {
    Outcome.NO_DUPLICATE: [
        _("Keep your resident enrolment: there is nothing to refund."),
        _("If you start a job with employee medical insurance later, check again."),
    ],
}

REASONS = {}
