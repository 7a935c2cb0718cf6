"""HTML for every supported outlet. The corpus holds page text, not markup, so these pages are
CONSTRUCTED: each text fixture's lines are wrapped in block elements, with the outlet's usual head
(canonical link to the fixture's real URL, og:title). The template must read the HTML exactly as
it reads the text dump."""
import html

import pytest

from parsers import parse_bytes
from parsers.evaluate import iter_fixtures
from tests.conftest import ROOT

FIXTURES = [f for f in iter_fixtures(ROOT / "tests" / "fixtures") if f.raw_path.suffix == ".txt"]
FIELDS = ("outlet", "parser", "title", "subtitles", "published_at", "updated_at", "authors", "dateline", "body",
          "captions")


def constructed_html(text: str, url: str | None, title: str | None) -> bytes:
    head = "<meta charset='utf-8'>"
    if url:
        head += f"<link rel='canonical' href='{html.escape(url)}'>"
    if title:
        head += f"<meta property='og:title' content='{html.escape(title)}'>"
    # Lines separated by blank lines are paragraphs; lines inside one are separated by <br>.
    paragraphs = [block for block in text.split("\n\n")]
    body = "".join(
        "<p>" + "<br>".join(html.escape(line) for line in block.split("\n")) + "</p>" for block in paragraphs
    )
    return f"<!DOCTYPE html><html><head>{head}</head><body><main>{body}</main></body></html>".encode()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_constructed_html_parses_like_the_text(fixture):
    data = fixture.raw_path.read_bytes()
    from_text = parse_bytes(data, str(fixture.raw_path), fixture.url).record
    page = constructed_html(data.decode("utf-8"), fixture.url, fixture.expected["title"])
    from_html = parse_bytes(page, str(fixture.raw_path.with_suffix(".html"))).record
    for field in FIELDS:
        assert from_html[field] == from_text[field], field
