"""Text normalisation and small line predicates shared by every parser.

Everything here works on plain strings: no template knowledge.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that carry no text: zero-width spaces/joiners, word joiner, BOM, soft hyphen.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Space-like characters folded to a plain space (NBSP, en/em/thin spaces, ideographic space).
_SPACE_CHARS = "\u00a0" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u202f\u205f\u3000\t\x0b\x0c"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")
_SPACES = re.compile(f"[{_SPACE_CHARS}]")

# Sentence endings of Korean news prose: 다. / 요. / 죠. … possibly followed by closing quotes
# or brackets; also plain terminal punctuation.
_SENTENCE_END = re.compile(r"(?:[.!?。…]|다|니다|요|죠)[\"'”’」』》〉)\]\s]*$")


def normalize_text(text: str) -> str:
    """NFC, LF line ends, invisible characters removed, odd spaces folded, trailing spaces cut."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # substring tests first (C scans), a regex pass only for what the page holds; str.translate
    # with a dict looks every character up in Python
    if any(ch in text for ch in _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    if any(ch in text for ch in _SPACE_CHARS):
        text = _SPACES.sub(" ", text)
    if " \n" in text or text.endswith(" "):
        text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return text


def collapse(text: str) -> str:
    """Collapse runs of whitespace inside a paragraph to one space."""
    if "  " not in text and text.isprintable():
        return text.strip()             # (the only printable whitespace is the space: nothing to fold)
    return " ".join(text.split())


_HANGUL = re.compile("[가-힣]")


def hangul_count(text: str) -> int:
    """How many Hangul syllables `text` holds."""
    return len(_HANGUL.findall(text))


# A stop closing the text, then any closing quotes or brackets; a full stop only (a headline
# may ask with `?` but drops the full stop).
_STOP_END = re.compile(r"[.!?。][\"'”’」』)\]]*$")
_FULL_STOP_END = re.compile(r"[.。][\"'”’」』)\]]*$")


def ends_with_stop(text: str) -> bool:
    """`…했다.`, `…했나?”`: the text ends with `.`, `!`, `?` or `。` and any closing quotes or brackets."""
    return bool(_STOP_END.search(text))


def ends_with_full_stop(text: str) -> bool:
    """`…했다.`, `…했다.”`: the text ends with a full stop and any closing quotes or brackets."""
    return bool(_FULL_STOP_END.search(text))


def is_sentence_end(text: str) -> bool:
    text = text.rstrip()
    return bool(_SENTENCE_END.search(text, max(0, len(text) - 12)))     # the ending and its closers


def looks_like_prose(text: str, min_chars: int = 30) -> bool:
    """A line that reads like a paragraph of article text rather than a label or a menu."""
    text = text.strip()
    return len(text) >= min_chars and is_sentence_end(text)


@lru_cache(maxsize=16384)
def identity_text(text: str) -> str:
    """The form of a text used for identity and duplicate checks: case and spacing folded."""
    return collapse(unicodedata.normalize("NFKC", text)).casefold()
