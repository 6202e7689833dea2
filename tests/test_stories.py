"""Stories: briefs about one event grouped across briefs, on real articles of the development
corpus's dev half analysed as a build does, and their pages."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.corpus.crosslinks import build_corpus
from generator.corpus.stories import STORY_DAYS, find_stories, pairwise_scores, story_claims
from generator.ingest.topics import load_topics
from generator.render.pages import render_site
from tests.conftest import analysed_dev
from tests.test_render import page_texts

CORPUS = Path(__file__).resolve().parent / "corpus"
# NASA's advisory of 13 February 2024 that Johnson's director will speak on Exploration Park, and
# its release of the 15th that Texas A&M was chosen for it: one event. Beside them, a NASA
# newsletter five weeks later, two Mars releases of December 2000 (another event), two VOA space
# stories and an undated NASA town hall.
PARK = (
    "nasa-2024-02-13-johnson-exploration-park-advisory.md",
    "nasa-2024-02-15-texas-am-exploration-park.md",
)
OTHERS = (
    "nasa-2024-03-20-marshall-star.md",
    "nasa-2000-12-01-major-mars-discovery-briefing.md",
    "nasa-2000-12-04-martian-land-of-lakes.md",
    "voa-2024-07-25-exoplanet-lhs-1140b-ocean.txt",
    "voa-2024-11-21-voyager-reconnected.txt",
    "nasa-undated-ai-town-hall.md",
)


@pytest.fixture(scope="module")
def briefs(nlp):
    names = (*PARK, *OTHERS)
    return dict(zip(names, analysed_dev(nlp, names)[0], strict=True))


def test_briefs_on_one_event_days_apart_are_one_story_and_others_stay_apart(briefs):
    stories = find_stories(list(briefs.values()))
    grouped = [sorted(b.source for b in story.briefs) for story in stories]
    assert sorted(PARK) in grouped
    assert not any("nasa-2024-03-20-marshall-star.md" in group for group in grouped)
    park = next(s for s in stories if s.briefs[0].source == PARK[0])
    assert park.slug == "2024-02-13-nasa-johnson-director-to-discuss-exploration"
    assert park.publishers == ("NASA",)


def test_no_story_spans_more_than_its_window_nor_takes_an_undated_brief(briefs):
    advisory, release = (briefs[name] for name in PARK)
    later = replace(release, date="2024-02-28")  # the same text, two weeks on
    assert STORY_DAYS < 13
    assert find_stories([advisory, later]) == []
    assert find_stories([advisory, replace(release, date=None)]) == []


def test_a_storys_claims_say_which_other_briefs_report_them(briefs):
    park = next(s for s in find_stories(list(briefs.values())) if len(s.briefs) == 2)
    claims = story_claims(park)
    shared = [c for c in claims if c.reported_by]
    assert shared and len(shared) < len(claims)
    for item in shared:  # verbatim in its own brief, its words in the other's text
        assert any(item.claim.text in p.text for p in item.brief.paragraphs)
        assert item.reported_by[0] is not item.brief


def test_pairwise_scores_count_pairs_of_ids_against_the_gold_clusters():
    gold = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    scores = pairwise_scores([["a", "b"], ["c", "d"]], gold)
    assert scores["pairs_gold"] == 4 and scores["pairs_found"] == 2
    assert scores["precision"] == 0.5 and scores["recall"] == 0.25
    assert pairwise_scores([], gold)["precision"] == 1.0  # nothing asserted, nothing wrong


def test_a_story_has_a_page_linked_from_its_briefs_the_home_page_and_its_topic(briefs):
    topics = load_topics(CORPUS / "topics.yaml")
    corpus = build_corpus(list(briefs.values()), topics, [])
    pages = page_texts(render_site(corpus))
    slug = "2024-02-13-nasa-johnson-director-to-discuss-exploration"
    story = pages[f"stories/{slug}.md"]
    headlines = story.split("## Headlines", 1)[1].split("\n## ", 1)[0]
    assert headlines.count("| NASA | 2024-02-1") == 2
    several = story.split("## What several of them report", 1)[1].split("\n## ", 1)[0]
    assert "**reported by both**" in several and "#p" in several
    assert "## What only one of them reports" in story
    assert f"stories/{slug}.md" in pages["index.md"].split("## Latest stories", 1)[1]
    assert f"stories/{slug}.md" in pages["stories/index.md"]
    advisory = next(b for b in corpus.briefs if b.source == PARK[0])
    brief_page = pages[f"briefs/{advisory.slug}.md"]
    assert f"(../stories/{slug}.md)" in brief_page.split("## The story", 1)[1]
    space = pages["topics/space-aeronautics.md"].split("## Stories", 1)[1].split("\n## ", 1)[0]
    assert f"stories/{slug}.md" in space


def test_each_briefs_features_are_kept_by_its_cache_key_and_give_the_same_stories(briefs, tmp_path):
    from generator.corpus.stories import StoryFeatureStore

    keyed = [replace(b, key=f"{n:02d}{b.source}") for n, b in enumerate(briefs.values())]
    store = StoryFeatureStore(tmp_path / "story-features")
    first = find_stories(keyed, store)
    dated = [b for b in keyed if b.date]  # an undated brief joins no story: nothing to keep
    assert len(list((tmp_path / "story-features").rglob("*.pickle"))) == len(dated) == 7
    again = find_stories(keyed, StoryFeatureStore(tmp_path / "story-features"))  # from disk
    assert [[b.source for b in s.briefs] for s in again] == [
        [b.source for b in s.briefs] for s in first
    ]
    assert [s.slug for s in first] == [s.slug for s in find_stories(list(briefs.values()))]
