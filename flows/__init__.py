"""newsflow's pipeline around the pure `parsers` library.

    flows/flow.py      Prefect only: the ingest, fetch and compact flows, their tasks, serve()
    flows/ingest/      the ingest pipeline as plain functions: discover, parse, dedupe, health,
                       pipeline (plan → parse → merge → dedupe → commit → catalog → report)
    flows/store/       the Warehouse interface and its local and object-store back-ends, the
                       tables' schemas, the DuckDB catalog, paths and fsspec URLs
    flows/fetch/       the polite fetcher
    flows/cli/         the `newsflow` command: argparse, commands, rendering
    flows/settings.py  the NEWSFLOW_* settings and Prefect's environment defaults
    flows/pull.py      prefect.yaml's pull step (into $PROJECT_DIR, or a message naming it)

Modules other than `flows.flow` never import Prefect, so `newsflow parse` and `newsflow sql`
start fast and the pipeline's plain functions are testable without a Prefect server.
"""
