"""Corpus → Markdown pages through Jinja2 templates; article text is always escaped.

Pages come as (path relative to docs/, content) pairs; writing them is `site`'s job.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import re
import weakref
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from generator import __version__
from generator.cache import PER_OBJECT
from generator.corpus.crosslinks import Corpus, speaker_path
from generator.corpus.stories import STORY_DAYS
from generator.model import (
    SCHEMA_VERSION,
    Brief,
    Claim,
    DatedEvent,
    Entity,
    Evidence,
    Quote,
    to_dict,
)
from generator.page_content import (
    Content,
    Lookups,
    Piece,
    TemplatePage,
    json_text,
    value_digest,
)
from generator.render.feed import FEED_PATH, atom_feed, feed_briefs
from generator.render.pictures import draw_pictures, periods_with_articles, speakers_by_topic
from generator.render.views import (
    CONTROL_CHARACTERS,
    STORIES_ON_HOME,
    brief_rows,
    event_rows,
    is_main,
    links_to,
    problem_rows,
    row_parts,
    speaker_parts,
    speaker_rows,
    speaker_summary,
    story_page,
    story_row,
    story_rows,
    timeline_summary,
    topic_parts,
    topic_rows,
    topic_summary,
)
from generator.schema import SCHEMA_PATH, schema_text
from generator.slugs import safe_url

# The briefs as data: an index of every brief, and each brief's whole JSON in a file of its own
# (one file of every brief was 34 MB at 1,000 articles: past GitHub's 100 MB limit at 3,000).
ASSETS = Path(__file__).resolve().parent / "assets"
STYLESHEETS = ("assets/briefing.css",)
SCRIPTS = ("assets/briefing.js",)
SEARCH_SCRIPT = "assets/search.js"
DATA_PATH = "data/index.json"
TAGS_PAGE = "tags.md"
# The pages holding another plugin's directive, which it fills in after MkDocs converts them
# (Material's tags listing): the plugin must leave their HTML in place (`HeldContents`).
DIRECTIVE_PAGES = frozenset({TAGS_PAGE})
BRIEF_DATA = "data/briefs/{slug}.json"
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


# Where the compiled page templates are kept, in the cache folder.
TEMPLATE_CACHE = "page-templates"


def keep_compiled_templates(directory: Path) -> None:
    """Keep the compiled templates in `directory` too: a fresh process that renders a page
    then loads them instead of compiling them (a third of a second)."""
    environment = make_environment()
    if environment.bytecode_cache is None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        environment.bytecode_cache = _CompiledTemplates(str(directory))


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        # A cache that cannot be written (or was removed) only costs the compiling.
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@functools.cache  # compiled templates are kept: `mkdocs serve` renders many times
def make_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=False,  # the output is Markdown; article text goes through the `md` filter
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
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


class NameLinks:
    """How the site writes a name (a quote's speaker, a person on a map) and the page it links
    to, if any: `to(name)` gives (the corpus-wide name, its speaker page or None)."""

    def __init__(self, canonical: Mapping[str, str], pages: Mapping[str, str]) -> None:
        self.canonical, self.pages = canonical, pages

    def to(self, name: str) -> tuple[str, str | None]:
        shown = self.canonical.get(name, name)
        return shown, self.pages.get(shown)

    def same_answers(self, lookups: Lookups) -> bool:
        return all(self.to(name) == answer for name, answer in lookups)


class AskedLinks:
    """`NameLinks` as one page's template sees them, noting every name it asks for: a page that
    names nobody whose page moved need not be rendered again."""

    def __init__(self, links: NameLinks) -> None:
        self.links = links
        self.asked: dict[str, tuple[str, str | None]] = {}

    def to(self, name: str) -> tuple[str, str | None]:
        if name not in self.asked:
            self.asked[name] = self.links.to(name)
        return self.asked[name]


def template_page(template: str, values: dict[str, object], links: NameLinks) -> TemplatePage:
    """`template` rendered of `values` (and the name links it asks for), when the writer needs
    it. Briefs among the values count by their digest, made once per brief."""
    inputs = value_digest((template, values), DIGESTED)

    def render() -> tuple[str, Lookups]:
        asked = AskedLinks(links)
        text = make_environment().get_template(template).render(**values, links=asked)
        return text, tuple(asked.asked.items())

    return TemplatePage(inputs, render, links.same_answers)


def brief_digest(brief: Brief) -> str:
    """What identifies everything in the brief: its cache key (a digest of all it was made from)
    and its slug; for a brief never cached, a digest of it, made once per brief object."""
    if brief.key:
        return f"{brief.key}/{brief.slug}"
    return PER_OBJECT.value(brief, "digest", lambda: value_digest(brief).hex())


def _by_digest(brief: Brief) -> tuple:
    return str, (brief_digest(brief),)


class PartDigests:
    """A digest of each part of a brief (a quote, a claim…) that pages show, made once: topic
    and speaker pages list thousands, and under `mkdocs serve` the briefs stay. Kept by object,
    through a weak reference (a part another object has taken the id of is digested anew); a
    build's parts that the next build does not use are let go (`next_build`)."""

    def __init__(self) -> None:
        self.used: dict[int, tuple[weakref.ref, bytes]] = {}
        self.last: dict[int, tuple[weakref.ref, bytes]] = {}

    def of(self, part: object) -> bytes:
        known = self.used.get(id(part)) or self.last.get(id(part))
        if known is None or known[0]() is not part:
            known = (weakref.ref(part), value_digest(part)[:16])
        self.used[id(part)] = known
        return known[1]

    def next_build(self) -> None:
        self.last, self.used = self.used, {}


PART_DIGESTS = PartDigests()


def _by_own_digest(part: object) -> tuple:
    return bytes, (PART_DIGESTS.of(part),)


# How a page's values stand for the briefs and their parts in its inputs' digest.
DIGESTED = {
    Brief: _by_digest,
    **{kind: _by_own_digest for kind in (Quote, Claim, Evidence, Entity, DatedEvent)},
}


def render_site(
    corpus: Corpus, site: SiteInfo | None = None, cache_dir: Path | None = None
) -> Iterator[tuple[str, Content]]:
    """Every page of the site, its pictures, feed and briefs JSON, as (path under docs/, content)
    pairs, one at a time so that a writer holds one page at once (`dict()` gives them all).

    Each template page is given only what it shows (`TemplatePage`), so an edit renders again
    only the pages showing something it changed; long listings come in pages of a bounded size,
    so an edit that does change a row renders one page of a hundred rows again."""
    site = site or SiteInfo()
    PART_DIGESTS.next_build()
    links = NameLinks(corpus.canonical, corpus.speaker_pages)
    if cache_dir is not None:
        keep_compiled_templates(cache_dir / TEMPLATE_CACHE)
    pictures, picture_files = draw_pictures(corpus, cache_dir)
    in_feed = feed_briefs(corpus.briefs)
    feed = atom_feed(in_feed, site.name, site.url)
    common = {"data_path": DATA_PATH, "feed_path": FEED_PATH if feed else None}

    def page(template: str, root: str = "", **values: object) -> TemplatePage:
        return template_page(template, {**common, "root": root, **values}, links)

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

    yield (
        "index.md",
        page(
            "home.md.j2",
            latest=links_to(corpus.briefs[:LATEST_BRIEFS]),
            brief_count=len(corpus.briefs),
            covered_topics=sum(1 for c in corpus.topics if c.briefs),
            topic_count=len(corpus.topics),
            problem_count=len(corpus.problems),
            pictures=pictures,
            schema_version=SCHEMA_VERSION,
            stories=story_rows(corpus.stories)[:STORIES_ON_HOME],
            story_count=len(corpus.stories),
        ),
    )
    stories = story_rows(corpus.stories)
    yield from paged("stories_index.md.j2", row_parts(stories, "stories/index"), len(stories))
    for story in corpus.stories:
        yield (
            f"stories/{story.slug}.md",
            page("story.md.j2", root="../", story=story_page(story), story_days=STORY_DAYS),
        )
    briefs_parts = row_parts(brief_rows(corpus.briefs), "briefs/index")
    yield from paged("briefs_index.md.j2", briefs_parts, len(corpus.briefs))
    topics = topic_rows(corpus.topics)
    topic_pictures = {"relationship-map": pictures.get("relationship-map")}
    parts = row_parts(topics, "topics/index")
    yield from paged("topics_index.md.j2", parts, len(topics), pictures=topic_pictures)
    yield from speakers_index("person", "people")
    yield from speakers_index("organisation", "organisations")
    events = row_parts(event_rows(corpus), "timeline")
    chart = {"coverage-chart": pictures.get("coverage-chart")}
    yield from paged("timeline.md.j2", events, timeline_summary(corpus), root="", pictures=chart)
    problems = list(corpus.problems)
    problem_summary = ProblemSummary(sum(p.skipped for p in problems), len(problems))
    yield from paged(
        "problems.md.j2", row_parts(problem_rows(problems), "problems"), problem_summary, root=""
    )
    yield TAGS_PAGE, page("tags.md.j2")
    yield from site_assets()
    yield DATA_PATH, index_json(corpus.briefs)
    yield SCHEMA_PATH, schema_text()
    for brief in corpus.briefs:
        yield BRIEF_DATA.format(slug=brief.slug), [single_brief_json(brief)]
    yield from picture_files.items()
    if feed:
        yield FEED_PATH, feed
    for brief in corpus.briefs:
        related = links_to(corpus.related[brief.source])
        topics = [(c.topic.id, c.topic.name) for c in corpus.topics_of(brief)]
        covered = tuple(t for t in topics if is_main(brief, t[0]))
        passing = tuple(t for t in topics if not is_main(brief, t[0]))
        story = corpus.story_of(brief)
        values = {
            "brief": brief,
            "related": related,
            "covered": covered,
            "passing": passing,
            "story": story_row(story) if story else None,
            "story_briefs": links_to(b for b in story.briefs if b is not brief) if story else (),
        }
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
    """`export`'s document: every brief, sorted by source."""
    ordered = sorted(briefs, key=lambda b: b.source)
    briefs_data = [to_dict(brief) for brief in ordered]
    return json_text(
        {"briefs": briefs_data, "generator": __version__, "schema_version": SCHEMA_VERSION}
    )


def site_assets() -> Iterator[tuple[str, str]]:
    """The site's own stylesheet and scripts (`render/assets/`), written into docs/assets/ like
    any generated file: a project that adds the plugin gets them without copying them."""
    for asset in sorted(ASSETS.iterdir()):
        if asset.suffix in (".css", ".js"):
            yield f"assets/{asset.name}", asset.read_text(encoding="utf-8")


def index_json(briefs: Iterable[Brief]) -> str:
    """The index of the site's briefs data: each brief's metadata and main topics, and where
    its whole JSON is (`data` under `data/`)."""
    entries = [
        {
            "source": brief.source,
            "slug": brief.slug,
            "title": brief.title,
            "publisher": brief.publisher,
            "date": brief.date,
            "url": brief.url,
            "topics": [topic.id for topic in brief.topics if topic.main],
            "data": BRIEF_DATA.format(slug=brief.slug).removeprefix("data/"),
        }
        for brief in sorted(briefs, key=lambda b: b.source)
    ]
    return json_text(
        {"briefs": entries, "generator": __version__, "schema_version": SCHEMA_VERSION},
        compact=True,
    )


def single_brief_json(brief: Brief) -> Piece:
    """One brief's JSON file, named by the brief's digest: made once, then copied."""
    return Piece(f"file {brief_digest(brief)}", lambda: json_text(to_dict(brief), compact=True))


def site_briefs(docs_dir: Path) -> list[dict]:
    """The briefs a site's data holds (its index and each brief's file), sorted by source."""
    index_file = docs_dir / DATA_PATH
    index = json.loads(index_file.read_text(encoding="utf-8"))
    return [
        json.loads((index_file.parent / entry["data"]).read_text(encoding="utf-8"))
        for entry in index["briefs"]
    ]
