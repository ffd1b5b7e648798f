"""The apps depend one way: policy may use faq (a checker's answer links to articles), faq never uses
policy. Held for faq's code, its migrations and its templates, as test_purity holds the rules pure."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAQ_CODE = sorted((ROOT / "faq").rglob("*.py"))
FAQ_TEMPLATES = sorted((ROOT / "templates" / "faq").rglob("*.html")) + sorted(
    (ROOT / "templates" / "admin" / "faq").rglob("*.html")
)


def test_there_is_code_and_there_are_templates_to_check():
    names = {path.relative_to(ROOT).as_posix() for path in FAQ_CODE + FAQ_TEMPLATES}
    assert {
        "faq/models/articles.py", "faq/search/ranking.py", "faq/migrations/0007_article_checkers.py",
        "templates/faq/article_detail.html",
    } <= names


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module or "", node.lineno


def _names_policy(text):
    """A URL name, template path or migration label of policy's, as code and templates write them."""
    return text == "policy" or text.startswith(("policy:", "policy/", "policy."))


@pytest.mark.parametrize("path", FAQ_CODE, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_faq_code_and_migrations_import_and_name_nothing_of_policy(path):
    tree = ast.parse(path.read_text())
    for module, line in _imports(tree):
        assert module.split(".")[0] != "policy", f"{path.name}:{line} imports {module}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            # Covers migration dependencies ("policy", "0004_...") and URL names ("policy:checker_list").
            assert not _names_policy(node.value), f"{path.name}:{node.lineno} names {node.value!r}"


@pytest.mark.parametrize("path", FAQ_TEMPLATES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_faq_templates_include_and_link_nothing_of_policy(path):
    text = path.read_text()
    assert "'policy:" not in text and '"policy:' not in text, "links to a policy URL"
    assert '"policy/' not in text and "'policy/" not in text, "includes a policy template"
