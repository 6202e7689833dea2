"""A topic's sub-questions: its claims and quotes grouped under the editor's facets (`facets:` in
the topic file) or, where the editor names none, under the key phrases that recur across its
briefs; each with who says what on it, so that opposed statements stand side by side.

A key phrase titles a sub-question when it is a key term of at least `MIN_BRIEFS` of the topic's
briefs, not a name the briefs list as a person, organisation or place, and stands in claims or
quotes of that many briefs; a phrase whose items are mostly another's
already adds nothing and is passed over. Aggregation only: the phrases are the briefs' own key
terms, found once per article in analysis.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from generator.analyse.lexicon import APOSTROPHES
from generator.analyse.themes import any_term_pattern
from generator.corpus.briefing import ClaimLike
from generator.model import Brief, Entity, Quote, Topic

SUB_QUESTIONS = 4  # at most, on a topic's first page
MIN_BRIEFS = 2
NEW_SHARE = 0.5  # of a phrase's items, not already under a chosen sub-question
PREFIX = 5  # letters of a word that index it (a key term is lemmatised: "operation", "operations")
CACHED = 20_000  # briefs whose names and key terms are kept between builds


class QuoteLike(Protocol):  # corpus.crosslinks.QuoteRef, which imports this module
    @property
    def quote(self) -> Quote: ...
    @property
    def brief(self) -> Brief: ...


@dataclass(frozen=True)
class SubQuestion:
    """A sub-question and what the topic's briefs say on it: indices into the topic's briefing
    candidates (heaviest first) and into its quotes (in the coverage's order)."""

    title: str
    claims: tuple[int, ...]
    quotes: tuple[int, ...]
    briefs: int  # briefs with a claim or quote on it
    from_editor: bool


def sub_questions(
    topic: Topic,
    candidates: Sequence[Sequence[ClaimLike]],
    weights: Sequence[float],
    quotes: Sequence[QuoteLike],
    recent: frozenset[str] | None = None,
) -> list[SubQuestion]:
    """The topic's sub-questions over the statements of its `recent` briefs (sources; all when
    None): a topic of thousands of briefs is asked what its latest coverage asks, at a bounded
    cost for every build."""
    owners = [group[0].brief.source for group in candidates] + [r.brief.source for r in quotes]
    texts = [group[0].claim.text for group in candidates] + [ref.quote.text for ref in quotes]
    texts = [
        text.translate(APOSTROPHES) if recent is None or owner in recent else ""
        for text, owner in zip(texts, owners, strict=True)
    ]
    if topic.facets:
        found = [
            (facet.name, _matching(any_term_pattern(facet.terms), texts, range(len(texts))), True)
            for facet in topic.facets
        ]
    else:
        found = _key_phrases(topic, candidates, quotes, texts, owners)
    chosen = []
    for title, items, from_editor in found:
        if not items:
            continue
        claims = sorted((i for i in items if i < len(candidates)), key=lambda i: (-weights[i], i))
        said = tuple(i - len(candidates) for i in items if i >= len(candidates))
        briefs = len({owners[i] for i in items})
        chosen.append(SubQuestion(title, tuple(claims), said, briefs, from_editor))
    if not topic.facets:
        chosen.sort(key=lambda q: (-sum(weights[i] for i in q.claims) - len(q.quotes), q.title))
    return chosen[:SUB_QUESTIONS] if not topic.facets else chosen


def _matching(pattern: re.Pattern[str] | None, texts: Sequence[str], among: Sequence[int]):
    return [i for i in among if pattern is not None and pattern.search(texts[i])]


def _key_phrases(
    topic: Topic,
    candidates: Sequence[Sequence[ClaimLike]],
    quotes: Sequence[QuoteLike],
    texts: Sequence[str],
    owners: Sequence[str],
) -> list[tuple[str, list[int], bool]]:
    """(phrase, the items it stands in, False) for the recurring key phrases, most briefs first,
    each adding mostly items no phrase before it holds."""
    briefs = {g[0].brief.source: g[0].brief for g in candidates} | {
        r.brief.source: r.brief for r in quotes
    }
    terms = {term.removesuffix("*").casefold() for term in topic.terms}
    # A name is who or where, not what is asked: "United States", "Human Rights Watch".
    for brief in briefs.values():
        terms |= _names(brief.entities)
    named = Counter(phrase for brief in briefs.values() for phrase in _phrases(brief.key_terms))
    index: dict[str, set[int]] = {}
    for number, text in enumerate(texts):
        for prefix in _prefixes(text):
            index.setdefault(prefix, set()).add(number)
    scored = []
    for phrase, count in named.items():
        if count < MIN_BRIEFS or phrase.casefold() in terms:
            continue
        words = re.findall(r"\w+", phrase.casefold())
        among = set.intersection(*(index.get(w[:PREFIX], set()) for w in words)) if words else set()
        items = _matching(_phrase_pattern(words), texts, sorted(among))
        covered = len({owners[i] for i in items})
        if covered >= MIN_BRIEFS:
            written = _phrase_pattern(words).search(texts[items[0]])  # as the text writes it
            scored.append((-covered, -len(items), written.group(0) if written else phrase, items))
    chosen: list[tuple[str, list[int], bool]] = []
    taken: set[int] = set()
    for _, _, phrase, items in sorted(scored):
        if len(set(items) - taken) >= NEW_SHARE * len(items):
            chosen.append((phrase, items, False))
            taken |= set(items)
    return chosen


# Worked out once per brief's names, key terms and statements, not again for every topic and
# every build (a rebuild after one edit sees the same values for all other briefs).
@functools.lru_cache(maxsize=CACHED)
def _names(entities: tuple[Entity, ...]) -> frozenset[str]:
    return frozenset(n.casefold() for entity in entities for n in (entity.name, *entity.aliases))


@functools.lru_cache(maxsize=CACHED)
def _phrases(key_terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(phrase for phrase in key_terms if _a_phrase(phrase))


@functools.lru_cache(maxsize=CACHED * 8)
def _prefixes(text: str) -> frozenset[str]:
    return frozenset(word[:PREFIX] for word in re.findall(r"\w+", text.casefold()))


def _a_phrase(term: str) -> bool:
    """A noun phrase or a name of several words: a one-word name ("Putin", "GSA") is who or
    where, not a question."""
    return " " in term.strip() or term.islower()


def _phrase_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """A key term's words in the text, each with any ending (key terms are lemmas)."""
    if not words:
        return None
    return re.compile(r"\b" + r"\w*[\s-]+".join(map(re.escape, words)) + r"\w*", re.IGNORECASE)
