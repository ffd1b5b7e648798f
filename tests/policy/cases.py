"""Every outcome of every checker as a query string, shared by the page and API tests.

Coverage year 2026 with the usual periods: payment 2025-09-01..2025-12-31, cover 2026-01-01..2026-12-31.
Retirement: a man born 1970-01 retires in 2031-05; the seeded rows are Shanghai (310000: 15 years) and
Xiamen (350200: men 25, women 20, at least 10 paid locally), both from 2025.
"""

import pytest

OUTCOME_CASES = [
    pytest.param("refund", "year=2026&other_scheme=none", "no_duplicate", id="refund DUP-1 no_duplicate"),
    pytest.param(
        "refund", "year=2026&other_scheme=employee&other_start=2025-12-31", "refund_eligible",
        id="refund DUP-1 refund_eligible",
    ),
    pytest.param(
        "refund", "year=2026&other_scheme=resident_elsewhere&other_start=2026-01-01", "refund_not_eligible",
        id="refund DUP-2 refund_not_eligible",
    ),
    pytest.param("pay-again", "year=2026&paid=yes&other_scheme=none", "already_paid", id="pay-again already_paid"),
    pytest.param(
        "pay-again", "year=2026&paid=yes&other_scheme=employee&other_start=2025-12-31", "refund_eligible",
        id="pay-again DUP-1 refund_eligible",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=yes&other_scheme=employee&other_start=2026-01-01", "refund_not_eligible",
        id="pay-again DUP-2 refund_not_eligible",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=employee&other_start=2026-06-01&as_of=2026-07-01",
        "no_need_to_pay", id="pay-again DUP-1 no_need_to_pay",
    ),
    pytest.param(
        "pay-again",
        "year=2026&paid=no&other_scheme=employee&other_start=2026-06-01&last_year_covered=yes&as_of=2025-10-01",
        "uncovered_until_other_start", id="pay-again DUP-2 uncovered_until_other_start",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=employee&other_start=2026-12-01&as_of=2026-11-30",
        "gap_not_filled", id="pay-again RES-2 DUP-2 gap_not_filled",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=none&last_year_covered=yes&as_of=2025-08-31",
        "collection_not_open", id="pay-again RES-1 collection_not_open",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=none&last_year_covered=yes&as_of=2025-09-01", "can_pay",
        id="pay-again RES-1 can_pay",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=none&last_year_covered=no&as_of=2025-09-01",
        "can_pay_after_break", id="pay-again RES-2 can_pay_after_break",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=none&last_year_covered=yes&as_of=2026-01-01",
        "can_pay_with_waiting_period", id="pay-again RES-2 can_pay_with_waiting_period",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=none&as_of=2026-10-01", "pay_next_year_instead",
        id="pay-again RES-2 pay_next_year_instead",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=none&as_of=2027-01-01", "year_closed",
        id="pay-again RES-1 year_closed",
    ),
    pytest.param(
        "retirement", "category=male_60&birth_month=1970-01&years_paid=15&region=310000", "no_more_premiums",
        id="retirement EMP-1 no_more_premiums",
    ),
    pytest.param(
        "retirement", "category=male_60&birth_month=1970-01&years_paid=30&years_local=8&region=350200",
        "pay_up_to_required_years", id="retirement EMP-2 pay_up_to_required_years",
    ),
    pytest.param(
        "retirement", "category=female_50&birth_month=1984-11&years_paid=30", "check_locally",
        id="retirement EMP-2 check_locally",
    ),
    pytest.param("card-use", "scheme=employee&use=cash", "prohibited", id="card-use CASH-1 prohibited"),
    pytest.param(
        "card-use", "scheme=resident&use=relative", "no_personal_account", id="card-use FAM-1 no_personal_account"
    ),
    pytest.param(
        "card-use", "scheme=employee&use=relative&relation=sibling&as_of=2024-06-01", "depends_on_province",
        id="card-use FAM-2 depends_on_province",
    ),
    pytest.param(
        "card-use", "scheme=employee&use=relative&relation=grandparent", "allowed", id="card-use FAM-2 allowed"
    ),
    pytest.param(
        "card-use", "scheme=employee&use=relative&relation=parent&as_of=2021-03-31", "not_allowed",
        id="card-use FAM-1 not_allowed",
    ),
    pytest.param(
        "card-use", "scheme=employee&use=treatment&cause=emergency&designated=no", "covered",
        id="card-use PAY-1 covered",
    ),
    pytest.param(
        "card-use", "scheme=employee&use=treatment&cause=abroad&designated=yes", "not_covered",
        id="card-use PAY-2 not_covered",
    ),
    pytest.param(
        "card-use", "scheme=employee&use=treatment&cause=third_party&third_party_paid=unknown&designated=yes",
        "fund_pays_first", id="card-use PAY-2 fund_pays_first",
    ),
    pytest.param(
        "between-jobs", "last_day=2026-11-20&why=employer_ended&unemployment_years=6&as_of=2026-12-07",
        "benefit_covers_medical", id="between-jobs UNE-1 UNE-3 benefit_covers_medical",
    ),
    pytest.param(
        "between-jobs", "last_day=2026-11-20&why=resigned&next_job_start=2026-12-15&as_of=2026-12-07",
        "new_job_keeps_cover", id="between-jobs UNE-7 new_job_keeps_cover",
    ),
    pytest.param(
        "between-jobs", "last_day=2026-11-20&why=resigned&as_of=2026-12-07", "choose_how_to_stay_covered",
        id="between-jobs UNE-7 choose_how_to_stay_covered",
    ),
    pytest.param(
        "between-jobs", "last_day=2026-05-20&why=contract_ended&unemployment_years=0&next_job_start=2026-08-01"
        "&as_of=2026-06-07", "check_locally", id="between-jobs UNE-7 RES-2 check_locally",
    ),
]
