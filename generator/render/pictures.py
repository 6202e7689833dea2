"""Pictures of the corpus, drawn at build time as static SVG: who speaks on what, and when.

Two pictures, each in a light and a dark version (Material shows the one matching the palette):

- the relationship map: articles, the topics they cover and the people quoted on each topic, laid
  out in three columns by networkx and drawn by matplotlib;
- the coverage chart: articles per month (per year for long spans) for each topic, a heat map.

What a picture shows is plain data (`MapData`, `ChartData`), built cheaply from the corpus and
also printed as a table under the picture, its text alternative. Drawing is the slow part
(matplotlib's import alone takes a second), so each SVG is cached on disk under a hash of its
data, its palette and this module's code: a build where the counts did not change draws nothing.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

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
    from importlib.metadata import version

    code = Path(__file__).read_bytes()
    libraries = [version(name) for name in ("matplotlib", "networkx")]
    return hashlib.sha256(code).hexdigest() + "/" + "/".join(libraries)


def new_figure(width: float, height: float):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=72)
    figure.patch.set_alpha(0)  # transparent: the page's background shows through
    return figure


def svg_text(figure) -> str:
    """The figure as SVG, the same bytes for the same picture (no date, fixed element ids)."""
    import matplotlib

    output = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "briefing", "svg.fonttype": "none"}):
        figure.savefig(output, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return output.getvalue()


def style(palette: Palette) -> dict[str, object]:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": ["Helvetica", "Arial", "DejaVu Sans"],
        "font.size": 11,
        "text.parse_math": False,  # a "$" in a title is a dollar, not the start of a formula
        "text.color": palette.text,
        "axes.labelcolor": palette.text,
        "xtick.color": palette.text,
        "ytick.color": palette.text,
        "axes.edgecolor": palette.edge,
    }


def draw_map(data: MapData, palette: Palette) -> str:
    import matplotlib
    import networkx as nx

    graph = nx.Graph()
    topic_rank = {topic_id: rank for rank, (topic_id, _) in enumerate(data.topics)}
    article_at = barycentres([(slug, topic_rank[t], 1) for slug, t in data.article_topics])
    person_at = barycentres([(name, topic_rank[t], n) for name, t, n in data.speaks_on])
    columns = [
        [
            ("article", slug, shorten(title))
            for slug, title in sorted(data.articles, key=lambda a: (article_at.get(a[0], 0), a[0]))
        ],
        [("topic", topic_id, name) for topic_id, name in data.topics],
        [("person", name, name) for name in sorted(data.people, key=lambda p: (person_at[p], p))],
    ]
    for layer, column in enumerate(columns):
        for kind, key, label in column:
            graph.add_node((kind, key), layer=layer, kind=kind, label=label)
    for slug, topic_id in data.article_topics:
        graph.add_edge(("article", slug), ("topic", topic_id), weight=1)
    for person, topic_id, count in data.speaks_on:
        graph.add_edge(("topic", topic_id), ("person", person), weight=count)
    # Layers as ordered lists (a node attribute would group them in sets, in hash order); the
    # layout stacks each list from the bottom, so reversed puts the first node on top.
    layers = {
        layer: [(kind, key) for kind, key, _ in reversed(column)]
        for layer, column in enumerate(columns)
    }
    positions = nx.multipartite_layout(graph, subset_key=layers, align="vertical", scale=1)
    tallest = max(len(column) for column in columns)
    with matplotlib.rc_context(style(palette)):
        figure = new_figure(9, max(3.5, 0.36 * tallest + 1))
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_axis_off()
        widths = [0.6 + 0.6 * graph.edges[edge]["weight"] for edge in graph.edges]
        nx.draw_networkx_edges(
            graph, positions, ax=axes, edge_color=palette.edge, width=widths, alpha=0.7
        )
        for kind, shape in (("article", "s"), ("topic", "D"), ("person", "o")):
            nodes = [node for node in graph if graph.nodes[node]["kind"] == kind]
            nx.draw_networkx_nodes(
                graph,
                positions,
                nodelist=nodes,
                ax=axes,
                node_shape=shape,
                node_color=KIND_COLOURS[kind],
                node_size=140,
                label={"article": "Article", "topic": "Topic", "person": "Person quoted"}[kind],
            )
        # Topic labels sit among the edges: a box of the page's own shade keeps them legible.
        label_box = {"boxstyle": "round,pad=0.15", "facecolor": palette.empty_cell, "alpha": 0.9}
        label_box["edgecolor"] = "none"
        for node, (x, y) in positions.items():
            layer = graph.nodes[node]["layer"]
            align = {0: "right", 1: "center", 2: "left"}[layer]
            offset = {0: -0.03, 1: 0, 2: 0.03}[layer]
            axes.text(
                x + offset,
                y + (0.045 if layer == 1 else 0),
                graph.nodes[node]["label"],
                ha=align,
                va="bottom" if layer == 1 else "center",
                color=palette.text,
                fontsize=12,
                bbox=label_box if layer == 1 else None,
            )
        legend = axes.legend(
            loc="upper center", ncols=3, frameon=False, bbox_to_anchor=(0.5, 1.08), fontsize=12
        )
        for text in legend.get_texts():
            text.set_color(palette.text)
        axes.margins(x=0.45, y=0.06)
        return svg_text(figure)


def draw_chart(data: ChartData, palette: Palette) -> str:
    import matplotlib
    from matplotlib.colors import LinearSegmentedColormap

    counts = [list(row) for _, row in data.rows]
    labels = [label for label, _ in data.rows]
    highest = max(max(row) for row in counts) or 1
    colours = LinearSegmentedColormap.from_list("coverage", [palette.empty_cell, palette.full_cell])
    with matplotlib.rc_context(style(palette)):
        width = min(14, max(6, 2.5 + 0.45 * len(data.periods)))
        figure = new_figure(width, 0.9 + 0.42 * len(labels))
        axes = figure.add_subplot()
        axes.imshow(counts, cmap=colours, vmin=0, vmax=highest, aspect="auto")
        # Every period labelled up to MAX_TICK_LABELS; beyond, every n-th: 300 rotated labels
        # (a span of three centuries) took matplotlib seconds, and no one could read them.
        step = -(-len(data.periods) // MAX_TICK_LABELS)
        ticks = range(0, len(data.periods), step)
        axes.set_xticks(ticks, [data.periods[i] for i in ticks], rotation=60, ha="right")
        axes.set_yticks(range(len(labels)), labels)
        axes.tick_params(length=0)
        for side in axes.spines.values():
            side.set_visible(False)
        if len(data.periods) * len(labels) <= 600:
            for row, values in enumerate(counts):
                for column, value in enumerate(values):
                    if value:
                        dark_cell = value / highest > 0.5
                        colour = palette.empty_cell if dark_cell else palette.text
                        axes.text(column, row, str(value), ha="center", va="center", color=colour)
        if step == 1:  # cell borders only where each column has its own label
            axes.set_xticks([x - 0.5 for x in range(1, len(data.periods))], minor=True)
        axes.set_yticks([y - 0.5 for y in range(1, len(labels))], minor=True)
        axes.grid(which="minor", color=palette.empty_cell, linewidth=2)
        axes.tick_params(which="minor", length=0)
        return svg_text(figure)


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
