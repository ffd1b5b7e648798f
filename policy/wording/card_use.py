"""Words for the card-use checker."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..rules.card_use import CardUseReason, Cause, Relation, Scheme, ThirdPartyPaid, Use
from ..rules.decision import Outcome
from .base import formatted

INTRO = _(
    "Find out whether your medical insurance card may pay for a treatment or for a relative, "
    "and why it may never be turned into cash."
)

NEEDS = [
    _("which medical insurance you have: employee (through a job or as a flexible worker) or resident"),
    _("what you want the card to pay for: cash, a relative's costs or a treatment"),
    _("for a relative: how you are related"),
    _("for a treatment: what caused it and whether the hospital or pharmacy is designated"),
]

SCHEME_LABELS = {
    Scheme.EMPLOYEE: _("Employee medical insurance, through an employer"),
    Scheme.FLEXIBLE: _("Employee medical insurance I pay myself as a flexible worker"),
    Scheme.RESIDENT: _("Resident medical insurance, paid yourself each year"),
}

USE_LABELS = {
    Use.CASH: _("Getting cash, or selling medicines bought with the card"),
    Use.RELATIVE: _("A relative's medical costs"),
    Use.TREATMENT: _("My own treatment or medicines"),
}

RELATION_LABELS = {
    Relation.SPOUSE: _("Husband or wife"),
    Relation.PARENT: _("Parent"),
    Relation.CHILD: _("Child"),
    Relation.SIBLING: _("Brother or sister"),
    Relation.GRANDPARENT: _("Grandparent (on either side)"),
    Relation.GRANDCHILD: _("Grandchild"),
    Relation.OTHER: _("Someone else (for example a cousin, an in-law or a friend)"),
}

CAUSE_LABELS = {
    Cause.ILLNESS: _("An illness, or a routine visit"),
    Cause.EMERGENCY: _("An emergency"),
    Cause.WORK_INJURY: _("An injury or illness from work"),
    Cause.THIRD_PARTY: _("An injury someone else caused, such as a traffic accident"),
    Cause.PUBLIC_HEALTH: _("A public-health service"),
    Cause.ABROAD: _("Treatment outside mainland China"),
}

THIRD_PARTY_PAID_LABELS = {
    ThirdPartyPaid.YES: _("Yes, they have paid"),
    ThirdPartyPaid.NO: _("No, they do not pay"),
    ThirdPartyPaid.UNKNOWN: _("They cannot be found, or I do not know yet"),
}

OUTCOME_TITLES = {
    Outcome.PROHIBITED: _("Cashing out is prohibited"),
    Outcome.ALLOWED: _("Your account can pay for this relative"),
    Outcome.NOT_ALLOWED: _("Your account cannot pay for this person"),
    Outcome.DEPENDS_ON_PROVINCE: _("It depends on your province"),
    Outcome.NO_PERSONAL_ACCOUNT: _("Resident insurance has no personal account"),
    Outcome.COVERED: _("Medical insurance pays"),
    Outcome.NOT_COVERED: _("Medical insurance does not pay"),
    Outcome.FUND_PAYS_FIRST: _("The fund pays first, then recovers the money"),
}

OUTCOME_SUMMARIES = {
    Outcome.PROHIBITED: _(
        "No: you may never turn your medical insurance card into cash, resell medicines bought with it, "
        "or lend it to anyone."
    ),
    Outcome.ALLOWED: _(
        "Yes: your employee personal account can pay this relative's own share of medical costs at designated "
        "hospitals and pharmacies."
    ),
    Outcome.NOT_ALLOWED: _("No: your personal account cannot pay this person's medical costs."),
    Outcome.DEPENDS_ON_PROVINCE: _(
        "It depends on your province: during 2024 the provinces one by one let the personal account pay for "
        "brothers and sisters, grandparents and grandchildren, and on %(as_of)s not all of them did yet."
    ),
    Outcome.NO_PERSONAL_ACCOUNT: _(
        "No: resident medical insurance has no personal account, so your card cannot pay a relative's medical costs."
    ),
    Outcome.COVERED: _(
        "Yes: the fund pays its share of this treatment, settled directly with the hospital or pharmacy."
    ),
    Outcome.NOT_COVERED: _("No: the medical insurance fund does not pay for this treatment."),
    Outcome.FUND_PAYS_FIRST: _(
        "Yes, for now: the fund pays first and then claims the money back from the person responsible."
    ),
}

NEXT_STEPS = {
    Outcome.PROHIBITED: [
        _("If someone offers cash for your card or your medicines, refuse."),
        _("To help family with medical costs, link them to your personal account instead."),
    ],
    Outcome.ALLOWED: [
        _("Link the relative to your personal account in your medical insurance app or at the service counter. "
          "Bring both IDs and proof of the relationship."),
        _("Ask your local office which relatives it accepts and how to link them."),
    ],
    Outcome.DEPENDS_ON_PROVINCE: [
        _("Ask the medical insurance office of your province whether it already lets the account pay for this "
          "relative."),
        _("Do not lend your card meanwhile: that is not allowed and can be punished."),
    ],
    Outcome.NO_PERSONAL_ACCOUNT: [
        _("If a relative has employee medical insurance, ask them whether their personal account can pay your "
          "resident premium: they link you in their medical insurance app or at the service counter."),
        _("For a relative's treatment, they use their own medical insurance card."),
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


def _in_force_month(text):
    """The sources date these to the month only, so the reader is told the month."""

    def words(params):
        return text % {**formatted(params), "in_force_from": date_format(params["in_force_from"], "YEAR_MONTH_FORMAT")}

    return words


REASONS = {
    CardUseReason.CASH_OUT_PROHIBITED: _(
        "The card may not be used to resell medicines or to get cash or goods back, and may not be lent to anyone."
    ),
    CardUseReason.LOSSES_RETURNED_SETTLEMENT_SUSPENDED: _(
        "Anyone who does so must repay what the fund lost, and paying bills directly with the card can be "
        "suspended for %(min)s to %(max)s months."
    ),
    CardUseReason.FRAUD_FINE: _(
        "Where the aim was to cheat the fund, the fine is %(min)s to %(max)s times the amount."
    ),
    CardUseReason.FRAUD_PROSECUTION: _("Cheating the fund can also be prosecuted as fraud."),
    CardUseReason.RELATION_NOT_COVERED: _(
        "The personal account pays only for the holder's spouse, parents, children, brothers and sisters, "
        "grandparents and grandchildren."
    ),
    CardUseReason.CARD_NOT_TO_BE_LENT: _("Lending your card so someone else can pay with it is not allowed."),
    CardUseReason.CLOSE_RELATIVES_NOT_YET: _in_force_month(_(
        "On %(as_of)s this was not yet in force: the national guidance for spouses, parents and children dates "
        "from %(in_force_from)s."
    )),
    CardUseReason.NEAR_RELATIVES_NOT_YET: _(
        "On %(as_of)s no national rule let the account pay for brothers and sisters, grandparents and "
        "grandchildren: provinces added them during 2024, all of them by %(in_force_from)s."
    ),
    CardUseReason.NEAR_RELATIVES_ROLLING_OUT: _(
        "From %(rollout_from)s the provinces let the account pay for brothers and sisters, grandparents and "
        "grandchildren one by one, all of them by %(in_force_from)s: on %(as_of)s it depends on your province."
    ),
    CardUseReason.RESIDENT_NO_PERSONAL_ACCOUNT: _(
        "Resident medical insurance has no personal account: only employee medical insurance has one, and only "
        "a personal account can pay a relative's costs."
    ),
    CardUseReason.RELATIVE_PAYS_YOUR_PREMIUM: _(
        "The other way round works: since %(in_force_from)s, a close or near relative with employee medical "
        "insurance may pay your resident premium from their personal account."
    ),
    CardUseReason.RELATIVE_PREMIUM_NOT_YET: _(
        "From %(in_force_from)s, every province lets a relative with employee medical insurance pay your resident "
        "premium from their personal account; on %(as_of)s, ask whether yours already does."
    ),
    CardUseReason.CLOSE_RELATIVES_ALLOWED: _in_force_month(_(
        "Since national guidance of %(in_force_from)s, the personal account may pay the share a spouse, parent or "
        "child pays themselves."
    )),
    CardUseReason.NEAR_RELATIVES_ALLOWED: _(
        "Since %(in_force_from)s, every province lets the personal account pay for brothers and sisters, "
        "grandparents and grandchildren as well."
    ),
    CardUseReason.FAMILY_USE_LIMITS: _(
        "It pays at designated hospitals and pharmacies only, and not for public-health costs, fitness or wellness."
    ),
    CardUseReason.RELATIVES_PREMIUMS: _(
        "Since %(in_force_from)s it may also pay these relatives' resident medical insurance premiums."
    ),
    CardUseReason.FAMILY_WALLET_ACROSS_PROVINCES: _(
        "Across provinces, a national family “wallet” is being tried: linking is voluntary, and the link ends when "
        "either enrolment ends or moves."
    ),
    CardUseReason.WORK_INJURY_FUND_PAYS: _(
        "Costs of a work injury are paid by the work-injury insurance fund, not by this fund."
    ),
    CardUseReason.PUBLIC_HEALTH_EXCLUDED: _("Public-health costs are not paid by medical insurance."),
    CardUseReason.ABROAD_EXCLUDED: _("Treatment outside mainland China is not paid by medical insurance."),
    CardUseReason.NOT_DESIGNATED: _(
        "Hospitals and pharmacies that are not designated for medical insurance are not covered, except in an "
        "emergency."
    ),
    CardUseReason.SETTLED_AT_DESIGNATED: _(
        "At a designated hospital or pharmacy, the bill is settled directly with your card."
    ),
    CardUseReason.EMERGENCY_ANYWHERE: _(
        "In an emergency, treatment is covered even where the hospital is not designated."
    ),
    CardUseReason.THIRD_PARTY_LIABLE: _(
        "Article 30 of the Social Insurance Law: medical costs that someone else is liable for, such as the other "
        "party in a traffic accident, are theirs to pay, not the fund's."
    ),
    CardUseReason.THIRD_PARTY_PAID: _(
        "The person responsible has paid these costs, so the fund does not pay them again: the person responsible "
        "pays instead."
    ),
    CardUseReason.THIRD_PARTY_NOT_PAYING: _("The person responsible for the injury does not pay."),
    CardUseReason.THIRD_PARTY_UNKNOWN: _(
        "The person responsible cannot be identified, or it is not yet known whether they pay."
    ),
    CardUseReason.FUND_RECOVERS: _(
        "Then the fund pays first, under the same Article 30, and recovers the money from the person responsible, "
        "who pays in the end."
    ),
    CardUseReason.LISTED_DRUGS_AND_TREATMENT: _(
        "The fund pays for drugs and treatment on the official lists, and emergency care."
    ),
    CardUseReason.FLEXIBLE_WORKER_ACCOUNT_SET_LOCALLY: _(
        "As a flexible worker, whether your employee medical insurance has a personal account, and so whether it "
        "can pay a relative's costs, is set locally: some regions give flexible workers none. The rest of this "
        "answer applies where it has one."
    ),
    CardUseReason.OLDER_LOCAL_EXCLUSIONS: _(
        "Some older local rules also refuse to pay for injuries from fighting, drug abuse or self-harm. National "
        "law does not list these; ask your local office what applies where you live."
    ),
}
