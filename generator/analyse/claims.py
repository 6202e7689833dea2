"""Key claims: the article's most informative verbatim sentences, ranked by TextRank plus signals.

The ranking is TextRank (Mihalcea & Tarau, 2004): PageRank over a graph whose nodes are sentences
and whose edge weights are content-lemma overlap normalised by sentence length. Its centrality is
combined with three explainable signals: named entities, figures and position (news puts its
main facts first). Quotations are never claims; reported speech is, with its speaker.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy
from spacy.tokens import Span

from generator.analyse.figures import figures_in
from generator.analyse.parse import ParsedArticle
from generator.model import Claim, Quote

WEIGHTS = {"centrality": 0.5, "entities": 0.2, "figures": 0.15, "position": 0.15}
MIN_WORDS, MAX_WORDS = 8, 70
QUOTED_SHARE_LIMIT = 0.4  # a sentence more than this share inside quotation marks is a quotation
QUOTED_TEXT = re.compile(r"[“\"]([^”\"]*)[”\"]?")
NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"}
DAMPING, ITERATIONS = 0.85, 50

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
    return any(q.kind == "full" and q.text[:40] in text for q in quotes)


def candidates(parsed: ParsedArticle, quotes: Sequence[Quote]) -> list[Candidate]:
    found = []
    for position, sentence in enumerate(parsed.body_sentences()):
        words = [t for t in parsed.tokens_of(sentence) if not t.is_punct and not t.is_space]
        text = parsed.span_text(sentence)
        if not MIN_WORDS <= len(words) <= MAX_WORDS or text.strip().endswith("?"):
            continue
        if is_quotation(text, quotes):
            continue
        lemmas = frozenset(t.lemma_.lower() for t in words if t.is_alpha and not t.is_stop)
        found.append(Candidate(sentence, parsed.paragraph_of(sentence).id, lemmas, position))
    return found


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


def rank_claims(
    parsed: ParsedArticle,
    quotes: Sequence[Quote],
    limit: int,
    speaker_of: SpeakerFinder = lambda _sentence: None,
) -> tuple[Claim, ...]:
    """The `limit` best claim sentences, best first, each with its figures and reported speaker."""
    pool = candidates(parsed, quotes)
    if not pool:
        return ()
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
        scored.append((round(score, 6), -candidate.position, candidate, figures))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return tuple(
        Claim(
            text=parsed.span_text(candidate.sentence).strip(),
            paragraph=candidate.paragraph,
            rank=rank,
            score=score,
            speaker=speaker_of(candidate.sentence),
            figures=figures,
        )
        for rank, (score, _, candidate, figures) in enumerate(scored[:limit], start=1)
    )
