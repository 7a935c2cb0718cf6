"""Lint in `make test`: ruff (pycodestyle, pyflakes, import order; 120 columns) over the code."""
import subprocess
import sys

from tests.conftest import ROOT


def test_ruff_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "flows", "parsers", "tests", "bench"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
