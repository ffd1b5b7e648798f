"""The sources in the reader's language: their names, how sure we are of each, what a citation is about."""

from django.utils.translation import gettext_lazy as _

from ..rules.citations import Confidence, Source

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
    Source.UNEMPLOYMENT_BENEFIT_MEASURES: _("Measures for claiming and paying unemployment insurance benefit"),
    Source.LABOUR_CONTRACT_LAW: _("Labour Contract Law of the PRC"),
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
    "UNE-5": _("deadlines for registering as unemployed, where a region sets one"),
    "RES-4/5": _("rewards for continuous enrolment from 2025"),
    "UNE-7": _("employee medical insurance for flexible workers: who may join, the rates and the personal "
               "account are set locally"),
    "EMP-2": _("years of employee medical insurance required at retirement; each region sets its own"),
    "FAM-2": _("near relatives added in every province by 9 December 2024, including their resident premiums"),
    "FAM-3": _("cross-province family “wallet”; trial procedures reported for 2025 and 2026"),
}

LOCAL_CHECK = _(
    "Part of this answer rests on local rules or on secondary sources. Check with your local medical insurance "
    "office before you act."
)


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
