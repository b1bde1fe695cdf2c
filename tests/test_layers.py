"""The import layers of design §2, checked on the source: a module imports only from its own
layer or the layers below it, so the pure judge never reaches for the database or the network
and the store never calls back into the judge."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "monitor"

# Top to bottom; the first matching prefix gives a module's layer.
LAYERS: tuple[tuple[str, int], ...] = (
    ("monitor.cli", 8),
    ("monitor.web", 8),
    ("monitor.__main__", 8),
    ("monitor.daemon", 7),
    ("monitor.push", 7),
    ("monitor.service", 6),
    ("monitor.replay", 6),
    ("monitor.config_edit", 5),
    ("monitor.evaluate", 5),
    ("monitor.pipeline", 5),
    ("monitor.status_log", 5),
    ("monitor.alerts", 4),
    ("monitor.ingest", 3),
    ("monitor.store", 2),
    ("monitor.judge", 1),
    ("monitor.settings", 0),
    ("monitor.netpolicy", 0),
    ("monitor.redact", 0),
    ("monitor.logs", 0),
    ("monitor.model", 0),
    ("monitor.errors", 0),
    ("monitor.clock", 0),
)
# Modules that import nothing of ours: the plain types and helpers everything else shares.
LEAVES = {"monitor.model", "monitor.errors", "monitor.clock", "monitor.redact"}
# What the store may import besides itself: it only stores plain values (and reads the one clock).
STORE_MAY_IMPORT = {"monitor.model", "monitor.errors", "monitor.clock"}
# Upward imports we allow, each for a stated reason.
ALLOWED_UP: dict[tuple[str, str], str] = {
    ("monitor.settings", "monitor.judge.defaults"): "the thresholds' defaults (constants only)",
    ("monitor.settings", "monitor.alerts.signing"): "a webhook secret's format is checked on load",
    ("monitor.settings", "monitor.judge.outlet"): "news-search feeds are recognised by their URL",
}


def layer(module: str) -> int:
    for prefix, rank in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return rank
    raise AssertionError(f"{module} has no layer: add it to LAYERS (design §2)")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module of ours that ``path`` imports, at any depth (functions, TYPE_CHECKING too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # "from monitor.store import outbox" imports the module monitor.store.outbox.
            for a in node.names:
                candidate = f"{node.module}.{a.name}"
                if (PACKAGE.parent / Path(*candidate.split("."))).with_suffix(".py").exists():
                    found.add(candidate)
    return {m for m in found if m == "monitor" or m.startswith("monitor.")}


def import_graph() -> dict[str, set[str]]:
    """Each of our modules (the empty package roots aside) with the modules of ours it imports."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = module_name(path)
        if name != "monitor":
            graph[name] = imports(path) - {"monitor", name}
    return graph


def violations(graph: dict[str, set[str]]) -> list[str]:
    out: list[str] = []
    for me, imported in sorted(graph.items()):
        mine = layer(me)
        for other in sorted(imported):
            if me in LEAVES:
                out.append(f"{me} imports {other}: it must import nothing of ours")
            elif me.startswith("monitor.store") and not (
                other.startswith("monitor.store") or other in STORE_MAY_IMPORT
            ):
                out.append(f"{me} imports {other}: the store imports only model, errors, clock")
            elif layer(other) > mine and (me, other) not in ALLOWED_UP:
                out.append(f"{me} (layer {mine}) imports {other} (layer {layer(other)}), above it")
    return out


def test_every_module_keeps_to_its_layer() -> None:
    graph = import_graph()
    assert {"monitor.store.repo", "monitor.judge.match", "monitor.pipeline", "monitor.web.app",
            "monitor.web.pages", "monitor.web.metrics"} <= set(graph)
    assert violations(graph) == []


def test_the_rules_bite() -> None:
    assert violations({"monitor.store.items": {"monitor.judge.match"}}) == [
        "monitor.store.items imports monitor.judge.match: the store imports only model, errors, clock"
    ]
    assert violations({"monitor.store.repo": {"monitor.settings"}})  # settings is below, still no
    assert violations({"monitor.judge.rules": {"monitor.ingest.normalise"}})
    assert violations({"monitor.judge.rules": {"monitor.pipeline"}})
    assert violations({"monitor.model": {"monitor.errors"}})
    assert violations({"monitor.ingest.fetch": {"monitor.alerts.webhooks"}})
    assert violations({"monitor.pipeline": {"monitor.store.repo", "monitor.judge.service"}}) == []


def test_imports_are_read_at_any_depth() -> None:
    """Imports inside functions and ``from package import module`` count too."""
    found = imports(PACKAGE / "cli" / "core.py")
    assert "monitor.service" in found  # imported inside cmd_poll
    assert "monitor.store.outbox" in imports(PACKAGE / "store" / "repo.py")  # from store import outbox


# The stance package's own layers, bottom up: each module reads only those below it, so a rule
# about who (subjects) or what (objects) never reaches for the decision (model).
STANCE_LAYERS = ("numbers", "event", "scopes", "subjects", "framing", "objects", "reading", "model")


def test_the_stance_modules_keep_to_their_order() -> None:
    graph = import_graph()
    prefix = "monitor.judge.stance"
    found = {name.removeprefix(prefix + ".") for name in graph if name.startswith(prefix + ".")}
    assert found == set(STANCE_LAYERS), "a new stance module needs its place in STANCE_LAYERS"
    for k, mine in enumerate(STANCE_LAYERS):
        below = {f"{prefix}.{m}" for m in STANCE_LAYERS[:k]}
        inside = {m for m in graph[f"{prefix}.{mine}"] if m.startswith(prefix)}
        assert inside <= below, f"stance.{mine} imports {sorted(inside - below)}, not below it"
