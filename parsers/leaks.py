"""The leak detector: a body line that any template would call furniture (a sidebar marker, a
menu, share or copyright line of any outlet, the common furniture table) means furniture slipped
through. The ingest counts leaks per outlet for its drift alarm."""
from __future__ import annotations

import re
from functools import lru_cache

from .engine import COMMON_FURNITURE, _one_line
from .registry import TEMPLATES


@lru_cache(maxsize=1)
def _furniture_regex() -> re.Pattern:
    patterns = {p.pattern for p, _ in COMMON_FURNITURE}
    for template in TEMPLATES:
        patterns.update(p.pattern for p, _ in template.furniture)
        patterns.update(cut[0].pattern for cut in template.cuts)
    # only whole-line patterns: a furniture pattern matching inside prose would flag clean bodies
    lines = sorted(p for p in patterns if p.startswith("^") and p.endswith("$"))
    return re.compile("|".join(f"(?:{_one_line(p)})" for p in lines), re.M)


def leak(body: str | None) -> bool:
    """Does the body hold a line that some template's furniture table recognises?"""
    return bool(body) and _furniture_regex().search(body) is not None
