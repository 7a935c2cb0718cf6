"""Cross-document evidence for the generic fallback: lines that recur across many pages of one
site are furniture (menus, footers, widgets, "most read" lists), whatever their wording.

    seen = RecurringLines()
    for text in pages_of_one_site:
        seen.add(text)
    furniture = seen.furniture()     # identity forms of the recurring lines
"""
from __future__ import annotations

from collections import Counter

from .text import identity_text


class RecurringLines:
    def __init__(self, min_docs: int = 3, min_share: float = 0.5):
        self.min_docs = min_docs          # below this many pages there is no evidence
        self.min_share = min_share        # a line on at least this share of the pages is furniture
        self.docs = 0
        self.counts: Counter[str] = Counter()

    def add(self, text: str) -> None:
        self.docs += 1
        self.counts.update({identity_text(line) for line in text.split("\n") if line.strip()})

    def furniture(self) -> frozenset[str]:
        if self.docs < self.min_docs:
            return frozenset()
        need = max(2, self.min_share * self.docs)
        return frozenset(line for line, n in self.counts.items() if n >= need)
