"""The README's claims that code can check: the template table names exactly the registered
templates, the repository's docs point at nothing outside the repository, and the commands it
documents answer `--help`."""
import re
import subprocess
import sys

import pytest

from parsers.registry import GENERIC, TEMPLATES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _without_parentheses(text: str) -> str:
    depth, kept = 0, []
    for char in text:
        depth += char == "("
        if depth == 0:
            kept.append(char)
        depth -= char == ")" and depth > 0
    return "".join(kept)


def test_the_template_table_names_exactly_the_registered_templates():
    table = README.split("Templates in this version", 1)[1].split("\n\n", 2)[1]
    rows = [line.split("|")[2] for line in table.splitlines() if line.startswith("|")][2:]
    items = [item.strip() for row in rows for item in _without_parentheses(row).split(",")]
    named = {re.match(r"`([a-z0-9_]+)`", item).group(1) for item in items if item.startswith("`")}
    assert named == {template.name for template in TEMPLATES} | {GENERIC.name}


@pytest.mark.parametrize("document", ["README.md", "Makefile", "pyproject.toml", "prefect.yaml", "warehouse/README.md"])
def test_docs_send_the_reader_nowhere_outside_the_repository(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    assert "../shared" not in text and "PLATFORM.md" not in text


@pytest.mark.parametrize("script", ["bench.make_landing", "bench.run"])
def test_bench_scripts_answer_help(script):
    done = subprocess.run([sys.executable, "-m", script, "--help"], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout
