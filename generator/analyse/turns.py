"""Transcripts: the turns of an interview, briefing or Q&A, each under its speaker's label.

A transcript labels who speaks at the start of each turn ("THE PRESIDENT:", "MS. LEAVITT:",
"Q"); a turn runs on through unlabelled paragraphs to the next label. Each answer is a quotation
of its speaker; a question ("Q") is the interviewer's quotation where the headline names the one
interviewer or host ("Interview of President Trump by Jamie Little, Fox Sports", "Fireside Chat
with …"), else no one's (a briefing's reporters go unnamed). No turn gives the article's own claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.analyse.entities import article_mentions
from generator.analyse.parse import ParsedArticle
from generator.analyse.speech import COURTESY_TITLES, HONORIFICS
from generator.model import Article

# "THE PRESIDENT:", "MS. LEAVITT:", "SECRETARY BLINKEN:", or a question's "Q" or "QUESTION:"
# (an unnamed questioner's: "AUDIENCE MEMBER:", "PARTICIPANT:").
_LABEL = re.compile(
    r"^(?:(?P<question>Q|QUESTION:|AUDIENCE MEMBER:|PARTICIPANT:)(?::|\s)|(?P<name>[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,4}):)\s*(?=\S)"
)
MIN_ANSWERS = 2  # labelled answers that make a text a transcript
TURNS_KEY = "briefing.transcript_turns"


_INTERVIEWERS_LABELS = frozenset({"Q", "QUESTION"})  # not "AUDIENCE MEMBER", "PARTICIPANT"


@dataclass(frozen=True)
class Turn:
    label: str  # as printed, "THE PRESIDENT"; "" for a question
    paragraphs: tuple[int, ...]  # indexes into article.paragraphs: the labelled one, then the rest
    text: str  # the turn's words without the label, paragraphs joined by a space
    interviewer_asks: bool = False  # a question of the interviewer's ("Q"), not the audience's


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
        rest = [paragraphs[i].text for i in members[1:]]
        text = " ".join([paragraphs[index].text[match.end() :], *rest])
        question = (match.group("question") or "").rstrip(":")
        asks = question in _INTERVIEWERS_LABELS
        turns.append(Turn(match.group("name") or "", tuple(members), text.strip(), asks))
    return tuple(turns)


def named_turns(parsed: ParsedArticle) -> tuple[tuple[Turn, str | None], ...]:
    """Each turn with its speaker's name (None for a question), each label named once, worked out
    once per parse: quotations and claims both ask."""
    return parsed.derived(TURNS_KEY, _named_turns)


def _named_turns(parsed: ParsedArticle) -> tuple[tuple[Turn, str | None], ...]:
    article = parsed.article
    turns = transcript_turns(article)
    if not turns:
        return ()
    people = sorted({m.name for m in article_mentions(parsed) if m.type == "person"})
    labels = dict.fromkeys(turn.label for turn in turns if turn.label)
    names = {label: speaker_of_label(label, article, people) for label in labels}
    return tuple((turn, names.get(turn.label)) for turn in turns)


# "Interview of President Trump by Jamie Little, Fox Sports", "Interview With Margaret Brennan of
# CBS", "During Fireside Chat with Priyanka Chopra Jonas": the interviewer's or host's name, two
# to four capitalised words after "by" or "with".
_INTERVIEW = re.compile(r"\b(?i:interview|conversation|chat)\b")
_NAMED_BY = re.compile(r"\b(?i:by|with) ((?:[A-Z][\w’'.-]*)(?: [A-Z][\w’'.-]*){1,3})")
_ONE_OF_TWO = re.compile(r",? (?:and|&) ")  # "by Jane Doe and John Roe": no one interviewer


def interviewer(parsed: ParsedArticle) -> str | None:
    """The one interviewer an interview's headline names, whose the questions are; else None
    (not an office, "Interview with President Biden", nor one who answers)."""
    title = parsed.article.title or ""
    interview = _INTERVIEW.search(title)
    if interview is None:
        return None
    answering = {word for _, name in named_turns(parsed) if name for word in name.split()}
    for named in _NAMED_BY.finditer(title, interview.end()):
        name = named.group(1)
        if _ONE_OF_TWO.match(title, named.end()):
            return None
        office = name.split()[0].lower().rstrip(".") in HONORIFICS
        if not office and not set(name.split()) & answering:
            return name
    return None


def turn_speakers(parsed: ParsedArticle) -> dict[str, str | None]:
    """Paragraph id → the speaker of the transcript turn it is in (None in a question)."""
    paragraphs = parsed.article.paragraphs
    return {paragraphs[i].id: name for turn, name in named_turns(parsed) for i in turn.paragraphs}


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
