"""The built site in a real browser, as a reader uses it: Debian's Chromium driven by Playwright.

The site is built from the seeds (`built_site`), served on a loopback port and checked page by
page: navigation, search, links both ways, the palette toggle, a phone-width layout, console
errors, requests to other hosts, and axe-core's accessibility rules. Screenshots of the pages go
to test-artifacts/browser/ for a person to look at.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.render.pages import site_briefs

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
# Without the background-networking flags Chromium calls Google's hosts at every start.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = [pytest.mark.slow, pytest.mark.browser]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The address of `folder` served on a loopback port, until the block ends."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site_url(built_site) -> Iterator[str]:
    with served(built_site / "site") as address:
        yield address


@pytest.fixture(scope="module")
def minimal_url(minimal_site) -> Iterator[str]:
    with served(minimal_site / "site") as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Reader:
    """A browser page that records console errors, failed loads and every host it asks."""

    def __init__(self, browser, site_url: str, viewport=DESKTOP, color_scheme="light") -> None:
        self.site_url = site_url
        self.page = browser.new_page(viewport=viewport, color_scheme=color_scheme)
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("request", lambda request: self.hosts.add(urlsplit(request.url).netloc))
        self.page.on("requestfailed", self._failed)

    def _failed(self, request) -> None:
        if request.failure != "net::ERR_ABORTED":  # cut short by the next navigation: no error
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def open(self, path: str) -> None:
        self.page.goto(self.site_url + path)
        self.page.wait_for_load_state("networkidle")

    def links(self, selector: str = "article a[href]") -> list[str]:
        return self.page.eval_on_selector_all(selector, "links => links.map(a => a.href)")

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.hosts <= {urlsplit(self.site_url).netloc}, self.hosts

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))  # the first screen, as a reader sees it
        return path

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def reader(browser, site_url) -> Iterator[Reader]:
    reader = Reader(browser, site_url)
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def briefs(built_site) -> list[dict]:
    data = {"briefs": site_briefs(built_site / "docs")}
    return data["briefs"]


def most_quoted_person(briefs: list[dict]) -> str:
    speakers = [q["speaker"] for b in briefs for q in b["quotes"] if q["speaker_type"] == "person"]
    return max(sorted(set(speakers)), key=speakers.count)


def most_quoted_brief(briefs: list[dict]) -> dict:
    return max(briefs, key=lambda b: len(b["quotes"]))


def search(reader: Reader, query: str) -> list[tuple[str, str]]:
    """(title, address) of each search result for `query`, typed into Material's search box."""
    page = reader.page
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)  # Material searches on key events, not on fill
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(
        ".md-search-result__link",
        "links => links.map(a => [a.innerText, a.href])",
    )


def test_home_lists_every_brief_and_works_offline(reader, briefs):
    reader.open("")
    links = reader.links()
    for brief in briefs:
        assert any(link.endswith(f"/briefs/{brief['slug']}/") for link in links), brief["title"]
    tabs = reader.page.locator(".md-tabs__link").all_inner_texts()
    assert {"Briefs", "Topics", "People", "Timeline"} <= {tab.strip() for tab in tabs}
    assert reader.page.locator("img[src*='relationship-map-light.svg']").is_visible()
    reader.screenshot("home")
    reader.check_clean()


def test_search_finds_a_person_a_quoted_phrase_and_a_topic(reader, briefs):
    person = most_quoted_person(briefs)
    reader.open("")
    results = search(reader, person)
    person_pages = [address for title, address in results if "/people/" in address]
    assert person_pages, results
    reader.page.goto(person_pages[0])
    assert person in reader.page.locator("h1").inner_text()

    quote = next(q for b in briefs for q in b["quotes"] if len(q["text"].split()) > 8)
    phrase = " ".join(quote["text"].split()[2:6])
    reader.open("")
    results = search(reader, phrase)
    assert any("/briefs/" in address or "/people/" in address for _, address in results), results

    reader.open("")
    results = search(reader, "Central Asia")
    assert any("/topics/" in address for _, address in results), results
    reader.check_clean()


def test_search_opens_from_the_keyboard_and_loads_only_what_the_query_needs(reader):
    fetched: dict[str, int] = {}
    reader.page.on(
        "requestfinished", lambda r: fetched.__setitem__(r.url, r.sizes()["responseBodySize"])
    )
    reader.open("briefs/")
    loaded_with_page = set(fetched)
    assert not any("/pagefind/" in address for address in loaded_with_page)  # not before a search
    reader.page.keyboard.press("/")
    assert reader.page.evaluate("document.activeElement.classList.contains('md-search__input')")
    reader.page.keyboard.type("Central Asia", delay=10)
    reader.page.wait_for_selector(".md-search-result__item")
    reader.page.wait_for_load_state("networkidle")
    reader.screenshot("search")
    search_files = {a: size for a, size in fetched.items() if a not in loaded_with_page}
    assert search_files and all("/pagefind/" in address for address in search_files)
    assert sum(search_files.values()) < 1_000_000, search_files
    reader.page.keyboard.press("ArrowDown")
    target = reader.page.evaluate("document.activeElement.href")
    assert "/topics/" in target
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url(target)
    assert not reader.page.evaluate("document.getElementById('__search').checked")
    assert reader.page.locator(".md-search").count() == 1  # one box after instant navigation
    reader.check_clean()


def test_a_topic_links_to_a_brief_and_the_brief_links_back(reader):
    reader.open("topics/")
    topic_link = reader.page.locator("article table a[href*='topics/']").first
    topic_name = topic_link.inner_text()
    topic_link.click()
    reader.page.wait_for_load_state("networkidle")
    topic_address = reader.page.url
    reader.screenshot("topic")
    brief_link = reader.page.locator("article a[href*='/briefs/']").first
    brief_link.click()
    reader.page.wait_for_selector("article h1")
    themes = reader.page.locator("article a[href*='/topics/']").all_inner_texts()
    assert topic_name in themes
    back = reader.page.locator("article a[href*='/topics/']", has_text=topic_name).first
    back.click()
    reader.page.wait_for_load_state("networkidle")
    assert reader.page.url == topic_address
    reader.check_clean()


def follow_a_quotes_source_link(reader: Reader, brief: dict, screenshot: str) -> str:
    """Open the brief, click its first quote's ¶ link; the paragraph must scroll into view.
    The paragraph's id."""
    reader.open(f"briefs/{brief['slug']}/")
    reader.screenshot(screenshot)
    link = reader.page.locator(".admonition.quote a[href*='#p']").first
    target = link.get_attribute("href").split("#")[1]
    link.click()
    reader.page.wait_for_function(f"location.hash === '#{target}'")
    box = reader.page.locator(f"[id='{target}']").bounding_box()
    assert 0 <= box["y"] < DESKTOP["height"], box  # in view
    assert reader.page.evaluate("window.scrollY") > 0
    return target


def test_a_quotes_source_link_scrolls_to_its_paragraph(reader, briefs):
    brief = most_quoted_brief(briefs)
    target = follow_a_quotes_source_link(reader, brief, "brief")
    paragraph = reader.page.locator(f"[id='{target}']")
    text = paragraph.inner_text()
    quoted = next(q for q in brief["quotes"] if q["paragraph"] == target)
    assert quoted["text"].split()[0] in text
    reader.check_clean()


def test_a_brief_shows_its_tags_and_the_article_date_as_last_update(reader, briefs):
    brief = next(b for b in briefs if b["date"] and any(t["main"] for t in b["topics"]))
    reader.open(f"briefs/{brief['slug']}/")
    assert brief["date"] in reader.page.locator(".md-source-file").inner_text()
    tags = set(reader.page.locator("a.md-tag").all_inner_texts())
    # a brief is tagged with its main topics; one it only touches in passing is no tag
    assert {topic["name"] for topic in brief["topics"] if topic["main"]} <= tags
    assert not {topic["name"] for topic in brief["topics"] if not topic["main"]} & tags
    tags = reader.page.locator("a.md-tag")
    tags.first.click()
    reader.page.wait_for_load_state("networkidle")
    assert "/tags/" in reader.page.url
    listed = reader.links("article a[href*='/briefs/']")
    assert any(link.endswith(f"/briefs/{brief['slug']}/") for link in listed)
    reader.check_clean()


def test_the_palette_toggle_switches_light_and_dark(reader):
    reader.open("")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert reader.page.evaluate(scheme) == "default"
    reader.page.click("form[data-md-component='palette'] label:visible")
    assert reader.page.evaluate(scheme) == "slate"
    assert reader.page.locator("img[src*='relationship-map-dark.svg']").is_visible()
    assert not reader.page.locator("img[src*='relationship-map-light.svg']").is_visible()
    reader.screenshot("home-dark")
    reader.check_clean()


def test_nothing_overflows_at_phone_width(browser, site_url, briefs):
    reader = Reader(browser, site_url, viewport=PHONE)
    try:
        pages = ["", f"briefs/{briefs[0]['slug']}/", "topics/", "timeline/", "people/"]
        for path in pages:
            reader.open(path)
            width = reader.page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert width[0] <= width[1], (path, width)
        reader.screenshot("people-phone")  # the last page opened
        reader.check_clean()
    finally:
        reader.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser, site_url, briefs, scheme):
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make browser-deps` (npm ci in tests/browser)")
    reader = Reader(browser, site_url, color_scheme=scheme)
    try:
        reader.open("topics/")
        topic = reader.links("article table a[href*='topics/']")[0]
        reader.open("people/")
        person = reader.page.locator("article a", has_text=most_quoted_person(briefs)).first
        pages = {
            "home": reader.site_url,
            "brief": f"{reader.site_url}briefs/{most_quoted_brief(briefs)['slug']}/",
            "topic": topic,
            "topic-facets": f"{reader.site_url}topics/ukraine-war/",  # briefing, sub-questions
            "person": person.evaluate("a => a.href"),
        }
        axe = AXE_SCRIPT.read_text(encoding="utf-8")
        found = {}
        for name, path in pages.items():
            reader.page.goto(path)
            reader.page.wait_for_load_state("networkidle")
            if name in ("person", "topic", "topic-facets") and scheme == "light":
                reader.screenshot(name)
            if name == "home":  # with the search open and its results shown
                reader.page.locator("input.md-search__input").press_sequentially("Putin")
                reader.page.wait_for_selector(".md-search-result__item")
            reader.page.add_script_tag(content=axe)
            result = reader.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            found[name] = [
                (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
        assert found == {name: [] for name in pages}
        reader.check_clean()
    finally:
        reader.close()


def test_a_minimal_config_with_the_plugin_reads_and_links_like_the_projects(
    browser, minimal_url, briefs
):
    """Someone else's Material site with `- briefing`: a brief's ¶ links land on their paragraph,
    its quotes are admonitions, its style is the site's own, and axe finds nothing serious."""
    reader = Reader(browser, minimal_url)
    try:
        follow_a_quotes_source_link(reader, most_quoted_brief(briefs), "minimal-config-brief")
        underline = reader.page.eval_on_selector(
            "article p a", "a => getComputedStyle(a).textDecorationLine"
        )
        assert underline == "underline"  # briefing.css is applied
        reader.page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
        result = reader.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
        # Material's default font comes from Google's servers (this project turns it off): the
        # one request to another host, the site owner's choice, not the plugin's.
        fonts = ("fonts.googleapis.com", "fonts.gstatic.com")
        unresolved = (
            "Failed to load resource: net::ERR_NAME_NOT_RESOLVED"  # the font's console echo
        )
        others = [e for e in reader.errors if not any(h in e for h in (*fonts, unresolved))]
        assert others == []
        assert reader.hosts <= {urlsplit(minimal_url).netloc, *fonts}, reader.hosts
    finally:
        reader.close()


# Two NASA releases on one event (public domain, from the development corpus's dev half): with
# the seeds they give the site a story, whose page is then read like the others.
STORY_ARTICLES = (
    "nasa-2024-02-13-johnson-exploration-park-advisory.md",
    "nasa-2024-02-15-texas-am-exploration-park.md",
)


@pytest.fixture(scope="module")
def story_url(tmp_path_factory) -> Iterator[str]:
    import shutil

    from tests.conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path_factory.mktemp("stories"))
    for name in STORY_ARTICLES:
        shutil.copy(ROOT / "tests" / "corpus" / "dev" / name, project / "seeds" / name)
    mkdocs_build(project)
    with served(project / "site") as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_story_page_reads_links_and_passes_axe(browser, story_url, scheme):
    reader = Reader(browser, story_url, color_scheme=scheme)
    try:
        reader.open("stories/")
        story = reader.links("article table a[href*='stories/']")[0]
        reader.page.goto(story)
        reader.page.wait_for_load_state("networkidle")
        assert reader.page.locator("h1").inner_text().startswith("Story: ")
        assert reader.page.locator("article table tbody tr").count() == 2  # the headlines
        if scheme == "light":
            reader.screenshot("story")
        reader.page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
        result = reader.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
        # a ¶ link of "what several report" lands on its paragraph of the brief
        link = reader.page.locator("article li a[href*='#p']").first
        target = link.get_attribute("href").split("#", 1)[1]
        link.click()
        reader.page.wait_for_load_state("networkidle")
        assert reader.page.url.endswith(f"#{target}")
        assert reader.page.locator(f"#{target}").is_visible()
        reader.check_clean()
    finally:
        reader.close()
