"""The ingest pipeline as plain functions (no Prefect): `discover` finds the raw files and their
sidecars, `parse` turns a batch of files into outcomes (articles, rejects, removed lines), `dedupe`
signs articles for near-duplicate search, `health` counts what drift alarms compare, and
`pipeline` runs a whole run: plan, parse, merge, dedupe, commit, catalog, report.
"""
