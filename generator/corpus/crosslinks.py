"""Briefs → cross-links: topic coverage, speakers (people and organisations), related briefs.

Everything here is cheap aggregation over finished briefs; nothing re-reads or re-parses text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np

from generator.analyse.lexicon import APOSTROPHES, TITLE_WORDS, english_stop_words, without_accents
from generator.analyse.names import full_given_names, without_middle_initials
from generator.cache import PER_OBJECT, PickleStore, digest
from generator.corpus.briefing import (
    Period,
    briefing_lines,
    claim_group_weights,
    coverage_periods,
    evidence_claim,
)
from generator.corpus.stories import Story, find_stories
from generator.corpus.subquestions import SubQuestion, sub_questions
from generator.model import (
    Brief,
    Claim,
    DatedEvent,
    Evidence,
    Quote,
    SeedProblem,
    Topic,
    TopicMatch,
)
from generator.slugs import slugify, unique_slugs

RELATED_BRIEFS = 3
RECENT_BRIEFS = 200  # a topic's newest briefs, whose statements its sub-questions come from
RELATED_BLOCK_ROWS = 512  # rows of the score matrix held at once
NEAR_DUPLICATE_SIMILARITY = 0.5  # Jaccard overlap of content words above which claims are grouped
WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class QuoteRef:
    quote: Quote
    brief: Brief


@dataclass(frozen=True)
class ClaimRef:
    claim: Claim
    brief: Brief


@dataclass
class Speaker:
    """A person or organisation page: what they said, where, and in which role."""

    name: str
    slug: str
    kind: str  # "person" or "organisation"
    quotes: list[QuoteRef] = field(default_factory=list)
    claims: list[ClaimRef] = field(default_factory=list)
    roles: list[tuple[str, Brief]] = field(default_factory=list)
    briefs: list[Brief] = field(default_factory=list)  # every brief naming them


@dataclass
class TopicCoverage:
    """What the corpus says on a topic."""

    topic: Topic
    briefs: list[Brief]
    evidence: dict[str, tuple[Evidence, ...]]  # by brief source
    claim_groups: list[list[ClaimRef]]
    quotes: list[QuoteRef]
    speakers: list[tuple[str, int]]  # (speaker's name, quotations on the topic), most first
    related: list[tuple[Topic, int]]
    # The claim groups leading the page, in order; with `periods`' leads, from `candidates`: the
    # claim groups, then one sentence on the topic from each brief whose claims do not name it.
    briefing: list[int] = field(default_factory=list)
    candidates: list[list[ClaimRef]] = field(default_factory=list)
    sub_questions: list[SubQuestion] = field(default_factory=list)
    speaker_names: dict[str, str] = field(default_factory=dict)  # a quote's speaker → page name
    stories: list[Story] = field(default_factory=list)  # with a brief mainly about the topic
    main_sources: frozenset[str] = frozenset()  # the briefs mainly about the topic
    periods: list[Period] = field(default_factory=list)  # dated coverage, newest period first
    undated: list[Brief] = field(default_factory=list)


@dataclass(frozen=True)
class EventRef:
    event: DatedEvent
    brief: Brief


@dataclass
class Corpus:
    briefs: list[Brief]  # newest first; undated last
    topics: list[TopicCoverage]
    speakers: list[Speaker]
    problems: list[SeedProblem]
    related: dict[str, list[Brief]]  # by brief source
    speaker_pages: dict[str, str]  # canonical name → page path under docs/, for every speaker
    canonical: dict[str, str] = field(default_factory=dict)  # any entity name → corpus-wide name
    events: list[EventRef] = field(default_factory=list)  # dated events, oldest first
    stories: list[Story] = field(default_factory=list)  # briefs about one event, largest first
    story_by_source: dict[str, Story] = field(default_factory=dict)

    def story_of(self, brief: Brief) -> Story | None:
        return self.story_by_source.get(brief.source)

    def topics_of(self, brief: Brief) -> list[TopicCoverage]:
        ids = {match.id for match in brief.topics}
        return [coverage for coverage in self.topics if coverage.topic.id in ids]


def build_corpus(
    briefs: Sequence[Brief],
    topics: Sequence[Topic],
    problems: Sequence[SeedProblem],
    kept: PickleStore | None = None,
    features: PickleStore | None = None,
) -> Corpus:
    """The site's view of the briefs. `kept`: where the related briefs found for a corpus are
    kept, for the next build of the same briefs' topics and names (the one costly sum here);
    `features`: where each brief's story features are kept."""
    briefs = assign_unique_slugs(briefs)
    ordered = sorted(briefs, key=lambda b: b.title.casefold())
    ordered = sorted(ordered, key=lambda b: b.date or "", reverse=True)
    ordered = [b for b in ordered if b.date] + [b for b in ordered if not b.date]
    speakers = collect_speakers(ordered)
    pages = {speaker.name: speaker_path(speaker) for speaker in speakers}
    on_topic = briefs_by_topic(ordered, topics)
    related = related_topics(topics, on_topic)
    stories = find_stories(ordered, features)
    speaker_canonical = canonical_names(
        pages, people=[speaker.name for speaker in speakers if speaker.kind == "person"]
    )

    def speaker_name(name: str) -> str | None:
        name = speaker_canonical.get(name, name)
        return name if name in pages else None

    covers = [
        cover_topic(topic, on_topic[topic.id], related[topic.id], speaker_name) for topic in topics
    ]
    for cover in covers:
        cover.stories = [
            s for s in stories if any(b.source in cover.main_sources for b in s.briefs)
        ]
    return Corpus(
        briefs=ordered,
        topics=covers,
        speakers=speakers,
        problems=sorted(problems, key=lambda p: p.source),
        related=symmetric_related(ordered, kept),
        speaker_pages=pages,
        events=dated_events(ordered),
        stories=stories,
        story_by_source={brief.source: story for story in stories for brief in story.briefs},
        canonical=canonical_names(
            {e.name for b in ordered for e in b.entities}
            | {q.speaker for b in ordered for q in b.quotes if q.speaker},
            people_in(ordered),
        ),
    )


def briefs_by_topic(briefs: Sequence[Brief], topics: Sequence[Topic]) -> dict[str, list[Brief]]:
    """The briefs on each topic, in the order of `briefs`."""
    on_topic: dict[str, list[Brief]] = {topic.id: [] for topic in topics}
    for brief in briefs:
        for topic_id in dict.fromkeys(m.id for m in brief.topics):
            if topic_id in on_topic:
                on_topic[topic_id].append(brief)
    return on_topic


def related_topics(
    topics: Sequence[Topic], on_topic: Mapping[str, Sequence[Brief]]
) -> dict[str, list[tuple[Topic, int]]]:
    """Topics sharing briefs are related; the more shared, the closer. Counted from each brief's
    topics, so the work grows with what briefs share, not with the square of the topic count
    (10,000 topics took minutes)."""
    position = {topic.id: index for index, topic in enumerate(topics)}
    topics_of_brief: dict[str, set[str]] = {}
    for topic in topics:
        for brief in on_topic[topic.id]:
            topics_of_brief.setdefault(brief.source, set()).add(topic.id)
    shared: dict[str, Counter] = {topic.id: Counter() for topic in topics}
    for ids in topics_of_brief.values():
        for first in ids:
            shared[first].update(other for other in ids if other != first)
    related = {}
    for topic in topics:
        counts = shared[topic.id]
        in_file_order = [
            (topics[position[other]], counts[other])
            for other in sorted(counts, key=position.__getitem__)
        ]
        related[topic.id] = sorted(in_file_order, key=lambda item: (-item[1], item[0].name))
    return related


def dated_events(briefs: Sequence[Brief]) -> list[EventRef]:
    """Every dated event in every brief, by year, then by article date and reading order."""
    events = [EventRef(event, brief) for brief in briefs for event in brief.events]
    return sorted(events, key=lambda ref: (ref.event.year, ref.brief.date or "", ref.brief.slug))


def speaker_path(speaker: Speaker) -> str:
    folder = "organisations" if speaker.kind == "organisation" else "people"
    return f"{folder}/{speaker.slug}.md"


def assign_unique_slugs(briefs: Sequence[Brief]) -> list[Brief]:
    """Distinct slugs in source order, so two articles with the same title get two pages."""
    in_order = sorted(briefs, key=lambda b: b.source)
    slugs = unique_slugs([b.slug for b in in_order], fallback="article")
    return [with_slug(brief, slug) for brief, slug in zip(in_order, slugs, strict=True)]


def with_slug(brief: Brief, slug: str) -> Brief:
    # One copy per cached brief object: every build of `mkdocs serve` gets the same copy, and
    # with it what was derived from it before (its claims' words, its features).
    if brief.slug == slug:
        return brief
    return PER_OBJECT.value(brief, ("slug", slug), lambda: replace(brief, slug=slug))


def canonical_names(names: Iterable[str], people: Iterable[str] | None = None) -> dict[str, str]:
    """One name per entity across the corpus.

    Spellings that differ only in case are one name, written as the capitalised form ("Nato" and
    "NATO" → "NATO"), and so are a person's that differ in accents, a middle initial, a title or a
    short given name ("Donald Trump" and "Donald J. Trump", written as the fuller); a one-word
    name maps to the only longer name containing that word ("Putin"
    → "Vladimir Putin"), and stays as it is where two longer names contain it. Given `people`,
    only a person's one-word name maps, and only to a person's longer name: a surname is short
    for a full name, but "Moscow" is not short for "Chinese Embassy in Moscow".
    """
    people_given = None if people is None else set(people)
    by_folded: dict[str, list[str]] = defaultdict(list)
    for name in sorted(set(names)):
        person = people_given is None or name in people_given
        by_folded[person_key(name) if person else name.casefold()].append(name)
    spelling = {
        name: max(variants, key=lambda v: (not _titled(v), sum(c.isupper() for c in v), len(v), v))
        for variants in by_folded.values()
        for name in variants
    }
    expandable = None if people is None else {spelling.get(n, n) for n in people}
    longer = sorted(
        {
            n
            for n in spelling.values()
            if len(_untitled(n).split()) > 1 and (expandable is None or n in expandable)
        }
    )
    containing: dict[str, list[str]] = defaultdict(list)  # word → longer names with that word
    for name in longer:
        for word in set(name.split()):
            containing[word].append(name)
    mapping = {}
    for name, written in spelling.items():
        bare = _untitled(written)  # "President Trump" is short for "Donald J. Trump" too
        short = " " not in bare and (expandable is None or written in expandable)
        owners = containing.get(bare, []) if short else []
        mapping[name] = owners[0] if len(owners) == 1 else written
    return mapping


def person_key(name: str) -> str:
    """A person's name as compared across briefs: case, accents and middle initials aside
    ("Donald J. Trump" is "Donald Trump", "Félix Tshisekedi" is "Felix Tshisekedi"), and a title
    before it ("President Trump" is "Trump")."""
    # "President Trump", a transcript's speaker label
    kept = without_middle_initials(
        without_accents(_untitled(name)).casefold().replace(".", " ").split()
    )
    if len(kept) > 1:
        kept[0] = full_given_names().get(kept[0], kept[0])  # "Joe Biden" is "Joseph Biden"
    return " ".join(kept)


def _titled(name: str) -> bool:
    return _untitled(name) != name


def _untitled(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def people_in(briefs: Sequence[Brief]) -> set[str]:
    """Names the briefs give people: person entities and the speakers of quotes by a person."""
    return {e.name for b in briefs for e in b.entities if e.type == "person"} | {
        q.speaker
        for b in briefs
        for q in b.quotes
        if q.speaker and q.speaker_type in ("person", "unknown")
    }


def collect_speakers(briefs: Sequence[Brief]) -> list[Speaker]:
    """People quoted or named in two or more briefs, and organisations quoted: each with their
    quotes, roles and briefs (those quoting them first, then those naming them), and the claims
    reported from them."""
    people_named = {e.name for b in briefs for e in b.entities if e.type == "person"}
    quoted = {q.speaker for b in briefs for q in b.quotes if q.speaker}
    canonical = canonical_names(people_named | quoted, people_in(briefs))
    by_name: dict[str, _Collected] = {}

    def speaker(name: str, kind: str) -> _Collected:
        if name not in by_name:
            by_name[name] = _Collected(name, kind)
        return by_name[name]

    for brief in briefs:
        for quote in brief.quotes:
            if quote.speaker:
                kind = "organisation" if quote.speaker_type == "organisation" else "person"
                entry = speaker(canonical.get(quote.speaker, quote.speaker), kind)
                entry.quotes.append(QuoteRef(quote, brief))
                entry.add(brief, quote.role)
    mention_counts = Counter(
        canonical.get(e.name, e.name) for b in briefs for e in b.entities if e.type == "person"
    )
    for brief in briefs:
        for entity in brief.entities:
            name = canonical.get(entity.name, entity.name)
            if name in by_name or (entity.type == "person" and mention_counts[name] >= 2):
                entry = speaker(name, by_name[name].kind if name in by_name else "person")
                entry.add(brief, entity.role)
        for claim in brief.claims:
            if claim.speaker and (name := canonical.get(claim.speaker, claim.speaker)) in by_name:
                by_name[name].claims.append(ClaimRef(claim, brief))
    ordered = sorted(by_name.values(), key=lambda s: (s.kind, s.name.casefold()))
    slugs = unique_slugs([slugify(s.name) for s in ordered])
    return [entry.speaker(slug) for entry, slug in zip(ordered, slugs, strict=True)]


class _Collected:
    """A speaker while `collect_speakers` collects it: each brief and each (role, brief) once
    (by identity: briefs compare by value)."""

    def __init__(self, name: str, kind: str) -> None:
        self.name, self.kind = name, kind
        self.quotes: list[QuoteRef] = []
        self.claims: list[ClaimRef] = []
        self.roles: dict[tuple[str, int], tuple[str, Brief]] = {}
        self.briefs: dict[int, Brief] = {}

    def add(self, brief: Brief, role: str | None) -> None:
        self.briefs.setdefault(id(brief), brief)
        if role:
            self.roles.setdefault((role, id(brief)), (role, brief))

    def speaker(self, slug: str) -> Speaker:
        return Speaker(
            name=self.name,
            slug=slug,
            kind=self.kind,
            quotes=self.quotes,
            claims=self.claims,
            roles=list(self.roles.values()),
            briefs=list(self.briefs.values()),
        )


def content_words(text: str) -> frozenset[str]:
    words = WORD.findall(text.translate(APOSTROPHES).lower())
    stop_words = english_stop_words()
    return frozenset(w for w in words if w not in stop_words and len(w) > 2)


def claim_words(brief: Brief) -> tuple[frozenset[str], ...]:
    """`content_words` of each of the brief's claims, remembered per brief object."""
    return PER_OBJECT.value(
        brief, "claim_words", lambda: tuple(content_words(c.text) for c in brief.claims)
    )


def group_near_duplicates(
    claims: Sequence[ClaimRef], words_of: Sequence[frozenset[str]] | None = None
) -> list[list[ClaimRef]]:
    """Claims stating the same fact in different briefs, grouped; order of first appearance.

    A claim joins the first group whose first claim shares at least `NEAR_DUPLICATE_SIMILARITY`
    of their content words (Jaccard), else starts a group. Only groups sharing a word with it
    are compared (prefix filtering): two sets that similar share a word among the first
    |set| - ⌊t·|set|⌋ + 1 of each, in any one fixed order of words; rarest first keeps the
    candidates few. Comparing every group made this quadratic in a topic's claims.
    `words_of` gives each claim's `content_words`, if known.
    """
    if words_of is None:
        words_of = [content_words(ref.claim.text) for ref in claims]
    frequency = Counter(word for words in words_of for word in words)
    rank = {word: n for n, word in enumerate(sorted(frequency, key=lambda w: (frequency[w], w)))}
    groups: list[tuple[frozenset[str], list[ClaimRef]]] = []
    by_prefix_word: dict[str, list[int]] = defaultdict(list)  # word → groups, in order made
    for ref, words in zip(claims, words_of, strict=True):
        prefix = _similarity_prefix(words, rank)
        candidates = sorted({g for word in prefix for g in by_prefix_word.get(word, ())})
        for number in candidates:
            group_words, members = groups[number]
            shared = len(words & group_words)
            if shared / (len(words) + len(group_words) - shared) >= NEAR_DUPLICATE_SIMILARITY:
                members.append(ref)
                break
        else:
            for word in prefix:
                by_prefix_word[word].append(len(groups))
            groups.append((words, [ref]))
    return [members for _, members in groups]


def _similarity_prefix(words: frozenset[str], rank: dict[str, int]) -> list[str]:
    """The words two similar sets must share one of (empty sets match nothing), in the order
    `rank` gives every word (rarest first)."""
    ranked = sorted(words, key=rank.__getitem__)
    return ranked[: len(ranked) - int(NEAR_DUPLICATE_SIMILARITY * len(ranked)) + 1]


def cover_topic(
    topic: Topic,
    briefs: Sequence[Brief],
    related: list[tuple[Topic, int]],
    speaker_name: Callable[[str], str | None],
) -> TopicCoverage:
    """What `briefs` (those on the topic) say on it; `speaker_name` gives the speaker page's name
    for a quoted name, None if there is none."""
    evidence: dict[str, tuple[Evidence, ...]] = {}
    claims, claims_words, quotes = [], [], []
    main_sources, offered = set(), []
    for brief in briefs:
        match = next(m for m in brief.topics if m.id == topic.id)
        evidence[brief.source] = match.evidence
        if match.main:
            main_sources.add(brief.source)
        share = topic_share(brief, match)
        claims += share.claims
        claims_words += share.claims_words
        quotes += share.quotes
        if not share.claims and (claim := evidence_claim(brief, match.evidence)):
            offered.append(ClaimRef(claim, brief))
    counts = Counter(ref.quote.speaker for ref in quotes)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    groups = group_near_duplicates(claims, claims_words)
    candidates = groups + [[ref] for ref in offered]
    words_of = {id(ref): words for ref, words in zip(claims, claims_words, strict=True)}
    words = [words_of.get(id(c[0])) or content_words(c[0].claim.text) for c in candidates]
    main = frozenset(main_sources)
    weights = claim_group_weights(candidates, words, main)
    periods, undated = coverage_periods(briefs, candidates, weights)
    named = {raw: name for raw in counts if raw and (name := speaker_name(raw))}
    return TopicCoverage(
        topic=topic,
        briefs=list(briefs),
        evidence=evidence,
        claim_groups=groups,
        quotes=quotes,
        speakers=[(named[raw], count) for raw, count in ranked if raw in named],
        related=related,
        briefing=briefing_lines(candidates, weights, main),
        candidates=candidates,
        sub_questions=sub_questions(
            topic, candidates, weights, quotes, frozenset(b.source for b in briefs[:RECENT_BRIEFS])
        ),
        speaker_names=named,
        main_sources=main,
        periods=periods,
        undated=undated,
    )


class TopicShare(NamedTuple):
    """What one brief brings to a topic's coverage."""

    claims: tuple[ClaimRef, ...]
    claims_words: tuple[frozenset[str], ...]  # `content_words` of each claim
    quotes: tuple[QuoteRef, ...]


def topic_share(brief: Brief, match: TopicMatch) -> TopicShare:
    """The brief's claims and quotes on the matched topic (found in analysis)."""
    words = claim_words(brief)
    return TopicShare(
        tuple(ClaimRef(brief.claims[i], brief) for i in match.claims),
        tuple(words[i] for i in match.claims),
        tuple(QuoteRef(brief.quotes[i], brief) for i in match.quotes),
    )


def symmetric_related(
    briefs: Sequence[Brief], kept: PickleStore | None = None
) -> dict[str, list[Brief]]:
    """Each brief's closest briefs, plus every brief that lists it, so every link has a way back."""
    positions = related_positions(briefs, kept)
    return {
        brief.source: [briefs[i] for i in row] for brief, row in zip(briefs, positions, strict=True)
    }


def related_positions(briefs: Sequence[Brief], kept: PickleStore | None = None) -> list[list[int]]:
    """`symmetric_related` as positions in `briefs`."""
    related = closest_positions(briefs) if kept is None else kept_closest_positions(briefs, kept)
    for i in range(len(briefs)):
        for j in related[i]:
            if i not in related[j]:
                related[j].append(i)
    return related


def related_briefs(brief: Brief, briefs: Sequence[Brief]) -> list[Brief]:
    """The briefs sharing most topics (counted double) and named people or organisations."""
    topics = {m.id for m in brief.topics}
    names = {e.name for e in brief.entities if e.type != "place"}

    def score(other: Brief) -> int:
        shared_topics = len(topics & {m.id for m in other.topics})
        shared_names = len(names & {e.name for e in other.entities if e.type != "place"})
        return 2 * shared_topics + shared_names

    scored = [(score(o), o) for o in briefs if o.source != brief.source]
    scored = [(s, o) for s, o in scored if s > 0]
    scored.sort(key=lambda item: (-item[0], item[1].slug))
    return [o for _, o in scored[:RELATED_BRIEFS]]


def closest_briefs(briefs: Sequence[Brief]) -> dict[str, list[Brief]]:
    """`related_briefs` of every brief, with the same scores and order, by source."""
    return {
        brief.source: [briefs[o] for o in row]
        for brief, row in zip(briefs, closest_positions(briefs), strict=True)
    }


class RelatedStore(PickleStore):
    """Related briefs (`closest_positions`) of the corpus last built, by a digest of its briefs."""

    kind = tuple


def kept_closest_positions(briefs: Sequence[Brief], kept: PickleStore) -> list[list[int]]:
    """`closest_positions`, taken from `kept` when the briefs' slugs, order and features are
    those it was found for (at 10,000 articles it takes seconds; an edit seldom changes them)."""
    key = digest(repr([(brief.slug, brief_features(brief)) for brief in briefs]))
    found = kept.get(key)
    if found is None:
        found = tuple(tuple(row) for row in closest_positions(briefs))
        kept.put(key, found)
        kept.remove_all_but({key})
    return [list(row) for row in found]


def closest_positions(briefs: Sequence[Brief]) -> list[list[int]]:
    """`closest_briefs` as positions in `briefs`, worked out as a matrix product.

    A topic or name shared by most of the corpus makes nearly every pair of briefs score, so
    visiting pairs one by one grows with the square of the corpus in Python; numpy multiplies the
    brief-by-feature matrix by its transpose instead, a block of rows at a time.
    """
    features = shared_features(briefs)
    count = len(briefs)
    closest: list[list[int]] = [[] for _ in briefs]
    if not features or count < 2:
        return closest
    having = np.zeros((count, len(features)), dtype=np.float32)
    weights = np.zeros(len(features), dtype=np.float32)
    for column, (weight, holders) in enumerate(features.values()):
        having[holders, column] = 1.0
        weights[column] = weight
    weighted = having * weights
    # Ties go to the earlier slug: a score is worth more than any difference in slug order.
    slug_order = np.argsort(np.array([b.slug for b in briefs], dtype=object), kind="stable")
    slug_bonus = np.empty(count, dtype=np.int64)
    slug_bonus[slug_order] = np.arange(count, 0, -1)
    for start in range(0, count, RELATED_BLOCK_ROWS):
        block = range(start, min(start + RELATED_BLOCK_ROWS, count))
        scores = np.rint(weighted[block.start : block.stop] @ having.T).astype(np.int64)
        scores[np.arange(len(block)), np.arange(block.start, block.stop)] = 0  # not itself
        ranking = np.where(scores > 0, scores * (count + 1) + slug_bonus, 0)
        closest[block.start : block.stop] = top_columns(ranking)
    return closest


def shared_features(briefs: Sequence[Brief]) -> dict[tuple[str, str], tuple[int, list[int]]]:
    """Topics (weight 2) and non-place names (weight 1) held by two briefs or more, with who holds
    them; a feature of one brief adds nothing to any pair."""
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, brief in enumerate(briefs):
        for feature in brief_features(brief):
            holders[feature].append(index)
    return {
        feature: (2 if feature[0] == "topic" else 1, indexes)
        for feature, indexes in sorted(holders.items())
        if len(indexes) > 1
    }


def brief_features(brief: Brief) -> tuple[tuple[str, str], ...]:
    """The brief's topics and non-place names, remembered per brief object."""

    def features() -> tuple[tuple[str, str], ...]:
        topics = dict.fromkeys(("topic", m.id) for m in brief.topics)
        names = dict.fromkeys(("name", e.name) for e in brief.entities if e.type != "place")
        return (*topics, *names)

    return PER_OBJECT.value(brief, "features", features)


def top_columns(ranking: np.ndarray) -> list[list[int]]:
    """For each row, the columns of its RELATED_BRIEFS highest positive values, highest first
    (positive values are distinct: the slug bonus breaks every tie)."""
    keep = min(RELATED_BRIEFS, ranking.shape[1])
    top = np.argpartition(ranking, -keep, axis=1)[:, -keep:]
    values = np.take_along_axis(ranking, top, axis=1)
    order = np.argsort(-values, axis=1, kind="stable")
    top = np.take_along_axis(top, order, axis=1).tolist()
    values = np.take_along_axis(values, order, axis=1).tolist()
    return [
        [column for column, value in zip(columns, row, strict=True) if value > 0]
        for columns, row in zip(top, values, strict=True)
    ]
