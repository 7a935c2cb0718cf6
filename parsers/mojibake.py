"""Repair Korean text that was mis-decoded as Latin-1/CP1252 (`¼­¿ï½Ã` → `서울시`).

Such text is turned back into bytes (Latin-1, plus CP1252's 0x80–0x9F punctuation) and decoded
as CP949. Lossy copies lost the bytes that are invisible in Latin-1 (0x80–0x9F controls and
0xAD, the soft hyphen), so byte pairs shift. Each run of high bytes is re-aligned by a small
dynamic programme: a KS X 1001 Hangul pair is cheap, a lead byte standing alone is read as having
lost the one dropped byte that can end a Hangul syllable (0xAD: 서, 국, 각 …), and anything that
cannot be read becomes U+FFFD, so what is lost stays visibly marked. Frequent syllables
(data/hangul_frequent.txt) and those the intact parts of the same text use are preferred.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

REPLACEMENT = "\ufffd"
# CP1252's printable characters in 0x80–0x9F, back to their byte.
_CP1252_BYTES = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0)
                 if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
DROPPED_TRAIL = 0xAD          # the only byte lost in lossy copies that can end a KS X 1001 syllable
COMMON_SYMBOLS = frozenset("·ㆍ“”‘’…―–「」『』《》〈〉【】○●◎◇◆□■△▲▽▼→←↑↓☞※％℃°㎞㎏㎜㎡㈜")
UNREADABLE_COST = 1.5         # marking a byte as lost must beat an unlikely reading of it
RARE_SYLLABLE_COST = 0.3      # a Hangul syllable outside the frequent list
FREQUENT = frozenset(
    "".join(
        line.strip()
        for line in (Path(__file__).parent / "data" / "hangul_frequent.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )
)


def _byte_of(ch: str) -> int | None:
    code = ord(ch)
    return code if code < 0x100 else _CP1252_BYTES.get(ch)


_HIGH = re.compile("[\u00a1-\u00ff" + re.escape("".join(_CP1252_BYTES)) + "]")
_HIGH_PAIR = re.compile(_HIGH.pattern + "{2}")
_HANGUL = re.compile("[\uac00-\ud7a3]")
# Hangul's UTF-8 lead bytes (0xEA–0xED) and most CP949 bytes read as Latin-1 land in À–ÿ; curly
# quotes and `…` (CP1252 bytes, common in Korean text) do not.
_LATIN_LETTER = re.compile("[\u00c0-\u00ff]")
_LETTER = re.compile(r"[^\W\d_]")


def looks_like_mojibake(text: str) -> bool:
    """Many Latin-1 letters and symbols, almost no Hangul: Korean decoded with the wrong codec."""
    if not _LATIN_LETTER.search(text) or not _HIGH_PAIR.search(text):
        return False                    # Korean misread holds Latin-1 letters (ì, ë, Ç…), in runs
    high = len(_HIGH.findall(text))
    if high < 20:
        return False
    hangul = len(_HANGUL.findall(text))
    letters = len(_LETTER.findall(text))
    return high >= 0.3 * max(letters, 1) and hangul * 10 < high


def repair(text: str) -> tuple[str, bool]:
    """Return (repaired text, lossy). Characters that are not Latin-1/CP1252 pass through."""
    runs = _byte_runs(text)
    known: Counter[str] = Counter()
    for run in runs:
        if isinstance(run, bytearray):
            for chunk in _high_chunks(run):
                if len(chunk) % 2 == 0:
                    try:
                        known.update(chunk.decode("cp949"))
                    except UnicodeDecodeError:
                        pass
    common = frozenset(ch for ch, _ in known.most_common(400))
    out: list[str] = []
    lossy = False
    for run in runs:
        if isinstance(run, str):
            out.append(run)
            continue
        i = 0
        while i < len(run):
            if run[i] < 0x80:
                out.append(chr(run[i]))
                i += 1
                continue
            j = i
            while j < len(run) and run[j] >= 0x80:
                j += 1
            decoded, lost = _align(bytes(run[i:j]), common)
            out.append(decoded)
            lossy = lossy or lost
            i = j
    return "".join(out), lossy


def _byte_runs(text: str) -> list[str | bytearray]:
    """The text cut into runs of characters that stand for bytes (a bytearray) and of others (a str)."""
    runs: list[str | bytearray] = []
    for ch in text:
        byte = _byte_of(ch)
        last = runs[-1] if runs else None
        if byte is not None:
            if isinstance(last, bytearray):
                last.append(byte)
            else:
                runs.append(bytearray([byte]))
        elif isinstance(last, str):
            runs[-1] = last + ch
        else:
            runs.append(ch)
    return runs


def _high_chunks(data: bytearray) -> list[bytes]:
    chunks, current = [], bytearray()
    for b in data:
        if b >= 0x80:
            current.append(b)
        elif current:
            chunks.append(bytes(current))
            current = bytearray()
    if current:
        chunks.append(bytes(current))
    return chunks


@lru_cache(maxsize=65536)
def _pair(lead: int, trail: int) -> tuple[str, float] | None:
    try:
        ch = bytes([lead, trail]).decode("cp949")
    except UnicodeDecodeError:
        return None
    if 0xB0 <= lead <= 0xC8 and 0xA1 <= trail <= 0xFE:
        return ch, 0.0 if ch in FREQUENT else RARE_SYLLABLE_COST   # KS X 1001 Hangul syllable
    if ch in COMMON_SYMBOLS:
        return ch, 0.2                      # punctuation Korean news uses all the time
    if 0xCA <= lead <= 0xFD and 0xA1 <= trail <= 0xFE:
        return ch, 0.8                      # Hanja
    return ch, 1.0                          # other symbols, CP949-only syllables


def _align(run: bytes, common: frozenset[str]) -> tuple[str, bool]:
    """Best reading of a run of high bytes; lossy when a byte had to be guessed or marked."""
    n = len(run)
    best: list[tuple[float, str, bool] | None] = [None] * (n + 1)
    best[n] = (0.0, "", False)
    for i in range(n - 1, -1, -1):
        options = []
        if i + 1 < n and best[i + 2] is not None:
            pair = _pair(run[i], run[i + 1])
            if pair:
                ch, cost = pair
                cost -= 0.05 if ch in common else 0.0
                after_pair = best[i + 2]
                assert after_pair is not None
                options.append((cost + after_pair[0], ch + after_pair[1], after_pair[2]))
        rest = best[i + 1]
        assert rest is not None                  # (filled from the end: every later position is)
        guessed = _pair(run[i], DROPPED_TRAIL) if 0xB0 <= run[i] <= 0xC8 else None
        if guessed:
            ch = guessed[0]
            cost = 0.6 - (0.05 if ch in common else 0.0)
            options.append((cost + rest[0], ch + rest[1], True))
        options.append((UNREADABLE_COST + rest[0], REPLACEMENT + rest[1], True))
        best[i] = min(options, key=lambda o: o[0])
    first = best[0]
    assert first is not None
    _, text, lossy = first
    return text, lossy
