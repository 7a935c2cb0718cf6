"""Fallback for pages no template recognises. It knows no outlet: only what Korean news pages
share (parsers/linekinds.py) and, when given, the lines recurring across pages of the same site
(cross-document evidence, parsers/recurring.py). Always says so in `warnings` (`generic_parser`).

How a page is read:
1. furniture: common patterns (copyright, share rows, skip links, font-size and reading-time
   widgets, imprint), lines made of chrome words, breadcrumbs, "most read" headings, print-page
   references, and the lines recurring on the site's pages (but never a byline or date line);
2. times: a date label (`입력`, `등록`, `기사입력`, `승인`, `수정`, `업데이트`…) before or after the
   time on one line, or alone with the time on the next line (text dumps only: an HTML page's
   markup states its times to the second); else a bare date and time under the title;
3. the body is the largest run of prose lines, a run ending where four other lines stand
   between two prose lines or at a copyright line; short sentences carry a run on; a run that
   repeats the opening of later text is a summary, not the body; a box of related headlines
   inside the article does not end it when a sign-off follows. The body starts at a byline lead
   (`[서울=뉴스핌] 홍길동 기자 =`, `[매체명 홍길동 기자]`) near the run's top, or after a byline or
   date line that parts a teaser from it;
4. the title: the first headline-like line of the block of such lines right above the first
   date, byline or print-page line of the header (else of the header), passing over menu-like
   lines and a short section name; below it deck lines, captions, bylines, source labels;
5. in the body: captions (credits, alt text doubled), short sentences, subheads (headline-like
   lines before a paragraph, not after a "related" heading); a sign-off ends the article; a
   bare `홍길동 기자` closing the last paragraph is its byline; a page cut off mid-paragraph
   keeps its last fragment.
"""
from __future__ import annotations

from .. import grammar, lineclass, people
from .. import linekinds as lk
from ..engine import Doc, Template, rx
from ..people import Byline
from ..record import DateRole, ParseResult
from ..text import identity_text, is_sentence_end

# A sentence's end in a wrapped script line (`… 있습니다.`, `… 떨어졌습니다.//`, the script's end mark).
_SCRIPT_END = rx(r"(?:다|요|죠|까)[.?!][\"'”’)]*\s*(?://)?$")
MIN_GAP = 4          # this many other lines between two prose lines split the page into blocks


class Generic(Template):
    name = "generic"
    version = 3
    min_score = 0
    published = (rx(rf"(?:{lk.PUB_LABEL})\s*[:：|]?\s*\[?\s*(?:19|20)\d{{2}}"),)
    updated = (rx(rf"(?:{lk.UPD_LABEL})\s*[:：|]?\s*\[?\s*(?:19|20)\d{{2}}"),)
    furniture = lk.GENERIC_FURNITURE

    def parse(self, text: str, source: str, url: str | None = None,
              recurring: frozenset[str] = frozenset(), title_hint: str | None = None,
              use_model: bool = True) -> ParseResult:
        """`recurring`: identity forms of lines seen on many pages of the same site (furniture);
        `title_hint`: the headline the page's markup states (og:title, JSON-LD), if any."""
        doc = Doc(self.prepare_text(text), url)
        grammar.prepare(doc)
        doc.title_hint = title_hint
        for line in doc.lines:
            if line.content and identity_text(line.content) in recurring and not self._own_line(line.content):
                doc.label(line.no - 1, "furniture", "recurring")
        self.label(doc)
        grammar.refine(doc)
        if use_model and lineclass.ENABLED:
            lineclass.prune(doc)
        record = self.assemble(doc, source)
        if doc.title_text:
            record["title"] = doc.title_text
        return ParseResult(record, doc.lines)

    def prepare_text(self, text: str) -> str:
        """A page double-spaced line by line (an archive that put a blank line after every wrapped
        line, `…43호 국내 한 시즌 최다홈런` / `` / `수립과 50 홈런 고지를…`) read with single spacing, so
        that its wrapped sentences join up; a run of blank lines still parts paragraphs."""
        if text.count("\n\n") < 8:
            return text                   # (a double-spaced page has a blank line after most lines)
        lines = text.split("\n")
        filled = [i for i, line in enumerate(lines) if line.strip()]
        if len(filled) < 12:
            return text
        single_gaps = sum(1 for a, b in zip(filled, filled[1:]) if b - a == 2)
        if single_gaps < 0.7 * (len(filled) - 1):
            return text
        open_ends = sum(1 for i in filled if not _SCRIPT_END.search(lines[i].strip()) and len(lines[i].strip()) >= 20)
        if open_ends < 0.4 * len(filled):
            return text
        kept = [line for k, line in enumerate(lines)
                if line.strip() or not (0 < k < len(lines) - 1 and lines[k - 1].strip() and lines[k + 1].strip())]
        return "\n".join(kept)

    @staticmethod
    def _own_line(text: str) -> bool:
        """A byline or date line belongs to the article even when it recurs on the site's pages
        (one reporter's sign-off under many of them)."""
        return lk.signoff(text) is not None or bool(lk.labelled_dates(text))

    # ------------------------------------------------------------ the passes
    def label(self, doc: Doc) -> None:
        for line in doc.lines:
            if not line.content and not line.role:
                line.role = "blank"
        self._furniture(doc)
        self._times(doc)
        self._chrome(doc)
        self._join_wrapped(doc)
        doc.last_line = self._last_line(doc)
        kinds = {i: self._kind(doc, i) for i in range(len(doc)) if doc.free(i)}
        block = self._main_block(doc, kinds)
        body_start = self._body_start(doc, kinds, block) if block else len(doc)
        self._header(doc, kinds, body_start)
        end = self._body_zone(doc, kinds, body_start, block) if block else len(doc)
        self._edition_date(doc, end)
        self._after_end(doc, end)
        doc.label_free(0, len(doc), "furniture", "not_prose")
        self._repeated_paragraphs(doc)
        self._unwrap(doc)
        for byline in doc.leads + doc.signoffs:
            lk.clean_byline(byline)
        doc.warnings.append("generic_parser")

    def _chrome(self, doc: Doc) -> None:
        """Chrome told from the shape of a line: UI words, breadcrumbs, symbols, sidebar headings."""
        for i, line in enumerate(doc.lines):
            if not doc.free(i):
                continue
            text = lk.core(line.content)
            if lk.unlabelled_datetime(text):
                continue                    # a bare time: maybe the article's (see _header)
            if not text or lk.is_symbolic(text):
                doc.label(i, "furniture", "not_prose")
            elif lk.is_sidebar_heading(text):
                doc.label(i, "furniture", "sidebar")
            elif lk.is_ui_line(text):
                doc.label(i, "furniture", "toolbar")
            elif lk.is_breadcrumb(text) and not lk.labelled_dates(text):
                doc.label(i, "furniture", "menu")
            elif lk.is_print_page(text):
                doc.label(i, "furniture", "header")

    @staticmethod
    def _edition_date(doc: Doc, end: int) -> None:
        """No time shown: a print edition's stamp (`1999년 6월 8일자`) just after the article dates it."""
        if doc.published is not None:
            return
        after = [i for i in range(end, len(doc)) if doc.lines[i].content][:3]
        for i in after:
            value = lk.edition_date(doc.lines[i].content) if doc.free(i) else None
            if value:
                doc.published = value
                doc.label(i, "published", "date")
                return

    def _times(self, doc: Doc) -> None:
        """Published and updated times: a label before or after the time on one line, or a label
        alone with the time on the next line. The first of each kind counts."""
        for i, line in enumerate(doc.lines):
            if not doc.free(i):
                continue
            hit = lk.labelled_dates(line.content)
            if hit:
                if hit.published and doc.published is None:
                    doc.published = hit.published
                if hit.updated and doc.updated is None:
                    doc.updated = hit.updated
                doc.label(i, "published" if hit.published else "updated", "date")
                if hit.byline:
                    byline = lk.signoff(hit.byline)
                    if byline:
                        doc.leads.append(byline)
                continue
            kind = lk.label_only(line.content)
            if kind:
                # the time on the next line (left to the markup of an HTML page, which states it
                # to the second: only same-line labelled times are read there)
                j = doc.next_free(i + 1) if not doc.title_hint else None
                value = lk.leading_date(doc.lines[j].content) if j is not None and j <= i + 2 else None
                doc.label(i, "furniture", "date")
                if value and j is not None:
                    role: DateRole = "published" if kind == "pub" else "updated"
                    if getattr(doc, role) is None:
                        setattr(doc, role, value)
                    doc.label(j, role, "date")

    def _join_wrapped(self, doc: Doc) -> None:
        """Paragraphs hard-wrapped at a fixed width (old archives): lines of about the same length
        that end no sentence, closed by a line that does, between blank lines. The first line
        stands for the paragraph; the others are set aside until the end (`_unwrap`)."""
        doc.joined, doc.continued = {}, {}
        i = 0
        while i < len(doc):
            if doc.lines[i].role or (i > 0 and doc.lines[i - 1].role != "blank"
                                     and doc.lines[i - 1].reason != "transcript_label"):
                i += 1
                continue
            j = i
            while j + 1 < len(doc) and doc.free(j + 1):
                j += 1
            group = [lk.core(doc.lines[k].content) for k in range(i, j + 1)]
            widths = sorted(len(t) for t in group[:-1])
            if (
                len(group) >= 2
                and (j + 1 == len(doc) or doc.lines[j + 1].role == "blank")
                and widths[0] >= 20
                and widths[-1] <= min(90, 1.25 * widths[0])
                and len(group[-1]) <= 1.25 * widths[-1]
                and not any(lk.is_caption(t) for t in group)
                and lk.is_short_sentence(group[-1])
                and not any(lk.is_short_sentence(t) for t in group[:-1])
            ):
                doc.joined[i] = " ".join(group)
                for k in range(i + 1, j + 1):
                    doc.continued[k] = i
                    doc.label(k, "blank")
            elif j - i >= 3:
                self._join_script(doc, i, j)
            i = j + 1

    @staticmethod
    def _join_script(doc: Doc, i: int, j: int) -> None:
        """A broadcast script or old archive wrapped at a short width with no blank lines: most
        lines end no sentence, and every few lines one does. Each run of lines up to a sentence's
        end is one paragraph."""
        texts = [lk.core(doc.lines[k].content) for k in range(i, j + 1)]
        closing = [bool(_SCRIPT_END.search(t)) for t in texts]
        if sum(closing) < 2 or sum(closing) * 2 > len(texts) or max(len(t) for t in texts) > 60 \
                or any(lk.is_caption(t) or lk.is_ui_line(t) for t in texts):
            return
        start = i
        for k, closes in zip(range(i, j + 1), closing):
            if not closes:
                continue
            if k > start:
                doc.joined[start] = " ".join(texts[start - i: k - i + 1]).removesuffix("//").rstrip()
                for m in range(start + 1, k + 1):
                    doc.continued[m] = start
                    doc.label(m, "blank")
            start = k + 1

    @staticmethod
    def _unwrap(doc: Doc) -> None:
        for k, head in doc.continued.items():
            line, first = doc.lines[k], doc.lines[head]
            if first.role == "body" and first.kept is None:
                first.kept = doc.joined[head]
            line.role, line.reason = first.role, first.reason
            line.kept = "" if first.role == "body" else None
            if first.role == "title":
                line.role, line.reason = "furniture", "header"

    @staticmethod
    def _text(doc: Doc, i: int) -> str:
        return lk.core(doc.joined.get(i) or doc.lines[i].content)

    def _kind(self, doc: Doc, i: int) -> str:
        text = self._text(doc, i)
        if lk.is_caption(text) and not lk.is_credited_paragraph(text):
            return "credit" if lk.name_credit(text) and not lk.is_doubled(text) else "caption"
        page_end = i == doc.last_line
        if lk.is_prose(text, page_end=page_end) or (grammar.has_tail(text)
                                                     and lk.is_prose(grammar.without_tails(text), page_end=page_end)):
            return "prose"
        if lk.is_teaser(text) and not (len(text) <= 40 and lk.is_title_like(text)):
            return "teaser"                # (a short headline may end with `…`: `아무리 더워도 이것만은…`)
        if lk.signoff(text):
            return "signoff"
        if lk.contributor(text):
            return "contributor"
        if lk.looks_like_source(text):
            return "source"
        if lk.is_title_like(text):
            return "title"
        return "other"

    @staticmethod
    def _last_line(doc: Doc) -> int:
        return next((i for i in range(len(doc) - 1, -1, -1) if doc.lines[i].content), -1)

    def _main_block(self, doc: Doc, kinds: dict[int, str]) -> tuple[int, int] | None:
        """(first, last) line of the article's run of prose lines (see the module's docstring)."""
        blocks: list[list[int]] = []
        gap, previous = MIN_GAP, None
        for i, line in enumerate(doc.lines):
            if line.role == "blank":
                continue
            if kinds.get(i) in ("prose", "credit"):
                if gap >= MIN_GAP or not blocks:
                    blocks.append([])
                blocks[-1].append(i)
                gap, previous = 0, None
                continue
            if line.reason == "copyright":
                gap = MIN_GAP               # the copyright line closes an article
                continue
            key = identity_text(line.content)
            if blocks and gap < MIN_GAP and doc.free(i) and self._short_paragraph(line.content):
                blocks[-1].append(i)        # a short sentence goes on with the open block
                gap, previous = 0, None
                continue
            if key != previous and kinds.get(i) != "caption":
                gap += 1
            previous = key
        if not blocks:
            return None
        # A summary block repeats the opening of text that follows it outside the block (a teaser
        # of this article in a list below it, cut with `...`, does not count; nor does a block
        # much longer than all the text after it).
        last_seen: dict[str, int] = {}
        for i, line in enumerate(doc.lines):
            opening = self._opening(line.content) if doc.free(i) and kinds.get(i) != "teaser" else None
            if opening:
                last_seen[opening] = i
        size = {i: len(self._text(doc, i)) for i in kinds if kinds[i] in ("prose", "credit", "title", "other")}

        def summary(b: list[int]) -> bool:
            repeated = any(last_seen.get(self._opening(doc.lines[i].content) or "", -1) > b[-1] for i in b)
            return repeated and sum(size.get(i, 0) for i in b) < 2 * sum(n for i, n in size.items() if i > b[-1])

        kept = [b for b in blocks if not summary(b)] or blocks
        best = max(kept, key=lambda b: sum(len(self._text(doc, i)) for i in b))
        first, last = best[0], best[-1]
        # a box of related headlines inside the article splits it: the text after the box goes on
        # to the article's sign-off
        k = kept.index(best)
        while k > 0 and self._signed(doc, kinds, last) and self._related_box(doc, kept[k - 1][-1], first):
            k -= 1
            first = kept[k][0]
        k = kept.index(best)
        while k + 1 < len(kept) and self._related_box(doc, last, kept[k + 1][0]) \
                and self._signed(doc, kinds, kept[k + 1][-1]):
            k += 1
            last = kept[k][-1]
        return first, last

    @staticmethod
    def _short_paragraph(text: str) -> bool:
        """A sentence too short to be prose, that no chrome would say (`야당은 … 요구하고 있다.`)."""
        return lk.is_short_sentence(text) and len(text.split()) >= 3 and not lk.has_ui_word(text)

    @staticmethod
    def _related_box(doc: Doc, after: int, before: int) -> bool:
        """Lines `after`..`before` hold a "related articles" heading and a few headlines only."""
        lines = [doc.lines[i] for i in range(after + 1, before) if doc.lines[i].role != "blank"]
        return 0 < len(lines) <= 8 and any(ln.reason == "sidebar" for ln in lines) and all(
            ln.reason == "sidebar" or (not ln.role and lk.is_title_like(ln.content)) for ln in lines)

    @staticmethod
    def _signed(doc: Doc, kinds: dict[int, str], last: int) -> bool:
        """A sign-off follows the block's last line within three lines."""
        following = [i for i in range(last + 1, len(doc)) if doc.lines[i].role != "blank"][:3]
        return any(kinds.get(i) == "signoff" or doc.lines[i].role == "signoff" for i in following)

    @staticmethod
    def _opening(text: str) -> str | None:
        """The first 30 characters of a paragraph (after any byline lead), for spotting teasers."""
        text = lk.core(text)
        lead = people.match_lead(text)
        key = identity_text(text[lead.end:] if lead else text)
        return key[:30] if len(key) >= 30 else None

    def _body_start(self, doc: Doc, kinds: dict[int, str], block: tuple[int, int]) -> int:
        """Where the article text starts: a byline lead at or before the block's first lines, or
        the line after a byline/date line that parts a teaser from the rest of the block."""
        first, last = block
        prose = [i for i in range(first, last + 1) if kinds.get(i) in ("prose", "credit")]
        size = {i: len(self._text(doc, i)) for i in prose}
        total = sum(size.values())
        # paragraphs repeated after a lead are a summary of the article above its first line
        last_seen: dict[str, int] = {}
        for i in prose:
            key = self._opening(doc.lines[i].content)
            if key:
                last_seen[key] = i
        repeated = {i for i in prose if last_seen.get(self._opening(doc.lines[i].content) or "", -1) > i}
        total -= sum(size[i] for i in repeated)
        before = 0
        scan_from = first
        for i in range(first - 1, -1, -1):
            if doc.lines[i].role == "blank" or kinds.get(i) in ("title", "caption", "other", "source"):
                if kinds.get(i) and self._lead(doc.lines[i].content):
                    scan_from = i
                continue
            break
        for i in range(scan_from, last + 1):
            if doc.free(i) and kinds.get(i) != "caption" and self._lead(doc.lines[i].content) and before * 2 < total:
                return i
            before += 0 if i in repeated else size.get(i, 0)
        before = 0
        for i in range(first, last + 1):
            meta = doc.lines[i].role in ("published", "updated") or kinds.get(i) in ("signoff", "contributor")
            if meta and before * 2 < total and sum(1 for j in prose if j < i) <= 2:
                return next((j for j in prose if j > i), first)
            before += size.get(i, 0)
        return self._opening_sentences(doc, kinds, first)

    @staticmethod
    def _opening_sentences(doc: Doc, kinds: dict[int, str], first: int) -> int:
        """Short sentences right above the first paragraph open the article (`… 여기자.`)."""
        start = first
        for i in range(first - 1, -1, -1):
            if doc.lines[i].role == "blank":
                continue
            if doc.free(i) and kinds.get(i) in ("title", "other") and lk.is_short_sentence(doc.lines[i].content):
                start = i
                continue
            break
        return start

    @staticmethod
    def _lead(text: str) -> bool:
        return people.match_lead(lk.core(text)) is not None

    # ------------------------------------------------------------ header
    def _header(self, doc: Doc, kinds: dict[int, str], body_start: int) -> None:
        title = self._title(doc, kinds, body_start)
        if title is not None:
            doc.label(title, "title")
            doc.title = title
        if doc.published is None and not doc.title_hint:
            for i in range(title + 1 if title is not None else 0, body_start):
                value = lk.unlabelled_datetime(doc.lines[i].content) if doc.free(i) else None
                if value:
                    doc.published = value
                    doc.label(i, "published", "date")
                    break
        dates_at = [i for i in range(body_start) if doc.lines[i].role in ("published", "updated")]
        for i in range(body_start):
            if not doc.free(i):
                continue
            text = lk.core(doc.lines[i].content)
            kind = kinds.get(i)
            near_date = any(abs(i - j) <= 2 for j in dates_at)
            bare = lk.bare_name(text) if near_date else None
            byline = (lk.signoff(text) if kind == "signoff" else lk.contributor(text) if kind == "contributor"
                      else Byline(authors=[bare]) if bare else None)
            if byline is not None:
                doc.leads.append(byline)
                doc.label(i, "byline", "byline")
            elif kind == "caption" or (title is not None and i > title and self._doubled_line(doc, i)):
                doc.label(i, "caption", "caption")
            elif kind == "source":
                if doc.outlet_hint is None and lk.source_label(text):
                    doc.outlet_hint = lk.source_label(text)
                doc.label(i, "furniture", "source_label")
            elif kind == "title" and title is not None and i > title:
                doc.label(i, "subtitle")
            else:
                doc.label(i, "furniture", "menu" if title is None or i < title else "header")

    def _title(self, doc: Doc, kinds: dict[int, str], body_start: int) -> int | None:
        hint = doc.title_hint
        if hint:
            key = identity_text(hint)
            shown = next((i for i in range(body_start) if doc.free(i) and doc.lines[i].content
                          and identity_text(doc.lines[i].content) in key
                          and len(doc.lines[i].content) >= 0.5 * len(hint)), None)
            if shown is not None:
                return shown
        candidates = {i for i in range(body_start) if kinds.get(i) == "title" and doc.free(i)}
        anchors = [i for i in range(body_start)
                   if doc.lines[i].role in ("published", "updated") or (doc.lines[i].reason == "date")
                   or kinds.get(i) in ("signoff", "contributor") or lk.unlabelled_datetime(doc.lines[i].content)
                   or lk.is_print_page(doc.lines[i].content)]
        for anchor in anchors:
            block: list[int] = []
            i = anchor - 1
            while i >= 0 and (doc.lines[i].role == "blank" or i in candidates
                              or (not block and lk.bare_name(doc.lines[i].content))):   # `• 노병철` over the time
                if i in candidates:
                    block.insert(0, i)
                i -= 1
            if block:
                return self._pick(doc, block)
        if candidates:
            return self._pick(doc, sorted(candidates))
        return self._title_in_date_line(doc, body_start)

    @staticmethod
    def _pick(doc: Doc, lines: list[int]) -> int:
        """The first headline of a block, passing over menu-like lines and a short section label
        (`컴퓨팅 반도체`) above a longer line."""
        plain = [i for i in lines if not lk.is_navlike(doc.lines[i].content)] or lines
        while len(plain) > 1 and lk.is_section_label(doc.lines[plain[0]].content) \
                and len(lk.core(doc.lines[plain[1]].content)) > len(lk.core(doc.lines[plain[0]].content)):
            plain = plain[1:]
        return plain[0]

    def _title_in_date_line(self, doc: Doc, body_start: int) -> int | None:
        """`date 2026-03-12 경향신문 독자위원회 3월 정기회의`: a headline flattened into the date line."""
        for i in range(body_start):
            if doc.lines[i].role not in ("published", "updated"):
                continue
            text = lk.normalize_times(doc.lines[i].content)
            hit = lk.labelled_dates(text)
            rest = text[hit.spans[-1][1]:].strip() if hit.spans else ""
            if len(rest) >= 10 and lk.is_title_like(rest) and not hit.byline:
                doc.title_text = lk.core(rest)
                return i
            return None
        return None

    # ------------------------------------------------------------ body
    def _body_zone(self, doc: Doc, kinds: dict[int, str], start: int, block: tuple[int, int]) -> int:
        """Label the body from `start` to the end of the main block, then a sign-off or the cut-off
        fragment right after it. Returns the index after the article."""
        last = block[1]
        prose_at = [i for i in range(start, last + 1) if kinds.get(i) in ("prose", "credit") and doc.free(i)]
        final_prose = prose_at[-1] if prose_at else None
        in_sidebar, seen_body = False, False
        for i in range(start, last + 1):
            line = doc.lines[i]
            if line.role:
                in_sidebar = in_sidebar or line.reason == "sidebar"
                continue
            text = self._text(doc, i)
            kind = kinds.get(i)
            if not seen_body and kind != "caption":
                lead = people.match_lead(text) or self._paper_lead(text)
                if lead is not None:
                    doc.leads.append(lead)
                    line.kept = text[lead.end:].strip()
                    doc.label(i, "body" if line.kept else "byline", "byline")
                    seen_body = bool(line.kept)
                    continue
            if kind in ("signoff", "contributor") and seen_body:
                doc.signoffs.append(lk.signoff(text) or lk.contributor(text) or Byline())
                doc.label(i, "signoff", "signoff")
                return self._more_signoffs(doc, i + 1)
            if kind == "prose" or (kind in ("title", "other") and lk.is_short_sentence(text)):
                doc.label(i, "body")
                seen_body = True
            elif kind == "credit" and i == final_prose and self._ends_article(doc, kinds, i):
                body, sign = lk.name_credit(text) or (text, "")
                line.kept, line.cut_tail = body, True
                doc.label(i, "body", "byline")
                doc.signoffs.append(people.match_signoff(sign) or Byline())
                seen_body = True
            elif kind in ("caption", "credit") or self._doubled_line(doc, i):
                doc.label(i, "caption", "caption")
            elif kind == "title" and not in_sidebar and self._subhead(doc, kinds, i, last):
                doc.label(i, "body")
            else:
                doc.label(i, "furniture", "not_prose")
        return self._tail(doc, kinds, last + 1)

    def _tail(self, doc: Doc, kinds: dict[int, str], i: int) -> int:
        """After the block: a sign-off within a few lines (captions and chrome between), or the
        page's last line when the page stops mid-paragraph (subheads and captions between)."""
        seen: list[int] = []
        for j in range(i, len(doc)):
            line = doc.lines[j]
            if line.role == "blank":
                continue
            if line.role == "furniture" and line.reason in ("sidebar", "copyright", "footer"):
                break
            if not line.role:
                kind = kinds.get(j)
                if kind in ("signoff", "contributor"):
                    for k in seen:
                        if kinds.get(k) == "caption":
                            doc.label(k, "caption", "caption")
                    doc.signoffs.append(lk.signoff(line.content) or lk.contributor(line.content) or Byline())
                    doc.label(j, "signoff", "signoff")
                    return self._more_signoffs(doc, j + 1)
                if self._fragment(doc, kinds, j, seen):
                    for k in seen:
                        caption = kinds.get(k) == "caption" or self._doubled_line(doc, k)
                        doc.label(k, "caption" if caption else "body", "caption" if caption else None)
                    doc.label(j, "body")
                    return j + 1
                seen.append(j)
            if len(seen) >= 4:
                break
        for k in seen:
            if kinds.get(k) == "caption":
                doc.label(k, "caption", "caption")
        return i

    def _fragment(self, doc: Doc, kinds: dict[int, str], j: int, between: list[int]) -> bool:
        """The page's last line, cut off mid-sentence right after the body (captions, or subheads
        before a fragment long enough to be prose, in between)."""
        text = lk.core(doc.lines[j].content)
        if kinds.get(j) not in ("title", "other") or is_sentence_end(text) or lk.is_bracket_label(text) \
                or any(ln.content for ln in doc.lines[j + 1:]):
            return False
        for k in between:
            if not (kinds.get(k) == "caption" or self._doubled_line(doc, k)):
                if kinds.get(k) != "title" or len(text) < 20 or lk.has_ui_word(text):
                    return False
        return True

    @staticmethod
    def _ends_article(doc: Doc, kinds: dict[int, str], i: int) -> bool:
        """Nothing but a sign-off, chrome or the end of the page follows line `i`."""
        j = doc.next_free(i + 1)
        return j is None or kinds.get(j) in ("signoff", "other",
                                             "source") or lk.signoff(doc.lines[j].content) is not None

    @staticmethod
    def _subhead(doc: Doc, kinds: dict[int, str], i: int, last: int) -> bool:
        """A short headline-like line between paragraphs of the body."""
        text = lk.core(doc.lines[i].content)
        if len(text.split()) < 2 or len(text) < 8 or rx(r"^[▶▷☞►→]|^\S.{0,14}\s[:：]\s").search(text):
            return False
        if doc.title is not None and identity_text(text) == identity_text(doc.lines[doc.title].content):
            return False                    # the headline again: an image's alt text
        nxt = next((j for j in range(i + 1, last + 1) if doc.lines[j].role != "blank"
                    and kinds.get(j) != "caption" and not Generic._doubled_line(doc, j)), None)
        return (
            nxt is not None
            and doc.free(nxt)
            and (kinds.get(nxt) == "prose" or lk.is_short_sentence(doc.lines[nxt].content))
        )

    @staticmethod
    def _doubled_line(doc: Doc, i: int) -> bool:
        """The same line twice in a row below the title: an image's alt text and its caption."""
        key = identity_text(doc.lines[i].content)
        j = next((j for j in range(i + 1, len(doc)) if doc.lines[j].role != "blank"), None)
        k = next((k for k in range(i - 1, -1, -1) if doc.lines[k].role != "blank"), None)
        return any(n is not None and identity_text(doc.lines[n].content) == key and doc.lines[n].role != "title"
                   for n in (j, k))

    @staticmethod
    def _paper_lead(text: str) -> Byline | None:
        """`[충청일보] 민선 6기가…`: a bracketed source label leading the first paragraph."""
        match = rx(r"^\s*[\[【]\s*[^\[\]【】=\s][^\[\]【】=]{0,18}[\]】]\s*(?=\S)").match(text)
        rest = text[match.end():] if match else ""
        if match and len(rest) >= 10 and lk.is_short_sentence(rest):
            return Byline(end=match.end())
        return None
