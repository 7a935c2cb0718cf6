"""The one place templates are registered, and detection: URL host first, then marker scores.

Order matters only on equal scores: portals come first, because a portal page of a Newsis
article carries Newsis's markers too; then wire services, then the other outlets and CMS families.
"""
from __future__ import annotations

from .engine import MarkerPage, Template
from .templates.asiae import Asiae
from .templates.chosun import Chosun
from .templates.daum import Daum
from .templates.donga import Donga
from .templates.edaily import Edaily
from .templates.etoday import Etoday
from .templates.generic import Generic
from .templates.hani import Hani
from .templates.hankyung import Hankyung
from .templates.joongang import JoongAng
from .templates.khan import Khan
from .templates.mbn import Mbn
from .templates.mk import Mk
from .templates.mt import MoneyToday
from .templates.naeil import Naeil
from .templates.naver import Naver
from .templates.ndsoft import NdSoft
from .templates.news1 import News1
from .templates.newsis import Newsis
from .templates.newspim import Newspim
from .templates.nocut import Nocut
from .templates.regional_cms import RegionalCms
from .templates.seoul import Seoul
from .templates.yonhap import Yonhap
from .templates.zum import Zum
from .urls import url_host

TEMPLATES: tuple[Template, ...] = (
    # portals
    Zum(), Daum(), Naver(),
    # wire services
    Yonhap(), Newsis(), Newspim(), News1(),
    # national outlets
    Hankyung(), Mk(), Donga(), Chosun(), JoongAng(), Hani(), Khan(), Seoul(), Asiae(), Edaily(),
    MoneyToday(), Etoday(), Nocut(), Mbn(), Naeil(),
    # CMS families serving many sites
    NdSoft(), RegionalCms(),
)
GENERIC = Generic()
_LITERALS = frozenset().union(*(t.literals() for t in TEMPLATES))


def _gate_index() -> tuple[dict[str, list[tuple[int, frozenset[str]]]], frozenset[int]]:
    """literal → (template's position, the runs its marker also needs) for every gated marker, and
    the positions of templates with a marker that any page may match."""
    index: dict[str, list[tuple[int, frozenset[str]]]] = {}
    always = set()
    for k, template in enumerate(TEMPLATES):
        gates = template._gates()
        if gates is None:
            always.add(k)
            continue
        for needles, runs in gates:
            for needle in needles:
                index.setdefault(needle, []).append((k, runs))
    return index, frozenset(always)


_GATES, _ALWAYS = _gate_index()


def _candidates(present, host: str | None) -> list[Template]:
    """The templates one of whose markers can match a page holding the literals `present` (one of
    a marker's literals and all the runs it requires are there: see `Template._gates`), looked up
    from the literals found, and those serving the URL's `host`; in registry order."""
    found = set(_ALWAYS)
    for literal in present:
        for k, runs in _GATES.get(literal, ()):
            if k not in found and runs <= present:
                found.add(k)
    if host:
        found.update(k for k, template in enumerate(TEMPLATES) if template.serves(host))
    return [TEMPLATES[k] for k in sorted(found)]


def detect(text: str, url: str | None = None) -> Template:
    """The best-matching template for a page (the generic fallback when none scores enough)."""
    host = url_host(url)
    page = MarkerPage("\n".join(line.strip() for line in text.split("\n") if line.strip()), _LITERALS)
    best: Template = GENERIC
    best_score = 0
    for template in _candidates(page.present, host):
        score = template.score(page, host, need=max(template.min_score, best_score + 1))
        if score >= template.min_score and score > best_score:
            best, best_score = template, score
    return best


def parser_versions() -> dict[str, int]:
    return {t.name: t.version for t in (*TEMPLATES, GENERIC)}
