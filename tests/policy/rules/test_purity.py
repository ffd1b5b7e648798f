"""policy/rules stays pure: no Django, no settings, no clock, so every answer can be replayed."""

import ast
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[3] / "policy" / "rules"
FORBIDDEN_MODULES = {"django", "time", "os", "random"}
CLOCK_CALLS = {"today", "now", "utcnow"}


def rule_files():
    return sorted(RULES.glob("*.py"))


def test_there_are_rule_files_to_check():
    assert {path.name for path in rule_files()} >= {"refund.py", "pay_again.py", "parameters.py"}


@pytest.mark.parametrize("path", rule_files(), ids=lambda path: path.name)
def test_rules_import_no_django_and_read_no_clock(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        assert not {name.split(".")[0] for name in names} & FORBIDDEN_MODULES, f"{path.name}:{node.lineno}"
        if isinstance(node, ast.Attribute):
            assert node.attr not in CLOCK_CALLS | {"settings"}, f"{path.name}:{node.lineno} reads {node.attr}"
