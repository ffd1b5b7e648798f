"""The checkers' names, declared once; FAQ articles refer to them, so this module imports nothing else."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckerSlug(models.TextChoices):
    PAY_AGAIN = "pay-again", _("Can I pay the medical insurance again?")
    REFUND = "refund", _("Can I get my contribution refunded?")
    CARD_USE = "card-use", _("What can my medical insurance card pay for?")
    RETIREMENT = "retirement", _("Must I keep paying after I retire?")
    BETWEEN_JOBS = "between-jobs", _("My job is ending: how do I stay insured?")
