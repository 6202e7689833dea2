"""A topic's briefing: the few claims a reader should see first, and what is new in each period.

Chosen from the claims that name the topic (found once per article in analysis), grouped where
several briefs state the same thing; a brief none of whose key claims names the topic offers its
first sentence on the topic instead, at the lowest rank. A claim weighs more when its words recur in the topic's
other briefs (centrality), when several publishers report it (corroboration), when its article
is mainly about the topic, when its own brief ranks it high, and when it is recent. No brief
gives more than one claim until every brief with a claim has given one: one long article
cannot fill the briefing.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from generator.analyse.claims import LEANS_ON_CONTEXT
from generator.model import Brief, Claim, Evidence

BRIEFING_CLAIMS = 5
PASSING_WEIGHT = 0.4  # a claim from a brief that only touches the topic in passing
CONTEXT_WEIGHT = 0.3  # a claim that leans on the sentence before ("He also said …"), read alone
RANK_DECAY = 0.25  # per place down its brief's ranking
PERIODS_SHOWN = 12  # the newest periods of coverage listed under "Over time"; the rest counted
EVIDENCE_RANK = 7  # a sentence on the topic that is not a key claim ranks after a brief's six
MIN_EVIDENCE_WORDS = 8  # shorter sentences on the topic are headings, captions or fragments


class ClaimLike(Protocol):  # corpus.crosslinks.ClaimRef, which imports this module
    @property
    def claim(self) -> Claim: ...
    @property
    def brief(self) -> Brief: ...


@dataclass(frozen=True)
class Period:
    """A stretch of the coverage: its label, its briefs (newest first), and the candidate that
    leads it (an index into the topic's briefing candidates), if any."""

    label: str  # "2023-08", "2023 Q3" or "2023"
    briefs: tuple[Brief, ...]
    lead: int | None


def evidence_claim(brief: Brief, evidence: Sequence[Evidence]) -> Claim | None:
    """The brief's first sentence on the topic as a claim of the lowest rank: a complete
    sentence, not a question, not leaning on the one before, and not inside a quotation."""
    for item in evidence:
        sentence = item.sentence.strip()
        if len(sentence.split()) < MIN_EVIDENCE_WORDS or sentence.endswith("?"):
            continue
        if LEANS_ON_CONTEXT.match(sentence):  # "He also emphasised …": whose words, read alone?
            continue
        if any(_within(sentence, q.text) for q in brief.quotes):
            continue  # a quotation's sentence, read alone, hides whose words it is
        return Claim(sentence, item.paragraph, EVIDENCE_RANK, 0.0)
    return None


def _within(sentence: str, quotation: str) -> bool:
    """Whether a sentence stands inside a quotation (or holds one of its sentences whole)."""
    marks = " “”\"'‘’"
    sentence, quotation = sentence.strip(marks), quotation.strip(marks)
    return bool(sentence and quotation) and (sentence in quotation or quotation in sentence)


def claim_group_weights(
    groups: Sequence[Sequence[ClaimLike]],
    words_of: Sequence[frozenset[str]],
    main_sources: frozenset[str],
) -> list[float]:
    """Each group's weight as a briefing line (see the module's docstring); `words_of`: the
    content words of each group's first claim."""
    support: Counter[str] = Counter()
    for words, group in zip(words_of, groups, strict=True):
        for word in words:
            support[word] += len({ref.brief.source for ref in group})
    # A word's support from the topic's other briefs: the group's own briefs taken out.
    dates = sorted({ref.brief.date for group in groups for ref in group if ref.brief.date})
    weights = []
    for words, group in zip(words_of, groups, strict=True):
        own = len({ref.brief.source for ref in group})
        recurring = sum(math.log1p(support[w] - own) for w in words)
        centrality = 1 + recurring / math.sqrt(len(words) or 1)
        publishers = {ref.brief.publisher or ref.brief.source for ref in group}
        head = group[0]
        main = 1.0 if any(ref.brief.source in main_sources for ref in group) else PASSING_WEIGHT
        rank = head.claim.rank or 1
        alone = CONTEXT_WEIGHT if LEANS_ON_CONTEXT.search(head.claim.text) else 1.0
        weights.append(
            centrality
            * (1 + 0.5 * (len(publishers) - 1))
            * main
            * alone
            / (1 + RANK_DECAY * (rank - 1))
            * _recency(head.brief.date, dates)
        )
    return weights


def _recency(date: str | None, dates: Sequence[str]) -> float:
    """0.8 for the oldest or undated, up to 1.0 for the newest date of the topic."""
    if not date or len(dates) < 2:
        return 0.8 if not date else 1.0
    position = dates.index(date) / (len(dates) - 1)
    return 0.8 + 0.2 * position


def briefing_lines(
    groups: Sequence[Sequence[ClaimLike]],
    weights: Sequence[float],
    main_sources: frozenset[str],
    size: int = BRIEFING_CLAIMS,
) -> list[int]:
    """The groups of the briefing (indices into `groups`), heaviest first: from the briefs
    mainly about the topic, one per brief until each has given one, then a second each; from
    briefs touching it in passing only while the briefing is short of `size`."""
    order = sorted(range(len(groups)), key=lambda i: (-weights[i], i))
    main = [any(ref.brief.source in main_sources for ref in group) for group in groups]
    chosen: list[int] = []
    given: Counter[str] = Counter()
    for from_main, allowed in ((True, 1), (True, 2), (False, 1), (True, size), (False, size)):
        for index in order:
            if len(chosen) == size:
                return chosen
            source = groups[index][0].brief.source
            if main[index] == from_main and index not in chosen and given[source] < allowed:
                chosen.append(index)
                given[source] += 1
    return chosen


def coverage_periods(
    briefs: Sequence[Brief], groups: Sequence[Sequence[ClaimLike]], weights: Sequence[float]
) -> tuple[list[Period], list[Brief]]:
    """(the dated briefs by period, newest first, each with its heaviest claim group; the
    undated briefs). Months while the coverage spans at most a year, quarters up to four
    years, years beyond."""
    dated = [b for b in briefs if b.date]
    months = {b.date[:7] for b in dated if len(b.date or "") >= 7}
    years = sorted({(b.date or "")[:4] for b in dated})
    span = int(years[-1]) - int(years[0]) + 1 if years else 0
    label = _month if span <= 1 and len(months) > 1 else _quarter if span <= 4 else _year
    by_period: dict[str, list[Brief]] = defaultdict(list)
    for brief in dated:
        by_period[label(brief.date or "")].append(brief)
    best_of: dict[str, int] = {}
    for index, group in enumerate(groups):
        source_dates = {ref.brief.date for ref in group if ref.brief.date}
        for period in {label(d) for d in source_dates}:
            current = best_of.get(period)
            if current is None or weights[index] > weights[current]:
                best_of[period] = index
    periods = [
        Period(period, tuple(by_period[period]), best_of.get(period))
        for period in sorted(by_period, reverse=True)
    ]
    return periods, [b for b in briefs if not b.date]


def _month(date: str) -> str:
    return date[:7]


def _quarter(date: str) -> str:
    if len(date) < 7:
        return date[:4]  # a date given as a year alone: no quarter to put it in
    return f"{date[:4]} Q{(int(date[5:7]) - 1) // 3 + 1}"


def _year(date: str) -> str:
    return date[:4]
