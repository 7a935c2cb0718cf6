"""The HTML run report: one static page per ingest run that opens with no network.

    data.py     one run's figures gathered from the warehouse tables (`load_run_report`)
    html.py     the page: plotly charts (plotly.js inline) and escaped tables (`render_html`)
    publish.py  where the page goes: `<warehouse>/reports/<run_id>.html` and `reports/latest.html`,
                written atomically at each ingest and again by `newsflow report` (`write_report`)

The report is a derived file, not a table: it lives beside the snapshots, never in one, and any
run recorded in the `runs` table can be rendered again.
"""
