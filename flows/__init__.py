"""newsflow flows: discovery, storage, the DuckDB catalog, the Prefect flow wiring and the CLI.

Modules other than `flows.flow` never import Prefect, so `newsflow parse` and `newsflow sql`
start fast and the pipeline's plain functions are testable without a Prefect server.
"""
