"""Shared test paths."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "raw" / "samples"
EXPECTED = Path(__file__).resolve().parent / "fixtures" / "expected"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES
