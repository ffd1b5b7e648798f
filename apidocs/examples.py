"""One request per operation that answers 200 today and later: each names the day it asks about (`as_of`),
within years the rules have reviewed. The document gives them as its examples, and the /api/ page as
commands to copy; a test asks each of them."""

from policy.choices import CheckerSlug

CHECKER_EXAMPLES = {
    CheckerSlug.PAY_AGAIN: {
        "year": "2026", "paid": "no", "other_scheme": "none", "last_year_covered": "yes", "as_of": "2025-10-01",
    },
    CheckerSlug.REFUND: {
        "year": "2026", "other_scheme": "employee", "other_start": "2025-12-01", "as_of": "2025-12-15",
    },
    CheckerSlug.CARD_USE: {"scheme": "employee", "use": "relative", "relation": "spouse"},
    CheckerSlug.RETIREMENT: {
        "category": "male_60", "birth_month": "1970-01", "years_paid": "30", "as_of": "2026-12-07",
    },
    CheckerSlug.BETWEEN_JOBS: {"last_day": "2026-11-20", "why": "resigned", "as_of": "2026-12-07"},
}
SEARCH_EXAMPLE = {"q": "refund", "language": "en"}
