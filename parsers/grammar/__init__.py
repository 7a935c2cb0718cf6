"""The grammar every Korean news page shares, applied to every page whatever parsed it: before a
template (or the fallback) labels its lines (`prepare`) and after (`refine`). Templates declare
what is theirs; what holds across outlets, eras and page kinds lives here.

Before labelling (`prepare`): crawler preambles (`Title:`, `URL Source:`, ` date 2026-03-01`),
markdown image lines (captions), share words glued before a line's first words.

After labelling (`refine`, in this order):
- **bylines**: a whole-line byline a parser set aside near the body (`stray_bylines`); bylines,
  e-mails, wire-photo credits, copyright notices, agency and pool credits and runs of such
  furniture glued after a paragraph's last sentence, cut as spans (`glued_tails`);
- **dates** a template did not find: labelled before or after the time, or on a dated byline;
- **headers**: a chrome line, byline, number or issue stamp taken for the title gives way
  (`chrome_title`); a paragraph taken for the title is body (`prose_title`); a headline set
  aside right above the date line is the title (`title_above_dates`);
- **pages with no body**: prose set aside as header lines (`orphan_prose`); one photo's
  description is the body of a photo-news page (`photo_news`);
- **inside the body**: transcript labels, a byline lead inside the first line after a glued
  header, a caption glued before the first paragraph, chrome, widgets, promotions, list
  headings, issue stamps, place tags, broadcast sign-offs (`chrome_in_body`); the headline again
  as a paragraph (an image's alt text, `title_copies`);
- **authors of last resort**: the reporter an anchor introduces, a bare name closing the last
  paragraph.

One module per kind of pass: `prepare` (before labelling), `tails` (glued furniture as spans),
`bylines`, `headers` (dates and titles), `body` (inside the article), `shared` (their common tests).

Each pass only relabels lines or trims a line's kept text, so `ParseResult.removed()` still
lists every removed span with its reason. Most passes look only where their shape can be (a
line's end, lines holding a literal), which keeps the grammar cheap.
"""
from __future__ import annotations

from .body import (
    after_copyright,
    bullet_prefixes,
    chrome_in_body,
    doubled_captions,
    editor_notes,
    empty_box,
    marked_gallery,
    more_box,
    orphan_prose,
    photo_item_tail,
    photo_news,
    repeated_paragraphs,
    sandwiched_prose,
    script_in_header,
    series_notes,
    spoken_turns,
    title_copies,
    trailing_arrow_notes,
    transcript_labels,
    transcript_turns,
)
from .bylines import (
    caption_before_first_paragraph,
    closing_name,
    header_before_lead,
    later_leads,
    lead_inside_first_line,
    notes_before_lead,
    opening_lead,
    photo_credit_in_article,
    reader_signatures,
    reporter_intros,
    stray_bylines,
    writer_box,
    writer_line,
)
from .headers import (
    chrome_title,
    corner_title,
    decks_without_headline,
    doubled_headline,
    kicker_title,
    label_dates,
    opens_wrapped_sentence,
    prose_title,
    split_labels,
    title_above_dates,
)
from .prepare import image_alt, prepare
from .shared import _has_no_body
from .tails import glued_tails, has_tail, without_tails

__all__ = ["image_alt", "prepare", "refine", "has_tail", "without_tails", "opens_wrapped_sentence"]


def refine(doc) -> None:
    """The shared passes, in order (see the module docstring)."""
    if doc.published is None and doc.preamble_date:
        doc.published = doc.preamble_date
    stray_bylines(doc)
    glued_tails(doc)
    split_labels(doc)
    label_dates(doc)
    chrome_title(doc)
    prose_title(doc)
    title_above_dates(doc)
    doubled_headline(doc)
    corner_title(doc)
    kicker_title(doc)
    decks_without_headline(doc)
    if ("opyright" in doc.text or "저작권" in doc.text) and any(line.role == "caption" for line in doc.lines):
        after_copyright(doc)        # (a list of headlines below a photo's copyright is no body)
    if _has_no_body(doc):           # what only a page without a body needs
        orphan_prose(doc)
        photo_news(doc)
    elif "![" in doc.text:          # a gallery whose one description was taken for the article
        photo_news(doc)
    marked_gallery(doc)
    sandwiched_prose(doc)
    editor_notes(doc)
    series_notes(doc)
    transcript_turns(doc)
    script_in_header(doc)
    transcript_labels(doc)
    spoken_turns(doc)
    header_before_lead(doc)
    notes_before_lead(doc)
    later_leads(doc)
    lead_inside_first_line(doc)
    caption_before_first_paragraph(doc)
    chrome_in_body(doc)
    opening_lead(doc)
    after_copyright(doc)
    trailing_arrow_notes(doc)
    reporter_intros(doc)
    closing_name(doc)
    writer_line(doc)
    reader_signatures(doc)
    writer_box(doc)
    photo_credit_in_article(doc)
    bullet_prefixes(doc)
    doubled_captions(doc)
    photo_item_tail(doc)
    empty_box(doc)
    more_box(doc)
    repeated_paragraphs(doc)
    title_copies(doc)
    label_dates(doc)                # again: the passes above may have found where the article starts
