"""The `newsflow` command line: argparse and the commands (main.py), how results are printed
(render.py)."""
from __future__ import annotations

from flows.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
