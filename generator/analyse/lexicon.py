"""Word lists and text helpers that need no parse: the corpus stage uses them too, so this
module imports nothing of spaCy's package (importing it takes a fresh process over a second)."""

from __future__ import annotations

import functools
import importlib.util
import unicodedata

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-"})


def without_accents(text: str) -> str:
    """ "Félix Tshisekedi" as "Felix Tshisekedi"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.cache
def english_stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from its word list alone: importing the list as
    `spacy.lang.en.stop_words` would import all of spaCy first."""
    package = importlib.util.find_spec("spacy")
    assert package is not None and package.submodule_search_locations
    path = f"{package.submodule_search_locations[0]}/lang/en/stop_words.py"
    spec = importlib.util.spec_from_file_location("_english_stop_words", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


# Forms of address that say nothing of a person's role ("Mr", "Dr").
COURTESY_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "sen",
        "rep",
        "hon",
    }
)
# Honorifics and offices written before a name and not part of it ("Mr Parton", "President Xi").
HONORIFICS = COURTESY_TITLES | frozenset(
    {
        "professor",
        "president",
        "premier",
        "chancellor",
        "minister",
        "senator",
        "governor",
        "gov",
        "mayor",
        "general",
        "gen",
        "admiral",
        "colonel",
        "col",
        "lieutenant",
        "lt",
        "major",
        "maj",
        "brigadier",
        "brig",
        "commander",
        "cmdr",
        "cdr",
        "adm",
        "sergeant",
        "sgt",
        "corporal",
        "cpl",
        "captain",
        "capt",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "ambassador",
        "secretary",
        "chairman",
        "chairwoman",
        "chairperson",
    }
)
# Words that only ever precede a name as part of a longer title ("Prime Minister", "Vice President").
TITLE_WORDS = HONORIFICS | {"vice", "prime", "foreign", "defence", "defense", "deputy", "former"}
