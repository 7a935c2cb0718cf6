"""Fault injection for the crash tests: an ingest run in a child process that dies (SIGKILL, no
clean-up) at a named step of its commit, or holds the writer lock for a while. The hooks live
here, not in the production code: the pipeline only reports its steps (`on_phase`).

    python -m tests.faults RAW WAREHOUSE [--crash-at STEP] [--hold SECONDS] [--object-store] [--prefect]

`--prefect` runs the Prefect flow (the path scheduled runs take) against the server that
PREFECT_API_URL names; the fault is then injected into the flow's commit task from here.
"""
from __future__ import annotations

import argparse
import os
import signal
import time
from typing import Callable


def fault(crash_at: str | None = None, hold: float = 0.0) -> Callable[[str], None]:
    """A phase callback that sleeps `hold` seconds once the writer lock is taken and kills the
    process when the step `crash_at` (`table:articles`, `before_switch`, …) has ended."""
    def on_phase(phase: str) -> None:
        if phase == "locked" and hold > 0:
            time.sleep(hold)
        if crash_at is not None and phase == crash_at:
            os.kill(os.getpid(), signal.SIGKILL)
    return on_phase


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults")
    parser.add_argument("raw")
    parser.add_argument("warehouse")
    parser.add_argument("--crash-at")
    parser.add_argument("--hold", type=float, default=0.0)
    parser.add_argument("--object-store", action="store_true", help="WAREHOUSE is a folder used as file:// bucket")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--prefect", action="store_true", help="run the Prefect ingest flow (crash faults only)")
    args = parser.parse_args()
    if args.prefect:
        return run_flow_with_fault(args)
    from flows.ingest.pipeline import ingest
    warehouse = args.warehouse
    if args.object_store:
        from flows.store.objectstore import ObjectWarehouse
        warehouse = ObjectWarehouse("file://" + args.warehouse)
    summary = ingest(args.raw, warehouse, on_phase=fault(args.crash_at, args.hold), workers=args.workers)
    print(f"new articles {summary['articles']}")
    return 0


def run_flow_with_fault(args: argparse.Namespace) -> int:
    """The Prefect ingest flow, its commit told the fault's phases (wrapped from here: the flow
    itself takes no hook)."""
    from flows.store.warehouse import Transaction

    original = Transaction.commit
    hook = fault(args.crash_at, args.hold)

    def commit(self, on_phase=None):
        return original(self, hook)

    Transaction.commit = commit  # type: ignore[method-assign]
    from flows.flow import run_ingest

    summary = run_ingest("threads", raw_dir=args.raw, warehouse_dir=args.warehouse, workers=args.workers)
    print(f"new articles {summary['articles']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
