"""The sources the rules rest on, and which clause of the rules register each one supports.

Clause ids (DUP-1, RES-2, ...) are those of the shared rules register, policy-sources.md.
"""

from dataclasses import dataclass
from enum import Enum


class Confidence(Enum):
    """How sure we are of a source: P primary text read, Q quoted official text, S secondary, L local rule."""

    P = "P"
    Q = "Q"
    S = "S"
    L = "L"

    @property
    def below_primary(self):
        return self is not Confidence.P


class Source(Enum):
    """National sources the rules know. The Django side names them in the reader's language."""

    SOCIAL_INSURANCE_LAW = "social-insurance-law"
    FUND_REGULATION = "fund-regulation"
    RETIREMENT_DECISION = "retirement-decision"
    OPINION_14 = "opinion-14"
    OPINION_38 = "opinion-38"
    UNEMPLOYMENT_BENEFIT_MEASURES = "unemployment-benefit-measures"
    LABOUR_CONTRACT_LAW = "labour-contract-law"
    LOCAL_GUIDANCE = "local-guidance"
    USUAL_LOCAL_PERIODS = "usual-local-periods"
    SECONDARY_REPORTS = "secondary-reports"

    @property
    def url(self):
        return _SOURCE_URLS.get(self, "")


_SOURCE_URLS = {
    Source.SOCIAL_INSURANCE_LAW: "https://www.mohrss.gov.cn/xxgk2020/fdzdgknr/zcfg/fl/202011/t20201102_394629.html",
    Source.RETIREMENT_DECISION: "https://www.npc.gov.cn/npc/c2/kgfb/202409/t20240913_439534.html",
    Source.OPINION_38: "https://www.gov.cn/zhengce/content/202408/content_6965741.htm",
}


def _law(clause, *articles):
    """Citations of articles of the Social Insurance Law, each linked to the official text."""
    return tuple(
        Citation(clause, Confidence.P, Source.SOCIAL_INSURANCE_LAW, article, url=Source.SOCIAL_INSURANCE_LAW.url)
        for article in articles
    )


@dataclass(frozen=True)
class Citation:
    """One source behind one clause.

    National sources are named by `source` (and `article` where the rule rests on one article);
    rows entered by editors carry their own `title` and `reference` text instead.
    """

    clause: str
    confidence: Confidence
    source: Source | None = None
    article: int | None = None
    title: str = ""
    reference: str = ""
    url: str = ""

    def __post_init__(self):
        if (self.source is None) == (not self.title):
            raise ValueError("A citation names either a national source or its own title, not both.")


# What each clause rests on. A rule that takes a step under a clause cites these.
CLAUSES = {
    "DUP-1": (Citation("DUP-1", Confidence.S, Source.LOCAL_GUIDANCE),),
    "DUP-2": (
        Citation("DUP-2", Confidence.S, Source.LOCAL_GUIDANCE),
        Citation("DUP-2", Confidence.P, Source.FUND_REGULATION, article=17),
    ),
    "DUP-3": (Citation("DUP-3", Confidence.L, Source.LOCAL_GUIDANCE),),
    "RES-2": (Citation("RES-2", Confidence.Q, Source.OPINION_38, url=Source.OPINION_38.url),),
    "RES-3": (Citation("RES-3", Confidence.Q, Source.OPINION_38, url=Source.OPINION_38.url),),
    "RES-4/5": (Citation("RES-4/5", Confidence.S, Source.LOCAL_GUIDANCE),),
    "UNE-1": _law("UNE-1", 45),
    "UNE-2": (
        Citation("UNE-2", Confidence.Q, Source.UNEMPLOYMENT_BENEFIT_MEASURES, article=4),
        Citation("UNE-2", Confidence.Q, Source.LABOUR_CONTRACT_LAW, article=38),
    ),
    "UNE-3": _law("UNE-3", 46),
    "UNE-4": _law("UNE-4", 48),
    # The law says "promptly"; a deadline, where there is one, is local.
    "UNE-5": (*_law("UNE-5", 50), Citation("UNE-5", Confidence.L, Source.LOCAL_GUIDANCE)),
    "UNE-6": _law("UNE-6", 51),
    # Flexible workers in employee insurance: who may join, the rates and the account are local.
    "UNE-7": (Citation("UNE-7", Confidence.L, Source.LOCAL_GUIDANCE),),
    "EMP-1": _law("EMP-1", 27),
    # Each region's own rows carry their citation; this one stands in where we have no row.
    "EMP-2": (Citation("EMP-2", Confidence.L, Source.LOCAL_GUIDANCE),),
    "RET-1": (Citation("RET-1", Confidence.Q, Source.RETIREMENT_DECISION, url=Source.RETIREMENT_DECISION.url),),
    "RET-2": (Citation("RET-2", Confidence.Q, Source.RETIREMENT_DECISION, url=Source.RETIREMENT_DECISION.url),),
    "CASH-1": (
        Citation("CASH-1", Confidence.P, Source.FUND_REGULATION, article=19),
        Citation("CASH-1", Confidence.P, Source.FUND_REGULATION, article=41),
        *_law("CASH-1", 88),
    ),
    "FAM-1": (Citation("FAM-1", Confidence.S, Source.OPINION_14),),
    "FAM-2": (Citation("FAM-2", Confidence.S, Source.SECONDARY_REPORTS),),
    "FAM-3": (Citation("FAM-3", Confidence.S, Source.SECONDARY_REPORTS),),
    "PAY-1": _law("PAY-1", 28, 29),
    "PAY-2": _law("PAY-2", 30),
}
