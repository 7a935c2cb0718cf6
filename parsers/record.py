"""The article record (the public contract of `newsflow parse` and the `articles` table) and line roles."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple, TypedDict, cast, get_args

# Order of keys in `newsflow parse` output. Extend at the end; never rename or repurpose.
RECORD_FIELDS = (
    "source", "outlet", "site", "parser", "status", "reason",
    "title", "subtitles", "published_at", "updated_at",
    "authors", "dateline", "emails", "body", "captions", "warnings",
)
LIST_FIELDS = ("subtitles", "authors", "emails", "captions", "warnings")


class ArticleRecord(TypedDict):
    """One page's record, as `newsflow parse` prints it and the `articles` table stores it (the
    table adds its own columns: ids, hashes, times as timestamps, the sidecar's url). Every step
    that shapes it (the engine's assembly, the markup's metadata, the sidecar) fills these keys."""

    source: str
    outlet: str | None
    site: str | None
    parser: str | None
    status: str                      # "ok" or "rejected" (Status)
    reason: str | None               # why a page was rejected
    title: str | None
    subtitles: list[str]
    published_at: str | None         # ISO 8601 in KST, or a date
    updated_at: str | None
    authors: list[str]
    dateline: str | None
    emails: list[str]
    body: str | None
    captions: list[str]
    warnings: list[str]

# Roles a line can take. Everything but `body` and `blank` is kept out of the body ("" until labelled).
Role = Literal["", "blank", "title", "subtitle", "published", "updated", "byline", "body", "caption", "signoff",
               "furniture"]
ROLES: tuple[str, ...] = get_args(Role)[1:]
# Why a line (or part of one) was kept out of the body: the `reason` of `removed()` and of the
# `boilerplate` table. A line with no reason of its own gives its role (`title`, `date` lines…).
Reason = Literal[
    "menu", "header", "toolbar", "share", "widget", "weather", "logo", "code", "page_data", "crawler_preamble",
    "portal_date", "portal_footer", "portal_link", "title_repeat", "comments", "sidebar", "related", "ad",
    "payment_form", "promotion", "copyright", "footer", "source_label", "byline", "signoff", "caption",
    "caption_lead", "caption_credit", "photo_card", "date", "duplicate_block", "transcript_label", "not_prose",
    "editor_note", "board_header", "stock_quote", "recurring", "model",
]
REASONS: tuple[str, ...] = get_args(Reason)
# A record's warnings (`warnings`): what the reader of a record should know about how it was read.
Warning = Literal[
    "no_date", "no_title", "unknown_outlet", "truncated", "empty_body", "generic_parser", "truncated_bytes",
    "detected_encoding", "decode_errors", "mojibake_repaired", "mojibake_lossy", "meta_title_mismatch",
    "meta_published_mismatch", "sidecar_invalid", "embedded_body", "url_invalid",
]
WARNINGS: tuple[str, ...] = get_args(Warning)
DateRole = Literal["published", "updated"]        # the roles of a date line (and the Doc fields they fill)
# A record's status: an article, or a page rejected with a reason (`empty`, `binary`, `too_large`…).
Status = Literal["ok", "rejected"]


class ParserId(NamedTuple):
    """Which parser wrote a record and in which version: `newspim@3` (the record's `parser`)."""

    name: str
    version: int

    @classmethod
    def parse(cls, text: str | None) -> "ParserId | None":
        """`newspim@3` → ParserId("newspim", 3); None for None or a malformed id."""
        name, at, version = (text or "").partition("@")
        return cls(name, int(version)) if name and at and version.isdigit() else None

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"


def parser_name(text: str | None) -> str | None:
    """The parser's name in a record's `parser` field (`newspim@3` → `newspim`)."""
    parsed = ParserId.parse(text)
    return parsed.name if parsed else None


@dataclass(slots=True)
class Line:
    """One line of the normalised page and what the parser decided about it."""

    no: int                     # 1-based line number in the normalised text
    text: str                   # the line as shown
    role: Role = ""             # one of ROLES once labelled
    reason: Reason | None = None    # why the line (or its lead) left the body (REASONS)
    kept: str | None = None     # the part that stays in the body when only a lead is removed
    cut_tail: bool = False      # True: `kept` is the line's beginning (a trailing byline was removed)
    cut_prefix: str = ""        # furniture glued before the line's text, cut before labelling (`카카오톡 페이스북 …`)
    cut_suffix: str = ""        # furniture glued after it, cut before labelling (a board's `작성일 11-17 49 목록`)
    cut_spans: list[str] = field(default_factory=list)   # widgets inside it, cut before labelling (stock quotes)

    content: str = field(init=False, repr=False, compare=False)   # the line stripped (looked up often)

    def __post_init__(self) -> None:
        self.content = self.text.strip()


@dataclass
class ParseResult:
    """A record plus the labelled lines it was built from (for --explain and the boilerplate audit)."""

    record: ArticleRecord
    lines: list[Line] = field(default_factory=list)
    encoding: str | None = None
    error: str | None = None              # why a page was rejected before parsing (it did not decode)

    def removed(self) -> list[tuple[int, str, str]]:
        """(line number, text, reason) for every line or lead kept out of the body."""
        out = []
        for line in self.lines:
            if line.cut_prefix:
                out.append((line.no, line.cut_prefix.strip(), "toolbar"))
            if line.cut_suffix:
                out.append((line.no, line.cut_suffix.strip(), "board_header"))
            out.extend((line.no, span.strip(), "stock_quote") for span in line.cut_spans)
            if line.role == "blank" or (line.role == "body" and line.reason is None):
                continue
            if line.kept is None:
                removed_text = line.text
            elif line.cut_tail:
                removed_text = line.text.strip()[len(line.kept):]
            else:
                removed_text = line.text[: len(line.text) - len(line.kept)]
            out.append((line.no, removed_text.strip(), line.reason or line.role))
        return out


def empty_record(source: str) -> ArticleRecord:
    record: dict = {name: None for name in RECORD_FIELDS}
    record.update({name: [] for name in LIST_FIELDS})
    record["source"] = source
    return cast(ArticleRecord, record)


def rejected_record(source: str, reason: str, parser: str | None = None) -> ArticleRecord:
    record = empty_record(source)
    record.update({"status": "rejected", "reason": reason, "parser": parser})
    return record
