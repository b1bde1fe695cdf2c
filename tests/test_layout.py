"""The layout of tests/: shared code lives in tests/helpers/, fixtures in conftest.py, and no module
imports a test module (or conftest), so each test module can be run, moved or deleted alone."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts)


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) for every absolute import in the module, nested ones included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_no_module_imports_a_test_module_or_conftest() -> None:
    offenders = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _imported(tree):
            top = module.split(".")[0]
            if top.startswith("test_") or top == "conftest":
                offenders.append(f"{path.relative_to(TESTS)}:{line} imports {module}")
    assert offenders == [], "move shared code to tests/helpers/ (fixtures to conftest.py)"


def test_shared_code_lives_in_helpers() -> None:
    loose = [
        p.name for p in TESTS.glob("*.py") if p.name != "conftest.py" and not p.name.startswith("test_")
    ]
    assert loose == [], "shared test code belongs in tests/helpers/"
    assert (TESTS / "helpers" / "__init__.py").is_file()
    assert not list((TESTS / "helpers").rglob("test_*.py")), "tests/helpers/ holds no tests"
