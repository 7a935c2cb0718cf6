"""Training the line classifier of `parsers/lineclass.py` (`make train`): the lines the generic
fallback keeps as body on labelled pages, labelled by the expected records, fitted by logistic
regression and written to `parsers/data/line_model.json`. Never on held-out pages; nothing here
runs at parse time.

    python -m parsers.linetrain [ROOT...]      (default: tests/corpus/dev tests/fixtures)
"""
from __future__ import annotations

import json
import sys

from . import page_text
from .evaluate import iter_fixtures
from .lineclass import FEATURES, MODEL_PATH, features
from .registry import GENERIC
from .text import collapse


def training_rows(*roots: str) -> tuple[list[list[float]], list[int]]:
    """Every line the fallback keeps as body on the pages below `roots`, with the label 1 when
    the expected body holds the line's (kept) text."""
    rows, labels = [], []
    for fixture in iter_fixtures(*roots):
        body = collapse(fixture.expected.get("body") or "")
        try:
            text, meta, _ = page_text(fixture.raw_path.read_bytes(), str(fixture.raw_path))
        except Exception:   # noqa: BLE001 - a page that does not decode teaches nothing
            continue
        result = GENERIC.parse(text, str(fixture.raw_path), fixture.url, use_model=False)
        lines = [line.kept if line.kept is not None else line.content for line in result.lines]
        roles = [line.role for line in result.lines]
        for i, line in enumerate(lines):
            if roles[i] != "body" or len(line.strip()) < 2:
                continue                     # the model judges only what the rules kept as body
            rows.append(features(lines, roles, i))
            labels.append(int(collapse(line) in body))
    return rows, labels


def fit(rows: list[list[float]], labels: list[int], l2: float = 1e-3, steps: int = 3000) -> list[float]:
    """Logistic regression by gradient descent (numpy), the classes weighted equally (body lines
    outnumber furniture twenty to one among what the rules keep)."""
    import numpy as np

    x, y = np.array(rows, dtype=float), np.array(labels, dtype=float)
    weight = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ ((p - y) * weight) / len(y) + l2 * w
        w -= 1.0 * gradient
    return [round(float(v), 6) for v in w]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if any(arg.startswith("-") for arg in args):
        print("usage: python -m parsers.linetrain [ROOT...]", file=sys.stderr)
        return 2
    roots = args or ["tests/corpus/dev", "tests/fixtures"]
    if any("heldout" in root for root in roots):
        print("refused: the model is never trained on held-out pages", file=sys.stderr)
        return 2
    rows, labels = training_rows(*roots)
    weights = fit(rows, labels)
    MODEL_PATH.write_text(json.dumps({"features": list(FEATURES), "weights": weights, "trained_on": roots,
                                      "lines": len(rows), "body_lines": sum(labels)}, indent=1) + "\n",
                          encoding="utf-8")
    print(f"trained on {len(rows)} lines ({sum(labels)} body) from {', '.join(roots)} → {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
