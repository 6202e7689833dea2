"""Transcripts: the turns of an interview, briefing or Q&A, each under its speaker's label.

A transcript labels who speaks at the start of each turn ("THE PRESIDENT:", "MS. LEAVITT:",
"Q"); a turn runs on through unlabelled paragraphs to the next label. Each answer is a quotation
of its speaker; a question ("Q") is no one's quotation, and no turn gives the article's own
claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.analyse.speech import COURTESY_TITLES
from generator.model import Article, Paragraph

# "THE PRESIDENT:", "MS. LEAVITT:", "SECRETARY BLINKEN:", or a question's bare "Q".
_LABEL = re.compile(
    r"^(?:(?P<question>Q)(?::|\s)|(?P<name>[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,4}):)\s*(?=\S)"
)
MIN_ANSWERS = 2  # labelled answers that make a text a transcript


@dataclass(frozen=True)
class Turn:
    label: str  # as printed, "THE PRESIDENT"; "" for a question
    paragraphs: tuple[int, ...]  # indexes into article.paragraphs: the labelled one, then the rest
    text: str  # the turn's words without the label, paragraphs joined by a space


def transcript_turns(article: Article) -> tuple[Turn, ...]:
    """The turns of a transcript, in order; () for a text that is not one."""
    paragraphs = article.paragraphs
    starts = [
        (index, match)
        for index, paragraph in enumerate(paragraphs)
        if paragraph.kind == "body" and (match := _LABEL.match(paragraph.text))
    ]
    answers = [match for _, match in starts if match.group("name")]
    if len(answers) < MIN_ANSWERS:
        return ()
    turns = []
    for position, (index, match) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(paragraphs)
        members = [index] + [i for i in range(index + 1, end) if paragraphs[i].kind == "body"]
        text = " ".join([paragraphs[index].text[match.end() :], *_texts(paragraphs, members[1:])])
        turns.append(Turn(match.group("name") or "", tuple(members), text.strip()))
    return tuple(turns)


def _texts(paragraphs: Sequence[Paragraph], indexes: Sequence[int]) -> list[str]:
    return [paragraphs[i].text for i in indexes]


def turn_speakers(article: Article, people: Sequence[str]) -> dict[str, str | None]:
    """Paragraph id → the speaker of the transcript turn it is in (None in a question)."""
    paragraphs = article.paragraphs
    return {
        paragraphs[i].id: speaker_of_label(turn.label, article, people) if turn.label else None
        for turn in transcript_turns(article)
        for i in turn.paragraphs
    }


def opens_turn(text: str) -> bool:
    """Whether a sentence begins with a speaker's label ("THE PRESIDENT: So, …")."""
    return bool(_LABEL.match(text))


def speaker_of_label(label: str, article: Article, people: Sequence[str]) -> str:
    """The name a label stands for: "THE PRESIDENT" is the "President Trump" the title or text
    names; "MS. LEAVITT" the one person named Leavitt; else the label in title case."""
    words = label.split()
    if words and words[0] == "THE":
        role = " ".join(words[1:]).title()
        # The headline first ("Remarks by President Trump"), where every word is capitalised,
        # so only the one after the role; then the text, a name of up to three words.
        for text, most in [(article.title or "", 1), *((p.text, 3) for p in article.paragraphs)]:
            named = re.search(rf"\b{re.escape(role)} ((?:[A-Z][\w’'.-]* ?){{1,{most}}})", text)
            if named:
                return f"{role} {named.group(1).strip()}"
        return f"The {role}"
    while len(words) > 1 and words[0].lower().rstrip(".") in COURTESY_TITLES:
        words = words[1:]
    surname = " ".join(words).title()
    holders = [name for name in people if name.split()[-1].lower() == surname.lower()]
    return holders[0] if len(set(holders)) == 1 else surname
