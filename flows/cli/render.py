"""How the command line prints results: aligned text tables (East Asian wide characters count two
columns), CSV and JSON Lines."""
from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime


def write_rows(columns: list[str], rows: list[tuple], fmt: str, out) -> None:
    """`table`: aligned text; `csv`: RFC 4180 fields with `\n` line ends, NULL as an empty field
    (an empty string is `""`); `json`: JSON Lines, one object a row, NULL as null."""
    if fmt == "json":
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=_json_default) + "\n")
    elif fmt == "csv":
        out.write(",".join(_csv_field(c) for c in columns) + "\n")
        for row in rows:
            out.write(",".join(_csv_field(v) for v in row) + "\n")
    else:
        out.write(render_table(columns, rows) + "\n")


def render_table(columns: list[str], rows: list[tuple], max_width: int = 100) -> str:
    """A plain text table that lines up Korean (double-width) text."""
    cells = [[_clip(_cell(v), max_width) for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    def line(values):
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()
    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _cell(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return str(value)


def _csv_field(value) -> str:
    """One CSV field: NULL is empty, an empty string `""`, a field holding a comma, a quote or a
    line break is quoted (quotes doubled)."""
    if value is None:
        return ""
    text = _cell(value)
    if text == "" or any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _json_default(value):
    return value.isoformat() if isinstance(value, (datetime, date)) else str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, max_width: int) -> str:
    text = " ".join(text.split())
    if _width(text) <= max_width:
        return text
    out, width = "", 0
    for ch in text:
        w = _width(ch)
        if width + w > max_width - 1:
            break
        out, width = out + ch, width + w
    return out + "…"
