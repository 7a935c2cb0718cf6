"""A page's element tree (BeautifulSoup over lxml) with its nesting depth capped.

A hostile or broken page of unclosed tags (`<b>x<b>x<b>x…`, millions deep) makes a tree as deep
as it has tags, and every walk of that tree costs time quadratic in it (the issue's 49 KB
`.html.gz` of 20 MB such tags took minutes and gigabytes). Real article pages nest a few dozen
elements deep. Below MAX_DEPTH open elements, a start tag is not made an element: its text goes to
the element at the cap (a space apart from the text before it: one endless word would cost the
grammar's patterns time quadratic in its length), and its end tag is dropped with it (lxml reports
starts and ends balanced), so the text survives and the tree stays shallow.
"""
from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from bs4.builder._lxml import LXMLTreeBuilder

MAX_DEPTH = 256          # open elements, counted from the document root


class DepthCappedTreeBuilder(LXMLTreeBuilder):
    """bs4's lxml HTML tree builder, ignoring elements opened below `max_depth` open elements."""

    def __init__(self, max_depth: int = MAX_DEPTH, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_depth = max_depth
        self.ignored_open = 0            # start tags ignored whose end tag has not come yet

    def start(self, tag: Any, attrib: Any, nsmap: Any = None) -> None:
        if self.ignored_open or (self.soup is not None and len(self.soup.tagStack) > self.max_depth):
            self.ignored_open += 1
            self.data(" ")               # the elements' texts stay words apart
            return
        super().start(tag, attrib, nsmap or {})

    def end(self, tag: Any) -> None:
        if self.ignored_open:
            self.ignored_open -= 1
            return
        super().end(tag)


def page_soup(html: str, max_depth: int = MAX_DEPTH) -> BeautifulSoup:
    """`BeautifulSoup(html, "lxml")` with elements nested deeper than `max_depth` flattened."""
    return BeautifulSoup(html, builder=DepthCappedTreeBuilder(max_depth=max_depth))
