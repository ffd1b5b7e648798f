"""The card use checker's questions."""


from django.utils.translation import gettext_lazy as _

from ..flow import FollowUp
from ..rules.card_use import CardUseFacts, Cause, Relation, Scheme, ThirdPartyPaid, Use
from ..wording.card_use import CAUSE_LABELS, RELATION_LABELS, SCHEME_LABELS, THIRD_PARTY_PAID_LABELS, USE_LABELS
from .base import YES_NO, DatedForm, radio


class CardUseForm(DatedForm):
    """Two questions, then the follow-ups the answers call for."""

    scheme = radio(
        SCHEME_LABELS, _("Say which medical insurance you have."),
        label=_("Which medical insurance is your card for?"),
        help_text=_("Employee insurance comes with a job, or a flexible worker pays it themselves; resident "
                    "insurance you pay yourself once a year."),
    )
    use = radio(
        USE_LABELS, _("Say what you want the card to pay for."),
        label=_("What do you want your medical insurance card to pay for?"),
    )
    relation = radio(RELATION_LABELS, required=False, label=_("How is the relative related to you?"))
    cause = radio(CAUSE_LABELS, required=False, label=_("What is the treatment for?"))
    third_party_paid = radio(
        THIRD_PARTY_PAID_LABELS, required=False, label=_("Has the person responsible paid for the treatment?"),
    )
    designated = radio(
        YES_NO, required=False,
        label=_("Is the hospital or pharmacy designated for medical insurance?"),
        help_text=_("Designated ones show the medical insurance sign, or are listed in your medical insurance app."),
    )

    layout_fields = ("scheme", "use", "relation", "cause", "third_party_paid", "designated")

    # Resident insurance has no personal account, so for it whose costs they are does not matter (FAM-1).
    follow_ups = (
        FollowUp(
            "relation", {"scheme": (Scheme.EMPLOYEE, Scheme.FLEXIBLE), "use": (Use.RELATIVE,)},
            _("Say how the relative is related to you."),
        ),
        FollowUp("cause", {"use": (Use.TREATMENT,)}, _("Say what the treatment is for.")),
        FollowUp(
            "third_party_paid", {"cause": (Cause.THIRD_PARTY,)}, _("Say whether the person responsible has paid."),
        ),
        FollowUp("designated", {"use": (Use.TREATMENT,)}, _("Say whether the hospital or pharmacy is designated.")),
    )

    def facts(self):
        data = self.cleaned_data
        return CardUseFacts(
            scheme=Scheme(data["scheme"]),
            use=Use(data["use"]),
            relation=data["relation"] and Relation(data["relation"]),
            cause=data["cause"] and Cause(data["cause"]),
            designated=None if data["designated"] is None else data["designated"] == "yes",
            third_party_paid=data["third_party_paid"] and ThirdPartyPaid(data["third_party_paid"]),
        )
