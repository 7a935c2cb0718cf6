"""The layout's rules, checked on the source: no import cycle among the modules of `flows` and
`parsers` (counting imports inside functions too), `parsers` independent of `flows` and Prefect,
Prefect imported by `flows/flow.py` alone, and no test hook left in the production code."""
import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("flows", "parsers")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of `known` that module `name` imports, wherever the import statement stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports_of(name, path, set(mods)) for name, path in mods.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def is_package_init(name: str) -> bool:
    return (ROOT / Path(*name.split(".")) / "__init__.py").exists()


def test_no_import_cycle():
    graph = import_graph()
    # a package's __init__ re-exporting its modules is no cycle: drop the edges from a submodule
    # to its own package's __init__ (`from flows.store import location` names the module)
    pruned = {name: {t for t in targets if not (is_package_init(t) and name.startswith(t + "."))}
              for name, targets in graph.items()}
    assert cycles(pruned) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_parsers_stand_alone_and_only_the_flow_module_imports_prefect():
    graph = import_graph()
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and not node.level}
        if name.startswith("parsers"):
            assert not any(t.startswith("flows") for t in graph[name]), name
            assert "prefect" not in imported, name
        if "prefect" in imported or "prefect_dask" in imported:
            assert name == "flows.flow", f"{name} imports Prefect"


def test_no_test_hook_in_the_production_code():
    found = subprocess.run(["git", "grep", "-n", "-e", "NEWSFLOW_CRASH_AT", "-e", "NEWSFLOW_TEST_HOLD", "--",
                            "flows", "parsers"], cwd=ROOT, capture_output=True, text=True)
    assert found.stdout == ""


def test_the_command_line_loads_neither_prefect_nor_the_store_until_a_command_needs_them():
    code = ("import sys, flows.cli.main; "
            "print(sorted(m for m in ('prefect', 'pyarrow', 'duckdb', 'flows.ingest.pipeline') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr
