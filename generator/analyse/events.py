"""Dated events: body sentences that place something in a given year, for the corpus timeline."""

from __future__ import annotations

import re

from generator.analyse.parse import ParsedArticle
from generator.model import DatedEvent

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def extract_events(parsed: ParsedArticle) -> tuple[DatedEvent, ...]:
    """One event per sentence that names a year in a DATE entity, in reading order."""
    events = []
    for sentence in parsed.body_sentences():
        for entity in parsed.entities_in(sentence):
            match = YEAR.search(parsed.span_text(entity)) if entity.label_ == "DATE" else None
            if match:
                events.append(
                    DatedEvent(
                        year=int(match.group(1)),
                        when=parsed.span_text(entity).strip(),
                        sentence=parsed.span_text(sentence).strip(),
                        paragraph=parsed.paragraph_of(sentence).id,
                    )
                )
                break
    return tuple(events)
