"""HTML left in a text seed (a scraped record's body, a pasted page): read as the text it shows.

Block elements (paragraphs, headings, list items, line breaks) end a line, so each becomes a
paragraph as a blank line would make it; inline tags go and their words stay; scripts and styles
go whole; entities are decoded. Each piece keeps the number of the seed line it came from.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence

from generator.ingest.boilerplate import CAPTION, TAGS
from generator.model import RemovedText

MARKUP = "markup"  # a script or style in an HTML fragment: code, not the article's words

_TAG_NAMES = (
    r"p|br|div|span|strong|em|b|i|a|h[1-6]|li|ul|ol|blockquote|figure|figcaption|img|section"
)
_HTML_TAG = re.compile(rf"</?(?:{_TAG_NAMES})\b[^>]*>", re.IGNORECASE)
_BLOCK_BREAK = re.compile(
    r"<br\s*/?>|</?(?:p|div|h[1-6]|li|ul|ol|blockquote|figure|figcaption|section|tr|table|pre)\b"
    r"[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"</?[A-Za-z][\w:-]*\b[^<>]*>")
_MIN_TAGS = 3  # one stray "<b>" in a plain article is not a page of HTML


def looks_like_html(lines: Sequence[str]) -> bool:
    """Whether a text seed carries HTML markup (several known tags), as scraped records do."""
    count = 0
    for line in lines[:400]:
        count += len(_HTML_TAG.findall(line))
        if count >= _MIN_TAGS:
            return True
    return False


# What a page holds that is not its text, wherever its lines break: a document's head and title
# (the browser's tab, "Section / Headline | Site": the headline is the page's own), scripts,
# styles, comments, a server template's code ("<%@ Page … %>"), the document type; each from its
# opening to its closing (lower case).
_HIDDEN_SPANS = (
    *((f"<{name}", f"</{name}") for name in ("head", "title", "script", "style", "noscript")),
    ("<template", "</template"),
    ("<!--", "-->"),
    ("<%", "%>"),
    ("<!doctype", ">"),
)
# A tag whose attributes run over several lines (no bracket inside it, so the scan is linear).
_MULTILINE_TAG = re.compile(r"<[A-Za-z][\w:-]*\b[^<>]*\n[^<>]*>")
# A link to a tag's or a category's page alone on its line ("<a href='…/Tag/173/aeromedical-
# evacuation.html'>"): its words are the page's topic labels, not its text (a link inside a
# sentence is the sentence's).
_TAG_LINK = re.compile(
    r"^[ \t]*<a\b[^<>]*\bhref=[\"'][^\"'<>]*/(?:tags?|topics?|categor(?:y|ies)|keywords?)/"
    r"[^\"'<>]*[\"'][^<>]*>[^<]{0,200}(?:<img\b[^<>]*>[^<]{0,200})?</a\s*>[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_REMOVED_CHARACTERS = 200  # a removed script or head is listed by its opening


def _without_hidden(
    numbered_lines: Iterable[tuple[int, str]], removed: list[RemovedText]
) -> list[tuple[int, str]]:
    """The lines with what is not text taken out, each line keeping its number: a script or a
    comment over several lines goes whole, not line by line as text."""
    numbered = list(numbered_lines)
    if not numbered:
        return numbered
    text = "\n".join(line for _, line in numbered)
    spans = [(*span, MARKUP) for span in _hidden_spans(text.lower())]
    spans += [(*m.span(), MARKUP) for m in _MULTILINE_TAG.finditer(text)]
    spans += [(*m.span(), TAGS) for m in _TAG_LINK.finditer(text)]
    line_starts = list(itertools.accumulate((len(line) + 1 for _, line in numbered), initial=0))
    pieces, kept_to = [], 0
    for begin, end, reason in sorted(spans):
        if begin < kept_to:
            continue  # inside a span already taken out
        pieces.append(text[kept_to:begin])
        hidden = text[begin:end]
        shown = " ".join((_ANY_TAG.sub(" ", hidden) if reason == TAGS else hidden).split())
        if len(shown) > _REMOVED_CHARACTERS:
            shown = shown[:_REMOVED_CHARACTERS] + " …"
        line = numbered[bisect.bisect_right(line_starts, begin) - 1][0]
        removed.append(RemovedText(line, shown, reason))
        pieces.append("\n" * hidden.count("\n"))  # every line keeps its number
        kept_to = end
    masked = ("".join(pieces) + text[kept_to:]).split("\n")
    return [(number, line) for (number, _), line in zip(numbered, masked, strict=True)]


def _hidden_spans(lower: str) -> list[tuple[int, int]]:
    """(start, end) of each hidden span in a lower-cased text."""
    return [span for opening, closing in _HIDDEN_SPANS for span in _spans(lower, opening, closing)]


def _spans(lower: str, opening: str, closing: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each element from `opening` to `closing` (and its ">"), found with
    `str.find` from left to right: linear in the text, however many openings a hostile file
    leaves unclosed."""
    at = lower.find(opening)
    while at >= 0:
        after = at + len(opening)
        if opening[1].isalpha() and after < len(lower) and lower[after].isalnum():
            at = lower.find(opening, after)  # "<header", "<titlebar": another tag
            continue
        close = lower.find(closing, after)
        if close < 0:
            return  # never closed: nothing further is either
        end = lower.find(">", close) + 1 if closing.startswith("</") else close + len(closing)
        if end <= 0:
            return
        yield at, end
        at = lower.find(opening, end)


def browser_title(lines: Sequence[str]) -> str | None:
    """The text of a page's <title> (what the browser's tab shows), template code left out."""
    text = "\n".join(lines)
    lower = text.lower()
    title = next(_spans(lower, "<title", "</title"), None)
    if title is None:
        return None
    start, end = title
    inner = text[lower.index(">", start) + 1 : lower.rindex("</title", start, end)]
    for code_start, code_end in reversed(list(_spans(inner.lower(), "<%", "%>"))):
        inner = inner[:code_start] + " " + inner[code_end:]
    return " ".join(html.unescape(_ANY_TAG.sub(" ", inner)).split()) or None


# Where a page's markup dates it for machines: <time datetime="…">, a <meta> of the publication
# time, or a date attribute of the page or article element (<html newsdate="2021-03-18">).
_MACHINE_DATES = (
    re.compile(r"<time\b[^<>]*?\bdatetime=[\"'](?P<value>[^\"'<>]+)[\"']", re.IGNORECASE),
    re.compile(
        r"<meta\b[^<>]*?\b(?:property|name|itemprop)=[\"'](?:article:published_time|"
        r"datepublished|pubdate|publish[-_]?date|date)[\"'][^<>]*?\bcontent=[\"']"
        r"(?P<value>[^\"'<>]+)[\"']",
        re.IGNORECASE,
    ),
    re.compile(
        r"<(?:html|body|article|main)\b[^<>]*?\b[\w-]*?(?:pub|news|publish|published)[-_]?date"
        r"(?:time)?=[\"'](?P<value>[^\"'<>]+)[\"']",
        re.IGNORECASE,
    ),
)
MACHINE_DATE_LINES = 200  # a page's own date stands in its head or its article's opening


def machine_date(lines: Sequence[str]) -> tuple[str, int, str] | None:
    """(the written value, its line, the markup around it) of the date a page's markup gives
    for machines, its first; None where it gives none."""
    for number, line in enumerate(lines[:MACHINE_DATE_LINES], start=1):
        for pattern in _MACHINE_DATES:
            if found := pattern.search(line):
                return found.group("value"), number, found.group(0)[:60]
    return None


def html_pieces(
    numbered_lines: Iterable[tuple[int, str]], removed: list[RemovedText], *, headings: bool
) -> Iterator[tuple[int, str]]:
    """(line number, text) pairs with HTML read as text: an empty text where a block ends.
    A document's head, scripts, styles, comments and template code are not text: they go into
    `removed`. With `headings`, the text of an
    <h1>…<h6> is given Markdown's heading marks ("# …"); a list item's text is a bullet ("- …"),
    as in Markdown, so an item is read as one, not as a caption or a fragment."""
    heading_level = 0  # inside <h1>…</h1>, <h2>…: its text is a heading of that level
    in_item = False  # after an <li>: the next text shown is the item's
    quoting = 0  # <blockquote> elements open: their text is a block quotation, "> …" as Markdown's
    captioning = False  # inside <figcaption>: a picture's caption, never the article's text
    for number, text in _without_hidden(numbered_lines, removed):
        breaks = _BLOCK_BREAK.findall(text)
        for index, piece in enumerate(_BLOCK_BREAK.split(text)):
            if index:
                yield number, ""  # a block ended here
                heading_level = _heading_after(breaks[index - 1], heading_level)
                in_item = _LIST_ITEM.match(breaks[index - 1]) is not None or (
                    in_item and not breaks[index - 1].startswith("</")
                )
                quoting = _quoting_after(breaks[index - 1], quoting)
                captioning = _captioning_after(breaks[index - 1], captioning)
            shown = html.unescape(_ANY_TAG.sub("", piece)).replace("\xa0", " ")
            if captioning and shown.strip():
                removed.append(RemovedText(number, " ".join(shown.split()), CAPTION))
                shown = ""
            elif headings and heading_level and shown.strip():
                shown = f"{'#' * heading_level} {shown.strip()}"
            elif in_item and shown.strip():
                shown = f"- {shown.strip()}"
                in_item = False
            elif quoting and shown.strip():
                shown = f"> {shown.strip()}"
            yield number, shown


_FIGCAPTION_TAG = re.compile(r"<(/?)figcaption\b", re.IGNORECASE)


def _captioning_after(tag: str, captioning: bool) -> bool:
    match = _FIGCAPTION_TAG.match(tag)
    return captioning if match is None else not match.group(1)


_BLOCKQUOTE_TAG = re.compile(r"<(/?)blockquote\b", re.IGNORECASE)


def _quoting_after(tag: str, depth: int) -> int:
    """How many <blockquote> elements are open after a block tag."""
    match = _BLOCKQUOTE_TAG.match(tag)
    if match is None:
        return depth
    return max(0, depth - 1) if match.group(1) else depth + 1


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li\b", re.IGNORECASE)


def _heading_after(tag: str, level: int) -> int:
    """The heading level in force after a block tag: an <hN> opens one, its </hN> closes it."""
    match = _HEADING_TAG.match(tag)
    if match is None:
        return level
    return 0 if match.group(1) else int(match.group(2))
