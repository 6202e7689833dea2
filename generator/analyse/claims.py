"""Key claims: the article's most informative verbatim sentences, ranked by TextRank plus signals.

The ranking is TextRank (Mihalcea & Tarau, 2004): PageRank over a graph whose nodes are sentences
and whose edge weights are content-lemma overlap normalised by sentence length. Its centrality is
combined with three explainable signals: named entities, figures and position (news puts its
main facts first). Quotations are never claims; reported speech is, with its speaker. Neither is a
fragment, a question, a sentence inside someone's quotation, or a near-copy of a better claim.

The summary is the article's lead: its first claim-worthy sentences (the lede, then the nut graf,
as news writing orders them); the ranked claims then come from what the summary does not say.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

import numpy
from spacy.tokens import Span

from generator.analyse.figures import figures_in
from generator.analyse.parse import ParsedArticle
from generator.analyse.turns import opens_turn
from generator.ingest.boilerplate import ENUMERATED_ITEM
from generator.model import Claim, Figure, Quote

WEIGHTS = {"centrality": 0.4, "entities": 0.15, "figures": 0.15, "position": 0.3}
MIN_WORDS, MAX_WORDS = 8, 70
QUOTED_SHARE_LIMIT = 0.4  # a sentence more than this share inside quotation marks is a quotation
QUOTED_TEXT = re.compile(r"[“\"]([^”\"]*)[”\"]?")
NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"}
DAMPING, ITERATIONS = 0.85, 50
NEAR_DUPLICATE_SHARE = 0.8  # of the shorter sentence's content words, shared with a better one
_SENTENCE_END = re.compile(r"[.!…][\"”’')\]]*$")
# A sentence that opens on a pronoun or a link to the one before ("It …", "Then, …", "But …")
# leans on its context: read alone, as a claim is, it says less than it seems to.
LEANS_ON_CONTEXT = re.compile(
    r"^(?:it|this|these|those|that|they|he|she|his|her|its|their|then|secondly|also|however|"
    r"but|and|so|soon|still|yet|instead|meanwhile|there)\b",
    re.IGNORECASE,
)
CONTEXT_PENALTY = 0.1  # of a score in [0, 1]: it gives way to an equally central self-contained one

SpeakerFinder = Callable[[Span], "str | None"]


@dataclass
class Candidate:
    sentence: Span
    paragraph: str
    lemmas: frozenset[str]
    position: int


def is_quotation(text: str, quotes: Sequence[Quote]) -> bool:
    quoted = sum(len(m.group(1)) for m in QUOTED_TEXT.finditer(text))
    if quoted > QUOTED_SHARE_LIMIT * len(text):
        return True
    opening = text.strip()[:60]
    return any(q.kind == "full" and (q.text[:40] in text or opening in q.text) for q in quotes)


def candidates(
    parsed: ParsedArticle,
    quotes: Sequence[Quote],
    turns: Mapping[str, str | None] = MappingProxyType({}),
) -> list[Candidate]:
    """Claim-worthy sentences in reading order; `turns` (paragraph id → speaker, None for a
    question) are a transcript's, whose answers are claims of their speaker."""
    found = []
    for position, sentence in enumerate(parsed.body_sentences()):
        paragraph = parsed.paragraph_of(sentence)
        if is_teaser(paragraph.text):
            continue
        if paragraph.id in turns and (turns[paragraph.id] is None or opens_turn(sentence.text)):
            continue  # a transcript's question, or an answer's label: never a claim
        words = [t for t in parsed.tokens_of(sentence) if not t.is_punct and not t.is_space]
        text = parsed.span_text(sentence)
        if not MIN_WORDS <= len(words) <= MAX_WORDS or not is_statement(text, words):
            continue
        in_answer = paragraph.id in turns  # a transcript's answer is its speaker's claim
        if not in_answer and (is_quotation(text, quotes) or inside_quotation(parsed, sentence)):
            continue
        lemmas = frozenset(t.lemma_.lower() for t in words if t.is_alpha and not t.is_stop)
        found.append(Candidate(sentence, paragraph.id, lemmas, position))
    return found


# A paragraph that sends the reader to another story ("… Read more...") is that story's teaser,
# as in a newsletter's list of new articles: its sentences are not this text's claims.
_TEASER_END = re.compile(
    r"\b(?:read more|continue reading|full story|more here)\W*$", re.IGNORECASE
)


def is_teaser(paragraph: str) -> bool:
    return bool(_TEASER_END.search(paragraph[-40:]))


def is_statement(text: str, words: Sequence) -> bool:
    """A whole declarative sentence about the news: it starts with a capital, a digit or a
    quotation mark, ends with a full stop and has a verb (not a question, a caption or a cut-off
    fragment), and neither tells the reader what to do nor speaks to them or of the page."""
    text = text.strip()
    if ENUMERATED_ITEM.match(text) or text.startswith("("):
        return False  # an item cut from a list; an aside ("(The president holds up …)")
    first = next((char for char in text if char.isalnum()), "")
    if not (first.isupper() or first.isdigit()) or not _SENTENCE_END.search(text):
        return False
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    if _TRAILING_ELLIPSIS.search(text) or _unbalanced_quotation(text):
        return False  # cut off, or one sentence of a longer quotation
    if _TO_THE_READER.search(QUOTED_TEXT.sub("", text)):
        return False
    roots = [t for t in words if t.dep_ == "ROOT"]
    if (
        roots
        and roots[0].pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") for c in roots[0].children)
    ):
        return False  # a caption: "Kanga honoring the late John Magufuli, who died on …"
    imperative = (
        bool(roots)
        and roots[0].tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in roots[0].children)
    )
    return not imperative


_TRAILING_ELLIPSIS = re.compile(r"(?:\.\.\.|…)[\"”’')]*$")


def _unbalanced_quotation(text: str) -> bool:
    """Whether quotation marks open without closing or close without opening: the sentence is
    the start or the end of a quotation that runs on over others."""
    return text.count("“") != text.count("”") or text.count('"') % 2 == 1


# The page or the reader, not the news: "Below we describe …", "you can …".
_TO_THE_READER = re.compile(
    r"\b(?:you|your|yours|yourself)\b|^(?:below|above|here)\b|\bin this (?:article|story|piece|"
    r"post|report|newsletter)\b",
    re.IGNORECASE,
)


def inside_quotation(parsed: ParsedArticle, sentence: Span) -> bool:
    """Whether a sentence stands inside a quotation opened earlier in its paragraph (the middle
    sentences of a long quotation carry no quotation marks of their own)."""
    paragraph_start = parsed.paragraph_starts[parsed.paragraph_index_at(sentence.start_char)]
    before = parsed.text[paragraph_start : sentence.start_char]
    curly_open = before.count("“") - before.count("”")
    return curly_open > 0 or before.count('"') % 2 == 1


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    shared = len(first & second)
    if not shared:
        return 0.0
    return shared / (math.log(len(first) + 1) + math.log(len(second) + 1))


def textrank(lemma_sets: Sequence[frozenset[str]]) -> list[float]:
    """PageRank scores of sentences over the weighted similarity graph, by power iteration."""
    count = len(lemma_sets)
    if not count:
        return []
    edges = similarity_edges(lemma_sets)
    out_totals = [sum(weight for _, weight in row) for row in edges]
    # shares[i, j]: the part of sentence j's score that flows to sentence i on each pass.
    shares = numpy.zeros((count, count))
    for i, row in enumerate(edges):
        for j, weight in row:
            shares[i, j] = weight / out_totals[j]
    scores = numpy.full(count, 1.0 / count)
    for _ in range(ITERATIONS):
        # cumsum adds each row's terms one at a time, left to right, as sum() over a list does,
        # so the scores are exactly those of the plain loop (a matrix product would reorder the
        # additions and change the last bits, and with them the order of near-tied claims).
        incoming = numpy.cumsum(shares * scores, axis=1)[:, -1]
        scores = (1 - DAMPING) / count + DAMPING * incoming
    return scores.tolist()


def similarity_edges(lemma_sets: Sequence[frozenset[str]]) -> list[list[tuple[int, float]]]:
    """Each sentence's non-zero similarities as (other sentence, weight), by the other's index.

    The graph is symmetric (`similarity` is), so each pair is measured once.
    """
    edges: list[list[tuple[int, float]]] = [[] for _ in lemma_sets]
    for i, first in enumerate(lemma_sets):
        for j in range(i + 1, len(lemma_sets)):
            weight = similarity(first, lemma_sets[j])
            if weight:
                edges[i].append((j, weight))
                edges[j].append((i, weight))
    return edges


def near_duplicate(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two sentences say the same: most content words of the shorter are in the other."""
    shorter = min(len(first), len(second))
    return bool(shorter) and len(first & second) >= NEAR_DUPLICATE_SHARE * shorter


@dataclass(frozen=True)
class Selection:
    """The summary's sentences in article order, and the ranked claims beyond them."""

    lead: tuple[Claim, ...]
    claims: tuple[Claim, ...]


def select_claims(
    parsed: ParsedArticle,
    quotes: Sequence[Quote],
    limit: int,
    speaker_of: SpeakerFinder = lambda _sentence: None,
    lead_count: int = 0,
    turns: Mapping[str, str | None] = MappingProxyType({}),
) -> Selection:
    """The first `lead_count` claim-worthy sentences as the lead, and the `limit` best of the
    others, best first, each with its figures and reported speaker; no two near-copies."""
    pool = candidates(parsed, quotes, turns)
    if not pool:
        return Selection((), ())
    # A short article keeps a sentence back from its summary, so that its claims add to it; an
    # article of one claim-worthy sentence has it as its summary and no claims to repeat it.
    different = len(_distinct(pool, len(pool), []))
    lead = _distinct(pool, min(lead_count, max(1, different - 1)), [])
    lead_ids = {id(candidate) for candidate in lead}
    ranked = [item for item in _scored(parsed, pool) if id(item.candidate) not in lead_ids]
    chosen = _distinct([item.candidate for item in ranked], limit, [c.lemmas for c in lead])
    by_candidate = {id(item.candidate): item for item in ranked}

    def claim(candidate: Candidate, rank: int) -> Claim:
        scored = by_candidate.get(id(candidate))
        return Claim(
            text=parsed.span_text(candidate.sentence).strip(),
            paragraph=candidate.paragraph,
            rank=rank,
            score=scored.score if scored and rank else 0.0,
            speaker=turns.get(candidate.paragraph) or speaker_of(candidate.sentence),
            figures=scored.figures
            if scored
            else figures_in(parsed, candidate.sentence, candidate.paragraph),
        )

    return Selection(
        tuple(claim(candidate, 0) for candidate in lead),
        tuple(claim(candidate, rank) for rank, candidate in enumerate(chosen, start=1)),
    )


def _distinct(
    ordered: Sequence[Candidate], limit: int, taken: list[frozenset[str]]
) -> list[Candidate]:
    """The first `limit` candidates that are no near-copy of one before them or of `taken`."""
    chosen: list[Candidate] = []
    taken = list(taken)
    for candidate in ordered:
        if len(chosen) >= limit:
            break
        if any(near_duplicate(candidate.lemmas, other) for other in taken):
            continue
        chosen.append(candidate)
        taken.append(candidate.lemmas)
    return chosen


class Scored(NamedTuple):
    score: float
    order: int  # minus the position: of equal scores, the earlier sentence first
    candidate: Candidate
    figures: tuple[Figure, ...]


def _scored(parsed: ParsedArticle, pool: Sequence[Candidate]) -> list[Scored]:
    """Each candidate with its score and figures, best first."""
    centrality = textrank([c.lemmas for c in pool])
    top_centrality = max(centrality) or 1.0
    last_position = max(c.position for c in pool) or 1
    scored = []
    for candidate, rank_score in zip(pool, centrality, strict=True):
        figures = figures_in(parsed, candidate.sentence, candidate.paragraph)
        named = {
            parsed.span_text(e)
            for e in parsed.entities_in(candidate.sentence)
            if e.label_ in NAMED_LABELS
        }
        signals = {
            "centrality": rank_score / top_centrality,
            "entities": min(len(named), 4) / 4,
            "figures": 1.0 if figures else 0.0,
            "position": 1 - candidate.position / last_position,
        }
        score = sum(WEIGHTS[name] * value for name, value in signals.items())
        if LEANS_ON_CONTEXT.match(parsed.span_text(candidate.sentence).lstrip("“\"‘'(")):
            score -= CONTEXT_PENALTY
        scored.append(Scored(round(score, 6), -candidate.position, candidate, figures))
    scored.sort(key=lambda item: (item.score, item.order), reverse=True)
    return scored


def rank_claims(
    parsed: ParsedArticle,
    quotes: Sequence[Quote],
    limit: int,
    speaker_of: SpeakerFinder = lambda _sentence: None,
) -> tuple[Claim, ...]:
    """The `limit` best claim sentences, best first, each with its figures and reported speaker."""
    return select_claims(parsed, quotes, limit, speaker_of).claims
