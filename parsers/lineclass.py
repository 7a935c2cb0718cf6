"""A learned line classifier for what the rules leave open in the generic fallback.

Logistic regression over a line's shape (length, sentence endings, Hangul/digit/punctuation
ratios, chrome words, bylines, e-mails), its place (position in the page, next to the body the
rules found) and the rules' own verdict. The coefficients are data in the repository
(`parsers/data/line_model.json`), trained by `make train` (`python -m parsers.linetrain`) on the
dev split and the template fixtures: a line is body when the expected record's body holds it.
Nothing is trained at run time.

It only ever removes: a line the fallback kept as body whose probability of being body is below
`REMOVE_BELOW` becomes furniture (`model`). It is switched on only while it wins on the held-out
split; today it does not (`ENABLED = False`; `python -m parsers.evaluate --model` measures it).
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from . import linekinds as lk
from . import people
from .text import hangul_count, is_sentence_end

MODEL_PATH = Path(__file__).with_name("data") / "line_model.json"
# Off: measured on the held-out split it trades lost body for fewer leaks (see the README);
# `python -m parsers.evaluate --model` measures it again after `make train`.
ENABLED = False
REMOVE_BELOW = 0.12
FEATURES = (
    "bias", "log_len", "hangul", "digits", "punct", "latin", "sentence_end", "sentences", "teaser",
    "ui_words", "email", "title_word", "copyright", "bracket_start", "bullet_start", "position",
    "before_body", "after_body", "prev_body", "next_body", "short", "question",
)
_PUNCT = re.compile(r"[^\w\s]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_COPYRIGHT = re.compile(r"ⓒ|©|Copyright|저작권|무단\s?전재|재배포")


def features(lines: Sequence[str], roles: Sequence[str], i: int) -> list[float]:
    """The feature vector of line `i` given every line's text and the rules' roles."""
    text = lines[i]
    n = max(len(text), 1)
    body = [k for k, role in enumerate(roles) if role == "body"]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    core = lk.core(text)
    return [
        1.0,
        math.log1p(len(text)) / 6,
        hangul_count(text) / n,
        len(_DIGIT.findall(text)) / n,
        len(_PUNCT.findall(text)) / n,
        len(_LATIN.findall(text)) / n,
        float(is_sentence_end(text)),
        min(lk.sentence_count(text), 5) / 5,
        float(lk.is_teaser(text)),
        float(lk.has_ui_word(core)) if len(core) <= 40 else 0.0,
        float("@" in text),
        float(people.has_title_word(text)),
        float(bool(_COPYRIGHT.search(text))),
        float(text.lstrip()[:1] in "[<(【〈"),
        float(text.lstrip()[:1] in "-▶☞■•·※▲△◆◇"),
        i / max(len(lines) - 1, 1),
        float(i < first),
        float(i > last),
        float(i > 0 and roles[i - 1] == "body"),
        float(i + 1 < len(lines) and roles[i + 1] == "body"),
        float(len(text) < 25),
        float(text.rstrip().endswith("?")),
    ]


@cache
def _model() -> tuple[float, ...] | None:
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != FEATURES:
        return None                          # trained on other features: not used until retrained
    return tuple(data["weights"])


def body_probability(lines: list[str], roles: list[str], i: int) -> float | None:
    weights = _model()
    if weights is None:
        return None
    z = sum(w * x for w, x in zip(weights, features(lines, roles, i)))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def prune(doc) -> None:
    """Body lines of a fallback page the model is sure are not body become furniture (`model`)."""
    if _model() is None:
        return
    texts = [line.kept if line.kept is not None else line.content for line in doc.lines]
    roles = [line.role for line in doc.lines]
    for i, line in enumerate(doc.lines):
        if line.role == "body":
            p = body_probability(texts, roles, i)
            if p is not None and p < REMOVE_BELOW:
                line.role, line.reason, line.kept = "furniture", "model", None
