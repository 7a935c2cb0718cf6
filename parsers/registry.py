"""The one place templates are registered, and detection: URL host first, then marker scores."""
from __future__ import annotations

from urllib.parse import urlsplit

from .engine import Template
from .templates.generic import Generic
from .templates.hankyung import Hankyung
from .templates.newspim import Newspim
from .templates.regional_cms import RegionalCms
from .templates.zum import Zum

# Portals come first: a portal page of a Newsis article carries the publisher's markers too.
TEMPLATES: tuple[Template, ...] = (Zum(), Newspim(), Hankyung(), RegionalCms())
GENERIC = Generic()


def detect(text: str, url: str | None = None) -> Template:
    """The best-matching template for a page (the generic fallback when none scores enough)."""
    host = urlsplit(url).hostname if url else None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    best, best_score = GENERIC, 0
    for template in TEMPLATES:
        score = template.score(lines, host)
        if score >= template.min_score and score > best_score:
            best, best_score = template, score
    return best


def parser_versions() -> dict[str, int]:
    return {t.name: t.version for t in (*TEMPLATES, GENERIC)}
