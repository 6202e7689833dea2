"""End to end: the real seeds through the real pipeline and a real `mkdocs build --strict`."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from generator.ingest.seeds import discover_seeds
from generator.render.pages import site_briefs

ROOT = Path(__file__).resolve().parent.parent
GOLD_TOPICS = ("Taiwan", "Ukraine peace plan", "Central Asia")

pytestmark = pytest.mark.slow


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def parse_html(path: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def test_one_brief_page_per_seed(built_site):
    seeds = discover_seeds(built_site / "seeds")
    data = {"briefs": site_briefs(built_site / "docs")}
    assert sorted(b["source"] for b in data["briefs"]) == sorted(
        p.relative_to(built_site / "seeds").as_posix() for p in seeds
    )
    for brief in data["briefs"]:
        page = built_site / "site" / "briefs" / brief["slug"] / "index.html"
        assert page.exists(), brief["slug"]
    assert (built_site / "site" / "data" / "index.json").exists()
    for brief in data["briefs"]:  # each brief's data in a file of its own, published
        assert (built_site / "site" / "data" / "briefs" / f"{brief['slug']}.json").exists()


def test_named_topic_pages_link_exactly_the_gold_articles(built_site, gold_file):
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    data = {"briefs": site_briefs(built_site / "docs")}
    slug_by_file = {b["source"].rsplit("/", 1)[-1]: b["slug"] for b in data["briefs"]}
    topic_ids = {t["name"]: t["id"] for b in data["briefs"] for t in b["topics"]}
    for name in GOLD_TOPICS:
        page = built_site / "site" / "topics" / topic_ids[name] / "index.html"
        linked = {
            part
            for href in parse_html(page).links
            if (match := re.search(r"briefs/([^/#]+)/", href))
            for part in [match.group(1)]
        }
        for source, spec in gold.items():
            if name in spec["topics"]["yes"]:
                assert slug_by_file[source] in linked, (name, source)
            if name in spec["topics"]["no"]:
                assert slug_by_file[source] not in linked, (name, source)


def test_every_internal_link_and_anchor_resolves(built_site):
    site = built_site / "site"
    # 404.html is served at any path, so MkDocs gives it root-relative links; it is not checked.
    pages = {path: parse_html(path) for path in site.rglob("*.html") if path.name != "404.html"}
    checked = 0
    for path, page in pages.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{path.relative_to(site)} links to missing {href}"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in pages[target].ids, f"{path.relative_to(site)}: {href}"
            checked += 1
    assert checked > 100


def test_every_brief_links_its_topics_and_they_link_back(built_site):
    data = {"briefs": site_briefs(built_site / "docs")}
    site = built_site / "site"
    for brief in data["briefs"]:
        brief_links = parse_html(site / "briefs" / brief["slug"] / "index.html").links
        for topic in brief["topics"]:
            assert any(f"topics/{topic['id']}/" in href for href in brief_links)
            topic_links = parse_html(site / "topics" / topic["id"] / "index.html").links
            assert any(f"briefs/{brief['slug']}/" in href for href in topic_links)


def test_people_and_briefs_link_both_ways_and_no_page_is_an_orphan(built_site):
    site = built_site / "site"
    pages = {
        path.parent.relative_to(site).as_posix(): parse_html(path)
        for path in site.rglob("index.html")
    }

    def targets(page: LinkCollector, base: str) -> set[str]:
        found = set()
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or not parts.path:
                continue
            resolved = (site / base / unquote(parts.path)).resolve()
            found.add(resolved.relative_to(site.resolve()).as_posix().removesuffix("/index.html"))
        return found

    links = {name: targets(page, name) for name, page in pages.items()}
    people = [name for name in pages if name.startswith(("people/", "organisations/"))]
    people = [name for name in people if not name.endswith(("people", "organisations"))]
    assert len(people) >= 10
    for person in people:
        briefs = {t for t in links[person] if t.startswith("briefs/") and t != "briefs"}
        assert briefs, person
        for brief in briefs:
            assert person in links[brief], f"{brief} does not link back to {person}"
    linked_to = set().union(*links.values())
    orphans = [name for name in pages if name not in linked_to and name != "."]
    assert orphans == []


def search_fragments(site: Path) -> list[dict]:
    """Pagefind's record of each indexed page: its address, text and headings' anchors."""
    records = []
    for fragment in sorted((site / "pagefind").glob("shard-*/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        records.append(json.loads(data[data.index(b"{") :]))
    return records


def test_search_finds_the_articles_text_but_not_the_boilerplate_removed_from_it(built_site):
    pages = search_fragments(built_site / "site")
    briefs = {"briefs": site_briefs(built_site / "docs")}
    assert sum(len(brief["removed"]) for brief in briefs["briefs"]) >= 5
    sections = {anchor["id"] for page in pages for anchor in page["anchors"]}
    assert "removed-as-publisher-boilerplate" not in sections
    assert {"article-text", "quotes", "key-claims"} <= sections
    indexed = "\n".join(page["content"] for page in pages)
    assert briefs["briefs"][0]["paragraphs"][3]["text"][:60] in indexed
    # The article of each page, not the navigation around it, nor the headings' permalink marks.
    assert not any(anchor["text"].endswith("¶") for page in pages for anchor in page["anchors"])
    assert not any(page["content"].startswith("Skip to content") for page in pages)


def test_a_place_is_printed_under_its_own_name_not_a_longer_one_that_holds_it(built_site):
    # "Moscow" is named in several seeds beside "the Chinese Embassy in Moscow": each brief lists
    # the city as Moscow, never as the embassy.
    pages = (built_site / "docs" / "briefs").glob("*.md")
    places = [
        line
        for page in pages
        for line in page.read_text(encoding="utf-8").splitlines()
        if line.startswith("**Places:**")
    ]
    assert any(", Moscow," in line for line in places)
    assert not any("Chinese Embassy in Moscow" in line for line in places)
