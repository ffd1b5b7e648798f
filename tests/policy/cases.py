"""Every outcome of both checkers as a query string, shared by the page and API tests.

Coverage year 2026 with the usual periods: payment 2025-09-01..2025-12-31, cover 2026-01-01..2026-12-31.
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
        "pay-again", "year=2026&paid=no&other_scheme=employee&other_start=2026-06-01", "no_need_to_pay",
        id="pay-again no_need_to_pay",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=none&as_of=2025-08-31", "collection_not_open",
        id="pay-again RES-1 collection_not_open",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=none&as_of=2025-09-01", "can_pay", id="pay-again RES-1 can_pay"
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=none&as_of=2026-01-01", "can_pay_with_waiting_period",
        id="pay-again RES-2 can_pay_with_waiting_period",
    ),
    pytest.param(
        "pay-again", "year=2026&paid=no&other_scheme=none&as_of=2027-01-01", "year_closed",
        id="pay-again RES-1 year_closed",
    ),
]
