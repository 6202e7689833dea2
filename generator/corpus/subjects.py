"""Topic proposals for `check`: what the corpus is about and no topic covers yet.

Briefs whose words are alike (TF-IDF over their body text, cosine similarity, average-linkage
groups) are taken to share a subject; each group of three briefs or more is proposed, named by
the key terms most its own (entity aliases folded: "US", "U.S." and "America" are one term) and
shown with how many of its briefs hold each. A term is never a person, a place, an outlet or an
institution's bare word, which say who and where, not what about.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from generator.analyse.entities import GENERIC_NAMES
from generator.analyse.lexicon import APOSTROPHES, english_stop_words
from generator.analyse.speech import PERSON_ROLES
from generator.analyse.themes import any_term_pattern
from generator.ingest.inference import load_publishers
from generator.model import Brief, Topic

WORD = re.compile(r"[a-z][a-z-]{2,}")
# Words in more briefs than this share (and more than a group's) name no one subject ("said").
MAX_WORD_SHARE = 0.3
MAX_VOCABULARY = 3000
# Two groups whose briefs are this alike on average (cosine of their word weights) are one.
MERGE_SIMILARITY = 0.1
MIN_GROUP = 3
# Beyond this many briefs, an even sample is grouped: `check` answers in seconds at any size, and
# a subject of the corpus is in the sample too.
MAX_GROUPED = 3000
LABEL_TERMS = 3
# A group most of whose briefs are mainly about one defined topic is that topic's already.
COVERED_SHARE = 0.5


@dataclass(frozen=True)
class TopicProposal:
    """A proposed subject: its name (its leading key terms), the briefs it rests on, and each
    key term with the number of those briefs that hold it."""

    term: str
    sources: tuple[str, ...]
    evidence: tuple[tuple[str, int], ...]


def propose_topics(briefs: Sequence[Brief], topics: Sequence[Topic]) -> list[TopicProposal]:
    """Subjects of three briefs or more that no topic covers, the largest first."""
    terms_of = _subject_terms(briefs, topics)
    holders = Counter(key for terms in terms_of.values() for key in terms)
    proposals = []
    for group in _groups(briefs):
        members = [briefs[i] for i in group]
        if _covered(members):
            continue
        evidence = _evidence(members, terms_of, holders, len(briefs))
        if not evidence:
            continue
        label = " · ".join(term for term, _count in evidence[:LABEL_TERMS])
        proposals.append(
            TopicProposal(label, tuple(sorted(b.source for b in members)), tuple(evidence))
        )
    return sorted(proposals, key=lambda p: (-len(p.sources), p.term.casefold()))


def _groups(briefs: Sequence[Brief]) -> list[list[int]]:
    """Positions of briefs grouped by their words, groups of `MIN_GROUP` or more."""
    step = max(1, math.ceil(len(briefs) / MAX_GROUPED))
    sample = list(range(0, len(briefs), step))
    vectors = _word_vectors([briefs[i] for i in sample])
    return [[sample[i] for i in group] for group in _average_linkage(vectors)]


def _word_vectors(briefs: Sequence[Brief]) -> np.ndarray:
    """Unit TF-IDF vectors of the briefs' body words (stop words and ubiquitous words out)."""
    counts = [Counter(_words(brief)) for brief in briefs]
    having = Counter(word for count in counts for word in count)
    total = len(briefs)
    ranked = sorted(
        (w for w, n in having.items() if 2 <= n <= max(MAX_WORD_SHARE * total, MIN_GROUP)),
        key=lambda w: (-having[w], w),
    )
    column = {word: i for i, word in enumerate(ranked[:MAX_VOCABULARY])}
    vectors = np.zeros((total, len(column)), dtype=np.float32)
    for row, count in enumerate(counts):
        for word, n in count.items():
            if word in column:
                vectors[row, column[word]] = (1 + math.log(n)) * math.log(total / having[word])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1)


def _words(brief: Brief) -> list[str]:
    text = " ".join(p.text for p in brief.paragraphs if p.kind == "body").casefold()
    stop_words = english_stop_words()
    return [word for word in WORD.findall(text) if word not in stop_words]


def _average_linkage(vectors: np.ndarray) -> list[list[int]]:
    """Groups merged while their briefs' mean similarity exceeds `MERGE_SIMILARITY`, each
    row's best partner kept so a merge costs a pass over the rows it touches."""
    count = len(vectors)
    if count < MIN_GROUP:
        return []
    similarity = (vectors @ vectors.T).astype(np.float64)
    np.fill_diagonal(similarity, -np.inf)
    sizes = np.ones(count)
    members = {i: [i] for i in range(count)}
    best = similarity.argmax(axis=1)
    while members:
        rows = np.fromiter(members, dtype=np.int64)
        row = rows[np.argmax(similarity[rows, best[rows]])]
        other = int(best[row])
        if similarity[row, other] <= MERGE_SIMILARITY:
            break
        keep, gone = min(row, other), max(row, other)
        merged = (similarity[keep] * sizes[keep] + similarity[gone] * sizes[gone]) / (
            sizes[keep] + sizes[gone]
        )
        similarity[keep], similarity[:, keep] = merged, merged
        similarity[gone], similarity[:, gone] = -np.inf, -np.inf
        similarity[keep, keep] = -np.inf
        sizes[keep] += sizes[gone]
        members[keep] += members.pop(gone)
        stale = [r for r in members if best[r] in (keep, gone) or r == keep]
        best[stale] = similarity[stale].argmax(axis=1)
        best[[r for r in members if similarity[r, keep] > similarity[r, best[r]]]] = keep
    groups = [sorted(group) for group in members.values() if len(group) >= MIN_GROUP]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def _covered(members: Sequence[Brief]) -> bool:
    main = Counter(match.id for brief in members for match in brief.topics if match.main)
    return bool(main) and main.most_common(1)[0][1] >= COVERED_SHARE * len(members)


def _evidence(
    members: Sequence[Brief], terms_of: dict[str, dict[str, str]], holders: Counter, total: int
) -> list[tuple[str, int]]:
    """The group's key terms held by two of its briefs or more, the most its own first: by how
    many of its briefs hold them, times the share of all their `holders` it has (`_weight`)."""
    inside: Counter = Counter()
    written: dict[str, str] = {}
    for brief in members:
        for key, term in terms_of.get(brief.source, {}).items():
            inside[key] += 1
            written.setdefault(key, term)
    ranked = sorted(
        (key for key, n in inside.items() if n >= 2 and holders[key] < 0.8 * total),
        key=lambda k: (-_weight(written[k]) * inside[k] ** 2 / holders[k], written[k].casefold()),
    )
    return [(written[key], inside[key]) for key in ranked]


def _weight(term: str) -> int:
    """A common noun phrase ("free software") says what about twice as well as a name, which is
    as often an actor ("Congress")."""
    return 2 if term[:1].islower() else 1


def _subject_terms(briefs: Sequence[Brief], topics: Sequence[Topic]) -> dict[str, dict[str, str]]:
    """Per brief, its key terms that can name a subject (key → the term as its entity is named),
    leaving out those a topic's terms already cover."""
    any_term = any_term_pattern(tuple(term for topic in topics for term in topic.terms))
    not_subjects = _not_subjects(briefs)
    terms_of: dict[str, dict[str, str]] = defaultdict(dict)
    for brief in briefs:
        names = {
            alias.casefold(): entity.name
            for entity in brief.entities
            for alias in (entity.name, *entity.aliases)
        }
        for term in brief.key_terms:
            name = names.get(term.casefold(), term)
            if name.casefold() in not_subjects or term.casefold() in not_subjects:
                continue
            if term[:1].islower() and term.split()[-1] in PERSON_ROLES:
                continue  # "executive director": who, not what about
            if any_term and any_term.search(name.translate(APOSTROPHES)):
                continue
            terms_of[brief.source].setdefault(name.casefold(), name)
    return terms_of


def _not_subjects(briefs: Sequence[Brief]) -> set[str]:
    """Names (case-folded) that say who or where, not what about: the briefs' people and places
    (every name and alias, a person's single names too), their publishers and the publisher
    table's, and institutions' bare words."""
    names = set(GENERIC_NAMES)
    for brief in briefs:
        if brief.publisher:
            names.add(brief.publisher.casefold())
        for entity in brief.entities:
            if entity.type == "organisation":
                continue
            for name in (entity.name, *entity.aliases):
                names.add(name.casefold())
                if entity.type == "person":
                    names.update(word.casefold() for word in name.split())
    for publisher in load_publishers():
        names.update(n.casefold() for n in (publisher.name, *publisher.aliases, *publisher.brands))
    return names
