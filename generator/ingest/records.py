"""A seed that is one record of a dataset or a site's export, written as a JSON object or a
Python dict literal (`{"title": …, "published_at": …, "body_html": "<p>…</p>"}`): read by its
fields, not as lines of code. Its title, date, address and publisher are metadata; its text field
(HTML or plain) is the article; its summary is the publisher's highlight; every other field is
listed as removed."""

from __future__ import annotations

import ast
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.ingest.boilerplate import HIGHLIGHT, METADATA
from generator.ingest.decode import plain_text
from generator.ingest.metadata import metadata_fields
from generator.model import RemovedText

# A record's text and summary fields, by the names datasets and site exports give them.
TEXT_KEYS = (
    "body_html",
    "content_html",
    "html",
    "body",
    "content",
    "text",
    "article",
    "maintext",
    "story",
    "article_text",
    "full_text",
)
SUMMARY_KEYS = (
    "custom_excerpt",
    "excerpt",
    "summary",
    "description",
    "abstract",
    "dek",
    "standfirst",
    "subtitle",
    "highlights",
)
MIN_TEXT_WORDS = 50  # a shorter text field is a record's note, not the article
_OPENING = re.compile(r"^\s*(?:\[\s*)?\{")
_BRACED = re.compile(r"^\s*\[?\{[ \t]*\r?\n.*\n\s*\}\]?[,;]?\s*$", re.DOTALL)  # "{" … "}" alone
_LITERAL_NODES = (
    ast.Expression,
    ast.Dict,
    ast.List,
    ast.Tuple,
    ast.Constant,
    ast.UnaryOp,
    ast.USub,
    ast.UAdd,
    ast.Load,
)


@dataclass
class Record:
    """What a record seed holds, read by its fields."""

    metadata: dict[str, str]
    lines: list[tuple[int, str]]  # the text field's lines, each with the file line it starts on
    removed: list[RemovedText] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_record(text: str, source: str) -> Record | None:
    """The record a seed's whole text is, or None for a seed that is not one (the text is then
    read as lines, as any other seed's)."""
    if not _OPENING.match(text):
        return None
    data = _literal(text.strip().rstrip(",;").strip())  # an item cut from a list: "{…},"
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict) and _BRACED.match(text):
        data = _loose_fields(text)
    if not isinstance(data, dict):
        return None
    keys = {str(key).strip().lower(): key for key in data}
    text_key = next((keys[k] for k in TEXT_KEYS if isinstance(data.get(keys.get(k)), str)), None)
    if text_key is None or len(str(data[text_key]).split()) < MIN_TEXT_WORDS:
        return None
    lines = text.split("\n")
    scalars = {k: v for k, v in data.items() if isinstance(v, str | int | float) and k != text_key}
    metadata, warnings = metadata_fields(
        scalars, f"{source} record", clipped=True, others_expected=True
    )
    removed = []
    for key, value in data.items():
        if key == text_key:
            continue
        name = str(key).strip().lower()
        reason = HIGHLIGHT if name in SUMMARY_KEYS and isinstance(value, str) else METADATA
        shown = _visible(value) if reason == HIGHLIGHT else f"{key}: {_shown(value)}"
        removed.append(RemovedText(_line_of(lines, key), str(shown), reason))
    body = _numbered(str(data[text_key]), lines, _line_of(lines, text_key))
    return Record(metadata, body, removed, warnings)


def _literal(text: str) -> Any:
    """The value a JSON text or a Python literal writes; None for anything else. A Python
    literal is parsed, never run, and only of literal parts (no names, no calls)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        pass
    try:
        tree = ast.parse(text, mode="eval")
        if not all(isinstance(node, _LITERAL_NODES) for node in ast.walk(tree)):
            return None
        return ast.literal_eval(tree)
    except (ValueError, SyntaxError, TypeError, RecursionError, MemoryError):
        return None


_FIELD_LINE = re.compile(r"""^\s*(["']?)(?P<key>[A-Za-z_]\w*)\1\s*:\s*(?P<value>.*?)\s*,?\s*$""")
_STRING_LINE = re.compile(r"""^\s*(?P<value>(["']).*\2)\s*,?\s*$""")


def _loose_fields(text: str) -> dict[str, str]:
    """A record's fields read line by line, where its syntax does not parse (quotes left
    unescaped by whoever copied it): `'key': value,` opens a field, a line that is one quoted
    string carries the field above on; each value without its outer quotes."""
    fields: dict[str, list[str]] = {}
    current = None
    for line in text.split("\n")[1:]:
        if (field_line := _FIELD_LINE.match(line)) and field_line.group("key") not in fields:
            current = field_line.group("key")
            fields[current] = [_unquoted(field_line.group("value"))]
        elif current is not None and (string := _STRING_LINE.match(line)):
            fields[current].append(_unquoted(string.group("value")))
    return {key: "".join(parts) for key, parts in fields.items()}


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _visible(value: str) -> str:
    """A field's words as a reader would see them: its HTML tags and entities gone."""
    return plain_text(html.unescape(_TAG.sub(" ", value)))


_TAG = re.compile(r"<[^<>]*>")


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return _visible(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _line_of(lines: Sequence[str], key: Any) -> int:
    """The file line where a field's key stands (its first), 1 if it cannot be told."""
    pattern = re.compile(rf"""["']{re.escape(str(key))}["']\s*:""")
    return next((n for n, line in enumerate(lines, start=1) if pattern.search(line)), 1)


def _numbered(value: str, lines: Sequence[str], first: int) -> list[tuple[int, str]]:
    """The text field's own lines, each numbered by the file line that prints its opening words
    (a long string may run over many lines of the file), else by the field's line."""
    numbered = []
    line = first
    for piece in re.split(r"\n|(?=<p\b|<h[1-6]\b|<blockquote\b|<li\b)", value):
        if not piece and not numbered:
            continue  # before an opening tag at the start
        probe = piece.strip()[:40]
        if probe:
            line = next(
                (n for n in range(line, len(lines) + 1) if probe in _unescaped(lines[n - 1])),
                line,
            )
        numbered.append((line, piece))
    return numbered


def _unescaped(line: str) -> str:
    return line.replace("\\'", "'").replace('\\"', '"').replace("\\/", "/")
