"""Transcripts: the turns of an interview, briefing or Q&A, each under its speaker's label.

A transcript labels who speaks at the start of each turn ("THE PRESIDENT:", "MS. LEAVITT:",
"Q"); a turn runs on through unlabelled paragraphs to the next label. Each answer is a quotation
of its speaker; a question ("Q") is the interviewer's quotation where the headline names the one
interviewer or host ("Interview of President Trump by Jamie Little, Fox Sports", "Fireside Chat
with …"), else no one's (a briefing's reporters go unnamed). No turn gives the article's own claims.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.analyse.entities import article_mentions
from generator.analyse.lexicon import COURTESY_TITLES, HONORIFICS, TITLE_WORDS
from generator.analyse.parse import ParsedArticle
from generator.model import Article, Paragraph

# "THE PRESIDENT:", "MS. LEAVITT:", "SECRETARY BLINKEN:", or a question's "Q" or "QUESTION:"
# (an unnamed questioner's: "AUDIENCE MEMBER:", "PARTICIPANT:").
_CAPITALS_NAME = r"(?P<name>[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,4})"  # "MS. LEAVITT"
_LABEL = re.compile(
    rf"^(?:(?P<question>Q|QUESTION:|AUDIENCE MEMBER:|PARTICIPANT:)(?::|\s)|{_CAPITALS_NAME}:)\s*(?=\S)"
)
MIN_ANSWERS = 2  # labelled answers that make a text a transcript
# What the transcriber saw, not what was said: "(Laughs.)", "(Thumbs up.)", "(Cross-talk.)",
# "(The president holds up a USA Today article entitled “How America voted …”)".
_STAGE_DIRECTION = re.compile(
    r"\s*\([A-Z][\w’'-]*(?:[ -][\w’'-]+){0,3}\.\)(?=\s|$)"
    r"|\s*\((?:The|He|She|They) [a-z][^()]{0,300}?[.!?][”\"]?\)(?=\s|$)"
)
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
    return _labelled_turns(article) or _question_and_answer_turns(article)


# An interview printed as questions and answers without labels: the one person interviewed is
# named where the text opens ("questions for developer Jane Doe", "we sat down with Jane Doe").
_INTERVIEWEE = re.compile(
    r"\b(?i:questions? (?:for|to)|Q&A with|interview(?:ed)? with|sat down with|spoke (?:with|to)"
    r"|talked (?:with|to)|chatted with|conversation with|interviewed)\s+(?:[a-z][\w-]*\s+){0,3}"
    r"(?P<name>[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3})"
)
_FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|I['’]ve|my|we|our)\b")
MIN_QUESTIONS = 3
MAX_QUESTION_WORDS = 40


def _question_and_answer_turns(article: Article) -> tuple[Turn, ...]:
    """Questions standing as paragraphs of their own, each answered in the first person by the
    one interviewee the headline or the opening names; () for anything else (an explainer's
    question subheads answer in the writer's voice)."""
    paragraphs = article.paragraphs
    opening = [article.title or "", *(p.text for p in paragraphs[:2])]
    named = next((m for text in opening if (m := _INTERVIEWEE.search(text))), None)
    questions = _questions(paragraphs)
    if named is None or len(questions) < MIN_QUESTIONS:
        return ()
    turns = []
    for position, index in enumerate(questions):
        end = questions[position + 1] if position + 1 < len(questions) else len(paragraphs)
        answer = [i for i in range(index + 1, end) if paragraphs[i].kind == "body"]
        turns.append(Turn("", (index,), paragraphs[index].text.strip()))
        if answer:
            text = " ".join(paragraphs[i].text for i in answer)
            turns.append(Turn(named.group("name"), tuple(answer), text))
    answers = [turn for turn in turns if turn.label]
    first_person = [turn for turn in answers if _FIRST_PERSON.search(turn.text)]
    if len(answers) < MIN_QUESTIONS or 2 * len(first_person) < len(answers):
        return ()
    return tuple(turns)


def _questions(paragraphs: Sequence[Paragraph]) -> list[int]:
    """The paragraphs that ask: short ones ending in "?", and where the text sets most of those
    in bold or italics, every short paragraph so set ("**Oh okay, so let's say I need
    accountants.**" is the interviewer's turn too)."""
    short = [
        index
        for index, paragraph in enumerate(paragraphs)
        if len(paragraph.text.split()) <= MAX_QUESTION_WORDS
    ]
    asking = [i for i in short if paragraphs[i].text.rstrip().endswith("?")]
    set_off = [i for i in asking if paragraphs[i].emphasised]
    if len(set_off) < MIN_QUESTIONS or 2 * len(set_off) <= len(asking):
        return asking
    return [i for i in short if i in asking or paragraphs[i].emphasised]


# An interview's label by first name, in bold in the source ("**Kaslin:** I first got …"): a
# name of one to three capitalised words, an initialism in brackets allowed ("Fyka Ansari (FA):").
_NAME_LABEL = re.compile(
    r"^(?P<question>(?!))?(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2})(?: \([A-Z]{2,4}\))?:"
    r"\s+(?=\S)"
)
MIN_NAME_TURNS = 2  # turns under each of two labels or more


def _name_labels(article: Article) -> dict[int, re.Match[str]]:
    """Paragraphs opened by a person's name as a label, where the text is an interview so printed:
    two labels or more, each over two turns or more, each the first or last word of a full name
    the text gives elsewhere ("Kaslin" of "Kaslin Fields")."""
    found = {i: m for i, p in enumerate(article.paragraphs) if (m := _NAME_LABEL.match(p.text))}
    counts = Counter(m.group("name") for m in found.values())
    text = "\n".join(p.text for p in article.paragraphs)
    names = {
        name
        for name, count in counts.items()
        if count >= MIN_NAME_TURNS
        and (
            " " in name
            or re.search(rf"\b{re.escape(name)} [A-Z]|[A-Z][\w’'-]+ {re.escape(name)}\b", text)
        )
    }
    if len(names) < 2:
        return {}
    return {i: m for i, m in found.items() if m.group("name") in names}


# A label alone on its line over the turn ("FRAN KELLY:" / "Nice to be with you, Fran.").
_LONE_LABEL = re.compile(rf"^(?:(?P<question>QUESTION:|JOURNALIST:|REPORTER:)|{_CAPITALS_NAME}:)$")


def _lone_labels(article: Article) -> dict[int, re.Match[str]]:
    """Labels alone on their lines, where each stands over two turns or more (a release's lone
    "MEDIA CONTACT:" is no speaker's)."""
    found = {
        i: m for i, p in enumerate(article.paragraphs) if (m := _LONE_LABEL.match(p.text.strip()))
    }
    counts = Counter(m.group("name") or m.group("question") for m in found.values())
    return {i: m for i, m in found.items() if counts[m.group("name") or m.group("question")] >= 2}


def _labelled_turns(article: Article) -> tuple[Turn, ...]:
    paragraphs = article.paragraphs
    by_name = {**_name_labels(article), **_lone_labels(article)}
    labelled = [
        (index, _LABEL.match(paragraph.text) or by_name.get(index))
        for index, paragraph in enumerate(paragraphs)
    ]
    body = [(i, m) for i, m in labelled if m and paragraphs[i].kind == "body"]
    answers = [match for _, match in body if match.group("name")]
    if len(answers) < MIN_ANSWERS:
        return ()
    # A short turn ("THE PRESIDENT:  Where?") reads like a heading; under a label the
    # transcript's other turns use, it is a turn all the same.
    known = {match.group("name") for match in answers}
    starts = [
        (index, match)
        for index, match in labelled
        if match
        and (
            paragraphs[index].kind == "body"
            or match.group("question")
            or match.group("name") in known
        )
    ]
    # a label alone on its line that heads no turn ("MEDIA CONTACT:") ends the one above it
    stops = [i for i, p in enumerate(paragraphs) if _LONE_LABEL.match(p.text.strip())]
    turns = []
    for position, (index, match) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(paragraphs)
        end = min([end, *(i for i in stops if index < i)])
        # Every paragraph up to the next label is the turn's, a short one too ("Anyway, what’s
        # up?" reads like a heading).
        members = list(range(index, end))
        rest = [paragraphs[i].text for i in members[1:]]
        text = _STAGE_DIRECTION.sub("", " ".join([paragraphs[index].text[match.end() :], *rest]))
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


def _named_in(title: str, surname: str) -> list[str]:
    """Full names ending in `surname` in a headline, without the titles before them."""
    names = []
    for match in re.finditer(rf"((?:[A-Z][\w’'.-]* ){{1,3}}){re.escape(surname)}\b", title):
        words = match.group(1).split()
        first = _without_titles([*words, surname], TITLE_WORDS)[:-1]
        if first:
            names.append(" ".join([*first, surname]))
    return names


def _without_titles(words: Sequence[str], titles: frozenset[str]) -> list[str]:
    """`words` without the titles they open with, keeping the last word whatever it is."""
    kept = list(words)
    while len(kept) > 1 and kept[0].lower().rstrip(".") in titles:
        kept = kept[1:]
    return kept


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
    words = _without_titles(words, COURTESY_TITLES)
    surname = " ".join(words).title()
    titled = _without_titles(words, TITLE_WORDS)  # "PRIME MINISTER SUNAK": the Rishi Sunak named
    last = " ".join(titled).lower()
    named = [name for name in people if not name.isupper()]  # not the labels themselves
    holders = [name for name in named if name.lower() == last or name.split()[-1].lower() == last]
    if not holders and not label.isupper():  # an interview's first-name label: "Kaslin"
        holders = [name for name in named if name.split()[0].lower() == last]
    if not holders:  # the headline may name them in full: "… and Prime Minister Rishi Sunak …"
        holders = _named_in(article.title or "", " ".join(titled).title())
    if len(set(holders)) != 1:
        return surname
    title = " ".join(words[: len(words) - len(titled)]).title()  # "Prime Minister Rishi Sunak"
    return f"{title} {holders[0]}" if title and not holders[0].startswith(title) else holders[0]
