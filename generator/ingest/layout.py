"""A seed's lines → units (paragraphs, headings, list items): Markdown and plain-text layout,
hard-wrapped lines joined back into sentences."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from generator.ingest.boilerplate import (
    CAPTION,
    EMBED_SIGN_OFF,
    RELATED,
    SITE_CHROME,
    Unit,
    ends_sentence,
    is_headline_like,
    starts_capitalised,
    word_count,
)
from generator.model import ParagraphKind, RemovedText

# --- layout: lines → units ----------------------------------------------------------------------

_BULLET = re.compile(r"^\s*[•●▪◦‣·*+–-]\s+(?=\S)")
# Also "##About Us" without its space, as some converters write it (CommonMark wants one): two
# or more marks before a capital, never a hashtag ("#Bitcoin") or a number ("#1 seed").
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6}(?=\s)|#{2,6}(?=[A-Z]))\s*(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_MD_TARGET = r"\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)"  # one level of nested parentheses
# Bounded, so that a long run of "[" costs a linear scan, not a quadratic one.
# An image or a link inline ("![alt](…)") or by reference ("![alt][1]", "[text][2]").
_MD_IMAGE = re.compile(r"!\[([^\]]{0,1000})\](?:" + _MD_TARGET + r"|\[[^\]\s]{1,40}\])")
_MD_LINK = re.compile(r"\[([^\]]{1,1000})\](?:" + _MD_TARGET + r"|\[[^\]\s]{1,40}\])")
_HTML_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_MD_EMPTY_LINK = re.compile(r"\[\s*\]" + _MD_TARGET)  # a link whose image went: "[](…)"
# A line of links and nothing else (list marks, heading marks, separators aside): a page's menu,
# or a list of other stories.
_LINK = r"\[[^\]]{0,300}\]" + _MD_TARGET + r"[\s|·•/]*"
_LINKS_ONLY = re.compile(
    r"^\s*(?:(?:[-*+]|\d{1,2}[.)])\s+)+(?:#{1,6}\s+)?(?:" + _LINK + r")+$"  # a list of links
    r"|^\s*(?:#{1,6}\s+)?(?=\[(?![a-z]))(?:" + _LINK + r")+\.?$"  # not "[took](…)" in a sentence
)
_MENU_ITEM_WORDS = 4  # "Manage your donation"; a story's headline has more
# A line set wholly in italics or bold ("*Action targets major sources of funding …*").
_WHOLE_EMPHASIS = re.compile(r"^\s*(\*{1,2}|_{1,2})(?=[^\s*_])[^*_]+(?<=[^\s*_])\1\s*$")
_LABEL_FOLLOWS = re.compile(r"^\s*(?:\*\*|__)?:|^\s*[“\"]")
# An HTML image in Markdown (a template may stand in its address): its alt text is a caption.
_HTML_IMAGE = re.compile(r"<img\b[^<>]*?(?:\balt=\"(?P<alt>[^\"]*)\"[^<>]*)?>", re.IGNORECASE)
# A link reference definition: "[label]: address" and an optional title, nothing else (a line such
# as "[Update]: The minister resigned." is text).
LINK_DEFINITION = "link-definition"  # Markdown's "[label]: https://…", an address, not text
_MD_REFERENCE = re.compile(
    r"^\s{0,3}\[[^\]]+\]:\s*<?\S+>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*$"
)
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_EMPHASIS = re.compile(
    # strong emphasis closed right before a word, as word processors write a dateline:
    # "**WASHINGTON—**The council …"
    r"(?<![\w*])(\*{2,3})(?=\S)([^*]+?[—–:-])\1(?=\w)"
    r"|(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\3(?![\w*])"
)
# Words after which a line cannot end a sentence: the next line continues it.
_CONTINUING_WORDS_TEXT = (
    "a an the and or but nor of to in on at by for from with as that which who whose whom than into "
    "onto about after before between during over under its his her their our your my"
)
_CONTINUING_WORDS = frozenset(_CONTINUING_WORDS_TEXT.split())


# Wikitext, as wiki dumps and their datasets keep it: [[w:Page|shown text]], '''bold'''.
_WIKI_LINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]|]*)\]\]")
_WIKI_EMPHASIS = re.compile(r"'{2,5}([^']+?)'{2,5}")
_BARE_ADDRESS = re.compile(r"^(?:https?://|pic\.twitter\.com/)\S*$")
_MD_SIGNS = re.compile(r"^\s{0,3}#{1,6}\s+\S|!\[[^\]]*\]\(|\[[^\]]+\]\((?:https?://|/)")


def looks_like_markdown(lines: Sequence[str]) -> bool:
    """Whether a `.txt` seed is Markdown as a scraper or clipper saved it: heading marks,
    images or links with their addresses."""
    return any(_MD_SIGNS.search(line) for line in lines[:400])


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    heading: bool = False
    bullet: bool = False
    level: int = 0  # a Markdown heading's level: 1 for "# Title"
    emphasised: bool = False  # the whole line in italics or bold
    quoted: bool = False  # a block quotation's line ("> …")


def split_units(
    numbered_lines: Iterable[tuple[int, str]], *, markdown: bool = False, quotes: bool = False
) -> tuple[list[Unit], list[RemovedText]]:
    """Lines → units (one paragraph each): hard-wrapped lines joined, bullets and headings apart.

    For Markdown, syntax that is not text goes: heading marks (the line becomes a heading),
    rules, link targets, HTML tags; images are recorded as removed captions. With `quotes` (an
    HTML page's <blockquote> read as "> "), a block quotation's marks go too, in any seed.
    """
    removed: list[RemovedText] = []
    blocks: list[list[_Line]] = [[]]
    numbered_lines = list(numbered_lines)
    labels = _label_lines(numbered_lines)
    for number, raw in numbered_lines:
        line = _plain_line(number, raw, markdown, removed, labelled=number in labels, quotes=quotes)
        if line is None:  # a blank line, or markup that holds no text
            blocks.append([])
        elif markdown and _MD_SETEXT.match(raw) and blocks[-1] and not blocks[-1][-1].bullet:
            heading = blocks[-1].pop()
            level = 1 if raw.strip().startswith("=") else 2
            blocks[-1].append(_Line(heading.number, heading.text, heading=True, level=level))
            blocks.append([])
        else:
            blocks[-1].append(line)
    blocks = [block for block in blocks if block]
    width = _wrap_width([line.text for block in blocks for line in block], blocks)

    units: list[Unit] = []
    for block_index, block in enumerate(blocks):
        block = _joined_post(block)
        own_width = _block_wrap_width(block)
        block_width = width or own_width
        # A wrapped block may be wrapped twice over (short stubs between long lines): there
        # every line that does not end a sentence goes on.
        rewrapped = own_width is not None
        current = block[0]
        for previous, line in itertools.pairwise(block):
            if (
                _continues(previous, line, block_width)
                or (rewrapped and _carries_on(previous, line))
                or (markdown and _soft_break(previous, line, block))
            ):
                current = _Line(
                    current.number,
                    _join(current.text, line.text),
                    bullet=current.bullet,
                    quoted=current.quoted,
                )
            else:
                units.append(_unit(current, block_index, markdown))
                current = line
        units.append(_unit(current, block_index, markdown))
    return _rejoin_cut_sentences(units), removed


_POST_MAX_LINES, _POST_MAX_WORDS = 6, 150
_SOFT_BREAK_MIN_WORDS = 12


def _soft_break(previous: _Line, line: _Line, block: Sequence[_Line]) -> bool:
    """In Markdown a paragraph's lines are one paragraph: a long line cut inside its sentence
    goes on into the last line of its block, which ends it ("… on several of GSA’s" /
    "Schedules (AIMS), and the Consolidated Schedule.")."""
    return (
        line is block[-1]
        and not (line.bullet or line.heading or previous.bullet or previous.heading)
        and word_count(previous.text) >= _SOFT_BREAK_MIN_WORDS
        and not ends_sentence(previous.text)
        and not previous.text.endswith("\\")  # Markdown's hard line break
        and ends_sentence(line.text)
    )


def _joined_post(block: list[_Line]) -> list[_Line]:
    """An embedded post's lines, set in a block above its sign-off ("— Jane Doe (@janedoe) …"),
    are one text: one paragraph. Lines after a sign-off start anew."""
    joined: list[_Line] = []
    pending: list[_Line] = []
    for line in block:
        if not EMBED_SIGN_OFF.match(line.text):
            pending.append(line)
            continue
        # A picture's address under the post's text is its furniture, not its words.
        addresses = [item for item in pending if _BARE_ADDRESS.match(item.text)]
        pending = [item for item in pending if not _BARE_ADDRESS.match(item.text)]
        words = sum(word_count(item.text) for item in pending)
        if 1 < len(pending) <= _POST_MAX_LINES and words <= _POST_MAX_WORDS:
            pending = [_Line(pending[0].number, " ".join(item.text for item in pending))]
        joined += [*pending, *addresses, line]
        pending = []
    return joined + pending


def _block_wrap_width(block: Sequence[_Line]) -> int | None:
    """The wrap column of one hard-wrapped block, in a text whose other blocks are not wrapped
    (a release forwarded inside a page): most of its lines end inside a sentence."""
    if len(block) < 3 or not ends_sentence(block[-1].text):
        return None  # a wrapped paragraph ends its last sentence; a stack of labels does not
    inner = [line for line in block[:-1] if not _stands_alone(line)]  # not a post's sign-off
    cut = [line for line in inner if not ends_sentence(line.text) and not line.bullet]
    words = sum(word_count(line.text) for line in block)
    wrapped = len(cut) >= 0.6 * len(inner) and words >= _MIN_WRAPPED_WORDS
    if not wrapped:
        return None
    # A link's address, cut from its text by the wrap, sticks out past the column.
    widths = [len(line.text) for line in block if "://" not in line.text]
    width = max(widths or [len(line.text) for line in block])
    # Many lines of a wrapped block reach near its column (between them, when it was wrapped
    # twice over, short stubs); a post, its sign-off and a line introducing a quotation, stacked
    # over one long paragraph, end wherever they end.
    near = sum(1 for line in inner if len(line.text) >= _NEAR_COLUMN * width)
    return width if near >= _NEAR_SHARE * len(inner) else None


_MIN_WRAPPED_WORDS = 15
_NEAR_COLUMN = 0.6  # of the wrap width: a line cut by the wrap reaches at least this far
_NEAR_SHARE = 0.4  # of a wrapped block's lines, at least, reach so far


def _carries_on(previous: _Line, line: _Line) -> bool:
    if _stands_alone(line) or _stands_alone(previous):
        return False
    return not (
        line.bullet or line.heading or previous.heading or ends_sentence(previous.text)
    ) and (line.text[:1].isalnum() or line.text[:1] in ",;.)")


def _stands_alone(line: _Line) -> bool:
    """A bare web address, or an embedded post's sign-off: never part of a paragraph."""
    return bool(_BARE_ADDRESS.match(line.text) or EMBED_SIGN_OFF.match(line.text))


def _rejoin_cut_sentences(units: list[Unit]) -> list[Unit]:
    """A paragraph never ends on "a", "the" or "of": text after a blank line that cut a sentence
    there carries it on."""
    joined: list[Unit] = []
    for unit in units:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not (previous.heading or unit.heading or unit.bullet)
            and previous.text.rsplit(" ", 1)[-1].lower() in _CONTINUING_WORDS
            and unit.text[:1].isalnum()
        ):
            joined[-1] = replace(previous, text=_join(previous.text, unit.text))
        else:
            joined.append(unit)
    return joined


def _unit(line: _Line, block: int, markdown: bool) -> Unit:
    text, emphasised = line.text, line.emphasised
    if markdown:  # a link or emphasis wrapped over two lines
        text = _MD_LINK.sub(r"\1", text)
        emphasised = emphasised or bool(_WHOLE_EMPHASIS.match(text))
        text = _unpaired_emphasis(_without_emphasis(text))
    return Unit(
        line.number,
        text,
        block,
        heading=line.heading,
        bullet=line.bullet,
        level=line.level,
        emphasised=emphasised,
        quoted=line.quoted,
    )


def _label_lines(numbered_lines: Sequence[tuple[int, str]]) -> set[int]:
    """The lines that may be a round-up's label for the quotation under them: a link followed by
    ":" or a quotation (blank lines between allowed), or one link naming someone, standing
    alone (menu items come in runs; "[Identifying information on …](…)" names a document)."""
    texts = [(number, text) for number, text in numbered_lines if text.strip()]
    links = [bool(_LINKS_ONLY.match(_MD_IMAGE.sub("", text))) for _, text in texts]
    labels = set()
    for position, (number, text) in enumerate(texts):
        following = texts[position + 1][1] if position + 1 < len(texts) else ""
        if _LABEL_FOLLOWS.match(following):
            labels.add(number)
            continue
        beside = links[position - 1 : position] + links[position + 1 : position + 2]
        if links[position] and not any(beside) and _names_someone(text):
            labels.add(number)
    return labels


def _names_someone(text: str) -> bool:
    """One link whose words are a name or a title, not a phrase ("[Senator Jane Doe](…)")."""
    if re.match(r"^\s*(?:[-*+]|\d{1,2}[.)]|#{1,6})\s", text):
        return False  # a list item or a heading
    labels = [m.group(1).strip(" *_") for m in _MD_LINK.finditer(text)]
    if len(labels) != 1 or not labels[0]:
        return False
    lower = [w for w in re.findall(r"\b[a-z][\w’'-]*", labels[0]) if w not in _NAME_LINKS]
    return len(lower) < 2


_NAME_LINKS = frozenset({"of", "the", "and", "for", "on", "de", "van", "von", "da", "del", "bin"})


def _plain_line(
    number: int,
    raw: str,
    markdown: bool,
    removed: list[RemovedText],
    labelled: bool = False,
    quotes: bool = False,
) -> _Line | None:
    text = raw
    heading, level, emphasised = False, 0, False
    quoted = (markdown or quotes) and _MD_QUOTE.match(text) is not None
    if quotes and not markdown:
        text = _MD_QUOTE.sub("", text)
    if markdown:
        if _MD_REFERENCE.match(text):
            removed.append(RemovedText(number, text.strip(), LINK_DEFINITION))
            return None
        if _MD_RULE.match(text):
            return None
        for match in _MD_IMAGE.finditer(text):
            removed.append(RemovedText(number, match.group(1) or match.group(0), CAPTION))
        text = _MD_EMPTY_LINK.sub("", _MD_IMAGE.sub("", text))
        text = _HTML_BREAK.sub(" ", text)  # a line break set in HTML: "”* <br> <br> *Jane Doe"
        # A line of links is a menu or a list of stories, unless it labels the quotation under
        # it in a round-up ("[Secretary Marco Rubio](…)" over "“…”").
        if text.strip() and _LINKS_ONLY.match(text) and not labelled:
            removed.append(_link_line(number, text))
            return None
        for match in _HTML_IMAGE.finditer(text):
            removed.append(RemovedText(number, match.group("alt") or match.group(0), CAPTION))
        text = _HTML_IMAGE.sub("", text)
        # Raw HTML stays as text (the renderer escapes it): an article's words are never dropped.
        text = _MD_LINK.sub(r"\1", text)
        text = _MD_QUOTE.sub("", text)
        emphasised = bool(_WHOLE_EMPHASIS.match(text))
        text = _without_emphasis(text)
        heading_match = MD_HEADING.match(text)
        if heading_match:
            text, heading = heading_match.group(2), True
            level = len(heading_match.group(1))
    text = _WIKI_LINK.sub(r"\1", _WIKI_EMPHASIS.sub(r"\1", text))
    bullet = bool(_BULLET.match(text)) and not heading
    if bullet:
        text = _BULLET.sub("", text, count=1)
    text = " ".join(text.split())
    if not text:
        return None
    return _Line(
        number,
        text,
        heading=heading,
        bullet=bullet,
        level=level,
        emphasised=emphasised,
        quoted=quoted,
    )


def _link_line(number: int, text: str) -> RemovedText:
    """A line of links: a menu (short link texts) or other stories' headlines."""
    labels = [" ".join(_without_emphasis(m.group(1)).split()) for m in _MD_LINK.finditer(text)]
    shown = " · ".join(label for label in labels if label)
    headline = any(word_count(label) > _MENU_ITEM_WORDS for label in labels)
    return RemovedText(number, shown or text.strip(), RELATED if headline else SITE_CHROME)


def _without_emphasis(text: str) -> str:
    return _MD_EMPHASIS.sub(lambda m: m.group(2) if m.group(1) else m.group(4), text)


# Emphasis opened on one line and closed on a later one (or never): '***“We congratulate …'.
_MD_OPEN_EMPHASIS = re.compile(r"^(\*{1,3}|_{1,3})(?=[^\s*_])")
_MD_CLOSE_EMPHASIS = re.compile(r"(?<=[^\s*_])(\*{1,3}|_{1,3})$")


def _unpaired_emphasis(text: str) -> str:
    """A paragraph's emphasis marks at its start or end that pair with nothing in it."""
    opening = _MD_OPEN_EMPHASIS.match(text)
    if opening and opening.group(1) not in text[opening.end() :]:
        text = text[opening.end() :]
    closing = _MD_CLOSE_EMPHASIS.search(text)
    if closing and closing.group(1) not in text[: closing.start()]:
        text = text[: closing.start()]
    return text


def _wrap_width(texts: Sequence[str], blocks: Sequence[Sequence[_Line]]) -> int | None:
    """The column a hard-wrapped text is wrapped at, or None when lines are whole paragraphs.

    Hard-wrapped text has most of its lines in blocks of several lines, and almost none longer
    than the wrap column (a heading or a link may stick out), which is at most about 100.
    """
    if len(texts) < 3:
        return None
    lengths = sorted(len(text) for text in texts)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    sticking_out = sum(1 for length in lengths if length > 1.1 * width)
    in_multiline_blocks = sum(len(block) for block in blocks if len(block) > 1)
    if width > 100 or sticking_out > 0.05 * len(texts) or in_multiline_blocks < 0.5 * len(texts):
        return None
    return width


def _continues(previous: _Line, line: _Line, width: int | None) -> bool:
    """Whether `line` carries on the paragraph that the line `previous` belongs to."""
    if line.bullet or line.heading or previous.heading:
        return False
    if _stands_alone(line) or _stands_alone(previous):
        return False
    if _FIELD_START.match(line.text) and _FIELD_START.match(previous.text):
        return False  # a record's fields, one a line ("Summary: …" over "Headline 1: …")
    end = previous.text
    if line.text[:1] in ",;:.)]}" and not ends_sentence(end):
        return True  # the rest of a sentence cut before its punctuation (at a link, say)
    if end.count("[") > end.count("]") or end.count("(") > end.count(")"):
        return True  # a bracket (a link's text, say) opened and not yet closed
    starts_word = line.text[:1].isalnum()
    # In hard-wrapped text a line that reaches the wrap column was cut there, even at a full stop
    # (or before a dash that breaks off the sentence: "figure out a plan / — a plan for …").
    broken_off = line.text.startswith(("— ", "…", "...")) and not ends_sentence(end)
    if width is not None and len(end) >= 0.6 * width and (starts_word or broken_off):
        return True
    if ends_sentence(end):
        return False
    if line.text[:1].islower():
        return True
    last_word = end.rsplit(" ", 1)[-1].lower()
    return starts_word and (end.endswith((",", ";", "-", "–")) or last_word in _CONTINUING_WORDS)


_FIELD_START = re.compile(r"^[A-Z][\w-]*(?: [\w-]+){0,2}:\s+\S")


def _join(first: str, second: str) -> str:
    if first.endswith("-") and second[:1].islower():
        return first + second  # a word broken at a hyphen: "decades-" + "old"
    if second[:1] in ",;:.)]}":
        return first + second  # the punctuation a link's line break cut off: "Rubio" + ": “…”"
    return f"{first} {second}"


def paragraph_kind(unit: Unit) -> ParagraphKind:
    """A heading is a short capitalised line without a sentence's end, or a short question."""
    if unit.heading:
        return "heading"
    text = unit.text
    if unit.bullet or text[:1] in "\"“‘'(" or not starts_capitalised(text):
        return "body"
    if word_count(text) <= 10 and is_headline_like(text, min_words=1, max_words=10):
        return "heading"
    return "body"
