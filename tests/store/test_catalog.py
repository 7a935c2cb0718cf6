"""The DuckDB catalog as a user opens it from their own session: `ATTACH … AS nf` without `USE`,
in a session time zone other than Korea's."""
from datetime import timedelta, timezone

import duckdb
import pytest

from flows.ingest.pipeline import ingest
from tests.helpers import landing_zone

KST = timezone(timedelta(hours=9))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("catalog")
    ingest(str(landing_zone(root)), str(root / "warehouse"))
    return root / "warehouse"


def user_session(warehouse, zone: str) -> duckdb.DuckDBPyConnection:
    """A plain DuckDB session as the README's recipe opens it: ATTACH, the search path, no USE."""
    con = duckdb.connect()
    con.execute(f"SET TimeZone = '{zone}'")
    con.execute(f"ATTACH '{warehouse / 'catalog.duckdb'}' AS nf (READ_ONLY)")
    con.execute(f"SET file_search_path = '{warehouse}'")
    return con


def test_macros_work_through_attach_without_use(warehouse):
    con = user_session(warehouse, "UTC")
    try:
        found = con.execute("SELECT outlet FROM nf.search('스마트 라이프 위크')").fetchall()
        assert {"hankyung", "newspim"} <= {row[0] for row in found}
        assert con.execute("SELECT count(*) FROM nf.articles").fetchone() == (5,)
        shown = con.execute("SELECT CAST(nf.kst(TIMESTAMPTZ '2024-01-10 17:37:00+00') AS VARCHAR)").fetchone()
        assert shown == ("2024-01-11 02:37:00",)
    finally:
        con.close()


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Honolulu", "Asia/Seoul"])
def test_daily_counts_are_korean_days_in_any_session_time_zone(warehouse, zone):
    con = user_session(warehouse, zone)
    try:
        published = con.execute("SELECT published_ts FROM nf.articles WHERE published_ts IS NOT NULL").fetchall()
        expected: dict = {}
        for (instant,) in published:
            day = instant.astimezone(KST).date()
            expected[day] = expected.get(day, 0) + 1
        rows = con.execute("SELECT day, sum(articles) FROM nf.daily_counts GROUP BY day").fetchall()
        assert {day: count for day, count in rows} == expected
        # 15:00 KST is still the day before in Honolulu: the view must not follow the session's zone
        assert con.execute("SELECT count(*) FROM nf.daily_counts WHERE day = DATE '2024-01-11'").fetchone()[0] >= 1
    finally:
        con.close()
