"""JoongAng Ilbo (joongang.co.kr, formerly joins.com) article pages, desktop layout.

The dump reads: (an `ADVERTISEMENT` line,) the headline, the source line `중앙일보`, `입력` and
`업데이트` (each followed by the time, or alone on archive articles that show none), `지면보기`
and the print page (`종합 02면`), then the body, with `ADVERTISEMENT` lines after it. A picture
shows as two identical lines (its alt text, then its caption), e.g. `오피니언` twice.

Recognised by `지면보기`, the print page line, the bare `중앙일보` source line, `ADVERTISEMENT` and
`@joongang.co.kr` sign-offs. The headline is the first line that is not furniture; there is no
deck: the body starts right after the print page line, so short section heads inside the body
(`英 취재원보호 지침 8면`) stay in it.
"""
from __future__ import annotations

from ..engine import Doc, Template, label_picture_pairs, rx, set_title


def joongang_header(template: Template, doc: Doc) -> int:
    """Title first; the body starts at the next free line (pictures aside)."""
    first = doc.next_free(0)
    set_title(doc, first)
    if first is None:
        return 0
    label_picture_pairs(doc, first + 1)
    start = doc.next_free(first + 1)
    return len(doc) if start is None else start


class JoongAng(Template):
    name = "joongang"
    version = 2
    hosts = ("joongang.co.kr", "joins.com")
    site = "www.joongang.co.kr"
    default_outlet = "joongang"
    markers = (
        (rx(r"^지면보기$"), 3),
        (rx(r"^\S{1,6} \d{1,2}면$"), 1),
        (rx(r"^중앙일보$"), 1),
        (rx(r"^ADVERTISEMENT$"), 1),
        (rx(r"^(?:입력|업데이트)$"), 1),
        (rx(r"@joongang\.co\.kr\b"), 1),
        (rx(r"^▷\s*여기를 누르시면 크게 보실 수 있습니다$"), 1),
    )
    published = (rx(r"^입력\s+(?:19|20)\d{2}"),)
    updated = (rx(r"^업데이트\s+(?:19|20)\d{2}"),)
    furniture = (
        (rx(r"^ADVERTISEMENT$"), "ad"),
        (rx(r"^중앙일보$"), "source_label"),
        (rx(r"^(?:입력|업데이트)$"), "date"),
        (rx(r"^지면보기$"), "toolbar"),
        (rx(r"^\S{1,6} \d{1,2}면$"), "header"),
        (rx(r"^▷\s*여기를 누르시면 크게 보실 수 있습니다$"), "widget"),
    )
    header = joongang_header
