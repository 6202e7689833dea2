"""Pagefind search: which pages and which part of each page are indexed, the index in shards,
and a shard indexed again only when its pages changed (with no fragment of the old left)."""

from __future__ import annotations

import gzip
import json
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.plugin import search
from generator.plugin.needs import plugins_named
from generator.plugin.search import (
    ARTICLE,
    BUNDLE,
    SearchPage,
    SiteSearch,
    searchable,
)


def page(meta: dict | None = None) -> SimpleNamespace:
    return SimpleNamespace(meta=meta or {})


def html(title: str, text: str) -> str:
    return (
        "<html><body><nav>Skip to content · Briefs · Topics</nav>"
        f'{ARTICLE}<h1 id="t">{title}<a class="headerlink" href="#t">¶</a></h1>'
        f"<p>{text}</p></article></body></html>"
    )


def write_page(site: Path, path: str, title: str, text: str, meta: dict | None = None) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(searchable(html(title, text), page(meta)), encoding="utf-8")


def indexed(site: Path) -> dict[str, str]:
    """Address → indexed text of every page in the site's search shards."""
    shards = json.loads((site / BUNDLE / "shards.json").read_text(encoding="utf-8"))["shards"]
    pages = {}
    for shard in shards:
        for fragment in (site / BUNDLE / shard / "fragment").glob("*.pf_fragment"):
            data = gzip.decompress(fragment.read_bytes())
            record = json.loads(data[data.index(b"{") :])
            assert record["url"] not in pages, "a page in two shards"
            pages[record["url"]] = record["content"]
    return pages


def test_a_pages_article_is_marked_for_the_index_unless_its_front_matter_excludes_it():
    output = html("Sanctions", "The ministry announced new sanctions.")
    marked = searchable(output, page())
    assert marked.count("data-pagefind-body") == 1
    assert searchable(marked, page()) == marked  # a stored output already marked
    assert searchable(output, page({"search": {"exclude": True}})) == output


def test_a_section_material_excludes_from_search_is_left_out_to_the_next_heading():
    output = html("Brief", "The ministry announced new sanctions.").replace(
        "</article>",
        '<h2 id="removed" data-search-exclude>Removed as boilerplate</h2>'
        "<table><tr><td>Subscribe now</td></tr></table>"
        '<h2 id="warnings">Warnings</h2><p>No date.</p></article>',
    )
    marked = searchable(output, page())
    ignored = marked[marked.index('<div data-pagefind-ignore="all">') :]
    assert ignored.startswith('<div data-pagefind-ignore="all"><h2 id="removed"')
    assert ignored.index("Subscribe now") < ignored.index("</div>") < ignored.index("Warnings")
    assert searchable(marked, page()) == marked


def test_only_the_listed_pages_articles_are_indexed_without_navigation_or_permalinks(tmp_path):
    write_page(tmp_path, "briefs/index.html", "Briefs", "New sanctions were announced on Tuesday.")
    further = {"search": {"exclude": True}}
    write_page(tmp_path, "briefs.page-2/index.html", "Briefs 2", "The same, again.", further)
    run = SiteSearch().update(tmp_path, [SearchPage("briefs/index.html", "k1")])
    assert (run.pages, run.shards, run.indexed) == (1, 1, 1)
    assert indexed(tmp_path) == {"/briefs/": "Briefs. New sanctions were announced on Tuesday."}
    shipped = {path.name for path in (tmp_path / BUNDLE / "shard-0").iterdir()}
    assert {"pagefind.js", "pagefind-entry.json", "index", "fragment"} <= shipped
    assert not shipped & set(search.UNUSED_FILES)  # Pagefind's own interfaces stay out


def test_an_edit_indexes_its_shard_again_and_leaves_the_others(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "MIN_SHARD_PAGES", 2)
    names = ["geneva", "vienna", "oslo", "doha", "minsk"]
    for name in names:
        write_page(tmp_path, f"{name}/index.html", name.title(), f"Talks resumed in {name}.")
    pages = [SearchPage(f"{name}/index.html", "first") for name in names]
    site_search = SiteSearch()
    run = site_search.update(tmp_path, pages)
    assert (run.shards, run.indexed) == (3, 3)
    assert sorted(indexed(tmp_path)) == sorted(f"/{name}/" for name in names)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / BUNDLE).rglob("*") if p.is_file()}

    write_page(tmp_path, "oslo/index.html", "Oslo", "Talks collapsed in oslo.")
    edited = [SearchPage(p.path, "second" if "oslo" in p.path else p.key) for p in pages]
    run = site_search.update(tmp_path, edited)
    assert (run.shards, run.indexed) == (3, 1)
    assert indexed(tmp_path)["/oslo/"] == "Oslo. Talks collapsed in oslo."
    after = {p: p.stat().st_mtime_ns for p in (tmp_path / BUNDLE).rglob("*") if p.is_file()}
    changed = {
        p.relative_to(tmp_path / BUNDLE).parts[0] for p in after if after[p] != before.get(p)
    }
    assert len(changed) == 1 and changed < {"shard-0", "shard-1", "shard-2"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names, BUNDLE])

    run = site_search.update(tmp_path, edited[:2])  # fewer pages: one shard
    assert run.shards == 1 and sorted(indexed(tmp_path)) == ["/geneva/", "/vienna/"]
    assert sorted(p.name for p in (tmp_path / BUNDLE).iterdir()) == ["shard-0", "shards.json"]


def test_indexing_in_the_background_ends_with_the_latest_pages(tmp_path):
    write_page(tmp_path, "a/index.html", "A", "First words.")
    site_search = SiteSearch()
    site_search.update_later(tmp_path, [SearchPage("a/index.html", "1")])
    write_page(tmp_path, "a/index.html", "A", "Second words.")
    site_search.update_later(tmp_path, [SearchPage("a/index.html", "2")])
    site_search.wait()
    assert site_search.failure is None
    assert indexed(tmp_path) == {"/a/": "A. Second words."}


def test_a_missing_pagefind_binary_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(
        "pagefind_bin.get_executable", lambda: (_ for _ in ()).throw(FileNotFoundError("gone"))
    )
    write_page(tmp_path, "a/index.html", "A", "Words.")
    with pytest.raises(search.SearchIndexError, match="make venv"):
        SiteSearch().update(tmp_path, [SearchPage("a/index.html", "1")])


def test_a_site_with_materials_search_plugin_keeps_it():
    search_plugin = object()
    config = SimpleNamespace(plugins={"material/search": search_plugin, "tags": object()})
    assert plugins_named(config, "search") == [search_plugin]
    assert not plugins_named(SimpleNamespace(plugins={"material/tags": object()}), "search")


def test_a_fresh_process_takes_unchanged_shards_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "MIN_SHARD_PAGES", 2)
    site, cache = tmp_path / "site", tmp_path / "cache"
    names = ["geneva", "vienna", "oslo", "doha"]
    for name in names:
        write_page(site, f"{name}/index.html", name.title(), f"Talks resumed in {name}.")
    pages = [SearchPage(f"{name}/index.html", "first") for name in names]
    assert SiteSearch(cache).update(site, pages).indexed == 2
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    shutil.rmtree(site / BUNDLE)  # a clean build in a new process
    write_page(site, "doha/index.html", "Doha", "Talks collapsed in doha.")
    edited = [SearchPage(p.path, "second" if "doha" in p.path else p.key) for p in pages]
    assert SiteSearch(cache).update(site, edited).indexed == 1
    assert indexed(site)["/doha/"] == "Doha. Talks collapsed in doha."

    shutil.rmtree(site / BUNDLE)
    write_page(site, "doha/index.html", "Doha", "Talks resumed in doha.")
    assert SiteSearch(cache).update(site, pages).indexed == 0
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == first


def test_a_large_site_has_at_most_max_shards_each_page_in_one():
    pages = [SearchPage(f"briefs/{n}/index.html", "k") for n in range(search.MIN_SHARD_PAGES * 40)]
    shards = search.shards_of(pages)
    assert len(shards) == search.MAX_SHARDS
    assert sorted(p.path for shard in shards for p in shard) == sorted(p.path for p in pages)
    assert min(map(len, shards)) > len(pages) / search.MAX_SHARDS / 2  # spread, not lumped
    assert len(search.shards_of(pages[:10])) == 1


def test_queuing_an_index_never_waits_for_one_under_way(tmp_path):
    write_page(tmp_path, "a/index.html", "A", "Words.")
    site_search = SiteSearch()
    with site_search._lock:  # an indexing under way: a serve build must not wait for it
        started = time.perf_counter()
        site_search.update_later(tmp_path, [SearchPage("a/index.html", "1")])
        assert time.perf_counter() - started < 1
    site_search.wait()
    assert indexed(tmp_path) == {"/a/": "A. Words."}
