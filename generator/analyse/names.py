"""Given names, and the gender a name is given to, from the name dictionary `gender-guesser`
ships (Jörg Michael's: some 45,000 names of many countries)."""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path
from typing import Literal

import yaml
from gender_guesser.detector import Detector

Gender = Literal["male", "female"]


@functools.cache
def _genders_by_name() -> dict[str, frozenset[str]]:
    """Lower-case given name → the dictionary's verdicts: "male", "mostly_female", "andy", …"""
    detector = Detector(case_sensitive=False)
    return {name: frozenset(verdicts) for name, verdicts in detector.names.items()}


def load_given_names() -> None:
    """Read the given-name dictionary now (half a second): a serving process does it beside
    loading spaCy, so the first edit's analysis does not wait for it."""
    _genders_by_name()


def _word(word: str) -> str | None:
    return word.casefold() if word[:1].isupper() and word.isalpha() else None


def is_given_name(word: str) -> bool:
    """A capitalised word the dictionary lists as a given name, of any gender; a double one
    ("Jo-Ellen", "Jean-Pierre") when each part is."""
    if "-" in word.strip("-"):
        return all(is_given_name(part) for part in word.split("-"))
    key = _word(word)
    return key is not None and key in _genders_by_name()


@functools.cache
def given_name_gender(word: str) -> Gender | None:
    """The gender a given name is only given to ("Divya": female); None for a name given to
    either, only mostly to one ("Glyn", "Morgan"), or no given name."""
    key = _word(word)
    verdicts = _genders_by_name().get(key) if key else None
    if verdicts in (frozenset({"male"}), frozenset({"female"})):
        return next(iter(verdicts))  # type: ignore[return-value]
    return None


NICKNAMES_FILE = Path(__file__).resolve().parent.parent / "nicknames.yaml"


@functools.cache
def full_given_names() -> dict[str, str]:
    """A given name's short form → its full form (`nicknames.yaml`); a short form of two full
    forms ("steve") is left alone."""
    table = yaml.safe_load(NICKNAMES_FILE.read_text(encoding="utf-8"))["nicknames"]
    fulls: dict[str, set[str]] = defaultdict(set)
    for full, shorts in table.items():
        for short in shorts:
            fulls[short].add(full)
    return {short: next(iter(names)) for short, names in fulls.items() if len(names) == 1}


def without_middle_initials(words: list[str]) -> list[str]:
    """A name's words without the initials between its first and last ("Donald J. Trump")."""
    last = len(words) - 1
    return [w for i, w in enumerate(words) if len(w.rstrip(".")) > 1 or i in (0, last)]
