"""The pictures: what they show is the corpus's data, drawn as deterministic, cached SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from generator.corpus.crosslinks import build_corpus
from generator.model import Entity, Quote, Topic
from generator.render import pictures
from generator.render.pictures import DARK, LIGHT, chart_data, draw_pictures, map_data
from tests.test_corpus import brief, on

PORTS = Topic("ports", "Ports", "", ("harbour",))
RAIL = Topic("rail", "Rail", "", ("tram",))
SVG = "{http://www.w3.org/2000/svg}"


def quote(speaker, paragraph="p1"):
    return Quote("We will reopen the harbour", speaker, None, "full", paragraph, "person")


@pytest.fixture
def corpus():
    briefs = [
        brief("a.txt", "Harbour reopens for $5 ships", "2024-01-02", [on(PORTS)],
              [quote("Ana Silva"), quote("Ben Ode")], [Entity("Ana Silva", "person", 2)]),
        brief("b.txt", "Harbour traffic", "2024-03-20", [on(PORTS), on(RAIL)],
              [quote("Ana Silva")], [Entity("Ana Silva", "person", 1)]),
        brief("c.txt", "Tram strike", None, [on(RAIL)], [quote("Cy Dee")]),
    ]  # fmt: skip
    return build_corpus(briefs, [PORTS, RAIL], [])


def svg_texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]


def test_map_joins_articles_topics_and_the_people_quoted_on_them(corpus):
    data = map_data(corpus)
    assert [name for _, name in data.topics] == ["Ports", "Rail"]  # most covered first
    assert data.people[0] == "Ana Silva"  # most quoted first
    assert set(data.people) == {"Ana Silva", "Ben Ode", "Cy Dee"}
    assert ("Ana Silva", "ports", 2) in data.speaks_on
    assert ("Cy Dee", "rail", 1) in data.speaks_on
    assert ("harbour-traffic", "ports") in data.article_topics
    assert ("harbour-traffic", "rail") in data.article_topics
    assert "tram-strike" in dict(data.articles)


def test_chart_counts_dated_articles_per_month_for_each_topic(corpus):
    data = chart_data(corpus)
    assert data.periods == ("2024-01", "2024-02", "2024-03")  # empty months are kept
    rows = dict(data.rows)
    assert rows["All articles"] == (1, 0, 1)  # the undated brief has no month
    assert rows["Ports"] == (1, 0, 1)
    assert rows["Rail"] == (0, 0, 1)


def test_a_long_span_is_counted_by_year(corpus):
    old = brief("d.txt", "Old harbour", "2015-06-01", [on(PORTS)])
    data = chart_data(build_corpus([*corpus.briefs, old], [PORTS, RAIL], []))
    assert data.periods[0] == "2015" and data.periods[-1] == "2024"
    assert dict(data.rows)["Ports"][0] == 1


def test_no_data_no_picture():
    empty = build_corpus([brief("a.txt", "Quiet day")], [PORTS], [])
    assert map_data(empty) is None and chart_data(empty) is None
    assert draw_pictures(empty, None) == ({}, {})


def test_svg_names_everything_it_shows_as_text_in_both_palettes(corpus):
    found, files = draw_pictures(corpus, None)
    assert set(files) == {
        f"pictures/{name}-{palette}.svg"
        for name in ("relationship-map", "coverage-chart")
        for palette in ("light", "dark")
    }
    map_light = svg_texts(files["pictures/relationship-map-light.svg"])
    for label in ("Ana Silva", "Ben Ode", "Cy Dee", "Ports", "Rail", "Harbour traffic"):
        assert label in map_light
    assert "Harbour reopens for $5 ships" in map_light  # a dollar sign is not a formula
    chart_dark = files["pictures/coverage-chart-dark.svg"]
    assert "2024-02" in svg_texts(chart_dark)
    assert LIGHT.text not in chart_dark and DARK.text in chart_dark
    assert "2024-01 to 2024-03" in found["coverage-chart"].alt


def test_drawing_is_deterministic_and_cached(corpus, tmp_path, monkeypatch):
    _, first = draw_pictures(corpus, tmp_path)
    _, again = draw_pictures(corpus, None)
    assert first == again  # drawn twice from scratch: the same bytes

    def no_drawing(*args):
        raise AssertionError("drew a picture whose data did not change")

    monkeypatch.setattr(pictures, "draw_map", no_drawing)
    monkeypatch.setattr(pictures, "draw_chart", no_drawing)
    _, cached = draw_pictures(corpus, tmp_path)
    assert cached == first
    changed = build_corpus([*corpus.briefs, brief("e.txt", "New", "2024-05-01", [on(RAIL)])],
                           [PORTS, RAIL], [])  # fmt: skip
    with pytest.raises(AssertionError, match="did not change"):
        draw_pictures(changed, tmp_path)
