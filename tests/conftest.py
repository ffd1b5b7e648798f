from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def seed_path():
    """The seed article as shipped with the demo content."""
    return REPO / "faq" / "demo" / "000_d78f2f9bf300a7ec.txt"
