"""Photo-caption shapes every Korean news page shares (used by the engine, the fallback's line
kinds and the grammar)."""
from __future__ import annotations

import re

rx = re.compile

# Photo captions: a credit at the end (`… [사진=서울시]`), a ▲ lead, or the wire-photo tail
# `… 2025.06.11 gdlee@newspim.com` (date, then the photographer's e-mail).
CAPTION_PATTERNS: tuple[re.Pattern, ...] = (
    # (a bare `<사진>` after a sentence's end points a paragraph to its photo: `… 가졌다.<사진>` is no caption)
    rx(r"[\[(<](?:(?<!다\.[\[(<])(?<!다\.\s[\[(<])\s*(?:사진|그래픽|이미지)\s*[\])>]"
       r"|\s*(?:사진제공|사진 제공|자료사진|영상캡처|캡처)\s*[=:/]?[^\])>]{0,40}[\])>]"
       r"|\s*(?:사진|그래픽|이미지)\s*[=:/]?\s*[^\])>\s][^\])>]{0,39}[\])>])\s*$"),
    # `▲ …`: a photo's caption, unless a second ▲ makes it a list (`▲충북 영동 ▲서울대 …`) or three
    # sentences make it an interview's answer (`▲정말 감사하다. 이제 …`)
    rx(r"^[▲↑](?![^▲]*▲)(?!(?:[^.?!]*[.?!](?:\s|$)){3})\s*\S"),
    rx(r"\b(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?\s+(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\])"
       r"\s*(?:\*?\s*재판매\s*및\s*DB\s*금지)?\s*$"),
)


# Strings one of which each of CAPTION_PATTERNS needs (their regexes hide them from required_literals).
# How many characters at a line's end each pattern can span (None: anchored at the start).
CAPTION_TAILS = (80, None, 120)
CAPTION_NEEDLES = (frozenset({"사진", "그래픽", "이미지", "캡처"}), frozenset({"▲", "↑"}), frozenset({"@",
                                                                                            "protected"}))
