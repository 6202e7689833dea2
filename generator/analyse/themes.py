"""Themes: which editor-defined topics an article's body text gives real evidence for."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.analyse.parse import ParsedArticle
from generator.model import Evidence, Topic, TopicMatch

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-"})


def term_pattern(term: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive pattern for a topic term; a trailing '*' matches any ending."""
    normalised = term.translate(APOSTROPHES)
    stem, wildcard = (normalised[:-1], True) if normalised.endswith("*") else (normalised, False)
    words = r"[\s-]+".join(re.escape(word) for word in stem.split())
    ending = r"\w*" if wildcard else r"(?!\w)"
    return re.compile(rf"(?<!\w){words}{ending}", re.IGNORECASE)


def match_topics(parsed: ParsedArticle, topics: Sequence[Topic]) -> tuple[TopicMatch, ...]:
    """Topics whose terms occur in at least `min_evidence` body sentences, with those sentences."""
    sentences = searchable_sentences(parsed)
    matches = []
    for topic in topics:
        patterns = [(term, term_pattern(term)) for term in topic.terms]
        evidence = []
        for paragraph_id, sentence, searchable in sentences:
            found = next((m.group(0) for _, p in patterns if (m := p.search(searchable))), None)
            if found:
                evidence.append(Evidence(term=found, paragraph=paragraph_id, sentence=sentence))
        if len(evidence) >= topic.min_evidence:
            matches.append(TopicMatch(id=topic.id, name=topic.name, evidence=tuple(evidence)))
    return tuple(matches)


def searchable_sentences(parsed: ParsedArticle) -> list[tuple[str, str, str]]:
    """(paragraph id, sentence as quoted, sentence as terms are searched in) of each body sentence."""
    found = []
    for sentence in parsed.body_sentences():
        text = parsed.span_text(sentence)
        found.append((parsed.paragraph_of(sentence).id, text.strip(), text.translate(APOSTROPHES)))
    return found
