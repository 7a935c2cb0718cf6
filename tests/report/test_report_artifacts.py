"""The ingest flow links its HTML report and publishes its figures as Prefect table artifacts."""
import pytest

from flows.settings import configure_prefect_env

configure_prefect_env()
from prefect.artifacts import Artifact  # noqa: E402
from prefect.testing.utilities import prefect_test_harness  # noqa: E402

from flows.flow import ingest_flow  # noqa: E402
from tests.helpers import landing_zone  # noqa: E402

pytestmark = pytest.mark.prefect


def test_the_flow_links_its_report_and_publishes_tables(tmp_path):
    raw = landing_zone(tmp_path)
    with prefect_test_harness(server_startup_timeout=90):
        summary = ingest_flow(raw_dir=str(raw), warehouse_dir=str(tmp_path / "w"), batch_size=4)
        link = Artifact.get("newsflow-run-report")
        figures = Artifact.get("newsflow-ingest-summary")
        rejects = Artifact.get("newsflow-rejects-by-reason")
    report = tmp_path / "w" / "reports" / f"{summary['run_id']}.html"
    assert report.is_file() and link is not None          # (Prefect keeps a link artifact as markdown)
    assert report.resolve().as_uri() in str(link.data)
    assert figures is not None and '"new articles"' in str(figures.data) and "5" in str(figures.data)
    assert rejects is not None and '"empty"' in str(rejects.data) and '"binary"' in str(rejects.data)
