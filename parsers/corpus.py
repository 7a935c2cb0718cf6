"""The labelled page corpus under `tests/corpus/`: where a page goes, and whether its files are sound.

Pages are split by a fixed hash of their source URL, never by choice: `heldout` pages (45 %)
are labelled by reading before any parser runs on them and are never used to write a rule;
`dev` pages may be. `python -m parsers.corpus place URL OUTLET` prints the folder a page goes
in; `python -m parsers.corpus check [ROOT]` validates every labelled page (see
`tests/corpus/README.md` for the labelling rules). Nothing here runs a parser.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HELDOUT_PERCENT = 45
CORPUS_ROOT = Path("tests/corpus")
RAW_SUFFIXES = (".txt", ".html", ".htm", ".html.gz")
KINDS = frozenset({"desktop", "mobile", "amp", "photo", "opinion", "old", "portal", "broadcast",
                   "magazine", "print", "html"})
CLASSES = frozenset({"photo", "glued", "byline", "furniture", "header", "json"})
REQUIRED_FIELDS = ("outlet", "title", "subtitles", "published_at", "updated_at", "authors", "dateline",
                   "emails", "body", "captions", "_furniture")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}\+09:00)?$")
_OUTLET = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


def split_of(url: str) -> str:
    """`heldout` or `dev`, fixed by the URL's SHA-256 (the first 8 hex digits, mod 100)."""
    digest = hashlib.sha256(url.strip().encode("utf-8")).hexdigest()
    return "heldout" if int(digest[:8], 16) % 100 < HELDOUT_PERCENT else "dev"


def place(url: str, outlet: str, root: Path = CORPUS_ROOT) -> Path:
    """The folder a page of `outlet` at `url` belongs in."""
    return root / split_of(url) / outlet


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def known_urls(*roots: Path) -> dict[str, Path]:
    """Source URL → meta file, over every `*.meta.json` below `roots`."""
    urls: dict[str, Path] = {}
    for root in roots:
        for meta in sorted(root.rglob("*.meta.json")):
            url = json.loads(meta.read_text(encoding="utf-8")).get("url")
            if url:
                urls.setdefault(url.strip(), meta)
    return urls


def check_page(expected_path: Path, root: Path) -> list[Problem]:
    """Every rule a labelled page must meet (see tests/corpus/README.md)."""
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem(expected_path, message))

    stem = expected_path.name.removesuffix(".expected.json")
    raw = next((expected_path.with_name(stem + s) for s in RAW_SUFFIXES if expected_path.with_name(stem + s).exists()),
               None)
    meta_path = expected_path.with_name(stem + ".meta.json")
    if raw is None:
        bad("no raw page beside it (.txt or .html)")
    if not meta_path.exists():
        bad("no .meta.json beside it")
        return problems
    try:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        bad(f"unreadable JSON: {error}")
        return problems
    url = meta.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        bad("meta.url must be the page's http(s) URL")
        return problems
    split = expected_path.relative_to(root).parts[0]
    if split != split_of(url):
        bad(f"belongs in {split_of(url)}/, not {split}/ (split is fixed by the URL's hash)")
    if meta.get("kind") not in KINDS:
        bad(f"meta.kind must be one of {sorted(KINDS)}")
    if not set(meta.get("classes", [])) <= CLASSES:
        bad(f"meta.classes must be a subset of {sorted(CLASSES)}")
    missing = [f for f in REQUIRED_FIELDS if f not in expected]
    if missing:
        bad(f"missing fields {missing}")
        return problems
    if not isinstance(expected["outlet"], str) or not _OUTLET.match(expected["outlet"]):
        bad("outlet must be a lower-case id")
    for field in ("published_at", "updated_at"):
        value = expected[field]
        if value is not None and not (isinstance(value, str) and _TIME.match(value)):
            bad(f"{field} must be null, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+09:00")
    for field in ("subtitles", "authors", "emails", "captions", "_furniture"):
        if not isinstance(expected[field], list) or not all(isinstance(x, str) and x for x in expected[field]):
            bad(f"{field} must be a list of non-empty strings")
            return problems
    for name in expected["authors"]:
        if re.search(r"기자|특파원|논설위원|위원$|\s", name):
            bad(f"author {name!r} must be the name alone")
    body, title = expected["body"], expected["title"]
    if not isinstance(body, str) or (title is not None and not isinstance(title, str)):
        bad("body must be a string, title a string or null")
        return problems
    for line in body.split("\n") if body else []:
        if not line or line != " ".join(line.split()):
            bad(f"body line not collapsed or empty: {line[:40]!r}")
            break
    text = raw.read_text(encoding="utf-8", errors="replace") if raw is not None and raw.suffix != ".gz" else ""
    flat = " ".join(text.split())
    kept = f"{title or ''}\n{body}"
    for furniture in expected["_furniture"]:
        if furniture in kept:
            bad(f"furniture string {furniture!r} occurs in the expected title or body")
        if flat and " ".join(furniture.split()) not in flat:
            bad(f"furniture string {furniture!r} is not on the page")
    if title and flat and " ".join(title.split()) not in flat:
        bad("title is not on the page as written")
    return problems


def check(root: Path = CORPUS_ROOT, others: tuple[Path, ...] = (Path("tests/fixtures"),)) -> list[Problem]:
    problems: list[Problem] = []
    pages = sorted(root.rglob("*.expected.json"))
    for expected_path in pages:
        problems += check_page(expected_path, root)
    seen: dict[str, Path] = {}
    outside = known_urls(*[o for o in others if o.exists()])
    for meta in sorted(root.rglob("*.meta.json")):
        url = (json.loads(meta.read_text(encoding="utf-8")).get("url") or "").strip()
        if url in seen:
            problems.append(Problem(meta, f"same URL as {seen[url]}"))
        if url in outside:
            problems.append(Problem(meta, f"same URL as the fixture {outside[url]}"))
        seen[url] = meta
    return problems


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["place"] and len(args) == 3:
        print(place(args[1], args[2]))
        return 0
    if args[:1] == ["check"] and len(args) <= 2:
        root = Path(args[1]) if len(args) == 2 else CORPUS_ROOT
        problems = check(root)
        for problem in problems:
            print(problem)
        pages = list(root.rglob("*.expected.json"))
        splits = {s: sum(1 for p in pages if p.relative_to(root).parts[0] == s) for s in ("dev", "heldout")}
        print(f"{len(pages)} pages (dev {splits['dev']}, heldout {splits['heldout']}), {len(problems)} problems")
        return 1 if problems else 0
    print("usage: python -m parsers.corpus place URL OUTLET | check [ROOT]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
