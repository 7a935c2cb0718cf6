"""One Settings object holds every NEWSFLOW_* variable, limit and default, and the CLI, the flow,
the pipeline and the parsers use its values rather than their own copies."""
import inspect

from flows.cli.main import build_parser
from flows.flow import ingest_flow
from flows.ingest import parse, pipeline
from flows.settings import DEFAULT, Settings
from parsers import MAX_PAGE_BYTES


def test_settings_read_the_environment_when_asked():
    settings = Settings.from_env({"NEWSFLOW_SPOOL": "s3://bucket/spool", "NEWSFLOW_DASK_ADDRESS": "tcp://h:8786"})
    assert settings.spool == "s3://bucket/spool" and settings.dask_address == "tcp://h:8786"
    empty = Settings.from_env({"NEWSFLOW_SPOOL": ""})
    assert empty.spool is None and empty.dask_address is None and empty.batch_size == DEFAULT.batch_size


def test_one_batch_size_and_one_page_size_limit_everywhere():
    ingest_args = build_parser().parse_args(["ingest"])
    assert ingest_args.batch_size == DEFAULT.batch_size
    assert inspect.signature(pipeline.ingest).parameters["batch_size"].default == DEFAULT.batch_size
    assert inspect.signature(ingest_flow.fn).parameters["batch_size"].default == DEFAULT.batch_size
    assert parse.MAX_FILE_BYTES == DEFAULT.max_file_bytes == MAX_PAGE_BYTES


def test_the_schedules_are_written_once_in_prefect_yaml():
    from flows import flow

    assert not hasattr(flow, "SCHEDULES")
    served = {d["name"]: d for d in flow.deployments_in_yaml()}
    assert served["ingest-hourly"]["flow"] == "ingest_flow"
    assert served["ingest-hourly"]["schedules"] == [("0 * * * *", "Asia/Seoul")]
    assert served["compact-nightly"]["concurrency_limit"] == {"limit": 1, "collision_strategy": "CANCEL_NEW"}
    assert served["fetch-hourly"]["concurrency_limit"] is None
    assert all(hasattr(flow, d["flow"]) for d in served.values())
