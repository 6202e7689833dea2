"""What the renderer hands the writer for a page (shared by `render` and `write`, so neither
imports the other): its text, whole or in pieces, or a template page to render only if what it
is made of changed since its file was written."""

from __future__ import annotations

import hashlib
import io
import json
import pickle
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# What a page's template looked up while it rendered (a speaker's name → the name shown and the
# page linked), so that a later build can tell whether the same lookups still give the same.
Lookups = tuple[tuple[str, Any], ...]


def page_digest(text: str) -> bytes:
    """What identifies a page's text (for `write.WrittenFiles`)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def value_digest(value: Any, reducers: Mapping[type, Callable] | None = None) -> bytes:
    """A digest of a page's own values, equal for equal values in any process; `reducers` stand
    values of a type for something smaller (a digest of their own, made once).

    Pickled without a memo: with one, the bytes would depend on which equal strings happen to be
    one object. Nothing a page is made of is cyclic. The values hold no sets, whose order changes
    from one process to the next."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    if reducers:
        pickler.dispatch_table = dict(reducers)
    pickler.dump(value)
    return hashlib.sha256(buffer.getbuffer()).digest()


@dataclass(frozen=True, slots=True)
class TemplatePage:
    """A page rendered from a template and its own values. `inputs`: a digest of the template's
    name and those values; `render()` gives the text and the lookups the template made;
    `same_answers(lookups)`: whether those lookups give what they gave then."""

    inputs: bytes
    render: Callable[[], tuple[str, Lookups]]
    same_answers: Callable[[Lookups], bool]


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of a page named by `key` (which stands for its text): the writer copies it from
    the page's file when it knows where the file holds it, and calls `make` for it otherwise."""

    key: str
    make: Callable[[], str]


def text_of(content: Content) -> str | bytes:
    """A page's whole text (for tests and tools; the writer never holds a large page whole)."""
    if isinstance(content, TemplatePage):
        return content.render()[0]
    if isinstance(content, str | bytes):
        return content
    parts = [piece.make() if isinstance(piece, Piece) else piece for piece in content]
    return b"".join(parts) if parts and isinstance(parts[0], bytes) else "".join(parts)


# A page's text, whole or in pieces (for very large files), or a template page.
Content = str | TemplatePage | Iterable[str | bytes | Piece]
Pages = Mapping[str, Content] | Iterable[tuple[str, Content]]


def json_text(value: Any, compact: bool = False) -> str:
    """A JSON file's text as the site publishes it: UTF-8 (not escaped), keys sorted, a final
    line break; one space of indent, or none in the site's data files (compact: a sixth fewer
    bytes in the largest part of a large site after its pages, and read by programs)."""
    if compact:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
