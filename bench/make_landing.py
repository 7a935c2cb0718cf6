"""Build a synthetic landing zone of N raw files for benchmarks: `python -m bench.make_landing DIR N`.

Each file is one of the real pages (the samples and the fixture pages), furniture and all, with
each body paragraph replaced by 2-4 new sentences of 10-17 words drawn at random from every page's
body words (frequent words more often), each ending on a real sentence-final word. So every file
is a distinct article — as unrelated to the others as real articles are, which near-duplicate
detection sees: no shared sentences — while parsers still meet real templates and real words.
(An earlier version drew whole sentences from a pool of about 1,500: with 100,000 files each
sentence was in hundreds of them, and two thirds of the files were near-duplicates of others.)
Deterministic for a given N.
"""
from __future__ import annotations

import argparse
import os
import random
from pathlib import Path

from parsers import page_text, parse_text
from parsers.evaluate import iter_fixtures

ROOT = Path(__file__).resolve().parent.parent
VERSION = 2            # bump when the pages change: bench/run.py keeps landing zones per version


def base_pages() -> list[tuple[list[str], list[int]]]:
    """(lines of a real page, indexes of its plain body lines) for every text fixture."""
    pages = []
    for fixture in iter_fixtures(ROOT / "tests" / "fixtures"):
        if fixture.raw_path.suffix != ".txt":
            continue
        text, _, _ = page_text(fixture.raw_path.read_bytes(), str(fixture.raw_path))
        result = parse_text(text, str(fixture.raw_path), fixture.url)
        body = [line.no - 1 for line in result.lines if line.role == "body" and line.reason is None]
        if len(body) >= 2 and result.record["status"] == "ok":
            pages.append((text.split("\n"), body))
    return pages


def make(target: str, count: int, seed: int = 1) -> int:
    pages = base_pages()
    words = [w for lines, body in pages for i in body for w in lines[i].split()]   # with repeats
    endings = sorted({w for w in words if w.endswith("다.")})
    rng = random.Random(seed)

    def sentence() -> str:
        return " ".join(rng.choices(words, k=rng.randint(9, 16))) + " " + rng.choice(endings)

    for n in range(count):
        lines, body = pages[n % len(pages)]
        lines = list(lines)
        for i in body:
            lines[i] = " ".join(sentence() for _ in range(rng.randint(2, 4)))
        lines[body[0]] = f"{lines[body[0]]} (기사 번호 {n})"
        folder = Path(target, f"{n // 1000:04d}")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page{n:07d}.txt").write_text("\n".join(lines), encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.make_landing", description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="where to write the landing zone (made if missing)")
    parser.add_argument("count", type=int, help="how many raw files")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error(f"count must be at least 1, not {args.count}")
    os.makedirs(args.folder, exist_ok=True)
    print(make(args.folder, args.count), "files in", args.folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
