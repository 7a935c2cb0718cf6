"""Shared parsing machinery: a template is data (patterns) plus a header strategy; this labels lines.

A page is a list of lines. `Template.parse` gives every line one role (see `record.ROLES`)
in passes, most specific first:

1. blank lines;
2. furniture from the template's table and the common table (whole-line patterns → reason);
3. cuts: a marker line that starts a block running to the end, or to an `until` line
   (`[뉴스핌 베스트 기사]` → sidebar);
4. date lines (published / updated label patterns) and whole-line bylines;
5. the header (title, deck lines, captions above the body) by the template's header strategy;
6. the body zone: byline lead, captions, sign-off (which ends the article), end markers, body;
7. what follows the end: copies of earlier text are `duplicate_block`, the rest `footer`;
8. repeated paragraphs inside the body are `duplicate_block` too.

The record is then assembled from the roles. Templates declare patterns, pick a header
strategy and switch on shapes the engine knows as data (`early_captions`, `captions_anywhere`,
`caption_label_above`, `dated_bylines`, `bare_date_label`, `date_copies`). What data cannot say
goes into public hooks: `prepare_text` (before the split into lines), the stages `cut_blocks`,
`read_dates` and `read_bylines` (extend with `super()`), `after_label`, `caption_text`, `finish`
(the assembled record) and `find_outlet`. No template overrides a private pass (a test checks).
"""
from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache
from typing import Callable, ClassVar

import ahocorasick

from . import dates, grammar, people
from .captions import CAPTION_NEEDLES, CAPTION_PATTERNS, CAPTION_TAILS
from .linekinds import is_credited_paragraph
from .outlets import outlet_from_host, outlet_from_name
from .people import Byline
from .record import ArticleRecord, DateRole, Line, ParseResult, ParserId, Reason, Role, empty_record
from .text import collapse, ends_with_full_stop, identity_text, is_sentence_end, looks_like_prose
from .urls import outlet_id_of_site, url_host

Pattern = re.Pattern
Rule = tuple[Pattern, Reason]


def rx(pattern: str) -> Pattern:
    return re.compile(pattern)


# Furniture every outlet shares. Long, unique strings may stand anywhere in a short line;
# short generic words only as whole lines (they also occur inside prose).
COMMON_FURNITURE: tuple[Rule, ...] = (
    (rx(r"^.{0,100}(?:무단\s*전재|재배포\s*금지|무단복제|All rights reserved|Copyright\s*[©ⓒ(]).{0,100}$"),
     "copyright"),
    (rx(r"^<?\s*(?:저작권자\s*[©ⓒ(]|[©ⓒ]\s*\S).{0,120}$"), "copyright"),
    (rx(r"^(?:공유|공유하기|스크랩|인쇄|프린트|URL ?복사|링크 ?복사|페이스북|트위터|카카오톡|카카오스토리|"
        r"네이버 ?밴드)$"), "share"),
    (rx(r"^(?:이전|다음|목록|맨위로|TOP|Top|top)$"), "menu"),
)

_PHOTO_ITEM_PARAGRAPHS = 2       # a photo item's text: its description, perhaps a second paragraph


class Doc:
    """The lines of one page plus what passes found out about it."""

    def __init__(self, text: str, url: str | None = None):
        self.text = text
        self.lines = [Line(no, line) for no, line in enumerate(text.split("\n"), 1)]
        self.url = url
        self.title: int | None = None
        self.leads: list[Byline] = []
        self.signoffs: list[Byline] = []
        self.name_lines: list[Byline] = []     # reporter name lines above the article (fallback authors)
        self.outlet_hint: str | None = None   # a source label the header strategy saw (`뉴시스`)
        self.preamble_date: str | None = None  # the date of a crawler's ` date 2026-03-12` preamble
        self.title_text: str | None = None     # a headline found inside a line (no line of its own)
        self.title_hint: str | None = None     # the headline an HTML page's markup states (og:title, JSON-LD)
        self.published: str | None = None
        self.updated: str | None = None
        self.warnings: list[str] = []
        self.gallery = False                   # photo-news with several photos: one description per photo
        # the generic fallback's wrapped paragraphs: the joined text by first line, each later line's first
        self.joined: dict[int, str] = {}
        self.continued: dict[int, int] = {}
        self.last_line: int | None = None      # the page's last line with text (the fallback's cut-page test)

    def __len__(self) -> int:
        return len(self.lines)

    def free(self, i: int) -> bool:
        """Not yet labelled and not blank."""
        return not self.lines[i].role

    def next_free(self, start: int, stop: int | None = None) -> int | None:
        for i in range(start, len(self.lines) if stop is None else stop):
            if self.free(i):
                return i
        return None

    def label(self, i: int, role: Role, reason: Reason | None = None) -> None:
        self.lines[i].role, self.lines[i].reason = role, reason

    def label_free(self, start: int, stop: int, role: Role, reason: Reason) -> None:
        for i in range(start, stop):
            if self.free(i):
                self.label(i, role, reason)

    def index_of(self, role: str) -> int | None:
        return next((i for i, line in enumerate(self.lines) if line.role == role), None)

    def has_authors(self) -> bool:
        """Whether a byline lead or sign-off found so far names someone (a photographer's credit
        does not count: the writer may still be named elsewhere)."""
        return any(byline.authors and not byline.photo_credit for byline in self.leads + self.signoffs)


# ---------------------------------------------------------------- header strategies
# Each takes (template, doc), labels title/subtitle/caption lines and returns where the body
# zone starts. Lines left unlabelled above that point become `menu` (before the title) or
# `header` (after it).

def is_body_start(doc: Doc, i: int) -> bool:
    text = doc.lines[i].content
    return people.match_lead(text) is not None or looks_like_prose(text)


def deck_until_body(doc: Doc, start: int, captions: tuple[Pattern, ...] = ()) -> int:
    """Label free lines from `start` as deck lines until the first body-like line; return it."""
    i = start
    while i < len(doc):
        if doc.free(i):
            if is_body_start(doc, i) or any(p.search(doc.lines[i].content) for p in (*CAPTION_PATTERNS, *captions)):
                return i
            doc.label(i, "subtitle")
        i += 1
    return len(doc)


def set_title(doc: Doc, i: int | None) -> None:
    if i is not None:
        doc.label(i, "title")
        doc.title = i


def label_captions(doc: Doc, captions: tuple[Pattern, ...]) -> None:
    """Label the free lines a template's own caption patterns match, wherever they stand."""
    for i, line in enumerate(doc.lines):
        if doc.free(i) and any(p.search(line.content) for p in captions):
            doc.label(i, "caption", "caption")


def opens_body(text: str) -> bool:
    """A first line that is already article text: a sentence closed by a full stop (headlines
    drop it) or a byline lead."""
    return (len(text) >= 30 and ends_with_full_stop(text)) or people.match_lead(text) is not None


_ANY_DATE = re.compile(r"(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}(?:\.?\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_CAPTION_LABEL_MAX = 40        # characters of a caption's label line (`사진 설명`, a photo title)


def label_picture_pairs(doc: Doc, start: int) -> None:
    """Two identical, consecutive non-prose lines are one picture's alt text and caption."""
    i = doc.next_free(start)
    while i is not None:
        j = doc.next_free(i + 1)
        if j is None:
            return
        text = doc.lines[i].content
        if text == doc.lines[j].content and not looks_like_prose(text) and all(
            doc.lines[k].role == "blank" for k in range(i + 1, j)
        ):
            doc.label(i, "caption", "caption")
            doc.label(j, "caption", "caption")
            i = doc.next_free(j + 1)
        else:
            i = j


def title_first(template: "Template", doc: Doc) -> int:
    """Title is the first free line; deck lines follow until the body (Hankyung)."""
    set_title(doc, doc.next_free(0))
    return deck_until_body(doc, (doc.title or 0) + 1, template.captions) if doc.title is not None else 0


def title_above_date(template: "Template", doc: Doc) -> int:
    """Title is the nearest free line above the published line; deck lines follow the dates (Newspim)."""
    date_i = doc.index_of("published")
    if date_i is None:
        return title_first(template, doc)
    above = next((i for i in range(date_i - 1, -1, -1) if doc.free(i)), None)
    set_title(doc, above)
    last_date = max(i for i, line in enumerate(doc.lines) if line.role in ("published", "updated"))
    return deck_until_body(doc, last_date + 1, template.captions)


def block_above_date(template: "Template", doc: Doc) -> int:
    """Title and deck lines form the block of free lines right above the date line (regional CMS)."""
    date_i = doc.index_of("published")
    if date_i is None:
        return title_first(template, doc)
    block: list[int] = []
    i = date_i - 1
    while i >= 0 and len(block) < 4 and (doc.free(i) or doc.lines[i].role == "blank"):
        if doc.free(i):
            block.insert(0, i)
        i -= 1
    if block:
        set_title(doc, block[0])
        for j in block[1:]:
            doc.label(j, "subtitle")
    return date_i + 1


def title_then_source_label(template: "Template", doc: Doc) -> int:
    """Portal page: title first, then the publisher's name on a line of its own, then photo
    captions up to the byline lead or the first paragraph (Zum)."""
    set_title(doc, doc.next_free(0))
    if doc.title is None:
        return 0
    i = doc.title + 1
    while i < len(doc):
        if doc.free(i):
            text = doc.lines[i].content
            if doc.outlet_hint is None and outlet_from_name(text):
                doc.outlet_hint = outlet_from_name(text)
                doc.label(i, "furniture", "source_label")
            elif is_body_start(doc, i):
                return i
            else:
                doc.label(i, "caption", "caption")
        i += 1
    return len(doc)


# ---------------------------------------------------------------- templates

class MarkerPage:
    """A page prepared for template detection: its stripped non-blank lines joined by "\n",
    which of the markers' literal strings it holds (each looked up once for all templates) and,
    on demand, the lines holding a literal."""

    def __init__(self, joined: str, literals: frozenset[str]):
        self.joined = joined
        self._ends: dict[str, list[int]] = {}
        # one pass for every literal of two characters or more; a single character (`면`, `한`)
        # would match all over a page, so it is only looked up, never located line by line
        for end, literal in _automaton(literals).iter(joined):
            self._ends.setdefault(literal, []).append(end)
        for char in _single_chars(literals):
            if char in joined:
                self._ends[char] = _UNLOCATED
        self.present = self._ends.keys()
        self._lines: dict[str, list[str] | None] = {}

    MAX_LINES = 4      # a literal on more lines than this: one search of the whole page is cheaper

    def lines_with(self, literals: frozenset[str]) -> list[str] | None:
        """The lines holding any of `literals` (None: too many to try one by one)."""
        lines: list[str] = []
        for literal in literals & self.present:
            found = self._lines.get(literal, ())
            if found == ():
                found = self._find(literal)
                self._lines[literal] = found
            if found is None:
                return None
            lines += found
        return lines

    def _find(self, literal: str) -> list[str] | None:
        ends = self._ends[literal]
        if ends is _UNLOCATED or len(ends) > self.MAX_LINES:
            return None
        found, text, last_end = [], self.joined, -1
        for end in ends:
            if end <= last_end:
                continue                              # on a line already taken
            line_start = text.rfind("\n", 0, end) + 1
            last_end = text.find("\n", end)
            last_end = len(text) if last_end < 0 else last_end
            found.append(text[line_start:last_end])
        return found


_UNLOCATED: list[int] = []      # the ends of a single-character literal: not collected


@lru_cache(maxsize=64)
def _single_chars(literals: frozenset[str]) -> tuple[str, ...]:
    return tuple(literal for literal in literals if len(literal) == 1)


@lru_cache(maxsize=64)
def _automaton(literals: frozenset[str]):
    """An Aho-Corasick automaton finding every literal of two characters or more in one pass."""
    automaton = ahocorasick.Automaton()
    for literal in literals:
        if len(literal) > 1:
            automaton.add_word(literal, literal)
    automaton.make_automaton()
    return automaton


class Template:
    """A page template: how to recognise it, its furniture and labels, and its header strategy."""

    name: ClassVar[str] = "template"
    version: ClassVar[int] = 1
    hosts: ClassVar[tuple[str, ...]] = ()           # URL hosts (suffix match) that select it
    markers: ClassVar[tuple[tuple[Pattern, int], ...]] = ()   # (line pattern, weight) for detection
    min_score: ClassVar[int] = 3
    default_outlet: ClassVar[str | None] = None     # publisher when the page names no other
    portal: ClassVar[bool] = False                  # a portal republishes others: its host is never the outlet
    site: ClassVar[str | None] = None               # the host the text comes from, when known
    furniture: ClassVar[tuple[Rule, ...]] = ()      # whole-line patterns → reason
    cuts: ClassVar[tuple[tuple, ...]] = ()          # (marker, reason[, until]): a block cut out whole
    ends: ClassVar[tuple[Rule, ...]] = ()           # line that closes the article (itself furniture)
    published: ClassVar[tuple[Pattern, ...]] = ()   # label lines holding the published time
    updated: ClassVar[tuple[Pattern, ...]] = ()
    signoffs: ClassVar[tuple[Pattern, ...]] = ()    # template sign-off lines (group `people`)
    bylines: ClassVar[tuple[Pattern, ...]] = ()     # whole-line bylines (groups `people`, `dateline`)
    captions: ClassVar[tuple[Pattern, ...]] = ()    # the template's own photo-caption patterns
    header: ClassVar[Callable[["Template", Doc], int]] = title_first
    # Shapes some templates have, declared as data (the engine's stages read them):
    early_captions: ClassVar[tuple[Pattern, ...]] = ()   # caption lines labelled before any other pass
    captions_anywhere: ClassVar[bool] = False      # `captions` may stand anywhere: labelled before the header
    # with it, a short non-sentence line right above is the caption's label
    caption_label_above: ClassVar[bool] = False
    dated_bylines: ClassVar[tuple[Pattern, ...]] = ()   # a byline sharing the published line (group `people`)
    bare_date_label: ClassVar[Pattern | None] = None    # `입력 :` alone (group `label`), the time on the next line
    date_copies: ClassVar[tuple[Pattern, ...]] = ()     # later copies of the date line: date furniture

    @classmethod
    def site_of(cls, url: str | None) -> str | None:
        """The `site` of a record this template writes for a page at `url`."""
        return _host(url) or cls.site

    @property
    def parser_id(self) -> str:
        return str(ParserId(self.name, self.version))

    # -- detection
    def serves(self, host: str) -> bool:
        """Whether `host` is one of the template's sites (suffix match)."""
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def score(self, page: MarkerPage, host: str | None, need: int = 0) -> int:
        """Marker weights found in the page, or 100 when the URL host is the template's. Scoring
        stops as soon as the weights still unseen cannot lift the total to `need` (the result is
        then below `need`). A marker whose literals the page lacks is skipped unsearched."""
        if host and self.serves(host):
            return 100
        total, unseen = 0, self._total_weight()
        for (whole_page, weight, needles), (line_pattern, _), runs in zip(
                self._line_markers(), self.markers, self._marker_runs()):
            if total + unseen < need:
                return total
            unseen -= weight
            if needles and (page.present.isdisjoint(needles) or not runs <= page.present):
                continue
            # only the lines holding one of the marker's literals can match it (None: search the page)
            lines = page.lines_with(needles) if needles else None
            found = whole_page.search(page.joined) if lines is None else any(line_pattern.search(ln) for ln in lines)
            total += weight if found else 0
        return total

    @classmethod
    @cache
    def _gates(cls) -> tuple[tuple[frozenset[str], frozenset[str]], ...] | None:
        """For each marker, the literals one of which any match holds and the runs of literal text
        every match holds (`기자`, `입력`): a page lacking either cannot match it. None: a marker
        has no literal, so any page may match (the registry's candidate index reads this)."""
        pairs = tuple((needles, runs) for (_, _, needles), runs in zip(cls._line_markers(), cls._marker_runs()))
        return None if any(not needles for needles, _ in pairs) else pairs

    @classmethod
    @cache
    def _marker_runs(cls) -> tuple[frozenset[str], ...]:
        """For each marker, the runs of literal text every match contains (all of them)."""
        return tuple(_runs_of(p) for p, _ in cls.markers)

    @classmethod
    @cache
    def _total_weight(cls) -> int:
        return sum(weight for _, weight in cls.markers)

    @classmethod
    @cache
    def literals(cls) -> frozenset[str]:
        """Every literal string the template's markers look for (see `_line_markers`, `_marker_runs`)."""
        return frozenset(n for _, _, needles in cls._line_markers() for n in needles).union(*cls._marker_runs())

    @classmethod
    @cache
    def _line_markers(cls) -> tuple[tuple[Pattern, int, frozenset[str]], ...]:
        """The markers compiled to run once over the whole page (`^`/`$` at line ends, classes
        and spaces kept from crossing a line), each with the literal strings one of which any
        match must contain (`MarkerPage` finds them all in one pass)."""
        return tuple((re.compile(_one_line(p.pattern), p.flags | re.M), w, _literals_of(p)) for p, w in cls.markers)

    # -- parsing: the shared grammar around the template's labelling
    def parse(self, text: str, source: str, url: str | None = None) -> ParseResult:
        doc = Doc(self.prepare_text(text), url)
        grammar.prepare(doc)
        self.label(doc)
        grammar.refine(doc)
        record = self.assemble(doc, source)
        self.finish(record, doc)
        return ParseResult(record, doc.lines)

    # -- public hooks: what a template's data cannot say. Each is a no-op here; the stages
    # (`cut_blocks`, `read_dates`, `read_bylines`) are public too and may be extended.
    def prepare_text(self, text: str) -> str:
        """The page's text before it is split into lines (a template may undo its own gluing)."""
        return text

    def after_label(self, doc: Doc) -> None:
        """Runs when every stage has labelled the page, before the shared grammar refines it."""

    def caption_text(self, text: str, doc: Doc) -> str:
        """A caption as it goes into the record (a template may strip its own decoration)."""
        return text

    def finish(self, record: ArticleRecord, doc: Doc) -> None:
        """Last touches to the assembled record (a template's own title or warning rules)."""

    # -- labelling
    def label(self, doc: Doc) -> None:
        for line in doc.lines:
            if not line.content and not line.role:
                line.role = "blank"
        for i, line in enumerate(doc.lines if self.early_captions else ()):
            if line.content and any(p.search(line.content) for p in self.early_captions):
                doc.label(i, "caption", "caption")
        self._furniture(doc)
        self.cut_blocks(doc)
        self.read_dates(doc)
        self._date_copies(doc)
        self.read_bylines(doc)
        self._dated_bylines(doc)
        if self.captions_anywhere:
            self._captions_anywhere(doc)
        body_start = self.header(doc)
        title = doc.title if doc.title is not None else body_start
        doc.label_free(0, min(title, body_start), "furniture", "menu")
        doc.label_free(title, body_start, "furniture", "header")
        end = self._body(doc, body_start)
        self._after_end(doc, end)
        self._repeated_paragraphs(doc)
        self.after_label(doc)

    @classmethod
    @cache
    def _furniture_rules(cls) -> tuple[tuple[Pattern, Reason, frozenset[str]], ...]:
        """The template's furniture rules, then the common ones, each with the literal strings
        one of which any match contains (as for markers)."""
        return tuple((p, reason, _literals_of(p)) for p, reason in cls.furniture + COMMON_FURNITURE)

    @classmethod
    @cache
    def _any_furniture(cls) -> Pattern | None:
        """One pattern matching where any furniture rule matches (None: the rules cannot be joined)."""
        patterns = [p.pattern for p, _, _ in cls._furniture_rules()]
        if any(re.search(r"\\\d|\(\?P=", p) for p in patterns):
            return None                  # a back-reference would point into another rule once joined
        try:
            return re.compile("|".join(f"(?:{_unnamed(p.pattern)})" if not p.flags & re.I
                                        else f"(?i:{_unnamed(p.pattern)})" for p, _, _ in cls._furniture_rules()))
        except re.error:
            return None

    def _furniture(self, doc: Doc) -> None:
        # rules are tried one by one only on the lines where one of them matches
        any_rule = self._any_furniture()
        rules = [(p, reason) for p, reason, needles in self._furniture_rules()
                 if any_rule is not None or not needles or any(n in doc.text for n in needles)]
        for line in doc.lines:
            if line.role or (any_rule is not None and any_rule.search(line.content) is None):
                continue
            for pattern, reason in rules:
                if pattern.search(line.content):
                    line.role, line.reason = "furniture", reason
                    break

    def cut_blocks(self, doc: Doc) -> None:
        """A cut is (marker, reason) — the block runs to the end of the page — or
        (marker, reason, until): it stops before the first later line matching `until`."""
        for cut in self.cuts:
            pattern, reason, until = (*cut, None)[:3]
            for i, line in enumerate(doc.lines):
                if line.role in ("", "furniture") and pattern.search(line.content):
                    stop = len(doc)
                    if until is not None:
                        stop = next((j for j in range(i + 1, len(doc)) if until.search(doc.lines[j].content)), len(doc))
                    doc.label(i, "furniture", reason)
                    doc.label_free(i + 1, stop, "furniture", reason)
                    break

    def read_dates(self, doc: Doc) -> None:
        """Label the first published and updated label lines. A pattern may hold a named group
        `when` with the date; one line may hold both (`입력 2024.01.11 15:00 수정 … 16:00`).
        With `bare_date_label`, a label alone on its line takes the time on the next line."""
        roles: tuple[tuple[DateRole, tuple[Pattern, ...]], ...] = (("published", self.published),
                                                                   ("updated", self.updated))
        for role, patterns in roles:
            for i, line in enumerate(doc.lines):
                if line.role not in ("", "published"):
                    continue
                value = _first_date(patterns, line.content)
                if value:
                    setattr(doc, role, value)
                    if not line.role:
                        doc.label(i, role, "date")
                    break
        if self.bare_date_label is not None:
            self._bare_date_labels(doc, self.bare_date_label)

    @staticmethod
    def _bare_date_labels(doc: Doc, bare_label: Pattern) -> None:
        for i, line in enumerate(doc.lines):
            label = bare_label.match(line.content)
            if not label or line.role:
                continue
            j = next((k for k in range(i + 1, min(i + 4, len(doc))) if doc.lines[k].content
                      and doc.lines[k].content not in _SEPARATORS), None)
            value = _first_date((_ANY_DATE,), doc.lines[j].content) if j is not None else None
            if value is None or j is None:
                continue
            date_role: DateRole = "updated" if "수정" in label["label"] or "업데이트" in label["label"] else "published"
            if getattr(doc, date_role) is None:
                setattr(doc, date_role, value)
                doc.label(i, "furniture", "date")
                doc.label(j, date_role, "date")

    def _date_copies(self, doc: Doc) -> None:
        if not self.date_copies:
            return
        for i, line in enumerate(doc.lines):
            if doc.free(i) and any(p.search(line.content) for p in self.date_copies):
                doc.label(i, "furniture", "date")

    def _dated_bylines(self, doc: Doc) -> None:
        """A byline sharing the published line (`홍길동 기자 입력 2024.01.11 …`)."""
        if not self.dated_bylines:
            return
        line = next((ln for ln in doc.lines if ln.role == "published"), None)
        match = next((m for p in self.dated_bylines if line and (m := p.match(line.content))), None)
        if match and line is not None:
            doc.signoffs.append(Byline(authors=people.author_names(match["people"]),
                                       emails=people.EMAIL_RE.findall(line.content)))

    def _captions_anywhere(self, doc: Doc) -> None:
        """The template's captions wherever they stand (a credit line above the dates is a caption,
        not a title or deck line); with `caption_label_above`, the label line right above each."""
        for i, line in enumerate(doc.lines):
            if not doc.free(i) or not any(p.search(line.content) for p in self.captions):
                continue
            doc.label(i, "caption", "caption")
            above = doc.lines[i - 1] if i else None
            if (self.caption_label_above and above is not None and doc.free(i - 1)
                    and len(above.content) <= _CAPTION_LABEL_MAX and not is_sentence_end(above.content)):
                doc.label(i - 1, "caption", "caption")

    def read_bylines(self, doc: Doc) -> None:
        """Whole-line bylines the template declares (`홍길동 기자`, `기자명 홍길동 기자`)."""
        for i, line in enumerate(doc.lines):
            if not doc.free(i):
                continue
            for pattern in self.bylines:
                match = pattern.search(line.content)
                if match:
                    groups = match.groupdict()
                    doc.leads.append(Byline(
                        dateline=groups.get("dateline"),
                        authors=people.author_names(groups.get("people") or ""),
                        emails=people.EMAIL_RE.findall(line.content),
                    ))
                    doc.label(i, "byline", "byline")
                    break

    @classmethod
    @cache
    def _caption_rules(cls) -> tuple[tuple[Pattern, frozenset[str], int | None], ...]:
        """The shared and the template's caption patterns, each with its required literals and,
        for a pattern anchored at the line's end, how much of the end it can span."""
        return tuple(zip(CAPTION_PATTERNS, CAPTION_NEEDLES, CAPTION_TAILS)) + tuple(
            (p, _literals_of(p), None) for p in cls.captions)

    def _body(self, doc: Doc, start: int) -> int:
        """Label the body zone; return the index after the article's last line."""
        seen_body = False
        # only caption patterns whose literal strings the page holds are tried, line by line
        captions = [(p, tail) for p, needles, tail in self._caption_rules()
                    if not needles or any(n in doc.text for n in needles)]
        for i in range(start, len(doc)):
            line = doc.lines[i]
            if line.role:
                continue
            text = line.content
            end_reason = next((r for p, r in self.ends if p.search(text)), None)
            if end_reason:
                doc.label(i, "furniture", end_reason)
                return i + 1
            if any(p.search(text, max(0, len(text) - tail)) if tail else p.search(text) for p, tail in captions) \
                    and not is_credited_paragraph(text):       # (`… 반응을 보였다.(사진=…)`: a paragraph)
                doc.label(i, "caption", "caption")
                continue
            signoff = people.match_signoff(text, self.signoffs)
            if signoff is not None and seen_body:
                if _contributor_box(doc, start, i):
                    # a writer's box (series list, name, affiliation, e-mail) above the article
                    doc.label_free(start, i, "furniture", "header")
                    for j in range(start, i):
                        if doc.lines[j].role == "body":
                            doc.label(j, "furniture", "header")
                    doc.label(i, "byline", "byline")
                    doc.leads.append(signoff)
                    continue
                doc.label(i, "signoff", "signoff")
                doc.signoffs.append(signoff)
                return self._more_signoffs(doc, i + 1)
            lead = people.match_lead(text) if not seen_body else None
            if lead is not None:
                doc.leads.append(lead)
                line.kept = text[lead.end:].strip()
                doc.label(i, "body" if line.kept else "byline", "byline")
            else:
                doc.label(i, "body")
            seen_body = True
        return len(doc)

    def _more_signoffs(self, doc: Doc, i: int) -> int:
        """A sign-off may run over several lines (name, then e-mail)."""
        while i < len(doc):
            if doc.lines[i].role == "blank":
                i += 1
                continue
            signoff = people.match_signoff(doc.lines[i].content, self.signoffs) if doc.free(i) else None
            if signoff is None:
                break
            doc.label(i, "signoff", "signoff")
            doc.signoffs.append(signoff)
            i += 1
        return i

    def _after_end(self, doc: Doc, end: int) -> None:
        if doc.next_free(end) is None:
            return
        kept = {identity_text(ln.kept or ln.text) for ln in doc.lines if ln.role in ("body", "subtitle", "title",
                                                                                     "signoff")}
        for i in range(end, len(doc)):
            if doc.free(i):
                same = identity_text(doc.lines[i].text) in kept
                doc.label(i, "furniture", "duplicate_block" if same else "footer")

    def _repeated_paragraphs(self, doc: Doc) -> None:
        seen: set[str] = set()
        for line in doc.lines:
            if line.role not in ("body", "subtitle", "caption"):
                continue
            key = identity_text(line.kept if line.kept is not None else line.text)
            if key in seen:
                line.role, line.reason, line.kept = "furniture", "duplicate_block", None
            seen.add(key)

    # -- assembling the record
    def find_outlet(self, doc: Doc) -> str | None:
        """The original publisher: a known URL host, the page's source label, byline agency,
        sign-off e-mail domain, the template's default, then (on a publisher's own site that the
        outlet table does not know) the site's host name (a syndicated copy names its source)."""
        host_outlet = outlet_from_host(_host(doc.url))
        if host_outlet:
            return host_outlet
        if doc.outlet_hint:
            return doc.outlet_hint
        for lead in doc.leads:
            if outlet_from_name(lead.agency):
                return outlet_from_name(lead.agency)
        for signoff in doc.signoffs:
            for email in signoff.emails:
                if outlet_from_host(email):
                    return outlet_from_host(email)
        if self.default_outlet:
            return self.default_outlet
        host = _host(doc.url)
        return site_outlet_id(host) if host and not self.portal else None

    def assemble(self, doc: Doc, source: str) -> ArticleRecord:
        record = empty_record(source)
        lines = doc.lines

        def texts(role: str) -> list[str]:
            return [collapse(ln.text) for ln in lines if ln.role == role]

        captions = [self.caption_text(grammar.image_alt(collapse(ln.text)),
                                      doc) for ln in lines if ln.role == "caption"]

        body = [collapse(ln.kept if ln.kept is not None else ln.text) for ln in lines if ln.role == "body"]
        body = [p for p in body if p]
        warnings = list(doc.warnings)
        if body and body[-1].endswith("\ufffd"):
            body[-1] = body[-1].rstrip("\ufffd").rstrip()
        if body and not is_sentence_end(body[-1]):
            warnings.append("truncated")

        bylines = doc.leads + doc.signoffs
        credited = [b for b in bylines if b.authors and not b.photo_credit]
        # a photographer's credit names the author of a photo item when no byline names anyone; an
        # article of several paragraphs is not the photographer's
        photo_item = len(body) <= _PHOTO_ITEM_PARAGRAPHS
        authors: list[str] = []
        for byline in credited or [b for b in bylines if photo_item or not b.photo_credit]:
            authors += [a for a in byline.authors if a not in authors]
        emails: list[str] = []
        for byline in bylines:
            emails += [e for e in byline.emails if e not in emails]
        dateline = next((b.dateline for b in bylines if b.dateline), None)

        record.update({
            "outlet": self.find_outlet(doc),
            "site": self.site_of(doc.url),
            "parser": self.parser_id,
            "status": "ok",
            "title": collapse(lines[doc.title].text) if doc.title is not None else doc.title_text,
            "subtitles": texts("subtitle"),
            "published_at": doc.published,
            "updated_at": doc.updated,
            "authors": authors,
            "dateline": dateline,
            "emails": emails,
            "body": "\n".join(body),
            "captions": captions,
        })
        if record["title"] is None:
            warnings.append("no_title")
        if record["published_at"] is None:
            warnings.append("no_date")
        if record["outlet"] is None:
            warnings.append("unknown_outlet")
        if not body:
            warnings.append("empty_body")
            if record["title"] is None:
                record.update({"status": "rejected", "reason": "no_content"})
        record["warnings"] = warnings
        return record


def _unnamed(pattern: str) -> str:
    """A pattern with its named groups made plain (so that several can be joined into one)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_CONTRIBUTOR_PROSE = 2     # prose paragraphs after a sign-off that make it a writer's box above the article


def _contributor_box(doc: Doc, start: int, signoff: int) -> bool:
    """A sign-off that comes before any prose paragraph and is followed by several: the writer's box
    a magazine prints above the article (series list, name, affiliation, e-mail)."""
    if any(doc.lines[j].role == "body" and opens_body(doc.lines[j].kept or doc.lines[j].content)
           for j in range(start, signoff)):
        return False
    prose_after = 0
    for line in doc.lines[signoff + 1:]:
        if line.content and not line.role and looks_like_prose(line.content):
            prose_after += 1
            if prose_after >= _CONTRIBUTOR_PROSE:
                return True
    return False


def _runs_of(pattern: Pattern) -> frozenset[str]:
    """The runs of two or more literal characters that every match of `pattern` contains."""
    return (
        frozenset() if pattern.flags & re.I else frozenset(r for r in literal_runs_of(pattern.pattern) if len(r) >= 2)
    )


def _literals_of(pattern: Pattern) -> frozenset[str]:
    """`required_literals` of a compiled pattern (none for a case-insensitive one)."""
    return frozenset() if pattern.flags & re.I else frozenset(required_literals(pattern.pattern))


def _literal_runs(items) -> list[str]:
    """Runs of literal characters in a parse tree's top level (a required group's longest run too):
    every match contains all of them."""
    from re import _constants as C  # type: ignore[attr-defined]  # (private: the regex parser's constants)

    runs, current = [], []
    for op, av in items:
        if op is C.LITERAL:
            current.append(chr(av))
            continue
        if current:
            runs.append("".join(current))
            current = []
        if op is C.SUBPATTERN:
            inner = _literal_runs(av[3])
            if inner:
                runs.append(max(inner, key=len))
    if current:
        runs.append("".join(current))
    return runs


def _parse_tree(pattern: str) -> list | None:
    from re import _parser as sre_parse  # type: ignore[attr-defined]  # (private: the regex parser)

    try:
        return list(sre_parse.parse(pattern))
    except Exception:   # noqa: BLE001 - an unreadable tree only loses the shortcut
        return None


def literal_runs_of(pattern: str) -> list[str]:
    """The runs of literal text every match of `pattern` contains (see `_literal_runs`)."""
    parsed = _parse_tree(pattern)
    return _literal_runs(parsed) if parsed is not None else []


def required_literals(pattern: str) -> tuple[str, ...]:
    """Strings one of which every match of `pattern` contains (empty: no such strings known).
    Reads the pattern's parse tree: a run of literal characters at the top level, or a group of
    alternatives that each start with one."""
    from re import _constants as C  # type: ignore[attr-defined]  # (private: the regex parser's constants)

    def branch(items) -> tuple[str, ...]:
        for op, av in items:
            if op is C.SUBPATTERN:
                return branch(av[3])
            if op is C.BRANCH:
                options = [max(_literal_runs(alt), key=len, default="") for alt in av[1]]
                return tuple(options) if all(options) else ()
            if op is not C.AT:
                return ()
        return ()

    def prefixed_branch(items) -> tuple[str, ...]:
        """`기사(?:입력|등록)` (how the parser stores `기사입력|기사등록`): the run, then each
        alternative's leading literals."""
        current: list[str] = []
        for op, av in items:
            if op is C.LITERAL:
                current.append(chr(av))
                continue
            if op is C.BRANCH and current:
                heads = []
                for alt in av[1]:
                    head = "".join(chr(v) for o, v in itertools.takewhile(lambda item: item[0] is C.LITERAL, alt))
                    heads.append("".join(current) + head)
                return tuple(heads)
            current = []
        return ()

    parsed = _parse_tree(pattern)
    if parsed is None:
        return ()
    runs = [r for r in _literal_runs(parsed) if len(r) >= 2 or ord(r[0]) > 127]
    longest = max(runs, key=len, default="")
    options = prefixed_branch(parsed)
    if options and min(map(len, options)) > len(longest):
        return options
    if runs:
        return (longest,)
    return branch(parsed)


def _one_line(pattern: str) -> str:
    r"""Keep a line pattern inside one line of a joined page: `\s` outside a character class
    becomes `[^\S\n]`, and a negated class `[^…]` also excludes `\n`."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            out.append("[^\\S\\n]" if pair == "\\s" and not in_class else pair)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            if pattern.startswith("[^", i):
                out.append("[^\\n")
                i += 2
                if pattern.startswith("]", i):          # `[^]…]`: a leading `]` is literal
                    out.append("\\]")
                    i += 1
                continue
        elif ch == "]" and in_class and out[-1] != "[":
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def site_outlet_id(host: str) -> str:
    """`www.skkuw.com` → `skkuw.com`: the id of a publisher known only by its site (an id from a
    fixed alphabet and length, whatever the host: `parsers.urls.outlet_id_of_site`)."""
    return outlet_id_of_site(host)


_SEPARATORS = frozenset({"|", "ㅣ", "·", "-", "/"})     # a lone separator between a date label and its date


def _first_date(patterns: tuple[Pattern, ...], text: str) -> str | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            found = match.groupdict().get("when")
            value = dates.parse_kst(found if found else text[match.start():])
            if value:
                return value
    return None


def _host(url: str | None) -> str | None:
    """The URL's clean host (`parsers.urls`), None for none or a bad URL."""
    return url_host(url)
