"""The entity and figure scorer, on the dev half's hand annotation of real articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.evaluate.entities import knowledge_figures, name_key, score_knowledge
from generator.evaluate.fields import read_gold

DEV = Path(__file__).resolve().parent / "corpus" / "dev"
F1 = "bbc-undated-bahrain-gp-hamilton-pole.txt"
FOOTBALL = "bbc-undated-gundogan-injury-return.txt"


@pytest.fixture(scope="module")
def dev_gold() -> dict:
    return read_gold(DEV / "gold.yaml")


def entity(name: str, kind: str, *aliases: str) -> dict:
    return {"name": name, "type": kind, "aliases": list(aliases)}


def test_listed_entities_are_right_typed_wrong_cut_twice_or_no_name(dev_gold) -> None:
    listed = [
        entity("Lewis Hamilton", "person", "Hamilton"),  # right
        entity("Ferrari", "organisation"),  # right
        entity("McLaren", "person"),  # typed wrong: a team
        entity("Vettel", "person"),  # one word of the full name the text gives
        entity("Kimi Raikkonen", "person"),
        entity("Raikkonen", "person"),  # the same driver listed again
        entity("Q3", "person"),  # no entity of the text
    ]
    counts = score_knowledge(F1, dev_gold[F1], {"entities": listed}).counts
    assert counts["entities_listed"] == 7 and counts["entities_right"] == 3
    assert counts["entities_wrong_type"] == 1 and counts["entities_short_name"] == 1
    assert counts["entities_duplicate"] == 1
    assert counts["entities_found"] == 5 and counts["entities_gold"] == len(
        dev_gold[F1]["entities"]
    )


def test_a_figure_is_right_on_kind_value_and_unit(dev_gold) -> None:
    listed = [
        {"text": "26", "kind": "quantity", "value": 26, "unit": "year"},  # "Gundogan, 26,"
        {"text": "2014", "kind": "date", "value": "2014", "unit": None},
        {"text": "2016", "kind": "count", "value": 2016, "unit": None},  # a year read as a count
        {"text": "COVID-19", "kind": "date", "value": None, "unit": None},  # not in the text
    ]
    score = score_knowledge(FOOTBALL, dev_gold[FOOTBALL], {"figures": listed})
    figures = knowledge_figures(score.counts)
    assert score.counts["figures_right"] == 2 and score.counts["figures_found"] == 3
    assert figures["figure_precision"] == 0.5
    assert any("2016" in problem and "kind wrong" in problem for problem in score.problems)


def test_names_compare_without_case_dots_article_or_possessive() -> None:
    assert name_key("the U.S.") == name_key("US")
    assert name_key("Treasury’s") == name_key("treasury")
    assert name_key("Félix  Tshisekedi") == "félix tshisekedi"
