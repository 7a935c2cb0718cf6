"""Cross-document evidence for the generic fallback: lines that recur across many pages of one
site are furniture (menus, footers, widgets, "most read" lists), whatever their wording.

    seen = RecurringLines()
    for text in pages_of_one_site:
        seen.add(text)
    furniture = seen.furniture()     # the recurring lines, as a LineSet (`text in furniture`)

Lines are counted by a stable 64-bit hash of their identity form, so a site's statistics are
small and can be kept between runs (the warehouse's `site_lines` table): `RecurringLines(pages,
counts)` restores them, `merge` adds a run's pages, `bounded` keeps the most frequent lines.

Pages are read as the parsers read them: an HTML page's markup is turned into its text lines
first. Copies of one article (the same paragraphs, fetched twice or from a mobile and a desktop
address) count as one page within a run, or the article's own text would look like furniture.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from .text import identity_text, is_sentence_end

_HTML = re.compile(r"\s*(?:<!doctype\s+html|<html|<head|<meta|<body|<!--)", re.I)
MAX_LINES_PER_SITE = 4000       # a site's kept statistics: its most frequent line hashes


def line_hash(identity: str) -> int:
    """A stable signed 64-bit hash of a line's identity form (the same in every process and run)."""
    return int.from_bytes(hashlib.blake2b(identity.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


@dataclass(frozen=True)
class PageLines:
    """What one page adds to its site's statistics: its lines' hashes, and a hash of its prose
    (copies of one article share it, and count once)."""

    lines: frozenset[int]
    prose: int | None


def page_lines(text: str) -> PageLines:
    """A page's line statistics, the same in every process (stable hashes)."""
    if _HTML.match(text[:512]):
        from .html import html_to_text
        text = html_to_text(text)[0]
    lines = {identity_text(line) for line in text.split("\n") if line.strip()}
    prose = sorted(line for line in lines if len(line) >= 40 and is_sentence_end(line))
    return PageLines(frozenset(line_hash(line) for line in lines), line_hash("\n".join(prose)) if prose else None)


class LineSet(frozenset):
    """Hashes of recurring lines; `identity_text in line_set` hashes the text to look it up."""

    def __contains__(self, item: object) -> bool:
        return super().__contains__(line_hash(item) if isinstance(item, str) else item)


class RecurringLines:
    def __init__(self, docs: int = 0, counts: dict[int, int] | None = None, min_docs: int = 3,
                 min_share: float = 0.5):
        self.min_docs = min_docs          # below this many pages there is no evidence
        self.min_share = min_share        # a line on at least this share of the pages is furniture
        self.docs = docs
        self.counts: Counter[int] = Counter(counts or {})
        self._articles: set[int] = set()

    def add(self, text: str) -> None:
        self.add_page(page_lines(text))

    def add_page(self, page: "PageLines") -> None:
        """Count one page's lines (as `page_lines` hashed them, maybe in another process)."""
        if page.prose is not None:
            if page.prose in self._articles:
                return                    # another copy of an article already counted
            self._articles.add(page.prose)
        self.docs += 1
        self.counts.update(page.lines)

    def merge(self, other: "RecurringLines") -> "RecurringLines":
        """Both sets of pages counted together (a site's memory plus this run's pages)."""
        return RecurringLines(self.docs + other.docs, self.counts + other.counts, self.min_docs, self.min_share)

    def bounded(self, max_lines: int = MAX_LINES_PER_SITE) -> "RecurringLines":
        """The same page count with only the `max_lines` most frequent lines: furniture recurs,
        so it is never what is dropped."""
        kept = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:max_lines]
        return RecurringLines(self.docs, dict(kept), self.min_docs, self.min_share)

    def furniture(self) -> LineSet:
        if self.docs < self.min_docs:
            return LineSet()
        need = max(2, self.min_share * self.docs)
        return LineSet(line for line, n in self.counts.items() if n >= need)
