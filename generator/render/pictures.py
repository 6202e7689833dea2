"""Pictures of the corpus, drawn at build time as static SVG: who speaks on what, and when.

Two pictures, each in a light and a dark version (Material shows the one matching the palette):

- the relationship map: articles, the topics they cover and the people quoted on each topic, in
  three columns, each ordered to uncross the lines between them;
- the coverage chart: articles per month (per year for long spans) for each topic, a heat map.

What a picture shows is plain data (`MapData`, `ChartData`), built cheaply from the corpus and
also printed as a table under the picture, its text alternative. Each SVG is cached on disk under
a hash of its data, its palette and this module's code: a build where the counts did not change
draws nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from generator.cache import write_to_cache
from generator.corpus.crosslinks import Corpus, TopicCoverage

PICTURES_DIR = "pictures"
MAX_TOPICS = 10
MAX_PEOPLE = 14
MAX_ARTICLES = 10
MAX_MONTH_COLUMNS = 48  # a longer span is binned by year
MAX_TICK_LABELS = 50  # on the coverage chart's time axis
LABEL_LENGTH = 34


@dataclass(frozen=True)
class Palette:
    name: str
    text: str
    edge: str
    empty_cell: str
    full_cell: str


LIGHT = Palette("light", text="#1f2328", edge="#8c959f", empty_cell="#f6f8fa", full_cell="#0a5c8c")
DARK = Palette("dark", text="#e6edf3", edge="#6e7781", empty_cell="#262b36", full_cell="#5cc8ff")
PALETTES = (LIGHT, DARK)
# Okabe–Ito colours: distinguishable with colour-blindness, legible on light and dark grounds.
KIND_COLOURS = {"article": "#0072B2", "topic": "#009E73", "person": "#E69F00"}


@dataclass(frozen=True)
class MapData:
    """Three columns: articles → the topics they cover → the people quoted on each topic."""

    articles: tuple[tuple[str, str], ...]  # (slug, title)
    topics: tuple[tuple[str, str], ...]  # (id, name)
    people: tuple[str, ...]
    article_topics: tuple[tuple[str, str], ...]  # (slug, topic id)
    speaks_on: tuple[tuple[str, str, int], ...]  # (person, topic id, quotes)


@dataclass(frozen=True)
class ChartData:
    """Articles per period (month or year) for each topic, and for all articles."""

    periods: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (label, one count per period)


@dataclass(frozen=True)
class Picture:
    """A drawn picture: its SVG files by palette, and what it shows in words."""

    name: str
    alt: str
    files: dict[str, str]  # palette name → path under docs/
    data: MapData | ChartData


# --- what the pictures show ----------------------------------------------------------------------


def most_covered(corpus: Corpus) -> list[TopicCoverage]:
    """The topics both pictures show: those with most briefs, at most MAX_TOPICS."""
    covered = [c for c in corpus.topics if c.briefs]
    return sorted(covered, key=lambda c: (-len(c.briefs), c.topic.name))[:MAX_TOPICS]


def map_data(corpus: Corpus) -> MapData | None:
    """The most covered topics, the people most quoted on them, and the articles they speak in."""
    covered = most_covered(corpus)
    kinds = {speaker.name: speaker.kind for speaker in corpus.speakers}
    quotes_on = Counter()
    for cover in covered:
        for name, count in cover.speakers:
            if kinds[name] == "person":
                quotes_on[name] += count
    people = [name for name, _ in sorted(quotes_on.items(), key=lambda i: (-i[1], i[0]))]
    people = people[:MAX_PEOPLE]
    if not covered or not people:
        return None
    topic_ids = {c.topic.id for c in covered}
    speaks_on = [
        (name, cover.topic.id, count)
        for cover in covered
        for name, count in cover.speakers
        if name in people
    ]
    quoting = Counter()
    for speaker in corpus.speakers:
        if speaker.name in people:
            quoting.update(ref.brief.slug for ref in speaker.quotes)
    titles = {b.slug: b.title for b in corpus.briefs}
    articles = sorted(quoting, key=lambda slug: (-quoting[slug], slug))[:MAX_ARTICLES]
    article_topics = [
        (b.slug, m.id)
        for b in corpus.briefs
        if b.slug in articles
        for m in b.topics
        if m.id in topic_ids
    ]
    return MapData(
        articles=tuple((slug, titles[slug]) for slug in articles),
        topics=tuple((c.topic.id, c.topic.name) for c in covered),
        people=tuple(people),
        article_topics=tuple(sorted(article_topics)),
        speaks_on=tuple(sorted(speaks_on)),
    )


def chart_data(corpus: Corpus) -> ChartData | None:
    """Dated articles per month (or year, for long spans) per covered topic."""
    dated = [b for b in corpus.briefs if b.date]
    if not dated:
        return None
    months = sorted({b.date[:7] for b in dated})
    span = month_number(months[-1]) - month_number(months[0]) + 1
    if span <= MAX_MONTH_COLUMNS:
        periods = [month_name(month_number(months[0]) + i) for i in range(span)]
        period_of = {b.source: b.date[:7] for b in dated}
    else:
        first, last = int(months[0][:4]), int(months[-1][:4])
        periods = [str(year) for year in range(first, last + 1)]
        period_of = {b.source: b.date[:4] for b in dated}
    covered = most_covered(corpus)

    def counts(briefs) -> tuple[int, ...]:
        per_period = Counter(period_of[b.source] for b in briefs if b.source in period_of)
        return tuple(per_period[period] for period in periods)

    rows = [("All articles", counts(dated))]
    rows += [(cover.topic.name, counts(cover.briefs)) for cover in covered]
    return ChartData(periods=tuple(periods), rows=tuple(rows))


def month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_name(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


# --- drawing -------------------------------------------------------------------------------------


def draw_pictures(
    corpus: Corpus, cache_dir: Path | None
) -> tuple[dict[str, Picture], dict[str, str]]:
    """The pictures the corpus has data for, and their SVG files keyed by path under docs/."""
    pictures: dict[str, Picture] = {}
    files: dict[str, str] = {}
    plans = [
        ("relationship-map", map_data(corpus), draw_map, map_alt),
        ("coverage-chart", chart_data(corpus), draw_chart, chart_alt),
    ]
    for name, data, draw, alt in plans:
        if data is None:
            continue
        paths = {}
        for palette in PALETTES:
            path = f"{PICTURES_DIR}/{name}-{palette.name}.svg"
            files[path] = cached_svg(name, data, palette, draw, cache_dir)
            paths[palette.name] = path
        pictures[name] = Picture(name=name, alt=alt(data), files=paths, data=data)
    return pictures, files


def cached_svg(name: str, data, palette: Palette, draw, cache_dir: Path | None) -> str:
    key = picture_key(name, data, palette)
    path = cache_dir / PICTURES_DIR / f"{key}.svg" if cache_dir else None
    if path and path.exists():
        return path.read_text(encoding="utf-8")
    svg = draw(data, palette)
    if path:
        write_to_cache(path, svg.encode("utf-8"))
    return svg


def picture_key(name: str, data, palette: Palette) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps([name, asdict(data), asdict(palette)], sort_keys=True).encode())
    digest.update(drawing_code_version().encode())
    return digest.hexdigest()


@functools.cache
def drawing_code_version() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


# Written as SVG by hand: three columns of labelled marks and a grid of cells need no plotting
# library, and the text stays text (the page's fonts, selectable, a few kilobytes per picture).
FONT = "Helvetica, Arial, 'DejaVu Sans', sans-serif"
FONT_SIZE = 13
CHAR_WIDTH = 8.0  # a generous average advance at FONT_SIZE, to keep labels inside the picture
ROW_HEIGHT = 26


def svg_document(width: float, height: float, alt: str, body: list[str]) -> str:
    """An SVG of the given size around the body's elements, titled with its text alternative."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" font-family="{FONT}" '
        f'font-size="{FONT_SIZE}">'
    )
    return "\n".join([head, f"<title>{escape(alt)}</title>", *body, "</svg>"]) + "\n"


def svg_text(
    x: float, y: float, words: str, colour: str, anchor: str = "start", extra: str = ""
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" fill="{colour}" text-anchor="{anchor}" '
        f'dominant-baseline="central"{extra}>{escape(words)}</text>'
    )


def mark(kind: str, x: float, y: float) -> str:
    """The map's mark for an article (square), a topic (diamond) or a person (circle)."""
    colour = KIND_COLOURS[kind]
    if kind == "article":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    if kind == "topic":
        points = f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} {x - 7:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}"/>'


def text_width(words: str) -> float:
    return len(words) * CHAR_WIDTH


def draw_map(data: MapData, palette: Palette) -> str:
    topic_rank = {topic_id: rank for rank, (topic_id, _) in enumerate(data.topics)}
    article_at = barycentres([(slug, topic_rank[t], 1) for slug, t in data.article_topics])
    person_at = barycentres([(name, topic_rank[t], n) for name, t, n in data.speaks_on])
    articles = sorted(data.articles, key=lambda a: (article_at.get(a[0], 0), a[0]))
    people = sorted(data.people, key=lambda p: (person_at[p], p))
    left = 20 + max(text_width(shorten(title)) for _, title in articles) + 12
    # Lines between the columns need room to be told apart, labels need it to be read: the
    # picture is shown at the text column's width (about 700 px), so every pixel here counts.
    topic_half = max(text_width(name) for _, name in data.topics) / 2
    middle = left + 110 + topic_half
    right = middle + 110 + topic_half
    width = right + 12 + max(map(text_width, people)) + 20
    top = 44  # below the legend
    tallest = max(len(articles), len(data.topics), len(people))
    height = top + tallest * ROW_HEIGHT + 16

    def column(kind: str, keys: list[str], x: float) -> dict[tuple[str, str], tuple[float, float]]:
        """A column's marks spread evenly over the full height, as a layered layout does."""
        step = tallest * ROW_HEIGHT / len(keys)
        return {(kind, key): (x, top + (i + 0.5) * step) for i, key in enumerate(keys)}

    at = column("article", [slug for slug, _ in articles], left)
    at |= column("topic", [topic_id for topic_id, _ in data.topics], middle)
    at |= column("person", people, right)
    links = [(("article", slug), ("topic", t), 1) for slug, t in data.article_topics]
    links += [(("topic", t), ("person", name), n) for name, t, n in data.speaks_on]
    body = [legend(palette, width)]
    body.append(f'<g stroke="{palette.edge}" stroke-opacity="0.7">')
    for start, end, weight in links:
        (x1, y1), (x2, y2) = at[start], at[end]
        body.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{0.6 + 0.6 * weight:.1f}"/>'
        )
    body.append("</g>")
    body += [mark(kind, *at[kind, key]) for kind, key in at]
    for slug, title in articles:
        x, y = at["article", slug]
        body.append(svg_text(x - 12, y, shorten(title), palette.text, "end"))
    # Topic labels sit among the lines: a halo of the page's own shade keeps them legible.
    halo = f' stroke="{palette.empty_cell}" stroke-width="4" paint-order="stroke"'
    for topic_id, name in data.topics:
        x, y = at["topic", topic_id]
        body.append(svg_text(x, y - 15, name, palette.text, "middle", halo))
    for name in people:
        x, y = at["person", name]
        body.append(svg_text(x + 12, y, name, palette.text))
    return svg_document(width, height, map_alt(data), body)


def legend(palette: Palette, width: float) -> str:
    entries = [("article", "Article"), ("topic", "Topic"), ("person", "Person quoted")]
    total = sum(30 + text_width(label) for _, label in entries)
    x = (width - total) / 2
    parts = []
    for kind, label in entries:
        parts += [mark(kind, x + 6, 18), svg_text(x + 18, 18, label, palette.text)]
        x += 30 + text_width(label)
    return "<g>" + "".join(parts) + "</g>"


def draw_chart(data: ChartData, palette: Palette) -> str:
    labels = [label for label, _ in data.rows]
    highest = max(max(row) for _, row in data.rows) or 1
    cell = max(4.0, min(34.0, 900 / len(data.periods)))
    left = 16 + max(map(text_width, labels)) + 10
    # Every period labelled up to MAX_TICK_LABELS; beyond, every n-th: no one reads 300 labels.
    step = -(-len(data.periods) // MAX_TICK_LABELS)
    ticks = range(0, len(data.periods), step)
    bottom = len(labels) * ROW_HEIGHT
    tick_depth = max(text_width(data.periods[i]) for i in ticks) * 0.87  # rotated by 60 degrees
    width = left + len(data.periods) * cell + 16
    height = bottom + tick_depth + 24
    numbers = len(data.periods) * len(labels) <= 600 and cell >= 18
    body = []
    for row, (label, counts) in enumerate(data.rows):
        y = row * ROW_HEIGHT
        body.append(svg_text(left - 10, y + ROW_HEIGHT / 2, label, palette.text, "end"))
        for column, count in enumerate(counts):
            x = left + column * cell
            shade = blend(palette.empty_cell, palette.full_cell, count / highest)
            body.append(
                f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{cell - 2:.1f}" '
                f'height="{ROW_HEIGHT - 2}" fill="{shade}"/>'
            )
            if numbers and count:
                ink = palette.empty_cell if count / highest > 0.5 else palette.text
                body.append(svg_text(x + cell / 2, y + ROW_HEIGHT / 2, str(count), ink, "middle"))
    for i in ticks:
        x, y = left + (i + 0.5) * cell, bottom + 8
        rotate = f' transform="rotate(-60 {x:.1f} {y:.1f})"'
        body.append(svg_text(x, y, data.periods[i], palette.text, "end", rotate))
    return svg_document(width, height, chart_alt(data), body)


def blend(low: str, high: str, share: float) -> str:
    """The colour share of the way from low to high (both #rrggbb)."""
    channels = [
        round(
            int(low[i : i + 2], 16) + (int(high[i : i + 2], 16) - int(low[i : i + 2], 16)) * share
        )
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def barycentres(links: list[tuple[str, int, int]]) -> dict[str, float]:
    """Each node's mean topic position, weighted: ordering columns by it uncrosses most edges."""
    totals: dict[str, list[float]] = {}
    for node, position, weight in links:
        total = totals.setdefault(node, [0.0, 0.0])
        total[0] += position * weight
        total[1] += weight
    return {node: weighted / weights for node, (weighted, weights) in totals.items()}


def shorten(text: str, length: int = LABEL_LENGTH) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# --- words for the pictures ----------------------------------------------------------------------


def map_alt(data: MapData) -> str:
    return (
        f"Relationship map: {len(data.articles)} articles on the left, joined to the "
        f"{len(data.topics)} topics they cover in the middle, joined to the {len(data.people)} "
        "people most quoted on each topic on the right. The table below lists the same links."
    )


def chart_alt(data: ChartData) -> str:
    unit = "month" if len(data.periods[0]) == 7 else "year"
    return (
        f"Coverage chart: articles per {unit} from {data.periods[0]} to {data.periods[-1]}, "
        f"for all articles and for each of {len(data.rows) - 1} topics, as a heat map; darker "
        "cells hold more articles. The table below gives the same numbers."
    )


def speakers_by_topic(data: MapData) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """(topic id, topic name, [(person, quotes)]) in the map's order, for the table under it."""
    names = dict(data.topics)
    by_topic: dict[str, list[tuple[str, int]]] = {topic_id: [] for topic_id, _ in data.topics}
    for person, topic_id, count in data.speaks_on:
        by_topic[topic_id].append((person, count))
    return [
        (topic_id, names[topic_id], sorted(people, key=lambda item: (-item[1], item[0])))
        for topic_id, people in by_topic.items()
    ]


def periods_with_articles(data: ChartData) -> Sequence[int]:
    """Indexes of the periods in which any article appeared (the table skips empty ones)."""
    return [i for i, count in enumerate(data.rows[0][1]) if count]
