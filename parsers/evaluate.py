"""Score the parsers on the fixture corpus: `python -m parsers.evaluate [DIR...]` (`make eval`).

A fixture is a raw page plus `<stem>.expected.json` written by reading the page:
- the raw file is `<stem>.txt` / `<stem>.html` beside it, or the path in `_raw` (relative to the JSON);
- `<stem>.meta.json` beside it may give the page's `url`;
- the JSON holds the expected record fields and `_furniture`: strings of page furniture that must
  never appear in the title or body (the leak detector).

Per outlet it prints exact-match rates of title / published / updated / authors, mean body
token F1 and the leak rate; first for the parsers as detected, then for the generic fallback
forced on every page, with the lines recurring across each site's fixtures as its cross-document
evidence (how it does on outlets it was not written for). Exit 1 when a template
parser misses a bar (fields and body F1 ≥ 0.98, leak rate 0).
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import page_text, parse_bytes
from .decode import DecodeError
from .merge import merge_page_meta
from .record import parser_name
from .recurring import RecurringLines
from .registry import GENERIC

EXACT_FIELDS = ("title", "published_at", "updated_at", "authors")
BAR = 0.98
DEFAULT_ROOTS = ("tests/fixtures",)


@dataclass
class Fixture:
    expected_path: Path
    raw_path: Path
    expected: dict
    url: str | None
    meta: dict = field(default_factory=dict)     # the page's `.meta.json` (kind, classes, note)

    @property
    def name(self) -> str:
        return self.expected_path.name.removesuffix(".expected.json").removesuffix(".json")

    @property
    def outlet(self) -> str:
        return self.expected.get("outlet") or f"({parser_name(self.expected.get('parser')) or '?'})"


def iter_fixtures(*roots: str | Path) -> list[Fixture]:
    fixtures = []
    for root in roots or DEFAULT_ROOTS:
        for path in sorted(Path(root).rglob("*.json")):
            if path.name.endswith(".meta.json"):
                continue
            expected = json.loads(path.read_text(encoding="utf-8"))
            if "body" not in expected:
                continue
            stem = path.name.removesuffix(".expected.json").removesuffix(".json")
            if "_raw" in expected:
                raw = (path.parent / expected["_raw"]).resolve()
            else:
                raw = next((p for p in (path.with_name(stem + ext) for ext in (".txt", ".html", ".htm", ".html.gz"))
                            if p.exists()), None)
                if raw is None:
                    raise FileNotFoundError(f"no raw file beside {path}")
            meta_path = path.with_name(stem + ".meta.json")
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            fixtures.append(Fixture(path, raw, expected, expected.get("_url") or meta.get("url"), meta))
    return fixtures


def token_f1(expected: str | None, got: str | None) -> float:
    want, have = Counter((expected or "").split()), Counter((got or "").split())
    if not want and not have:
        return 1.0
    overlap = sum((want & have).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(have.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def leaks(fixture: Fixture, record: Mapping[str, Any]) -> list[str]:
    text = f"{record.get('title') or ''}\n{record.get('body') or ''}"
    return [s for s in fixture.expected.get("_furniture", []) if s in text]


PERFECT_BODY_F1 = 0.95     # a body this close to the expected one counts as right
LOST_BODY_F1 = 0.05        # below this the page's body was lost


def score(fixture: Fixture, record: Mapping[str, Any]) -> dict:
    row = {name: record.get(name) == fixture.expected.get(name) for name in EXACT_FIELDS}
    row["body_f1"] = token_f1(fixture.expected.get("body"), record.get("body"))
    row["leak"] = bool(leaks(fixture, record))
    row["lost"] = bool(fixture.expected.get("body")) and row["body_f1"] < LOST_BODY_F1
    row["perfect"] = all(row[name] for name in EXACT_FIELDS) and row["body_f1"] >= PERFECT_BODY_F1 and not row["leak"]
    return row


def site_key(fixture: Fixture) -> str:
    host = urlsplit(fixture.url).hostname if fixture.url else None
    return host or str(fixture.raw_path.parent)


def recurring_by_site(fixtures: list[Fixture]) -> dict[str, frozenset[str]]:
    """Cross-document evidence the generic fallback gets in a real run: lines recurring per site."""
    seen: dict[str, RecurringLines] = defaultdict(RecurringLines)
    for fixture in fixtures:
        try:
            seen[site_key(fixture)].add(page_text(fixture.raw_path.read_bytes(), str(fixture.raw_path))[0])
        except DecodeError:
            pass
    return {site: lines.furniture() for site, lines in seen.items()}


def generic_record(fixture: Fixture, recurring: frozenset[str]) -> Mapping[str, Any]:
    try:
        text, meta, _ = page_text(fixture.raw_path.read_bytes(), str(fixture.raw_path))
    except DecodeError:
        return {}
    result = GENERIC.parse(text, str(fixture.raw_path), fixture.url or (meta.url if meta else None),
                           recurring=recurring, title_hint=meta.title if meta else None)
    if meta is not None:
        merge_page_meta(result.record, meta)
    return result.record


def keep_everything_record(fixture: Fixture) -> dict:
    """The baseline a parser must beat: every line of the page is body, nothing else is found."""
    try:
        text, _, _ = page_text(fixture.raw_path.read_bytes(), str(fixture.raw_path))
    except DecodeError:
        text = ""
    return {"title": None, "published_at": None, "updated_at": None, "authors": [],
            "body": "\n".join(line.strip() for line in text.split("\n") if line.strip())}


def evaluate(fixtures: list[Fixture], mode: str = "detected", by: str = "outlet") -> dict[str, dict]:
    """Scores per outlet (or per failure class: `by="class"`) plus an `ALL` row. mode:
    `detected` (the registry's choice), `generic` (the fallback forced on every page) or
    `keep_everything` (the baseline)."""
    return tabulate(scored_pages(fixtures, mode), by)


def scored_pages(fixtures: list[Fixture], mode: str = "detected") -> list[tuple[Fixture, dict]]:
    """Each page parsed once (see `evaluate` for `mode`) with its `score` row."""
    recurring = recurring_by_site(fixtures) if mode == "generic" else {}
    scored = []
    for fixture in fixtures:
        if mode == "generic":
            record = generic_record(fixture, recurring[site_key(fixture)])
        elif mode == "keep_everything":
            record = keep_everything_record(fixture)
        else:
            record = parse_bytes(fixture.raw_path.read_bytes(), str(fixture.raw_path), fixture.url).record
        scored.append((fixture, score(fixture, record)))
    return scored


def tabulate(scored: list[tuple[Fixture, dict]], by: str = "outlet") -> dict[str, dict]:
    """Score rows grouped per outlet (or per failure class: `by="class"`), plus an `ALL` row."""
    rows: dict[str, list[dict]] = defaultdict(list)
    for fixture, row in scored:
        groups = [fixture.outlet] if by == "outlet" else (fixture.meta.get("classes") or ["(none)"])
        for group in groups:
            rows[group].append(row)
        rows["ALL"].append(row)
    table = {}
    for outlet, group_rows in sorted(rows.items(), key=lambda kv: (kv[0] == "ALL", kv[0])):
        n = len(group_rows)
        table[outlet] = {
            "n": n,
            **{field: sum(r[field] for r in group_rows) / n for field in EXACT_FIELDS},
            "body_f1": sum(r["body_f1"] for r in group_rows) / n,
            "leak_rate": sum(r["leak"] for r in group_rows) / n,
            "perfect": sum(r["perfect"] for r in group_rows) / n,
            "lost": sum(r["lost"] for r in group_rows),
        }
    return table


def format_table(table: dict[str, dict], label: str = "outlet") -> str:
    head = (f"| {label:<20} | {'n':>3} | perfect | title | published | updated | authors | body F1 | leak-free "
            f"| lost |")
    rule = "|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|"
    lines = [head, rule]
    for outlet, r in table.items():
        lines.append(
            f"| {outlet:<20} | {r['n']:>3} | {r['perfect']:7.3f} | {r['title']:.3f} | {r['published_at']:9.3f} "
            f"| {r['updated_at']:7.3f} | {r['authors']:7.3f} | {r['body_f1']:7.3f} | {1 - r['leak_rate']:9.3f} "
            f"| {r['lost']:>4} |"
        )
    return "\n".join(lines)


def failures(table: dict[str, dict]) -> list[str]:
    out = []
    for outlet, r in table.items():
        low = [f for f in (*EXACT_FIELDS, "body_f1") if r[f] < BAR]
        if low or r["leak_rate"] > 0:
            out.append(f"{outlet}: " + ", ".join(low + (["leaks"] if r["leak_rate"] > 0 else [])))
    return out


def corpus_split(root: Path, split: str) -> list[Fixture]:
    folder = root / split
    return iter_fixtures(folder) if folder.is_dir() else []


def report_corpus(root: Path, outlets: bool = True, only: str | None = None) -> dict[str, dict]:
    """Print both splits of the labelled corpus (held-out first), or `only` one; return their tables."""
    tables: dict[str, dict] = {}
    for split, title in (("heldout", "HELD-OUT split: labelled before any parser ran on them, never used to write a "
                                     "rule"),
                         ("dev", "DEV split: rules may be written looking at these")):
        pages = corpus_split(root, split) if only in (None, split) else []
        if not pages:
            continue
        scored = scored_pages(pages)          # parsed once, tabulated per outlet and per class
        table = tabulate(scored)
        tables[split] = table
        print(f"\n{title} ({len(pages)} pages, {len(table) - 1} outlets)\n")
        print(format_table(table if outlets else {"ALL": table["ALL"]}))
        print("\nby failure class (a page counts under each class it shows)\n")
        print(format_table(tabulate(scored, by="class"), label="class"))
        base = evaluate(pages, mode="keep_everything")["ALL"]
        print(f"\nbaseline, every line kept as body: body F1 {base['body_f1']:.3f}, "
              f"leak-free {1 - base['leak_rate']:.3f}")
    return tables


def show_failures(root: Path) -> None:
    """For rule writing: every dev page below `root` that is not perfect, field by field.
    Refuses held-out pages: no rule is written looking at them."""
    if "heldout" in root.resolve().parts:
        raise SystemExit("refused: held-out pages are never looked at to write a rule (use the dev split)")
    for fixture in iter_fixtures(root):
        record = parse_bytes(fixture.raw_path.read_bytes(), str(fixture.raw_path), fixture.url).record
        row = score(fixture, record)
        if row["perfect"]:
            continue
        print(f"\n=== {fixture.raw_path}  [{record['parser']}]  body F1 {row['body_f1']:.3f}")
        for name in EXACT_FIELDS:
            if not row[name]:
                print(f"  {name}: expected {fixture.expected.get(name)!r}\n  {' ' * len(name)}  got      "
                      f"{record.get(name)!r}")
        if row["leak"]:
            print(f"  leaks: {leaks(fixture, record)}")
        if row["body_f1"] < PERFECT_BODY_F1:
            want, got = set(fixture.expected["body"].split("\n")), set((record["body"] or "").split("\n"))
            for line in sorted(want - got):
                print(f"  - {line[:150]}")
            for line in sorted(got - want):
                print(f"  + {line[:150]}")


# What a fixture's expected record holds: the record without where and when it was parsed.
_NOT_EXPECTED = ("source",)


def write_expected(page: Path) -> int:
    """Write `page`'s record as parsed now to `<stem>.expected.json` beside it (the page's URL from
    its `.meta.json` or the old expected file), keeping the old file's own keys (`_furniture`,
    `_url`, notes). A draft for review: every field must then be checked against the page itself
    (`git diff` shows what changed) before it is committed as a fixture."""
    from . import parse_bytes

    if "heldout" in page.parts:
        print("refused: a held-out page's record is written by reading it, never from the parser",
              file=sys.stderr)
        return 2
    if not page.is_file():
        print(f"error: no such page: {page}", file=sys.stderr)
        return 2
    stem = page.name.split(".")[0]
    target = page.with_name(stem + ".expected.json")
    old = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    meta_path = page.with_name(stem + ".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    record = parse_bytes(page.read_bytes(), str(page), old.get("_url") or meta.get("url")).record
    fresh = {key: value for key, value in record.items() if key not in _NOT_EXPECTED and not key.startswith("_")}
    fresh.update({key: value for key, value in old.items() if key.startswith("_")})
    target.write_text(json.dumps(fresh, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    changed = sorted(key for key in fresh if old.get(key) != fresh[key]) if old else sorted(fresh)
    print(f"wrote {target} ({', '.join(changed) or 'no field'} changed): review every field against the page "
          "before committing it")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m parsers.evaluate [FIXTURES...] [--corpus DIR] [--totals] [--json OUT]`;
    `--split dev|heldout` scores one split; `--model` switches the fallback's line classifier on; `--failures DIR`
    prints what is wrong on each dev page below DIR; `--write-expected PAGE` writes PAGE's current record
    beside it for review."""
    args = list(sys.argv[1:] if argv is None else argv)

    def option(name: str) -> str | None:
        if name not in args:
            return None
        at = args.index(name)
        value = args[at + 1]
        del args[at : at + 2]
        return value

    page = option("--write-expected")
    if page:
        return write_expected(Path(page))
    explain = option("--failures")
    if explain:
        show_failures(Path(explain))
        return 0
    corpus = Path(option("--corpus") or "tests/corpus")
    json_out = option("--json")
    only = option("--split")
    if "--model" in args:
        from . import lineclass

        lineclass.ENABLED = True
        args = [a for a in args if a != "--model"]
    outlets = "--totals" not in args
    args = [a for a in args if a != "--totals"]
    tables = report_corpus(corpus, outlets, only) if corpus.is_dir() else {}
    fixtures = iter_fixtures(*(args or DEFAULT_ROOTS))
    detected = evaluate(fixtures)
    print(f"\nTemplate fixtures, parsers as detected ({len(fixtures)} pages the templates were written from)\n")
    print(format_table(detected if outlets else {"ALL": detected["ALL"]}))
    generic = evaluate(fixtures, mode="generic")
    print("\nGeneric fallback forced on the same pages, with cross-document evidence (its rules were written "
          "looking at them)\n")
    print(format_table({"ALL": generic["ALL"]}))
    if json_out:
        tables["fixtures"] = detected
        Path(json_out).write_text(json.dumps(tables, indent=1, ensure_ascii=False), encoding="utf-8")
    failed = failures(detected)
    if failed:
        print(f"\nBELOW THE BAR (fields and body F1 >= {BAR}, leak rate 0):\n  " + "\n  ".join(failed))
        return 1
    print(f"\nAll template fixtures meet the bar (fields and body F1 >= {BAR}, leak rate 0).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
