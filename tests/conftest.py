from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_PATH = REPO / "faq" / "demo" / "000_d78f2f9bf300a7ec.txt"


@pytest.fixture
def seed_path():
    """The seed article as shipped with the demo content."""
    return SEED_PATH
