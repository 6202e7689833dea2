"""Scoring topic briefings against the development corpus's gold (`generator/evaluate/briefings.py`),
on real dev articles analysed as a build does and read back from their JSON, as `eval` reads them."""

from __future__ import annotations

from pathlib import Path

from generator.evaluate.briefings import score_briefings
from generator.evaluate.fields import read_gold
from generator.model import to_dict
from tests.conftest import analysed_dev
from tests.test_briefing import ARTICLES, CORPUS


def test_a_briefing_line_is_good_when_its_article_is_on_the_topic_and_the_claim_acceptable(nlp):
    gold = read_gold(CORPUS / "dev" / "gold.yaml")
    analysed, topics = analysed_dev(nlp, ARTICLES)
    briefs = [to_dict(brief) for brief in analysed]
    score = score_briefings(briefs, gold, topics)
    assert score.lines >= 5  # read from JSON, the topic matches find their claims again
    assert score.annotated == score.lines  # every dev article has topics annotated
    assert score.good <= min(score.on_topic, score.important)
    assert score.good >= 1
    assert score.report().startswith(f"topic briefings: {score.good} of {score.annotated} lines")
    # -v lists each line that is not good, with its article and why
    assert len(score.problems) == score.annotated - score.good, score.report(verbose=True)
    assert all("briefing line of '" in line and "): " in line for line in score.problems)
    assert score.report(verbose=True).splitlines()[:-1] == score.problems
    # with no gold for the articles, no line is scored
    assert score_briefings(briefs, {}, topics).annotated == 0
    assert Path(CORPUS / "dev" / "topics-gold.yaml").is_file()
