"""`make bench`: parsers and ingest measured on synthetic landing zones of N files.

For each N (default 1,000 / 20,000 / 100,000; `BENCH_SIZES=1000,5000` to change): build the
landing zone (bench/make_landing.py), then measure
- parse docs/s per core: the parsers alone, one process, on up to 3,000 of the pages in memory;
- trafilatura's docs/s on the same pages wrapped as minimal HTML, and the ratio;
- `newsflow ingest` end to end through Prefect: files/s of the run's own work, and the Prefect
  start-up (wall time minus the run's own work) shown separately;
- the no-change re-run's own work time;
- peak RSS of the largest process (the ingest process or one of its parsing workers);
- the warehouse's size on disk.
Prints a markdown table (also written to bench/RESULTS.md).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

from bench.make_landing import VERSION, make

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = 3000


def pages(landing: Path, limit: int) -> list[bytes]:
    return [p.read_bytes() for p in sorted(landing.rglob("*.txt"))[:limit]]


def parse_rate(datas: list[bytes]) -> float:
    from parsers import parse_bytes

    for data in datas[:50]:
        parse_bytes(data, "warm")
    started = time.perf_counter()
    for data in datas:
        parse_bytes(data, "x")
    return len(datas) / (time.perf_counter() - started)


def trafilatura_rate(datas: list[bytes]) -> float | None:
    try:
        import trafilatura
    except ImportError:
        return None
    htmls = [
        "<html><body>"
        + "".join(f"<p>{escape(line)}</p>" for line in d.decode("utf-8").split("\n") if line.strip())
        + "</body></html>"
        for d in datas
    ]
    for html in htmls[:20]:
        trafilatura.extract(html)
    started = time.perf_counter()
    for html in htmls:
        trafilatura.extract(html)
    return len(htmls) / (time.perf_counter() - started)


def ingest(landing: Path, warehouse: Path, env: dict) -> tuple[dict, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", "--json", "--raw", str(landing),
                           "--warehouse", str(warehouse)], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout[done.stdout.index("{"):]), wall


def disk_usage(path: Path) -> int:
    done = subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True)
    return int(done.stdout.split()[0])


def run(sizes: list[int], workdir: Path) -> list[dict]:
    env = {**os.environ, "PREFECT_HOME": str(workdir / ".prefect")}
    rows = []
    for n in sizes:
        landing, warehouse = workdir / f"landing-v{VERSION}-{n}", workdir / f"warehouse-{n}"
        shutil.rmtree(warehouse, ignore_errors=True)
        if not landing.exists():
            make(str(landing), n)
        datas = pages(landing, SAMPLE)
        ours, theirs = parse_rate(datas), trafilatura_rate(datas)
        first, first_wall = ingest(landing, warehouse, env)
        again, again_wall = ingest(landing, warehouse, env)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows.append({
            "N": n, "parse docs/s/core": round(ours), "trafilatura docs/s": round(theirs) if theirs else None,
            "ratio": round(ours / theirs, 1) if theirs else None,
            "ingest files/s": round(n / first["seconds"]["total"]),
            "ingest work s": first["seconds"]["total"],
            "prefect start-up s": round(first_wall - first["seconds"]["total"], 1),
            "re-run work s": again["seconds"]["total"], "re-run wall s": round(again_wall, 1),
            "peak RSS MB": round(peak), "warehouse MB": round(disk_usage(warehouse) / 1e6, 1),
        })
        print(json.dumps(rows[-1]), file=sys.stderr)
    return rows


def table(rows: list[dict]) -> str:
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join("" if r[h] is None else str(r[h]) for h in head) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.splitlines()[0],
        epilog="Settings: BENCH_SIZES (comma-separated file counts, default 1000,20000,100000), "
               "BENCH_DIR (where landing zones are kept, default <tmp>/newsflow-bench).")
    parser.parse_args(argv)
    try:
        sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,20000,100000").split(",")]
    except ValueError:
        parser.error(f"BENCH_SIZES must be comma-separated whole numbers, not {os.environ['BENCH_SIZES']!r}")
    workdir = Path(os.environ.get("BENCH_DIR") or Path(tempfile.gettempdir()) / "newsflow-bench")
    workdir.mkdir(parents=True, exist_ok=True)
    rows = run(sizes, workdir)
    text = f"cores: {os.cpu_count()}\n\n" + table(rows) + "\n"
    print(text)
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
