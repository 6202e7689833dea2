"""Stories: briefs about the same event, across publishers.

Two dated briefs are of one story when they are at most `STORY_DAYS` apart and alike in what
they are about: the names they list (people, organisations, places; a rare name weighs more than
a common one), their key terms and the words of their headlines and text (tf-idf, the headline
counted twice). Briefs are joined by average linkage over that likeness, never across more than
the window: a chain of look-alike stories over a month is not one event. An undated brief joins
no story: nothing says when it happened. Aggregation only: names, words and claims are the
briefs' own, found once per article in analysis.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from generator.analyse.lexicon import english_stop_words
from generator.cache import PickleStore
from generator.model import Brief, Claim
from generator.slugs import slugify, unique_slugs

STORY_DAYS = 3  # the most days between two briefs of one event
DAY_DECAY = 0.1  # of the likeness, per day between two briefs: an event is reported at once
# The least mean likeness of two groups joined: tuned on the first half of a public set of
# same-event clusters, the second only scored (bench/README-stories.md).
STORY_SIMILARITY = 0.19
HEADLINE_WEIGHT = 2
NAME_WEIGHT = 3  # a name counts as much as three words: names say which event
TERM_WEIGHT = 2  # a key term (a recurring name or noun phrase of the brief)
_WORD_LETTERS = 3
FEATURES_KEPT = 80  # per brief, the heaviest
REPORTED_SHARE = 0.6  # of a claim's words found in another brief's text: it reports it too
MIN_CLAIM_WORDS = 5


@dataclass(frozen=True)
class Story:
    """A group of briefs about one event, oldest first, and the page it gets."""

    slug: str
    briefs: tuple[Brief, ...]

    @property
    def publishers(self) -> tuple[str, ...]:
        return tuple(sorted({b.publisher for b in self.briefs if b.publisher}))


def find_stories(briefs: Sequence[Brief], store: PickleStore | None = None) -> list[Story]:
    """The stories of two or more briefs, largest first (then oldest); `store`: where each
    brief's features are kept (`StoryFeatureStore`), if anywhere."""
    dated = sorted((b for b in briefs if _day(b) is not None), key=lambda b: (_day(b), b.source))
    vectors = _vectors(dated, store)
    groups = _grouped(dated, vectors)
    stories = [tuple(dated[i] for i in group) for group in groups if len(group) >= 2]
    stories.sort(key=lambda g: (-len(g), g[0].date or "", g[0].source))
    slugs = unique_slugs([slugify(f"{g[0].date} {g[0].title}") for g in stories], "story")
    return [Story(slug, group) for slug, group in zip(slugs, stories, strict=True)]


@dataclass(frozen=True)
class StoryClaim:
    """A key claim of a story's brief, and the story's other briefs whose text holds most of its
    words (in their own sentences: the claim shown is its brief's, verbatim)."""

    claim: Claim
    brief: Brief
    reported_by: tuple[Brief, ...]


def story_claims(story: Story) -> list[StoryClaim]:
    """Every key claim of the story's briefs, with the other briefs that report it too."""
    texts = {brief.source: _text_words(brief) for brief in story.briefs}
    found = []
    for brief in story.briefs:
        for claim in brief.claims:
            words = claim_words(claim.text)
            others = ()
            if len(words) >= MIN_CLAIM_WORDS:
                others = tuple(
                    other
                    for other in story.briefs
                    if other is not brief
                    and len(words & texts[other.source]) >= REPORTED_SHARE * len(words)
                )
            found.append(StoryClaim(claim, brief, others))
    return found


def _text_words(brief: Brief) -> frozenset[str]:
    return frozenset(
        word
        for paragraph in brief.paragraphs
        if paragraph.kind == "body"
        for word in claim_words(paragraph.text)
    )


def claim_words(text: str) -> frozenset[str]:
    """A sentence's words as stories compare them: lower case, stemmed, no stop words."""
    return frozenset(_words(text))


def _day(brief: Brief) -> int | None:
    """The brief's date as a day number, None without a full date."""
    if not brief.date or len(brief.date) < 10:
        return None
    try:
        return dt.date.fromisoformat(brief.date[:10]).toordinal()
    except ValueError:
        return None


class StoryFeatureStore(PickleStore):
    """Each brief's features as (64-bit hashes, sorted; counts), by the brief's cache key, in the
    cache folder: a rebuild after one edit, in a serving process or a fresh one, hashes one
    brief's words, not a thousand's."""

    kind = tuple


def _features_of(brief: Brief, store: PickleStore | None) -> tuple[np.ndarray, np.ndarray]:
    if store is None or not brief.key:
        return _hashed(_counted_features(brief))
    found = store.get(brief.key)
    if found is None:
        found = _hashed(_counted_features(brief))
        store.put(brief.key, found)
    return found


def _hashed(counts: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
    hashes = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(f.encode(), digest_size=8).digest(), "big")
            for f in counts
        ),
        dtype=np.uint64,
        count=len(counts),
    )
    values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    order = np.argsort(hashes, kind="stable")
    return hashes[order], values[order]


def _counted_features(brief: Brief) -> Counter[str]:
    words: Counter[str] = Counter()
    texts = [(brief.title, HEADLINE_WEIGHT)]
    texts += [(paragraph.text, 1) for paragraph in brief.paragraphs if paragraph.kind == "body"]
    for text, weight in texts:
        for word in _words(text):
            words[word] += weight
    for entity in brief.entities:
        words[f"name:{entity.name.casefold()}"] += NAME_WEIGHT
    for term in brief.key_terms:
        words[f"term:{term.casefold()}"] += TERM_WEIGHT
    return words


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _words(text: str) -> list[str]:
    """A text's words as stories compare them: lower case, stemmed, no stop words."""
    stop_words = english_stop_words()
    stems = (_stem(w.strip("'’-")) for w in _WORD.findall(text.casefold()))
    return [w for w in stems if len(w) >= _WORD_LETTERS and w not in stop_words]


@functools.cache
def _stem(word: str) -> str:
    """A word without its plural or possessive ending: "workers" and "worker" are one."""
    for ending in ("'s", "’s", "ies", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= _WORD_LETTERS:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


def _vectors(briefs: Sequence[Brief], store: PickleStore | None = None) -> list[dict[int, float]]:
    """Unit tf-idf vectors, as {feature: weight}: a feature every brief has weighs nothing."""
    features = [_features_of(brief, store) for brief in briefs]
    if not features:
        return []
    every, having = np.unique(
        np.concatenate([hashes for hashes, _ in features]), return_counts=True
    )
    log_total = math.log(1 + len(briefs))
    vectors = []
    for hashes, counts in features:
        weights = (1 + np.log(counts)) * (
            log_total - np.log(having[np.searchsorted(every, hashes)])
        )
        # its most telling features only: a long article's every word made the comparisons of a
        # large archive slow, and the rare words and names carry the likeness
        kept = np.argsort(-weights, kind="stable")[:FEATURES_KEPT]
        kept = kept[weights[kept] > 0]
        norm = float(np.sqrt(np.sum(weights[kept] ** 2))) or 1.0
        vectors.append(
            dict(zip(hashes[kept].tolist(), (weights[kept] / norm).tolist(), strict=True))
        )
    return vectors


def _likeness(one: dict[int, float], other: dict[int, float]) -> float:
    if len(other) < len(one):
        one, other = other, one
    return sum(w * other.get(feature, 0.0) for feature, w in one.items())


def _grouped(briefs: Sequence[Brief], vectors: Sequence[dict[int, float]]) -> list[list[int]]:
    """Positions of `briefs` (sorted by day) joined by average linkage within the window. Two
    groups whose mean likeness reaches `STORY_SIMILARITY` hold a pair that does: the linkage runs
    in each part of the graph of such pairs, which keeps it small at any size of archive."""
    days = [_day(b) or 0 for b in briefs]
    pairs: dict[tuple[int, int], float] = {}
    for i in range(len(briefs)):
        for j in range(i + 1, len(briefs)):
            if days[j] - days[i] > STORY_DAYS:
                break
            likeness = _likeness(vectors[i], vectors[j]) * (1 - DAY_DECAY * (days[j] - days[i]))
            if likeness > 0:
                pairs[(i, j)] = likeness
    groups: list[list[int]] = []
    for part in _parts(len(briefs), [pair for pair, w in pairs.items() if w >= STORY_SIMILARITY]):
        groups += _average_linkage(part, pairs, days)
    return sorted(groups)


def _parts(count: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """The connected parts of a graph of `count` nodes, each sorted, by their first node."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        parent[root(a)] = root(b)
    parts: dict[int, list[int]] = {}
    for node in range(count):
        parts.setdefault(root(node), []).append(node)
    return sorted(parts.values())


def _average_linkage(
    part: list[int], pairs: dict[tuple[int, int], float], days: Sequence[int]
) -> list[list[int]]:
    """Groups of `part`, joined two at a time while the mean likeness of their briefs reaches
    `STORY_SIMILARITY` and their briefs stay within the window."""
    groups = {node: [node] for node in part}
    while len(groups) > 1:
        best, joined = STORY_SIMILARITY, None
        keys = sorted(groups)
        for position, a in enumerate(keys):
            for b in keys[position + 1 :]:
                members = groups[a] + groups[b]
                if max(days[k] for k in members) - min(days[k] for k in members) > STORY_DAYS:
                    continue
                total = sum(
                    pairs.get((min(x, y), max(x, y)), 0.0) for x in groups[a] for y in groups[b]
                )
                mean = total / (len(groups[a]) * len(groups[b]))
                if mean >= best and (joined is None or mean > best):
                    best, joined = mean, (a, b)
        if joined is None:
            break
        keep, gone = joined
        groups[keep] = sorted(groups[keep] + groups.pop(gone))
    return list(groups.values())


def pairwise_scores(found: Sequence[Sequence[str]], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision and recall of grouped ids against gold cluster labels (id → label),
    over the ids the gold labels."""
    found_pairs = {
        (a, b) for group in found for a in group for b in group if a < b and a in gold and b in gold
    }
    gold_groups: dict[str, list[str]] = {}
    for item, label in gold.items():
        gold_groups.setdefault(label, []).append(item)
    gold_pairs = {(a, b) for g in gold_groups.values() for a in g for b in g if a < b}
    right = len(found_pairs & gold_pairs)
    return {
        "precision": right / len(found_pairs) if found_pairs else 1.0,
        "recall": right / len(gold_pairs) if gold_pairs else 1.0,
        "pairs_found": len(found_pairs),
        "pairs_gold": len(gold_pairs),
    }
