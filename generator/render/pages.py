"""Corpus → Markdown pages through Jinja2 templates; article text is always escaped.

Pages come as (path relative to docs/, content) pairs; writing them is `site`'s job.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from generator import __version__
from generator.corpus.crosslinks import Corpus, kept_value, kept_view, speaker_path
from generator.memo import active_memo
from generator.model import SCHEMA_VERSION, Brief, to_dict
from generator.page_content import Content, KeptPage, Piece
from generator.render.feed import FEED_PATH, atom_feed, feed_briefs
from generator.render.pictures import draw_pictures, periods_with_articles, speakers_by_topic
from generator.render.views import (
    CONTROL_CHARACTERS,
    brief_rows,
    event_rows,
    is_main,
    links_to,
    problem_rows,
    row_parts,
    speaker_parts,
    speaker_rows,
    speaker_summary,
    timeline_summary,
    topic_parts,
    topic_rows,
    topic_summary,
)
from generator.slugs import safe_url

DATA_PATH = "data/briefs.json"
LATEST_BRIEFS = 20  # on the home page
# Characters that start Markdown or extension syntax anywhere in a line: backslash-escaped.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#!])")
# Characters that start HTML or extension syntax that a backslash does not neutralise: entities.
ENTITY_SPECIALS = {"|": "&#124;", "~": "&#126;", "^": "&#94;", "=": "&#61;"}
LINE_START_SPECIALS = re.compile(r"^([-+>:?.0-9 ])")
# Invisible control characters; Python-Markdown also uses \x02 and \x03 as its own placeholders.


def escape_markdown(text: object) -> str:
    """Text from an article, made inert: shown as written, never read as HTML or Markdown."""
    value = " ".join(CONTROL_CHARACTERS.sub(" ", str(text)).split())
    value = html.escape(value, quote=False)
    value = MARKDOWN_SPECIALS.sub(r"\\\1", value)
    for character, entity in ENTITY_SPECIALS.items():
        value = value.replace(character, entity)
    return LINE_START_SPECIALS.sub(lambda m: f"&#{ord(m.group(1))};", value)


def front_matter(**fields: object) -> str:
    """YAML front matter; strings are HTML-escaped because MkDocs themes insert them unescaped."""
    values = {k: escaped_value(v) for k, v in fields.items() if v}
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=True) + "---\n"


def escaped_value(value: object) -> object:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list | tuple):
        return [escaped_value(item) for item in value]
    return value


class RememberedTemplate(jinja2.Template):
    """A template whose pages a build session's `RenderMemo` remembers (see generator.memo):
    under it, a page found unchanged is a `KeptPage`."""

    def render(self, *args: object, **values: object) -> str | KeptPage:  # type: ignore[override]
        memo = active_memo()
        if memo is None or args:
            return super().render(*args, **values)
        render = jinja2.Template.render
        return memo.page(self.name or "", values, lambda context: render(self, **context))


@functools.cache  # compiled templates are kept: a build session renders many times
def make_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=False,  # the output is Markdown; article text goes through the `md` filter
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.template_class = RememberedTemplate
    environment.filters["md"] = escape_markdown
    environment.filters["safe_url"] = safe_url
    environment.globals["front_matter"] = front_matter
    environment.globals["speakers_by_topic"] = speakers_by_topic
    environment.globals["periods_with_articles"] = periods_with_articles
    return environment


@dataclass(frozen=True)
class SiteInfo:
    """What the pages need to know of the site itself (from mkdocs.yml)."""

    name: str = "Briefing"
    url: str | None = None  # site_url: makes the feed's links absolute


def render_site(
    corpus: Corpus, site: SiteInfo | None = None, picture_cache: Path | None = None
) -> Iterator[tuple[str, Content]]:
    """Every page of the site, its pictures, feed and briefs JSON, as (path under docs/, content)
    pairs, one at a time so that a writer holds one page at once (`dict()` gives them all)."""
    site = site or SiteInfo()
    environment = make_environment()
    pictures, picture_files = draw_pictures(corpus, picture_cache)
    # Kept by a build session while it lists the same brief objects (a brief never changes).
    in_feed = feed_briefs(corpus.briefs)
    feed = kept_view(
        ("feed", site, tuple(map(id, in_feed))),
        lambda: atom_feed(in_feed, site.name, site.url),
        holds=in_feed,
    )
    common = {
        "corpus": corpus,
        "speaker_pages": corpus.speaker_pages,
        "data_path": DATA_PATH,
        "feed_path": FEED_PATH if feed else None,
        "pictures": pictures,
        "schema_version": SCHEMA_VERSION,
    }

    def page(template: str, root: str = "", **values: object) -> str | KeptPage:
        return environment.get_template(template).render(**common, root=root, **values)

    def paged(
        template: str, parts: list, summary: object, root: str = "../", **values: object
    ) -> Iterator[tuple[str, Content]]:
        """A listing split in pages: the summary goes on the first page only."""
        for part in parts:
            first = part.numbers.number == 1
            content = page(
                template, root=root, summary=summary if first else None, part=part, **values
            )
            yield part.numbers.file, content

    def speakers_index(kind: str, folder: str) -> Iterator[tuple[str, Content]]:
        rows = speaker_rows(corpus.speakers, kind)
        parts = row_parts(rows, f"{folder}/index")
        yield from paged("speakers_index.md.j2", parts, len(rows), kind=kind)

    # Pages listing the whole corpus get only what they show, so an edit elsewhere in a brief
    # does not make a build session render them again; and they come in pages of a bounded
    # size, so an edit that does change a row renders one page of a hundred rows again.
    yield "index.md", page("home.md.j2", latest=links_to(corpus.briefs[:LATEST_BRIEFS]))
    briefs_parts = row_parts(brief_rows(corpus.briefs), "briefs/index")
    yield from paged("briefs_index.md.j2", briefs_parts, len(corpus.briefs))
    topics = topic_rows(corpus.topics)
    yield from paged("topics_index.md.j2", row_parts(topics, "topics/index"), len(topics))
    yield from speakers_index("person", "people")
    yield from speakers_index("organisation", "organisations")
    events = row_parts(event_rows(corpus), "timeline")
    yield from paged("timeline.md.j2", events, timeline_summary(corpus), root="")
    problems = list(corpus.problems)
    problem_summary = ProblemSummary(sum(p.skipped for p in problems), len(problems))
    yield from paged(
        "problems.md.j2", row_parts(problem_rows(problems), "problems"), problem_summary, root=""
    )
    yield "tags.md", page("tags.md.j2")
    yield DATA_PATH, briefs_json_pieces(corpus.briefs)
    yield from picture_files.items()
    if feed:
        yield FEED_PATH, feed
    for brief in corpus.briefs:
        # Equal values kept from the last build (by a build session) are the same objects, so
        # the memo fingerprints the page's own values once.
        related = kept_value(links_to(corpus.related[brief.source]))
        topics = [(c.topic.id, c.topic.name) for c in corpus.topics_of(brief)]
        covered = kept_value(tuple(t for t in topics if is_main(brief, t[0])))
        passing = kept_value(tuple(t for t in topics if not is_main(brief, t[0])))
        values = {"brief": brief, "related": related, "covered": covered, "passing": passing}
        yield f"briefs/{brief.slug}.md", page("brief.md.j2", root="../", **values)
    for coverage in corpus.topics:
        if not coverage.briefs:  # listed on the topics index; a page would hold nothing
            continue
        parts = topic_parts(coverage)
        yield from paged("topic.md.j2", parts, topic_summary(coverage), topic=coverage.topic)
    for speaker in corpus.speakers:
        parts = speaker_parts(speaker, speaker_path(speaker))
        yield from paged("speaker.md.j2", parts, speaker_summary(speaker), name=speaker.name)


@dataclass(frozen=True)
class ProblemSummary:
    """The Seed report's first lines: how many seeds were skipped, how many entries in all."""

    skipped: int
    total: int


def briefs_json(briefs: Iterable[Brief]) -> str:
    """The briefs JSON: exactly `json.dumps(document, indent=1, sort_keys=True)`."""
    return "".join(briefs_json_pieces(briefs))


def briefs_json_pieces(briefs: Iterable[Brief]) -> Iterator[str | Piece]:
    """The briefs JSON in pieces (a large site's is hundreds of MB): its head, each brief's JSON
    (after a separator but for the first), its tail. In a build session a brief's piece is a
    `site.Piece` named by the brief's hash: its JSON is made once, then copied from the file."""
    ordered = sorted(briefs, key=lambda b: b.source)
    document = {"briefs": [], "generator": __version__, "schema_version": SCHEMA_VERSION}
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not ordered:
        yield text
        return
    head, tail = text.split('"briefs": []', 1)
    yield head + '"briefs": [\n  '
    for number, brief in enumerate(ordered):
        yield brief_json(brief, ",\n  " if number else "")
    yield "\n ]" + tail


def brief_json(brief: Brief, before: str = "") -> str | Piece:
    """`before` and one brief's JSON as it stands in the document's list of briefs (its first
    line not indented); in a build session, a `Piece` named by them."""
    memo = active_memo()
    if memo is None:
        return before + _brief_json(brief)
    return Piece(before + memo.token(brief), lambda: before + _brief_json(brief))


def _brief_json(brief: Brief) -> str:
    # Nested two levels deep, each line is indented by two more spaces; JSON strings hold no raw
    # line breaks, so every "\n" is a line break of the layout.
    text = json.dumps(to_dict(brief), ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("\n", "\n  ")
