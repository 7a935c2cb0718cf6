"""Bytes → normalised text, before any parser: BOMs, UTF-8, CP949 (EUC-KR's superset), then a
detector; Korean already mis-decoded as Latin-1 (mojibake) is repaired; empty and binary files
are refused with a reason instead of being parsed as text."""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from . import mojibake
from .text import normalize_text

# Leading bytes of common non-text files a landing folder collects.
BINARY_MAGIC = (
    (b"\x89PNG", "png image"), (b"\xff\xd8\xff", "jpeg image"), (b"GIF8", "gif image"),
    (b"%PDF", "pdf document"), (b"PK\x03\x04", "zip archive"), (b"\x1f\x8b", "gzip archive"),
    (b"RIFF", "riff media"), (b"\x00\x00\x01\x00", "icon"), (b"BM", None), (b"7z\xbc\xaf", "7z archive"),
)
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
MAX_REPLACEMENT_SHARE = 0.02


class DecodeError(ValueError):
    """The bytes are not article text. `reason` is a short code for the rejects table."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, charset: str | None = None) -> Decoded:
    """Decode raw bytes to normalised text, or raise DecodeError (empty, binary, undecodable).
    `charset`: what the source declared (HTTP header, <meta>); used when the bytes agree with it."""
    if not data.strip():
        raise DecodeError("empty", f"{len(data)} bytes, no text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _finish(data.decode(encoding, errors="replace"), encoding)
    declared = _codec(charset)
    if declared and declared not in ("utf-8", "ascii"):
        try:
            return _finish(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    kind = next((kind for magic, kind in BINARY_MAGIC if kind and data.startswith(magic)), None)
    if kind:
        raise DecodeError("binary", kind)
    if b"\x00" in data[:4096]:
        raise DecodeError("binary", "NUL bytes in the first 4 KB")
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:   # a multi-byte character cut by truncation
            return _finish(data[: error.start].decode("utf-8"), "utf-8", ["truncated_bytes"])
    try:
        return _finish(data.decode("cp949"), "cp949")
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _codec(charset: str | None) -> str | None:
    """A declared charset as a Python codec name; EUC-KR and its aliases read as CP949. Latin-1
    and CP1252 are ignored: they decode any bytes, and Korean pages often declare them wrongly."""
    if not charset:
        return None
    label = charset.strip().strip("'\"").lower()
    if label in ("x-windows-949", "windows-949", "ks_c_5601", "ksc5601"):
        return "cp949"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("iso8859-1", "cp1252", "latin-1"):
        return None
    return "cp949" if name == "euc_kr" else name


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # imported lazily: only odd files need it

    best = from_bytes(data).best()
    if best is not None:
        return _finish(str(best), best.encoding, ["detected_encoding"])
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(text):
        raise DecodeError("undecodable", "not UTF-8, CP949 or any encoding the detector knows")
    return _finish(text, "utf-8", ["decode_errors"])


def _finish(text: str, encoding: str, warnings: list[str] | None = None) -> Decoded:
    warnings = list(warnings or [])
    if mojibake.looks_like_mojibake(text):   # before normalising: it would drop soft hyphens (0xAD)
        text, lossy = mojibake.repair(text)
        warnings.append("mojibake_lossy" if lossy else "mojibake_repaired")
    text = normalize_text(text)
    if not text.strip():
        raise DecodeError("empty", f"no text after decoding as {encoding}")
    return Decoded(text, encoding, warnings)
