"""The checkers' questions, one form per checker; each validates query strings for the pages and the API alike."""

from .between_jobs import BetweenJobsForm
from .card_use import CardUseForm
from .enrolment import EnrolmentForm, PayAgainForm, RefundForm
from .retirement import MonthField, RetirementForm

__all__ = [
    "EnrolmentForm",
    "PayAgainForm",
    "RefundForm",
    "MonthField",
    "RetirementForm",
    "CardUseForm",
    "BetweenJobsForm",
]
