"""Test helpers: build a landing folder from the samples plus bad files."""
import shutil
from pathlib import Path

from flows.store.catalog import open_catalog
from tests.conftest import SAMPLES

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def landing_zone(root: Path, bad: bool = True) -> Path:
    raw = root / "raw"
    (raw / "samples").mkdir(parents=True)
    for sample in SAMPLES.glob("*.txt"):
        shutil.copy(sample, raw / "samples" / sample.name)
    if bad:
        (raw / "empty.txt").write_bytes(b"")
        (raw / "photo.txt").write_bytes(PNG_BYTES)
    return raw


def query(warehouse, sql):
    """Rows of a query on a warehouse's catalog."""
    con = open_catalog(warehouse)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
