"""Cross-document evidence for the generic fallback: lines that recur across many pages of one
site are furniture (menus, footers, widgets, "most read" lists), whatever their wording.

    seen = RecurringLines()
    for text in pages_of_one_site:
        seen.add(text)
    furniture = seen.furniture()     # identity forms of the recurring lines

Pages are read as the parsers read them: an HTML page's markup is turned into its text lines
first. Copies of one article (the same paragraphs, fetched twice or from a mobile and a desktop
address) count as one page, or the article's own text would look like furniture.
"""
from __future__ import annotations

import re
from collections import Counter

from .text import identity_text, is_sentence_end

_HTML = re.compile(r"\s*(?:<!doctype\s+html|<html|<head|<meta|<body|<!--)", re.I)


class RecurringLines:
    def __init__(self, min_docs: int = 3, min_share: float = 0.5):
        self.min_docs = min_docs          # below this many pages there is no evidence
        self.min_share = min_share        # a line on at least this share of the pages is furniture
        self.docs = 0
        self.counts: Counter[str] = Counter()
        self._articles: set[int] = set()

    def add(self, text: str) -> None:
        if _HTML.match(text[:512]):
            from .html import html_to_text
            text = html_to_text(text)[0]
        lines = {identity_text(line) for line in text.split("\n") if line.strip()}
        prose = frozenset(line for line in lines if len(line) >= 40 and is_sentence_end(line))
        if prose:
            if hash(prose) in self._articles:
                return                    # another copy of an article already counted
            self._articles.add(hash(prose))
        self.docs += 1
        self.counts.update(lines)

    def furniture(self) -> frozenset[str]:
        if self.docs < self.min_docs:
            return frozenset()
        need = max(2, self.min_share * self.docs)
        return frozenset(line for line, n in self.counts.items() if n >= need)
