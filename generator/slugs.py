"""Addresses: URL slugs (lowercase ASCII words joined by dashes; never a path separator or a dot
segment), and which outside addresses the site may link to."""

from __future__ import annotations

import re

from slugify import slugify as python_slugify

MAX_SLUG_LENGTH = 60
SAFE_URL = re.compile(r"^https?://[^\s<>\"'`()\[\]]+$", re.IGNORECASE)


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Lowercase ASCII words joined by dashes, from any script: "Łukaszenka" → "lukaszenka",
    "Москва" → "moskva", "北京" → "bei-jing"; apostrophes join their word ("China’s" →
    "chinas"). A longer slug is cut to `max_length` and loses its last, perhaps partial, word,
    as published addresses always were."""
    slug = python_slugify(text, replacements=[["'", ""], ["’", ""]])
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


# A listing's own page in each folder (briefs/index.md, people/index.md …): no item may take it.
RESERVED_SLUGS = frozenset({"index"})


def unique_slugs(wanted: list[str], fallback: str = "page") -> list[str]:
    """The wanted slugs in order, with -2, -3 … appended to the second and later of any repeat
    and to a reserved name (a brief titled "Index" is briefs/index-2.md, not the listing)."""
    taken: set[str] = set(RESERVED_SLUGS)
    result = []
    for slug in wanted:
        base = slug or fallback
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        result.append(candidate)
    return result


def safe_url(url: str | None) -> str | None:
    """An http(s) address fit for a link target, or None."""
    return url if url and SAFE_URL.match(url) else None
