"""One ingest, shared by the report tests: the samples, two files that are rejected (one with a
name that is markup), three near-duplicates of a newspim page and one page whose title is markup."""
from dataclasses import dataclass
from pathlib import Path

import pytest

from flows.ingest.contracts import RunSummary
from flows.ingest.pipeline import ingest
from tests.conftest import SAMPLES
from tests.helpers import landing_zone
from tests.ingest.test_health import newspim_pages

HOSTILE_TITLE = '</script><script>window.pwned=1</script> 서울 총회 <img src=x onerror="window.pwned=2">'
HOSTILE_NAME = "<img src=x onerror=window.pwned=3>.txt"


@dataclass(frozen=True)
class Reported:
    raw: Path
    warehouse: Path
    summary: RunSummary

    @property
    def page(self) -> Path:
        assert self.summary["report"] is not None
        return Path(self.summary["report"])


def hostile_page(raw: Path) -> None:
    """Sample 003 with its title replaced by markup and one phrase of its body changed (a new
    article, near-duplicate of the sample: its title shows in the clusters table)."""
    text = (SAMPLES / "003_fa9aa0f98d6df127.txt").read_text(encoding="utf-8")
    text = text.replace("서울시가 만든 '세계스마트시티기구' 10주년 기념 서울 총회 개최", HOSTILE_TITLE, 1)
    text = text.replace("동대문디자인플라자에서", "동대문디자인플라자(DDP)에서")
    (raw / "hostile.txt").write_text(text, encoding="utf-8")


@pytest.fixture(scope="package")
def reported(tmp_path_factory) -> Reported:
    root = tmp_path_factory.mktemp("report")
    raw = landing_zone(root)                          # samples, empty.txt, photo.txt
    newspim_pages(raw, 0, 3)
    hostile_page(raw)
    (raw / HOSTILE_NAME).write_bytes(b"")
    warehouse = root / "warehouse"
    return Reported(raw, warehouse, ingest(str(raw), str(warehouse), workers=1))
