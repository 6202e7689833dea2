"""What a long listing page gets: its entries split into pages of a bounded size, and summaries
made of plain values (names, counts, links) rather than whole briefs.

A topic that half the archive mentions would otherwise be one page of megabytes, and one edited
brief would mean rendering all of it again: split, an edit re-renders the page that holds the
brief, and a summary that does not change is not rendered again (see `page_content.TemplatePage`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from generator.cache import PER_OBJECT
from generator.corpus.briefing import PERIODS_SHOWN
from generator.corpus.crosslinks import (
    ClaimRef,
    Corpus,
    QuoteRef,
    Speaker,
    TopicCoverage,
)
from generator.corpus.stories import Story, StoryClaim, claim_words, story_claims
from generator.corpus.subquestions import SubQuestion
from generator.model import Brief, Claim, Evidence, Quote, SeedProblem, Topic

# C0 and C1 controls: never written to a page (render) nor to the terminal (printable).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
BRIEFS_PER_PAGE = 50  # on a topic's or a speaker's pages: 25 made a third of a page its chrome
PAGER_REACH = 3  # pages either side of the current one that its pager links
ROWS_PER_PAGE = 100  # on a site-wide index: briefs, people, organisations, events
OTHERS_SHOWN = 5  # briefs linked from a claim or role that many give; the rest counted
SPEAKERS_SHOWN = 20  # on a topic's first page, most quoted first; the rest counted
UNDATED_SHOWN = 20  # undated briefs linked under a topic's "Over time"; the rest counted
SUB_QUESTION_CLAIMS = 3  # claims shown under a sub-question; the rest counted
SUB_QUESTION_SPEAKERS = 6  # rows of a sub-question's who-says-what table; the rest counted
TOPIC_STORIES = 10  # stories listed on a topic's first page, newest first; the rest counted


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


class OtherClaim(NamedTuple):
    """Where else a claim stands (its words are those of the group's first claim, or nearly)."""

    paragraph: str
    brief: BriefLink


class ClaimGroupLine(NamedTuple):
    """A claim and the briefs repeating it: the first few linked, the others counted."""

    first: ClaimLine
    others: tuple[OtherClaim, ...]  # at most OTHERS_SHOWN
    more: int  # briefs repeating it beyond those linked


def claim_group_line(group: Sequence[ClaimRef]) -> ClaimGroupLine:
    head, *rest = group
    shown = rest[:OTHERS_SHOWN]
    linked = {id(head.brief), *(id(r.brief) for r in shown)}
    more = len({id(r.brief) for r in rest[OTHERS_SHOWN:]} - linked)
    return ClaimGroupLine(
        ClaimLine(head.claim.text, head.claim.paragraph, link_to(head.brief)),
        tuple(OtherClaim(r.claim.paragraph, link_to(r.brief)) for r in shown),
        more,
    )


class BriefingLine(NamedTuple):
    """A line of a topic's briefing: the claim, where it stands, whose reported speech it is,
    and how many publishers and briefs state it."""

    text: str
    paragraph: str
    brief: BriefLink
    speaker: str | None
    publishers: int
    briefs: int


def briefing_line(group: Sequence[ClaimRef]) -> BriefingLine:
    head = group[0]
    return BriefingLine(
        head.claim.text,
        head.claim.paragraph,
        link_to(head.brief),
        head.claim.speaker,
        len({ref.brief.publisher for ref in group if ref.brief.publisher}),
        len({ref.brief.source for ref in group}),
    )


class SayRow(NamedTuple):
    """A speaker's words on a topic or sub-question: their first full quotation on it (else
    their first partial one), where it stands, and how many more they have on it."""

    speaker: str
    quote: Quote
    brief: BriefLink
    more: int


def say_rows(refs: Sequence[QuoteRef], names: dict[str, str]) -> list[SayRow]:
    """One row per speaker with a page, most quoted first (then first quoted first)."""
    by_speaker: dict[str, list[QuoteRef]] = {}
    for ref in refs:
        name = names.get(ref.quote.speaker or "")
        if name:
            by_speaker.setdefault(name, []).append(ref)
    ordered = sorted(by_speaker.items(), key=lambda item: -len(item[1]))  # stable: first quoted
    rows = []
    for name, said in ordered:
        first = next((r for r in said if r.quote.kind == "full"), said[0])
        rows.append(SayRow(name, first.quote, link_to(first.brief), len(said) - 1))
    return rows


class SubQuestionView(NamedTuple):
    """A sub-question on a topic's first page: its heaviest claims and who says what on it."""

    title: str
    from_editor: bool
    briefs: int
    claims: tuple[BriefingLine, ...]
    more_claims: int
    says: tuple[SayRow, ...]
    more_speakers: int


def sub_question_view(cover: TopicCoverage, question: SubQuestion) -> SubQuestionView:
    says = say_rows([cover.quotes[i] for i in question.quotes], cover.speaker_names)
    return SubQuestionView(
        question.title[:1].upper() + question.title[1:],  # "lunar surface" titles a section
        question.from_editor,
        question.briefs,
        tuple(briefing_line(cover.candidates[i]) for i in question.claims[:SUB_QUESTION_CLAIMS]),
        max(0, len(question.claims) - SUB_QUESTION_CLAIMS),
        tuple(says[:SUB_QUESTION_SPEAKERS]),
        max(0, len(says) - SUB_QUESTION_SPEAKERS),
    )


class PeriodRow(NamedTuple):
    """A period of a topic's coverage: its briefs (linked when the topic has one page, else
    counted) and the heaviest claim its briefs make on the topic."""

    label: str
    count: int
    briefs: tuple[BriefLink, ...]
    lead: BriefingLine | None


class MonthRow(NamedTuple):
    """A month of coverage in a timeline: how many briefs, and the listing page that holds the
    newest of them."""

    month: str  # "2023-03" (or the year alone, for a date given as a year)
    briefs: int
    page: int


def months_of(briefs: Sequence[Brief], per_page: int) -> tuple[MonthRow, ...]:
    """The months of the dated `briefs` (in their listing's order), newest first; `per_page`:
    how many briefs a page of that listing holds."""
    counts: dict[str, int] = {}
    first_at: dict[str, int] = {}
    for position, brief in enumerate(briefs):
        if brief.date:
            month = brief.date[:7]
            counts[month] = counts.get(month, 0) + 1
            first_at.setdefault(month, position)
    return tuple(
        MonthRow(month, counts[month], first_at[month] // per_page + 1)
        for month in sorted(counts, reverse=True)
    )


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

    @property
    def shown(self) -> list[int | None]:
        """The pages the pager links: the first, the last and three either side of this one,
        None for a gap. Linking every page gave each page of a 100-page listing 100 links, and
        Markdown's links made most of the time of building them."""
        near = range(
            max(1, self.number - PAGER_REACH), min(self.count, self.number + PAGER_REACH) + 1
        )
        shown: list[int | None] = []
        for number in sorted({1, self.count, *near}):
            if shown and number > (shown[-1] or 0) + 1:
                shown.append(None)
            shown.append(number)
        return shown

    @property
    def search(self) -> dict[str, bool] | None:
        """Front matter for the search index: a listing's further pages stay out of it. What
        they hold (quotes, claims, rows of links) stands on the briefs' own pages, which search
        finds; indexing it again made the index a quarter larger and the build slower."""
        return None if self.number == 1 else {"exclude": True}


@dataclass(frozen=True)
class TopicSummary:
    """The first page's overview of a topic: counts, speakers, timeline and related topics."""

    brief_count: int
    passing: int  # of them, briefs only touching the topic in passing
    first_date: str | None
    last_date: str | None
    publishers: tuple[tuple[str, int], ...]  # (publisher, briefs), most first
    unpublished: int  # briefs whose publisher is not stated
    briefing: tuple[BriefingLine, ...]
    periods: tuple[PeriodRow, ...]  # newest first, PERIODS_SHOWN
    earlier_periods: int  # periods beyond those shown
    undated_briefs: tuple[BriefLink, ...]  # UNDATED_SHOWN of them
    sub_questions: tuple[SubQuestionView, ...]
    stories: tuple[StoryRow, ...]  # TOPIC_STORIES of them, newest first
    more_stories: int
    who_says: tuple[SayRow, ...]  # SPEAKERS_SHOWN rows
    quote_count: int
    speakers: tuple[tuple[str, int], ...]  # (name, quotations), most first, SPEAKERS_SHOWN
    other_speakers: int  # quoted on the topic beyond those shown
    # A topic of several pages: the months (newest first) with the page listing each month's
    # newest brief.
    months: tuple[MonthRow, ...]
    undated: int  # briefs without a date
    related: tuple[tuple[Topic, int], ...]


@dataclass(frozen=True)
class TopicPart:
    """One page's share of a topic: its briefs, and the claims, quotes and evidence they hold."""

    numbers: PageNumbers
    first: int  # position of its first brief among all the topic's briefs, from 1
    briefs: tuple[BriefLink, ...]
    claim_groups: tuple[ClaimGroupLine, ...]  # groups whose first claim is in these briefs
    quotes: tuple[QuoteLine, ...]
    evidence: tuple[tuple[Evidence, ...], ...]  # per brief, in the order of `briefs`
    passing: tuple[bool, ...] = ()  # per brief: it only touches the topic in passing


def by_date(briefs: Iterable[Brief]) -> list[Brief]:
    """Oldest first, undated first, briefs of the same date by slug."""
    return sorted(sorted(briefs, key=lambda b: b.slug), key=lambda b: b.date or "")


def chunks(items: Sequence, size: int | None = None) -> list[Sequence]:
    """`items` in consecutive runs of `size` (`BRIEFS_PER_PAGE`); one empty run when none."""
    size = size or BRIEFS_PER_PAGE
    return [items[start : start + size] for start in range(0, len(items), size)] or [items[:0]]


def is_main(brief: Brief, topic_id: str) -> bool:
    """Whether the brief's article is about the topic, not only touching it in passing."""
    return any(m.main for m in brief.topics if m.id == topic_id)


def topic_summary(cover: TopicCoverage) -> TopicSummary:
    dates = sorted(b.date for b in cover.briefs if b.date)
    publishers = Counter(b.publisher for b in cover.briefs if b.publisher)
    one_page = len(cover.briefs) <= BRIEFS_PER_PAGE
    return TopicSummary(
        brief_count=len(cover.briefs),
        passing=sum(not is_main(b, cover.topic.id) for b in cover.briefs),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        publishers=tuple(sorted(publishers.items(), key=lambda item: (-item[1], item[0]))),
        unpublished=sum(1 for b in cover.briefs if not b.publisher),
        briefing=tuple(briefing_line(cover.candidates[i]) for i in cover.briefing),
        periods=tuple(
            PeriodRow(
                period.label,
                len(period.briefs),
                links_to(period.briefs) if one_page else (),
                None if period.lead is None else briefing_line(cover.candidates[period.lead]),
            )
            for period in cover.periods[:PERIODS_SHOWN]
        ),
        earlier_periods=max(0, len(cover.periods) - PERIODS_SHOWN),
        undated_briefs=links_to(cover.undated[:UNDATED_SHOWN]),
        sub_questions=tuple(sub_question_view(cover, q) for q in cover.sub_questions),
        stories=story_rows(cover.stories)[:TOPIC_STORIES],
        more_stories=max(0, len(cover.stories) - TOPIC_STORIES),
        who_says=tuple(say_rows(cover.quotes, cover.speaker_names)[:SPEAKERS_SHOWN]),
        quote_count=len(cover.quotes),
        speakers=tuple(cover.speakers[:SPEAKERS_SHOWN]),
        other_speakers=max(0, len(cover.speakers) - SPEAKERS_SHOWN),
        months=months_of(cover.briefs, BRIEFS_PER_PAGE)
        if len(cover.briefs) > BRIEFS_PER_PAGE
        else (),
        undated=sum(1 for b in cover.briefs if not b.date),
        related=tuple(cover.related),
    )


def topic_parts(cover: TopicCoverage) -> list[TopicPart]:
    """The topic's briefs in pages of `BRIEFS_PER_PAGE`, in the coverage's order (newest first)."""
    runs = chunks(cover.briefs)
    page_of = {b.source: n for n, run in enumerate(runs) for b in run}
    groups: list[list[list[ClaimRef]]] = [[] for _ in runs]
    for group in cover.claim_groups:
        groups[page_of[group[0].brief.source]].append(group)
    quotes: list[list[QuoteRef]] = [[] for _ in runs]
    for ref in cover.quotes:
        quotes[page_of[ref.brief.source]].append(ref)
    return [
        TopicPart(
            numbers=PageNumbers(f"topics/{cover.topic.id}", index + 1, len(runs)),
            first=index * BRIEFS_PER_PAGE + 1,
            briefs=links_to(run),
            claim_groups=tuple(claim_group_line(g) for g in groups[index]),
            quotes=tuple(QuoteLine(r.quote, link_to(r.brief)) for r in quotes[index]),
            evidence=tuple(cover.evidence[b.source] for b in run),
            passing=tuple(not is_main(b, cover.topic.id) for b in run),
        )
        for index, run in enumerate(runs)
    ]


class SpeakerRow(NamedTuple):
    name: str
    quotes: int
    briefs: int
    roles: tuple[str, ...]  # distinct ignoring case (as Jinja's `unique`), first spelling kept


def speaker_rows(speakers: Sequence[Speaker], kind: str) -> tuple[SpeakerRow, ...]:
    """The people or organisations index: what it shows of each, and nothing it does not."""
    return tuple(speaker_row(s) for s in speakers if s.kind == kind)


def speaker_row(speaker: Speaker) -> SpeakerRow:
    make = lambda: SpeakerRow(  # noqa: E731
        speaker.name, len(speaker.quotes), len(speaker_briefs(speaker)), distinct_roles(speaker)
    )
    return PER_OBJECT.value(speaker, "row", make)


def distinct_roles(speaker: Speaker) -> tuple[str, ...]:
    first_spelling: dict[str, str] = {}
    for role, _brief in speaker.roles:
        first_spelling.setdefault(role.lower(), role)
    return tuple(first_spelling.values())


class BriefRow(NamedTuple):
    link: BriefLink
    topics: tuple[tuple[str, str], ...]  # (id, name)
    quotes: int  # attributed quotations


@dataclass(frozen=True)
class TopicRow:
    """A topic as the topics index lists it."""

    id: str
    name: str
    briefs: int
    quotes: int
    description: str


def topic_rows(coverage: Sequence) -> tuple[TopicRow, ...]:
    """The topics index: each topic's name, counts and description, in the topic file's order."""
    return tuple(
        TopicRow(c.topic.id, c.topic.name, len(c.briefs), len(c.quotes), c.topic.description)
        for c in coverage
    )


def brief_rows(briefs: Sequence[Brief]) -> tuple[BriefRow, ...]:
    return tuple(PER_OBJECT.value(b, "row", lambda b=b: _brief_row(b)) for b in briefs)


def _brief_row(brief: Brief) -> BriefRow:
    topics = tuple((m.id, m.name) for m in brief.topics)
    return BriefRow(link_to(brief), topics, sum(1 for q in brief.quotes if q.speaker))


@dataclass(frozen=True)
class RowPart:
    """One page of a site-wide index: its rows, and where they stand."""

    numbers: PageNumbers
    first: int  # position of its first row among all, from 1
    rows: tuple


def row_parts(rows: Sequence, stem: str) -> list[RowPart]:
    """`rows` in pages of `ROWS_PER_PAGE`, page 1 at `stem.md`."""
    runs = chunks(rows, ROWS_PER_PAGE)
    return [
        RowPart(PageNumbers(stem, n + 1, len(runs)), n * ROWS_PER_PAGE + 1, tuple(run))
        for n, run in enumerate(runs)
    ]


class ProblemRow(NamedTuple):
    """A row of the Seed report: one seed, or many with the same problem."""

    sources: tuple[str, ...]
    location: str | None
    reason: str
    action: str
    skipped: bool


GROUP_PROBLEMS_FROM = 20  # more files with one problem than this share a row


def problem_rows(problems: Sequence[SeedProblem]) -> list[ProblemRow]:
    """The Seed report's rows in the order of the problems; the files of a problem that more
    than GROUP_PROBLEMS_FROM files share stand in one row, where the first of them stood (50,000
    empty files are one problem, not 500 pages of it)."""
    by_problem: dict[tuple, list[SeedProblem]] = defaultdict(list)
    for problem in problems:
        by_problem[shared_fields(problem)].append(problem)
    rows = []
    for problem in problems:
        shared = by_problem[shared_fields(problem)]
        if len(shared) <= GROUP_PROBLEMS_FROM:
            rows.append(ProblemRow((problem.source,), *shared_fields(problem)))
        elif shared[0] is problem:
            rows.append(ProblemRow(tuple(p.source for p in shared), *shared_fields(problem)))
    return rows


def shared_fields(problem: SeedProblem) -> tuple:
    """What a row of the Seed report shows of a problem besides its file: the files of equal
    ones share a row."""
    return problem.location, problem.reason, problem.action, problem.skipped


def shown_files(sources: tuple[str, ...]) -> str:
    """A file's name, or how many files and the first and last of them, fit for a terminal."""
    if len(sources) == 1:
        return printable(sources[0])
    return printable(f"{len(sources):,} files ({sources[0]}, {sources[1]}, … {sources[-1]})")


def printable(text: str) -> str:
    """A line for the terminal: a file name's control characters (escape sequences, line
    breaks) shown as U+FFFD, never acted on."""
    return CONTROL_CHARACTERS.sub("\ufffd", text)


class EventRow(NamedTuple):
    year: int
    sentence: str
    paragraph: str
    brief: BriefLink


@dataclass(frozen=True)
class TimelineSummary:
    """The first page of the site's timeline: every brief by date while the briefs index has one
    page; beyond, the coverage by month (each month's page in the briefs index)."""

    dated: tuple[BriefLink, ...]  # oldest first, on a site of one page of briefs
    undated: tuple[BriefLink, ...]  # the same
    months: tuple[MonthRow, ...]  # newest first, on a larger site
    undated_count: int
    undated_page: int  # the page of the briefs index where the undated briefs begin


def timeline_summary(corpus: Corpus) -> TimelineSummary:
    """`corpus.briefs` is the briefs index's order (newest first, undated last), which the
    month rows link to."""
    briefs = corpus.briefs
    undated = [b for b in briefs if not b.date]
    undated_page = (len(briefs) - len(undated)) // ROWS_PER_PAGE + 1
    if len(briefs) <= ROWS_PER_PAGE:
        dated = links_to(by_date(b for b in briefs if b.date))
        summary = TimelineSummary(dated, links_to(undated), (), len(undated), undated_page)
    else:
        months = months_of(briefs, ROWS_PER_PAGE)
        summary = TimelineSummary((), (), months, len(undated), undated_page)
    return summary


def event_rows(corpus: Corpus) -> tuple[EventRow, ...]:
    """The dated events of every brief, oldest first."""
    return tuple(
        EventRow(ref.event.year, ref.event.sentence, ref.event.paragraph, link_to(ref.brief))
        for ref in corpus.events
    )


@dataclass(frozen=True)
class SpeakerSummary:
    """The first page of a person or organisation: the roles given them, and counts."""

    # Each role once (ignoring case, first spelling): the first briefs giving it (OTHERS_SHOWN),
    # and how many more do.
    roles: tuple[tuple[str, tuple[BriefLink, ...], int], ...]
    quote_count: int
    brief_count: int  # briefs naming them


@dataclass(frozen=True)
class SpeakerPart:
    """One page's share of a speaker's briefs: those briefs, with what each quotes of the
    speaker and the claims it attributes to them in reported speech."""

    numbers: PageNumbers
    first: int  # position of its first brief among all the speaker's briefs, from 1
    briefs: tuple[BriefLink, ...]
    quoted: tuple[tuple[BriefLink, tuple[Quote, ...]], ...]  # those of `briefs` quoting them
    claims: tuple[tuple[str, str, BriefLink], ...]  # (text, paragraph, brief) in `briefs`


def speaker_summary(speaker: Speaker) -> SpeakerSummary:
    spelling: dict[str, str] = {}
    givers: dict[str, dict[int, Brief]] = defaultdict(dict)  # role → briefs giving it
    for role, brief in speaker.roles:
        spelling.setdefault(role.lower(), role)
        givers[role.lower()].setdefault(id(brief), brief)
    roles = []
    for key, role in spelling.items():
        briefs = list(givers[key].values())
        roles.append((role, links_to(briefs[:OTHERS_SHOWN]), len(briefs[OTHERS_SHOWN:])))
    return SpeakerSummary(
        roles=tuple(roles),
        quote_count=len(speaker.quotes),
        brief_count=len(speaker_briefs(speaker)),
    )


def speaker_briefs(speaker: Speaker) -> list[Brief]:
    """Every brief naming the speaker, quoting them or reporting what they said: those quoting
    them first (`speaker.briefs`' order), each group newest first."""
    briefs = {id(b): b for b in speaker.briefs}
    for ref in (*speaker.quotes, *speaker.claims):
        briefs.setdefault(id(ref.brief), ref.brief)
    return list(briefs.values())


def speaker_parts(speaker: Speaker, path: str) -> list[SpeakerPart]:
    """The speaker's briefs (`speaker_briefs`) in pages of `BRIEFS_PER_PAGE`; `path` is the
    speaker's page."""
    quotes: dict[int, list[Quote]] = defaultdict(list)
    for ref in speaker.quotes:
        quotes[id(ref.brief)].append(ref.quote)
    claims: dict[int, list[Claim]] = defaultdict(list)
    for ref in speaker.claims:
        claims[id(ref.brief)].append(ref.claim)
    runs = chunks(speaker_briefs(speaker))
    stem = path.removesuffix(".md")
    return [
        SpeakerPart(
            numbers=PageNumbers(stem, index + 1, len(runs)),
            first=index * BRIEFS_PER_PAGE + 1,
            briefs=links_to(run),
            quoted=tuple((link_to(b), tuple(quotes[id(b)])) for b in run if id(b) in quotes),
            claims=tuple(
                (claim.text, claim.paragraph, link_to(b)) for b in run for claim in claims[id(b)]
            ),
        )
        for index, run in enumerate(runs)
    ]


# --- stories ------------------------------------------------------------------------------------

STORY_SHARED_SHOWN = 6  # claims several of a story's briefs report
STORY_ONLY_SHOWN = 3  # claims only one brief reports, per brief
STORIES_ON_HOME = 5
SAME_FACT_SHARE = 0.5  # of the shorter claim's words, shared with a claim already shown


class StoryRow(NamedTuple):
    """A story as a listing shows it: its page, first headline, dates and publishers."""

    slug: str
    title: str
    first_date: str | None
    last_date: str | None
    briefs: int
    publishers: tuple[str, ...]


def story_row(story: Story) -> StoryRow:
    dates = [b.date for b in story.briefs if b.date]
    return StoryRow(
        story.slug,
        story.briefs[0].title,
        min(dates, default=None),
        max(dates, default=None),
        len(story.briefs),
        story.publishers,
    )


def story_rows(stories: Sequence[Story]) -> tuple[StoryRow, ...]:
    """Newest last brief first: the stories index and the home page's latest stories."""
    rows = [story_row(story) for story in stories]
    return tuple(sorted(rows, key=lambda r: (r.last_date or "", r.slug), reverse=True))


class StoryClaimLine(NamedTuple):
    text: str
    paragraph: str
    brief: BriefLink
    speaker: str | None
    reported_by: tuple[BriefLink, ...]


class StoryPage(NamedTuple):
    """A story's page: the headlines side by side, what several report, what only one does."""

    row: StoryRow
    briefs: tuple[BriefLink, ...]  # oldest first
    shared: tuple[StoryClaimLine, ...]
    only: tuple[tuple[BriefLink, tuple[StoryClaimLine, ...]], ...]  # per brief


def story_page(story: Story) -> StoryPage:
    claims = story_claims(story)

    def line(item: StoryClaim) -> StoryClaimLine:
        return StoryClaimLine(
            item.claim.text,
            item.claim.paragraph,
            link_to(item.brief),
            item.claim.speaker,
            links_to(item.reported_by),
        )

    reported = sorted(
        (c for c in claims if c.reported_by),
        key=lambda c: (-len(c.reported_by), c.claim.rank or 99, story.briefs.index(c.brief)),
    )
    shared: list[StoryClaimLine] = []
    shown: list[frozenset[str]] = []
    for item in reported:
        # a fact two briefs state each in its own words is shown once, the higher ranked
        words = claim_words(item.claim.text)
        if any(
            len(words & other) >= SAME_FACT_SHARE * min(len(words), len(other)) for other in shown
        ):
            continue
        shown.append(words)
        shared.append(line(item))
        if len(shared) == STORY_SHARED_SHOWN:
            break
    only = tuple(
        (
            link_to(brief),
            tuple(line(c) for c in claims if c.brief is brief and not c.reported_by)[
                :STORY_ONLY_SHOWN
            ],
        )
        for brief in story.briefs
    )
    return StoryPage(story_row(story), links_to(story.briefs), tuple(shared), only)
