"""Figures: money, percentages, counts, quantities and dates the article states, from spaCy's NER."""

from __future__ import annotations

import re

from spacy.tokens import Span

from generator.analyse.parse import ParsedArticle
from generator.model import Figure, FigureKind

KIND_BY_LABEL: dict[str, FigureKind] = {
    "MONEY": "money",
    "PERCENT": "percent",
    "CARDINAL": "count",
    "QUANTITY": "quantity",
    "DATE": "date",
}
SCALE_WORDS = re.compile(r"\b(hundred|thousand|million|billion|trillion)s?\b", re.IGNORECASE)
FULL_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


def is_informative(entity: Span) -> bool:
    """Keep figures a reader would note: digits or scale words; dates only with a year or day."""
    text = entity.text
    if entity.label_ == "DATE":
        return bool(FULL_YEAR.search(text)) or bool(re.search(r"\d", text))
    return bool(re.search(r"\d", text)) or bool(SCALE_WORDS.search(text))


def figures_in(parsed: ParsedArticle, span: Span, paragraph_id: str) -> tuple[Figure, ...]:
    return tuple(
        Figure(
            text=parsed.span_text(entity).strip(),
            kind=KIND_BY_LABEL[entity.label_],
            paragraph=paragraph_id,
        )
        for entity in parsed.entities_in(span)
        if entity.label_ in KIND_BY_LABEL and is_informative(entity)
    )


def extract_figures(parsed: ParsedArticle) -> tuple[Figure, ...]:
    """Every informative figure in the body, in reading order."""
    figures: list[Figure] = []
    for sentence in parsed.body_sentences():
        figures.extend(figures_in(parsed, sentence, parsed.paragraph_of(sentence).id))
    return tuple(figures)
