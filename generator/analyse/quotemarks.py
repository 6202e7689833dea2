"""Where quotation marks open and close in an article: the raw material of quotations.

Curly and straight marks are paired within a paragraph. A mark left open at the end of a
paragraph runs on only when the next paragraph opens with a mark (the convention for a quotation
over several paragraphs); otherwise it stops at its paragraph, so one stray mark cannot swallow
the article. Single marks are the article's quotation marks only when it has no double ones
(otherwise they are quotes inside quotes, or headline style). A quoted handle after "user"
("Weibo user “Wall-E_22”") is a name, not a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.analyse.parse import ParsedArticle
from generator.analyse.speech import USER_NOUNS

SPANS_KEY = "briefing.quoted_spans"
DOUBLE_OPENING = "“„«"
DOUBLE_CLOSING = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPENING = "‘"
SINGLE_CLOSING = "’"
STRAIGHT_SINGLE = "'"
DOUBLE_MARKS = DOUBLE_OPENING + DOUBLE_CLOSING + STRAIGHT_DOUBLE
SINGLE_MARKS = SINGLE_OPENING + SINGLE_CLOSING + STRAIGHT_SINGLE
# Where a mark can stand, by style: every other character has no role, so the scan skips it.
MARK_CANDIDATES = {
    False: re.compile(f"[{re.escape(DOUBLE_MARKS)}]"),
    True: re.compile(f"[{re.escape(SINGLE_MARKS)}]"),
}
BEFORE_OPENING = ' \t\n([{—–-/"“'  # what can precede an opening single mark
STRIP_FROM_TEXT = " \t\n,"


@dataclass(frozen=True)
class QuotedSpan:
    """One stretch between quotation marks within one paragraph; offsets are in doc.text."""

    paragraph: int  # index into article.paragraphs
    start: int  # the opening mark
    end: int  # just past the closing mark, or the end of the paragraph if none
    text_start: int  # the quoted words, without marks, surrounding space or a trailing comma
    text_end: int
    closed: bool
    continues: bool = False  # left open; the next body paragraph opens with a mark and goes on
    user_name: bool = False


def quoted_spans(parsed: ParsedArticle) -> tuple[QuotedSpan, ...]:
    """Every quoted stretch of the article in reading order (cached on the parse)."""
    return parsed.derived(SPANS_KEY, _scan_article)


def _scan_article(parsed: ParsedArticle) -> tuple[QuotedSpan, ...]:
    paragraphs = parsed.article.paragraphs
    single_style = not any(
        mark in p.text for p in paragraphs if p.kind == "body" for mark in DOUBLE_MARKS
    )
    spans: list[QuotedSpan] = []
    for index, paragraph in enumerate(paragraphs):
        base = parsed.paragraph_starts[index]
        text = paragraph.text
        pairs = _pair_marks(text, single_style)
        for n, (opening, closing) in enumerate(pairs):
            stop = closing if closing is not None else _cap(pairs, n, len(text))
            end = stop if closing is None else closing + 1
            text_start, text_end = _trim(text, opening + 1, stop)
            if text_start >= text_end:
                continue
            last_open = closing is None and n == len(pairs) - 1 and paragraph.kind == "body"
            spans.append(
                QuotedSpan(
                    paragraph=index,
                    start=base + opening,
                    end=base + end,
                    text_start=base + text_start,
                    text_end=base + text_end,
                    closed=closing is not None,
                    continues=last_open and _next_opens(parsed, index, single_style),
                    user_name=_is_user_name(text, opening, text[text_start:text_end]),
                )
            )
    return tuple(spans)


def _pair_marks(text: str, single_style: bool) -> list[tuple[int, int | None]]:
    """(opening, closing) positions; closing is None for a mark never closed."""
    pairs: list[tuple[int, int | None]] = []
    opened: int | None = None
    nested = 0  # quotations inside the open one, in the same marks ("… the “Salmon” memorandum …")
    marks = list(MARK_CANDIDATES[single_style].finditer(text))
    for position, candidate in enumerate(marks, start=1):
        i = candidate.start()
        role = _mark_role(text, i, candidate.group(), opened is not None, single_style)
        if role == "open":
            if (
                opened is not None
                and candidate.group() in DOUBLE_OPENING
                and _closes_twice(marks, position)
            ):
                nested += 1
                continue
            if opened is not None:  # a new opening mark: the last one was never closed
                pairs.append((opened, None))
            opened = i
        elif role == "close" and nested:
            nested -= 1
        elif role == "close" and opened is not None:
            pairs.append((opened, i))
            opened = None
    if opened is not None:
        pairs.append((opened, None))
    return pairs


def _closes_twice(marks: list, after: int) -> bool:
    """Whether the curly marks after a second curly opening close twice before anything opens
    again: the second quotation is inside the first (straight marks cannot tell)."""
    closings = 0
    for candidate in marks[after:]:
        char = candidate.group()
        if char in DOUBLE_OPENING or char == STRAIGHT_DOUBLE:
            return False
        if char in DOUBLE_CLOSING:
            closings += 1
            if closings == 2:
                return True
    return False


def _mark_role(text: str, i: int, char: str, is_open: bool, single_style: bool) -> str | None:
    if not single_style:
        if char in DOUBLE_OPENING:
            return "open"
        if char in DOUBLE_CLOSING:
            return "close"
        if char == STRAIGHT_DOUBLE:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if is_open and before.isspace() and after.isalnum() and text[i - 2 : i - 1] in ".?!":
                # '… the next kick. "The worst part …': the quotation's next paragraph, run on
                # into this one (a record that joined its paragraphs), opens again
                return None
            return "close" if is_open else "open"
        return None
    if char not in SINGLE_MARKS:
        return None
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if not is_open and char != SINGLE_CLOSING and before in BEFORE_OPENING and not after.isspace():
        return "open"
    if is_open and char != SINGLE_OPENING and not before.isspace() and not after.isalnum():
        following = text[i + 2] if i + 2 < len(text) else ""
        if before == "s" and after == " " and following.islower():
            return None  # "the kids’ photos": a plural possessive
        return "close"
    return None


def _cap(pairs: list[tuple[int, int | None]], n: int, paragraph_end: int) -> int:
    """Where an unclosed quotation stops: at the next opening mark, else the paragraph's end."""
    return pairs[n + 1][0] if n + 1 < len(pairs) else paragraph_end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in STRIP_FROM_TEXT:
        start += 1
    while end > start and text[end - 1] in STRIP_FROM_TEXT:
        end -= 1
    return start, end


def _next_opens(parsed: ParsedArticle, index: int, single_style: bool) -> bool:
    """Does the next body paragraph open with a quotation mark (headings in between skipped)?"""
    marks = SINGLE_OPENING + STRAIGHT_SINGLE if single_style else DOUBLE_OPENING + STRAIGHT_DOUBLE
    for paragraph in parsed.article.paragraphs[index + 1 :]:
        if paragraph.kind == "body":
            return paragraph.text.lstrip()[:1] in marks and bool(paragraph.text.strip())
    return False


def _is_user_name(text: str, opening: int, quoted: str) -> bool:
    words_before = text[:opening].split()
    handle = quoted.rstrip(".,;:!?")
    return (
        bool(words_before)
        and words_before[-1].lower().strip(",:") in USER_NOUNS
        and bool(handle)
        and not any(c.isspace() for c in handle)
    )
