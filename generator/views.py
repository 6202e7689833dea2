"""What a long listing page gets: its entries split into pages of a bounded size, and summaries
made of plain values (names, counts, links) rather than whole briefs.

A topic that half the archive mentions would otherwise be one page of megabytes, and one edited
brief would mean rendering all of it again: split, an edit re-renders the page that holds the
brief, and a summary that does not change is not rendered again (see `generator.memo`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from generator.corpus import (
    PER_OBJECT,
    ClaimRef,
    Corpus,
    QuoteRef,
    Speaker,
    TopicCoverage,
    kept_value,
    kept_view,
)
from generator.model import Brief, Evidence, Quote, Topic

BRIEFS_PER_PAGE = 25


class BriefLink(NamedTuple):
    """What a link to a brief shows (the `brief_link` and `byline` macros read these fields)."""

    title: str
    slug: str
    date: str | None
    publisher: str | None


def link_to(brief: Brief) -> BriefLink:
    return PER_OBJECT.value(
        brief, "link", lambda: BriefLink(brief.title, brief.slug, brief.date, brief.publisher)
    )


def links_to(briefs: Iterable[Brief]) -> tuple[BriefLink, ...]:
    return tuple(link_to(brief) for brief in briefs)


class ClaimLine(NamedTuple):
    """A claim as a listing shows it: its words, and where it stands."""

    text: str
    paragraph: str
    brief: BriefLink


class QuoteLine(NamedTuple):
    quote: Quote
    brief: BriefLink


@dataclass(frozen=True)
class PageNumbers:
    """Where a page stands in a paginated listing; page 1 is `stem.md`, page n `stem.page-n.md`."""

    stem: str  # path under docs/ without ".md", e.g. "topics/taiwan"
    number: int
    count: int

    def path(self, number: int) -> str:
        return f"{self.stem}.md" if number == 1 else f"{self.stem}.page-{number}.md"

    @property
    def file(self) -> str:
        return self.path(self.number)

    def link(self, number: int) -> str:
        """Page `number`'s file name, for links between pages of the same folder."""
        return self.path(number).rsplit("/", 1)[-1]

    def title(self, name: str) -> str:
        return name if self.number == 1 else f"{name} (page {self.number} of {self.count})"


@dataclass(frozen=True)
class TopicSummary:
    """The first page's overview of a topic: counts, speakers, timeline and related topics."""

    brief_count: int
    first_date: str | None
    last_date: str | None
    publishers: tuple[str, ...]
    quote_count: int
    speakers: tuple[tuple[str, int], ...]  # (name, quotations), most first
    timeline: tuple[BriefLink, ...]  # by date, then slug
    related: tuple[tuple[Topic, int], ...]


@dataclass(frozen=True)
class TopicPart:
    """One page's share of a topic: its briefs, and the claims, quotes and evidence they hold."""

    numbers: PageNumbers
    first: int  # position of its first brief among all the topic's briefs, from 1
    briefs: tuple[BriefLink, ...]
    claim_groups: tuple[tuple[ClaimLine, ...], ...]  # groups whose first claim is in these briefs
    quotes: tuple[QuoteLine, ...]
    evidence: tuple[tuple[Evidence, ...], ...]  # per brief, in the order of `briefs`


def by_date(briefs: Iterable[Brief]) -> list[Brief]:
    """Oldest first, undated first, briefs of the same date by slug."""
    return sorted(sorted(briefs, key=lambda b: b.slug), key=lambda b: b.date or "")


def chunks(items: Sequence, size: int | None = None) -> list[Sequence]:
    """`items` in consecutive runs of `size` (`BRIEFS_PER_PAGE`); one empty run when none."""
    size = size or BRIEFS_PER_PAGE
    return [items[start : start + size] for start in range(0, len(items), size)] or [items[:0]]


def topic_summary(cover: TopicCoverage) -> TopicSummary:
    """Made once per coverage object (a build session keeps unchanged ones), and an equal one
    kept from the last build if there is one."""

    return PER_OBJECT.value(cover, "summary", lambda: kept_value(_topic_summary(cover)))


def _topic_summary(cover: TopicCoverage) -> TopicSummary:
    dates = sorted(b.date for b in cover.briefs if b.date)
    return TopicSummary(
        brief_count=len(cover.briefs),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        publishers=tuple(sorted({b.publisher for b in cover.briefs if b.publisher})),
        quote_count=len(cover.quotes),
        speakers=tuple(cover.speakers),
        timeline=links_to(by_date(cover.briefs)),
        related=tuple(cover.related),
    )


def topic_parts(cover: TopicCoverage) -> list[TopicPart]:
    """The topic's briefs in pages of `BRIEFS_PER_PAGE`, in the coverage's order (newest first);
    made once per coverage object."""
    return PER_OBJECT.value(cover, "parts", lambda: _topic_parts(cover))


def _topic_parts(cover: TopicCoverage) -> list[TopicPart]:
    runs = chunks(cover.briefs)
    page_of = {b.source: n for n, run in enumerate(runs) for b in run}
    groups: list[list[list[ClaimRef]]] = [[] for _ in runs]
    for group in cover.claim_groups:
        groups[page_of[group[0].brief.source]].append(group)
    quotes: list[list[QuoteRef]] = [[] for _ in runs]
    for ref in cover.quotes:
        quotes[page_of[ref.brief.source]].append(ref)
    parts = []
    for index, run in enumerate(runs):
        numbers = PageNumbers(f"topics/{cover.topic.id}", index + 1, len(runs))
        first = sum(len(earlier) for earlier in runs[:index]) + 1
        evidence = tuple(cover.evidence[b.source] for b in run)

        def make(index=index, run=run, numbers=numbers, first=first, evidence=evidence):
            return TopicPart(
                numbers=numbers,
                first=first,
                briefs=links_to(run),
                claim_groups=tuple(
                    tuple(ClaimLine(r.claim.text, r.claim.paragraph, link_to(r.brief)) for r in g)
                    for g in groups[index]
                ),
                quotes=tuple(QuoteLine(r.quote, link_to(r.brief)) for r in quotes[index]),
                evidence=evidence,
            )

        # An edit touches few of a topic's pages: the others are kept (so hashed) once.
        made_of = (
            numbers,
            first,
            tuple(map(id, run)),
            tuple(tuple((id(r.claim), id(r.brief)) for r in g) for g in groups[index]),
            tuple((id(r.quote), id(r.brief)) for r in quotes[index]),
            tuple(map(id, evidence)),
        )
        # The ids stay unique while the briefs holding those claims, quotes and evidence live.
        holds = (run, [r.brief for g in groups[index] for r in g])
        parts.append(kept_view(("topic part", made_of), make, holds))
    return parts


class SpeakerRow(NamedTuple):
    name: str
    quotes: int
    briefs: int
    roles: tuple[str, ...]  # distinct ignoring case (as Jinja's `unique`), first spelling kept


def speaker_rows(speakers: Sequence[Speaker], kind: str) -> tuple[SpeakerRow, ...]:
    """The people or organisations index: what it shows of each, and nothing it does not."""
    return tuple(
        SpeakerRow(s.name, len(s.quotes), len(s.briefs), distinct_roles(s))
        for s in speakers
        if s.kind == kind
    )


def distinct_roles(speaker: Speaker) -> tuple[str, ...]:
    first_spelling: dict[str, str] = {}
    for role, _brief in speaker.roles:
        first_spelling.setdefault(role.lower(), role)
    return tuple(first_spelling.values())


class BriefRow(NamedTuple):
    link: BriefLink
    topics: tuple[tuple[str, str], ...]  # (id, name)
    quotes: int  # attributed quotations


def brief_rows(briefs: Sequence[Brief]) -> tuple[BriefRow, ...]:
    return tuple(
        BriefRow(
            link_to(b),
            tuple((m.id, m.name) for m in b.topics),
            sum(1 for q in b.quotes if q.speaker),
        )
        for b in briefs
    )


class EventRow(NamedTuple):
    year: int
    sentence: str
    paragraph: str
    brief: BriefLink


def timeline_rows(corpus: Corpus) -> tuple[tuple[BriefLink, ...], tuple[BriefLink, ...], tuple]:
    """The timeline page: dated briefs by date (then slug), undated briefs, and dated events."""
    return (
        links_to(by_date(b for b in corpus.briefs if b.date)),
        links_to(b for b in corpus.briefs if not b.date),
        tuple(
            EventRow(ref.event.year, ref.event.sentence, ref.event.paragraph, link_to(ref.brief))
            for ref in corpus.events
        ),
    )


@dataclass(frozen=True)
class SpeakerSummary:
    """The first page of a person or organisation: roles, counts, reported speech, briefs."""

    roles: tuple[tuple[str, BriefLink], ...]
    quote_count: int
    claims: tuple[tuple[str, str, BriefLink], ...]  # (text, paragraph, brief) in reported speech
    briefs: tuple[BriefLink, ...]  # every brief naming them


@dataclass(frozen=True)
class SpeakerPart:
    """One page's share of a speaker's quotations: the briefs quoting them, with the quotes."""

    numbers: PageNumbers
    quoted: tuple[tuple[BriefLink, tuple[Quote, ...]], ...]


def speaker_summary(speaker: Speaker) -> SpeakerSummary:
    """Made once per speaker object (a build session keeps unchanged ones), and an equal one
    kept from the last build if there is one."""

    return PER_OBJECT.value(speaker, "summary", lambda: kept_value(_speaker_summary(speaker)))


def _speaker_summary(speaker: Speaker) -> SpeakerSummary:
    return SpeakerSummary(
        roles=tuple((role, link_to(brief)) for role, brief in speaker.roles),
        quote_count=len(speaker.quotes),
        claims=tuple((r.claim.text, r.claim.paragraph, link_to(r.brief)) for r in speaker.claims),
        briefs=links_to(speaker.briefs),
    )


def speaker_parts(speaker: Speaker, path: str) -> list[SpeakerPart]:
    """The briefs quoting the speaker, in the order of `speaker.briefs`, in pages of
    `BRIEFS_PER_PAGE`; `path` is the speaker's page. Made once per speaker object and path."""
    return PER_OBJECT.value(speaker, ("parts", path), lambda: _speaker_parts(speaker, path))


def _speaker_parts(speaker: Speaker, path: str) -> list[SpeakerPart]:
    quotes_by_source: dict[str, list[Quote]] = defaultdict(list)
    for ref in speaker.quotes:
        quotes_by_source[ref.brief.source].append(ref.quote)
    quoted = [
        (link_to(b), tuple(quotes_by_source[b.source]))
        for b in speaker.briefs
        if b.source in quotes_by_source
    ]
    runs = chunks(quoted)
    stem = path.removesuffix(".md")
    return [
        SpeakerPart(PageNumbers(stem, index + 1, len(runs)), tuple(run))
        for index, run in enumerate(runs)
    ]


# Frozen views a build session may keep from one build to the next: the memo hashes each object
# once (`RenderMemo.stable_token`) instead of on every build.
STABLE_VIEWS = (TopicSummary, TopicPart, SpeakerSummary, SpeakerPart)
