"""Themes: which editor-defined topics an article's body text gives real evidence for."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from generator.analyse.lexicon import APOSTROPHES
from generator.analyse.parse import ParsedArticle
from generator.model import Claim, Evidence, Quote, Topic, TopicMatch

WORD_START = r"(?<!\w)"


def term_pattern(term: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive pattern for a topic term; a trailing '*' matches any ending."""
    # The separator is possessive, so a run of dashes in the text is read once, not tried at
    # every length (which took minutes).
    words = r"[\s-]++".join(re.escape(word) for word in term_words(term))
    ending = r"\w*" if term.endswith("*") else r"(?!\w)"
    return re.compile(rf"{WORD_START}{words}{ending}", re.IGNORECASE)


def term_words(term: str) -> list[str]:
    """A topic term's words, without its wildcard: a dash standing alone is a separator."""
    stem = term.translate(APOSTROPHES).removesuffix("*")
    return [word for word in stem.split() if re.search(r"\w", word)]


def any_term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching wherever any term's `term_pattern` matches (None for no terms).

    One search instead of one per term: most sentences mention none of a topic's terms.
    """
    terms = list(terms)
    patterns = [term_pattern(term).pattern for term in terms]
    if not patterns:
        return None
    # Every term pattern starts with the same word-boundary lookbehind; testing it once before
    # the alternatives, rather than in each, makes the search several times faster.
    if all(p.startswith(WORD_START) for p in patterns):
        alternatives = "|".join(p[len(WORD_START) :] for p in patterns)
        return re.compile(f"{first_letters(terms)}{WORD_START}(?:{alternatives})", re.IGNORECASE)
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def first_letters(terms: list[str]) -> str:
    """A lookahead for the characters the terms start with ("" if one can match from nothing).

    Checked before the alternatives, it lets the search pass over most positions with one test.
    """
    stems = [term.translate(APOSTROPHES).removesuffix("*").split() for term in terms]
    if not all(stems):
        return ""
    return "(?=[" + "".join(sorted({re.escape(words[0][0]) for words in stems})) + "])"


TermPatterns = tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...]]


@functools.lru_cache(maxsize=4096)
def topic_term_patterns(terms: tuple[str, ...]) -> TermPatterns:
    """A topic's terms as one pattern for any of them and one pattern each, compiled once."""
    return any_term_pattern(terms), tuple(term_pattern(term) for term in terms)


def first_words(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Each term's first word, lower-case: a text without any of them cannot mention the topic."""
    return tuple(words[0].lower() if (words := term_words(term)) else "" for term in terms)


@functools.lru_cache(maxsize=4)
def topic_file_first_words(topics: tuple[Topic, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(first_words(topic.terms) for topic in topics)


def match_topics(parsed: ParsedArticle, topics: Sequence[Topic]) -> tuple[TopicMatch, ...]:
    """Topics whose terms occur in at least `min_evidence` body sentences, with those sentences.

    A topic none of whose terms' first words stands in the text is passed over unsearched (and
    its patterns uncompiled): with 10,000 topics, compiling and searching every topic's terms for
    every article took most of a build.
    """
    sentences = searchable_sentences(parsed)
    text = "\n".join(searchable for _, _, searchable in sentences).lower()
    matches = []
    for topic, words in zip(topics, topic_file_first_words(tuple(topics)), strict=True):
        if not any(word in text for word in words):
            continue
        any_term, patterns = topic_term_patterns(topic.terms)
        evidence = []
        for paragraph_id, sentence, searchable in sentences:
            if any_term is None or not any_term.search(searchable):
                continue
            # The first term of the topic's list that the sentence mentions, wherever it stands.
            found = next((m.group(0) for p in patterns if (m := p.search(searchable))), None)
            if found:
                evidence.append(Evidence(term=found, paragraph=paragraph_id, sentence=sentence))
        if len(evidence) >= topic.min_evidence:
            main = is_main_topic(parsed, evidence)
            matches.append(TopicMatch(topic.id, topic.name, tuple(evidence), main))
    return _beside_the_strongest(parsed, matches)


# A topic not in the headline is main only with a third of the sentences of the article's
# most present topic: "health" research on a space station is the station's, in passing.
MAIN_TOPIC_SHARE = 1 / 3


def _beside_the_strongest(
    parsed: ParsedArticle, matches: list[TopicMatch]
) -> tuple[TopicMatch, ...]:
    sentences = [len({e.sentence for e in m.evidence}) for m in matches]
    strongest = max(sentences, default=0)
    return tuple(
        replace(match, main=False)
        if match.main
        and count < MAIN_TOPIC_SHARE * strongest
        and not _in_headline(parsed, match.evidence)
        else match
        for match, count in zip(matches, sentences, strict=True)
    )


def _in_headline(parsed: ParsedArticle, evidence: Sequence[Evidence]) -> bool:
    title = parsed.article.title.translate(APOSTROPHES)
    return any(term_pattern(e.term).search(title) for e in evidence)


# A topic is what an article is about when its headline names it, or when its terms stand in
# several sentences and in the lede, in a section of their own, or spread over the article;
# otherwise the article only touches it in passing (measured on the development corpus's
# hand-annotated topics).
MAIN_TOPIC_SENTENCES = 4
MAIN_TOPIC_SECTION = 3  # consecutive body paragraphs
MAIN_TOPIC_SPREAD = 0.25  # share of the body's paragraphs


def is_main_topic(parsed: ParsedArticle, evidence: Sequence[Evidence]) -> bool:
    """Whether the sentences naming a topic make it what the article is about."""
    if _in_headline(parsed, evidence):
        return True
    if len({e.sentence for e in evidence}) < MAIN_TOPIC_SENTENCES:
        return False
    body = [p.id for p in parsed.article.paragraphs if p.kind == "body"]
    position = {paragraph_id: i for i, paragraph_id in enumerate(body)}
    found = sorted({position[e.paragraph] for e in evidence if e.paragraph in position})
    return (
        (bool(found) and found[0] == 0)
        or len(found) >= MAIN_TOPIC_SPREAD * len(body)
        or _longest_run(found) >= MAIN_TOPIC_SECTION
    )


def _longest_run(positions: list[int]) -> int:
    """The most consecutive numbers in a sorted list."""
    longest = run = 1 if positions else 0
    for before, after in itertools.pairwise(positions):
        run = run + 1 if after == before + 1 else 1
        longest = max(longest, run)
    return longest


def searchable_sentences(parsed: ParsedArticle) -> list[tuple[str, str, str]]:
    """(paragraph id, sentence as quoted, sentence as terms are searched in) of each body sentence."""
    found = []
    for sentence in parsed.body_sentences():
        text = parsed.span_text(sentence)
        found.append((parsed.paragraph_of(sentence).id, text.strip(), text.translate(APOSTROPHES)))
    return found


def with_mentions(
    matches: Sequence[TopicMatch],
    topics: Sequence[Topic],
    claims: Sequence[Claim],
    quotes: Sequence[Quote],
) -> tuple[TopicMatch, ...]:
    """Each match with what the brief says on its topic (`TopicMatch.claims`, `.quotes`): the
    claims naming the topic, and the attributed quotes naming it or standing in a paragraph of
    its evidence. Found here, once per article, rather than by the corpus on every build."""
    terms_of = {topic.id: topic.terms for topic in topics}
    found = []
    for match in matches:
        any_term, _patterns = topic_term_patterns(terms_of[match.id])

        def names_topic(text: str, any_term=any_term) -> bool:
            return any_term is not None and any_term.search(text.translate(APOSTROPHES)) is not None

        evidence_paragraphs = {e.paragraph for e in match.evidence}
        on_topic = tuple(i for i, claim in enumerate(claims) if names_topic(claim.text))
        quoted = tuple(
            i
            for i, quote in enumerate(quotes)
            if quote.speaker and (quote.paragraph in evidence_paragraphs or names_topic(quote.text))
        )
        found.append(replace(match, claims=on_topic, quotes=quoted))
    return tuple(found)
