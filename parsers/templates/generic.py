"""Fallback for pages no template recognises: common furniture, generic date labels, lines that
recur across pages of the same site (cross-document evidence, see parsers/recurring.py), and a
body made of prose-like lines only. Always says so in `warnings` (`generic_parser`)."""
from ..engine import Doc, Template, looks_like_prose, rx
from ..people import match_signoff
from ..record import ParseResult
from ..text import identity_text

GENERIC_DATE_LABEL = r"(?:기사입력|입력|등록|승인|게재|작성|발행|송고|기사등록)"


def title_above_first_prose(template: Template, doc: Doc) -> int:
    """The body starts at the first prose-like line; the title is the nearest short line above it.
    With a title from the page's markup (HTML), the line showing it is the title and the body
    starts at the first prose line after it."""
    hint = getattr(doc, "title_hint", None)
    if hint:
        key = identity_text(hint)
        shown = next((i for i, l in enumerate(doc.lines) if doc.free(i) and l.content
                      and identity_text(l.content) in key and len(l.content) >= 0.5 * len(hint)), None)
        if shown is not None:
            doc.label(shown, "title")
            doc.title = shown
            after = next((i for i in range(shown + 1, len(doc)) if doc.free(i) and looks_like_prose(doc.lines[i].content)), None)
            return after if after is not None else len(doc)
    first = next((i for i, l in enumerate(doc.lines) if doc.free(i) and looks_like_prose(l.content)), None)
    if first is None:
        return len(doc)
    for i in range(first - 1, -1, -1):
        text = doc.lines[i].content
        if doc.free(i) and 8 <= len(text) <= 150 and not looks_like_prose(text) and match_signoff(text) is None:
            doc.label(i, "title")
            doc.title = i
            break
    return first


class Generic(Template):
    name = "generic"
    version = 1
    min_score = 0
    published = (rx(rf"^{GENERIC_DATE_LABEL}\s*[:：]?\s*\[?\s*(?:19|20)\d{{2}}"),)
    updated = (rx(r"^(?:수정|최종수정|업데이트)\s*[:：]?\s*\[?\s*(?:19|20)\d{2}"),)
    header = title_above_first_prose

    def parse(self, text: str, source: str, url: str | None = None,
              recurring: frozenset[str] = frozenset(), title_hint: str | None = None) -> ParseResult:
        """`recurring`: identity forms of lines seen on many pages of the same site (furniture);
        `title_hint`: the headline the page's markup states (og:title, JSON-LD), if any."""
        doc = Doc(text, url)
        doc.title_hint = title_hint
        for line in doc.lines:
            if line.content and identity_text(line.content) in recurring:
                doc.label(line.no - 1, "furniture", "recurring")
        self.label(doc)
        return ParseResult(self.assemble(doc, source), doc.lines)

    def label(self, doc: Doc) -> None:
        super().label(doc)
        doc.warnings.append("generic_parser")
        for line in doc.lines:
            if line.role == "body" and line.reason is None and not looks_like_prose(line.content, 20):
                line.role, line.reason = "furniture", "not_prose"
