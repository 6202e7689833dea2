"""A topic's briefing and its coverage over time, on real articles of the development corpus's dev
half analysed as a build analyses them (tests/corpus/dev, with its topic file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.analyse.themes import topic_term_patterns
from generator.corpus.briefing import BRIEFING_CLAIMS, coverage_periods
from generator.corpus.crosslinks import build_corpus
from generator.render.pages import render_site
from tests.conftest import analysed_dev
from tests.test_render import page_texts

CORPUS = Path(__file__).resolve().parent / "corpus"
WAR = "russia-ukraine"
# Articles on Russia and the war in Ukraine from four publishers, one of them undated, one
# (the Biden-Sunak remarks) touching the war only in passing.
ARTICLES = (
    "treasury-2018-04-06-russian-oligarchs-designated.md",
    "whitehouse-2025-03-01-ukraine-peace-support-reactions.md",
    "whitehouse-2023-06-08-biden-sunak-bilateral-remarks.md",
    "justice-department-undated-russian-spear-phishing-domains.txt",
    "ec-echo-2026-02-24-ukraine-country-page.md",
)


@pytest.fixture(scope="module")
def war_corpus(nlp):
    briefs, topics = analysed_dev(nlp, ARTICLES)
    return build_corpus(briefs, topics, [])


def coverage_of(corpus, topic_id=WAR):
    return next(c for c in corpus.topics if c.topic.id == topic_id)


def test_the_briefing_takes_claims_naming_the_topic_one_per_brief_before_a_second(war_corpus):
    war = coverage_of(war_corpus)
    lines = [war.candidates[i][0] for i in war.briefing]
    assert len(lines) == min(BRIEFING_CLAIMS, len(war.candidates))
    any_term, _ = topic_term_patterns(war.topic.terms)
    assert all(any_term.search(ref.claim.text.replace("’", "'")) for ref in lines)
    main = {b.source for b in war.briefs if any(m.main for m in b.topics if m.id == WAR)}
    with_claims = {ref.brief.source for group in war.candidates for ref in group} & main
    first = [ref.brief.source for ref in lines[: len(with_claims)]]
    assert sorted(first) == sorted(with_claims)  # every main brief gives one before any gives two
    # the treasury release alone has as many claims naming Russia as the briefing has lines
    treasury = [g for g in war.claim_groups if g[0].brief.source.startswith("treasury")]
    assert len(treasury) >= BRIEFING_CLAIMS
    assert sum(ref.brief.source.startswith("treasury") for ref in lines) <= 2


def test_a_brief_touching_the_topic_in_passing_gives_no_line_while_main_briefs_have_claims(
    war_corpus,
):
    war = coverage_of(war_corpus)
    passing = {b.source for b in war.briefs if not any(m.main for m in b.topics if m.id == WAR)}
    assert "whitehouse-2023-06-08-biden-sunak-bilateral-remarks.md" in passing
    chosen = {war.candidates[i][0].brief.source for i in war.briefing}
    main_lines = sum(1 for g in war.candidates if g[0].brief.source not in passing)
    if main_lines >= BRIEFING_CLAIMS:
        assert not chosen & passing


def test_the_topic_page_leads_with_the_briefing_each_line_dated_sourced_and_linked(war_corpus):
    page = page_texts(render_site(war_corpus))[f"topics/{WAR}.md"]
    briefing = page.split("## Briefing", 1)[1].split("\n## ", 1)[0]
    assert page.index("## Briefing") < page.index("## All claims")
    coverage = briefing.split("**Coverage:** ", 1)[1].split("\n", 1)[0]
    assert coverage.startswith("5 briefs, 4 mainly about the topic and 1 touching it in passing")
    assert "dated 2018-04-06 to 2026-02-24, 1 undated; from 4 publishers" in coverage
    assert "U.S. Department of the Treasury 1" in coverage
    lines = [line for line in briefing.splitlines() if line.startswith("1. ")]
    assert len(lines) == BRIEFING_CLAIMS
    briefs = {b.slug: b for b in war_corpus.briefs}
    for line in lines:
        slug, paragraph = line.rsplit("](../briefs/", 1)[1].split(")", 1)[0].split(".md#")
        text = line.removeprefix("1. ").split(" — ", 1)[0]
        stands = next(p.text for p in briefs[slug].paragraphs if p.id == paragraph)
        assert text.replace("\\", "") in stands  # verbatim, and the ¶ link lands on it
        brief = briefs[slug]
        assert f"{brief.publisher or 'Publisher not stated'} · {brief.date or 'undated'}" in line


def test_over_time_lists_periods_newest_first_and_keeps_undated_briefs_apart(war_corpus):
    war = coverage_of(war_corpus)
    periods, undated = coverage_periods(war.briefs, war.claim_groups, [1.0] * len(war.claim_groups))
    assert [p.label for p in periods] == ["2026", "2025", "2023", "2018"]  # 2018–2026: years
    assert [b.source for b in undated] == [
        "justice-department-undated-russian-spear-phishing-domains.txt"
    ]
    assert sum(len(p.briefs) for p in periods) + len(undated) == len(war.briefs)
    page = page_texts(render_site(war_corpus))[f"topics/{WAR}.md"]
    over_time = page.split("## Over time", 1)[1].split("\n## ", 1)[0]
    assert over_time.index("**2026**") < over_time.index("**2018**")
    assert f"**Undated** — {len(undated)} brief" in over_time
    for brief in undated:
        assert f"briefs/{brief.slug}.md" in over_time.split("**Undated**", 1)[1]
    assert "leading: " in over_time.split("**2018**", 1)[1].split("\n", 1)[0]


def test_periods_are_months_within_a_year_and_quarters_within_four(war_corpus):
    from dataclasses import replace

    war = coverage_of(war_corpus)
    months = [replace(b, date=f"2024-0{n + 1}-15") for n, b in enumerate(war.briefs)]
    periods, undated = coverage_periods(months, [], [])
    assert [p.label for p in periods] == ["2024-05", "2024-04", "2024-03", "2024-02", "2024-01"]
    assert not undated
    quarters = [replace(b, date=f"202{n}-0{n + 1}-15") for n, b in enumerate(war.briefs[:4])]
    periods, _ = coverage_periods(quarters, [], [])
    assert [p.label for p in periods] == ["2023 Q2", "2022 Q1", "2021 Q1", "2020 Q1"]
