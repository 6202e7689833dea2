"""What the renderer hands the writer for a page: its text, whole or in pieces, or a page a
build session found unchanged (shared by `render` and `write`, so neither imports the other)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


def page_digest(text: str) -> bytes:
    """What identifies a page's text (in a `KeptPage`, and for `write.KnownFiles`)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


@dataclass(frozen=True, slots=True)
class KeptPage:
    """A page the memo found unchanged since it was last rendered: the digest of its text, and
    how to render it again, should its text be needed."""

    digest: bytes
    render: Callable[[], str]

    def text(self) -> str:
        return self.render()


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of a page that a build session names by `key` (which stands for its text): the
    writer copies it from the page's file when it knows where the file holds it, and calls
    `make` for the text otherwise, so the session need not keep the text in memory."""

    key: str
    make: Callable[[], str]


# A page's text, whole or in pieces (for very large files), or a page a build session's render
# memo found unchanged.
Content = str | KeptPage | Iterable[str | bytes | Piece]
Pages = Mapping[str, Content] | Iterable[tuple[str, Content]]
