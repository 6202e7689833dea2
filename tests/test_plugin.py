"""The plugin's page caches: a second `mkdocs build` takes converted pages and finished pages
from them and writes the same site byte for byte; after an edit, only the pages it changed are
rendered, and the site and its search index are those of a build without any cache."""

import re
import shutil
import time
from pathlib import Path

from tests.conftest import copy_project, mkdocs_build


def site_files(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_second_build_reuses_converted_pages_and_writes_the_same_site(tmp_path):
    copy_project(tmp_path)
    first_log = mkdocs_build(tmp_path)
    first = site_files(tmp_path)
    second_log = mkdocs_build(tmp_path)
    assert "0 from the page cache" in first_log
    pages = sum(1 for name in first if name.endswith(".html") and name != "404.html")
    assert f"0 pages converted, {pages} from the page cache; 0 rendered, {pages} kept" in second_log
    assert site_files(tmp_path) == first


def test_after_an_edit_only_changed_pages_are_rendered_and_the_site_is_a_fresh_builds(tmp_path):
    copy_project(tmp_path)
    mkdocs_build(tmp_path)
    seed = sorted((tmp_path / "seeds").glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    # A word of the body (not the headline, which every list page shows) changes.
    body_start = text.index("\n\n") + 2
    edited = text[:body_start] + re.sub(r"\bthe\b", "a", text[body_start:], count=1)
    assert edited != text
    seed.write_text(edited, encoding="utf-8")
    log = mkdocs_build(tmp_path)
    rendered, kept = map(int, re.search(r"(\d+) rendered, (\d+) kept", log).groups())
    assert 0 < rendered < kept
    cached_site = site_files(tmp_path)
    shutil.rmtree(tmp_path / ".briefing-cache")
    fresh_log = mkdocs_build(tmp_path)
    assert f"{rendered + kept} rendered, 0 kept" in fresh_log
    assert site_files(tmp_path) == cached_site
    assert "pagefind/shards.json" in cached_site


def test_a_changed_configuration_renders_every_page_again(tmp_path):
    copy_project(tmp_path)
    first_log = mkdocs_build(tmp_path)
    pages = int(re.search(r"(\d+) rendered, 0 kept", first_log).group(1))
    config = tmp_path / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: ", "site_name: Renamed ", 1), encoding="utf-8")
    log = mkdocs_build(tmp_path)
    assert f"{pages} rendered, 0 kept" in log
    assert "Renamed" in (tmp_path / "site" / "briefs" / "index.html").read_text(encoding="utf-8")


def test_a_build_for_another_address_keeps_the_first_addresss_pages(tmp_path):
    """`mkdocs serve` builds for its own address: its pages must not evict the published site's."""
    copy_project(tmp_path)
    config = tmp_path / "mkdocs.yml"
    published = config.read_text(encoding="utf-8")
    pages = int(re.search(r"(\d+) rendered, 0 kept", mkdocs_build(tmp_path)).group(1))
    config.write_text(f"{published}\nsite_url: http://127.0.0.1:8000/\n", encoding="utf-8")
    assert f"{pages} rendered, 0 kept" in mkdocs_build(tmp_path)
    config.write_text(published, encoding="utf-8")
    assert f"0 rendered, {pages} kept" in mkdocs_build(tmp_path)


def test_a_serving_rebuild_parses_only_the_page_files_that_changed(tmp_path, monkeypatch):
    """Under `mkdocs serve` a page file is read and its front matter parsed again only when its
    size, time or inode changed; an edit that keeps the size is still seen."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    copy_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "docs" / "topics" / "hand-notes.md"
    notes.parent.mkdir(parents=True)
    notes.write_text("# Hand notes\n\nFirst words.\n", encoding="utf-8")
    parsed: list[str] = []
    read_source = Page.read_source

    def counted(page, config):
        parsed.append(page.file.src_uri)
        read_source(page, config)

    monkeypatch.setattr(Page, "read_source", counted)

    def serve_build() -> list[str]:
        parsed.clear()
        config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir="site")
        config.site_url = "http://127.0.0.1:8000/"
        build(config, serve_url="http://127.0.0.1:8000/")
        return sorted(parsed)

    load_config(config_file=str(tmp_path / "mkdocs.yml")).plugins.on_startup(
        command="serve", dirty=False
    )
    first = serve_build()
    time.sleep(0.2)  # older than the racy interval: the files just written are kept from now on
    serve_build()
    assert "topics/hand-notes.md" in first
    assert serve_build() == []
    notes.write_text("# Hand notes\n\nOther words.\n", encoding="utf-8")
    assert serve_build() == ["topics/hand-notes.md"]
    page = (tmp_path / "site" / "topics" / "hand-notes" / "index.html").read_text(encoding="utf-8")
    assert "Other words." in page


def test_a_converted_page_is_reused_while_the_paths_it_links_find_the_same_files(tmp_path):
    """A page added elsewhere converts no page again; a page whose link now finds its target
    otherwise (here excluded from the site) is converted again."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation

    from generator.plugin.page_caches import PageHtmlCache

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\nSee [B](b.md).\n", encoding="utf-8")
    (docs / "b.md").write_text("# B\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"

    def convert_a(extra: str = "") -> tuple[int, str]:
        config_file.write_text(f"site_name: Test\n{extra}", encoding="utf-8")
        config = load_config(config_file=str(config_file))
        files = get_files(config)
        get_navigation(files, config)
        cache = PageHtmlCache(tmp_path / "cache", config, files)
        page = files.get_file_from_path("a.md").page
        page.read_source(config)
        cache.before_render(page.markdown, page)
        page.render(config, files)
        cache.after_render(page.content, page)
        return cache.hits, page.content

    first_hits, html = convert_a()
    assert first_hits == 0
    assert 'href="../b/"' in html
    assert convert_a()[0] == 1
    (docs / "c.md").write_text("# C\n", encoding="utf-8")
    assert convert_a()[0] == 1
    assert convert_a("exclude_docs: b.md\n")[0] == 0


def test_a_kept_table_of_contents_is_copied_so_plugins_changing_it_change_no_other_build():
    from mkdocs.structure.toc import get_toc

    from generator.plugin.page_caches import _copied_toc

    leaf = {"level": 2, "id": "b", "name": "B", "children": []}
    toc = get_toc([{"level": 1, "id": "a", "name": "A", "children": [leaf]}])
    copied = _copied_toc(toc)
    assert str(copied) == str(toc)
    entry = next(iter(copied))
    assert entry.active  # what MkDocs and plugins set on entries comes along
    entry.children[0].title = "Changed"
    entry.children.append(entry)
    assert str(toc) == "A - #a\n    B - #b\n"


def test_a_built_page_keeps_its_title_but_not_its_markdown_nor_its_html_until_it_renders(
    tmp_path, monkeypatch
):
    """MkDocs converts every page before it renders any and holds every page to the end of a
    build; the plugin lets go of each page's Markdown once it is converted and keeps the HTML of
    its own pages compressed until the page renders (a large site's memory). The site is the
    same: titles, and the Tags page that Material's tags plugin fills in after conversion."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    copy_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    build(config)
    plugin = config.plugins["briefing"]
    pages = [file.page for file in plugin.files.documentation_pages()]
    assert len(pages) > 40
    assert all(page.markdown == "" for page in pages)
    titles = {page.file.src_uri: page.title for page in pages}
    assert titles["people/vladimir-putin.md"] == "Vladimir Putin"
    assert titles["index.md"] and None not in titles.values()
    site = tmp_path / "site"
    putin = (site / "people/vladimir-putin/index.html").read_text(encoding="utf-8")
    assert "<title>Vladimir Putin - " in putin and "“Our meeting today will surely" in putin
    held = plugin.held
    assert "people/vladimir-putin.md" in held.digests and not held.packed  # all given back
    assert "tags.md" not in held.digests  # its listing is filled in after conversion
    tags = (site / "tags/index.html").read_text(encoding="utf-8")
    assert 'href="#tag:taiwan"' in tags and "tags.md:" not in tags
