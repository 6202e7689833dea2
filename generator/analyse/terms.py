"""Key terms: the names and noun phrases an article keeps returning to (for topic proposals)."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Token

from generator.analyse.parse import ParsedArticle

TERM_LABELS = {"ORG", "EVENT", "GPE", "LOC", "FAC", "LAW", "PRODUCT", "WORK_OF_ART"}
MAX_TERMS = 60
SKIPPED_DEPENDENTS = {"det", "poss", "predet", "nummod", "case"}


def extract_key_terms(parsed: ParsedArticle) -> tuple[str, ...]:
    """Named entities (not people) and multi-word noun phrases, by how often the body uses them."""
    names: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    for sentence in parsed.body_sentences():
        for entity in parsed.entities_in(sentence):
            if entity.label_ not in TERM_LABELS:
                continue
            text = parsed.span_text(entity)
            if "\n" not in text:
                names[_clean_name(text)] += 1
        for chunk in parsed.noun_chunks_in(sentence):
            words = [
                t
                for t in parsed.tokens_of(chunk)
                if t.dep_ not in SKIPPED_DEPENDENTS and not t.is_punct
            ]
            if len(words) >= 2 and not any(t.ent_type_ or t.is_stop for t in words):
                phrases[" ".join(map(_word_form, words))] += 1
    # A name counts once it appears; a common noun phrase only when the article repeats it.
    counts = names + Counter({phrase: n for phrase, n in phrases.items() if n >= 2})
    frequent = [(term, n) for term, n in counts.items() if term]
    frequent.sort(key=lambda item: (-item[1], item[0]))
    return tuple(term for term, _ in frequent[:MAX_TERMS])


def _word_form(token: Token) -> str:
    """The lemma, so that plurals fold ("elections" → "election"), but not one longer than the
    word ("media" stays, not "medium")."""
    lemma = token.lemma_.lower()
    return lemma if len(lemma) <= len(token.text) else token.lower_


_POSSESSIVE = re.compile(r"['’]s$")


def _clean_name(text: str) -> str:
    """The name without a leading "the", a possessive, or a bracket NER left open
    ("Shanghai Cooperation Organisation (SCO")."""
    text = " ".join(text.split())
    if text.count("(") > text.count(")"):
        text = text[: text.rindex("(")].rstrip()
    text = _POSSESSIVE.sub("", text)
    return text[4:] if text.lower().startswith("the ") else text
