"""Each page's finished HTML, kept between builds, so MkDocs renders only pages whose inputs changed.

MkDocs renders every page's theme template on every build, and Material's search parses every
page's HTML again; under `mkdocs serve` that was most of the wait after saving one seed. This
cache keeps what a page's template and search produced, keyed by a digest of everything they read:
the page's converted HTML, title, table of contents, metadata and address, the navigation, the
theme and the configuration (and the other pages' addresses, for a project with templates of its
own: the theme's do not list pages). So a page added changes only the pages showing or linking it. A page whose key is stored is given an
empty template to render and no HTML to index; its stored output and search entries are put back
in their places, so the built site and its search index are byte for byte those of a full render.

The cache lives in the cache folder, so a fresh `mkdocs build` gains as much as a serving one.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import logging
import re
import shutil
import sysconfig
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePath

import jinja2
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.cache import PickleStore, opened, write_to_cache
from generator.plugin.needs import plugins_named
from generator.plugin.served import ServedOutputs, never_modified, site_path
from generator.render.pages import DIRECTIVE_PAGES
from generator.write import FileSignature, file_signature, modified_recently

# The template a kept page renders: nothing (its stored output replaces the result).
KEPT_TEMPLATE = "briefing-kept-page.html"
# The sites whose pages are kept: the published one and `mkdocs serve`'s (its own address).
KEPT_SITES = 2
LAST_USED = "last-used"
# The configuration a page's template can read beyond the page, the navigation and the files.
CONFIG_KEYS = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "repo_url",
    "repo_name",
    "edit_uri",
    "copyright",
    "extra",
    "extra_css",
    "extra_javascript",
    "use_directory_urls",
    "markdown_extensions",
    "mdx_configs",
)


@dataclass
class PageOutput:
    """What a page's template rendered (compressed) and the search entries made from it."""

    html: bytes
    search_entries: list[dict]

    def text(self) -> str:
        return zlib.decompress(self.html).decode("utf-8")


class PageOutputStore(PickleStore):
    kind = PageOutput


class HeldContents:
    """The converted HTML of the generator's pages, compressed from the end of each page's
    conversion until MkDocs renders it. MkDocs converts every page before it renders any, so a
    large site's HTML was all in memory at once (at 10,000 articles, most of a 3.4 GB build).
    Only the generator's own pages are held, and not those holding another plugin's directive,
    which it fills in after conversion (`DIRECTIVE_PAGES`: Material's tags listing)."""

    def __init__(self, generated: Iterable[str] = ()) -> None:
        self.generated = frozenset(generated) - DIRECTIVE_PAGES
        self.packed: dict[str, bytes] = {}
        self.digests: dict[str, str] = {}

    def hold(self, page) -> None:
        html, uri = page.content, page.file.src_uri
        if not html or uri not in self.generated:
            return
        self.digests[uri] = _digest(html)
        self.packed[uri] = zlib.compress(html.encode("utf-8"), 1)
        page.content = ""

    def digest(self, page) -> str:
        """A digest of the page's HTML, held or not."""
        return self.digests.get(page.file.src_uri) or _digest(page.content or "")

    def give_back(self, page) -> None:
        """Before the page renders: its HTML, if held."""
        packed = self.packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")

    def forget(self, page) -> None:
        """A page that will not render (its output is kept) needs its HTML no more."""
        self.packed.pop(page.file.src_uri, None)


class PageOutputCache:
    """Hooks for the plugin's `on_env`, `on_post_page` and `on_post_build` (see module doc).

    Given the pages this process last wrote into the site folder (`served`, under `mkdocs
    serve`), a page whose file there already holds its output is left out of a dirty build
    altogether (`served.ServedOutputs`); its search entries are put back in their place."""

    def __init__(
        self,
        directory: Path,
        config,
        nav,
        files,
        file_context: str,
        served: ServedOutputs | None = None,
        held: HeldContents | None = None,
    ) -> None:
        # Each site address its own folder: `mkdocs serve` builds for its own address, and every
        # page names its address (the canonical link), so serving and building keep apart.
        site = _digest(str(config.site_url or ""))[:16]
        self.store = opened(PageOutputStore, directory / site)
        self.search = search_entries_of(config)
        self.usable = self.search is not None
        self.site_key = _digest(
            file_context,
            str(nav),
            _config_text(config),
            _theme_text(config),
            _pages_text(config, files),
        )
        self.served = served
        self.held = held or HeldContents()
        self.kept: dict[str, PageOutput] = {}
        self.keys: dict[str, str] = {}
        self.used: set[str] = set()
        self.indexed = 0  # search entries made before the page being built
        self.left: dict[str, list[dict]] = {}  # search entries of the pages left as they are
        self.order: list[str] = []  # the pages, in the order they are built
        self.positions: dict[str, int] = {}  # of each page in `order`
        self.placed = 0  # the pages before this position have their search entries in place
        self.written: dict[str, str] = {}  # the output files of this build, with their keys

    def choose_kept(self, env: jinja2.Environment, pages) -> None:
        """Before any page is built: the pages whose output is stored get the empty template,
        or, in a dirty build of `served`, are left as they are."""
        if not self.usable:
            return
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({KEPT_TEMPLATE: ""}), env.loader])
        leave = self.served is not None and self.served.dirty_rebuilds
        for page in pages:
            if page.content is None:  # a dirty build skips it
                continue
            uri = page.file.src_uri
            self.positions[uri] = len(self.order)
            self.order.append(uri)
            key = self._page_key(page)
            self.keys[uri] = key
            self.used.add(key)
            stored = self.store.get(key)
            if stored is None:
                continue
            self.held.forget(page)
            if leave and self.served.unchanged(site_path(page.file), key):
                self.left[uri] = stored.search_entries
                page.file.is_modified = never_modified
                page.content = None
            else:
                self.kept[uri] = stored
                page.meta["template"] = KEPT_TEMPLATE
                page.content = ""  # nothing for search to parse: its entries are stored
        self.indexed = len(self.search)

    def after_page(self, output: str, page) -> str:
        """The page's output: the stored one for a kept page, else stored for next time."""
        # MkDocs holds every page to the end of a build: of a written page, it needs no more
        # than what links and anchors are checked against, not the HTML.
        page.content = None
        if not self.usable:
            return output
        uri = page.file.src_uri
        search = self.search
        own = search[self.indexed :]
        del search[self.indexed :]
        if uri in self.positions:
            self._place_left_entries(self.positions[uri])
            self.placed = self.positions[uri] + 1
        kept = self.kept.get(uri)
        if kept is not None:
            search.extend(kept.search_entries)  # none expected from an empty page: never twice
            output = kept.text()
        else:
            search.extend(own)
            if uri in self.keys:
                html = zlib.compress(output.encode("utf-8"), 1)
                self.store.put(self.keys[uri], PageOutput(html, own))
        if uri in self.keys:
            self.written[site_path(page.file)] = self.keys[uri]
        self.indexed = len(search)
        return output

    def end_pages(self) -> None:
        """After the last page: the search entries of the pages left after it."""
        if self.usable:
            self._place_left_entries(len(self.order))

    def _place_left_entries(self, position: int) -> None:
        """The search entries of the pages left as they are before `position`, in order."""
        for uri in self.order[self.placed : position]:
            self.search.extend(self.left.get(uri, ()))
        self.placed = max(self.placed, position)

    def finish(self) -> None:
        """Remove the entries this build did not use (older versions of pages, removed pages),
        and the folders of all but the sites built most recently."""
        self.store.remove_all_but(self.used)
        self.store.end_run()
        write_to_cache(self.store.directory / LAST_USED, b"")
        try:
            sites = [folder for folder in self.store.directory.parent.iterdir() if folder.is_dir()]
        except OSError:  # a cache folder that cannot be made: nothing was kept
            return
        sites.sort(key=_last_used, reverse=True)
        for folder in sites[KEPT_SITES:]:
            shutil.rmtree(folder, ignore_errors=True)

    def _page_key(self, page) -> str:
        meta = json.dumps(page.meta, sort_keys=True, default=str)
        return _digest(
            self.site_key,
            page.file.src_uri,
            page.url,
            str(page.title),
            str(page.file.inclusion),
            meta,
            str(page.toc),
            self.held.digest(page),
        )


def _last_used(folder: Path) -> float:
    try:
        return (folder / LAST_USED).stat().st_mtime
    except OSError:
        return 0.0


def search_entries_of(config) -> list[dict] | None:
    """The list Material's search plugin collects its entries in; None when the site has a
    search this cache does not know (then every page is rendered)."""
    searches = plugins_named(config, "search")
    if not searches:
        return []
    index = getattr(searches[0], "search_index", None)
    entries = getattr(index, "entries", None)
    if len(searches) > 1 or not isinstance(entries, list) or not hasattr(index, "config"):
        return None
    return entries


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _config_text(config) -> str:
    values = {key: config.get(key) for key in CONFIG_KEYS}
    values["plugins"] = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    # An object's default repr holds its address, which differs in every process.
    return _ADDRESS.sub("", json.dumps(values, sort_keys=True, default=repr))


def _own_theme_folders(config) -> list[Path]:
    """The theme's folders outside installed packages: a project's own templates."""
    installed = Path(sysconfig.get_paths()["purelib"]).resolve()
    folders = map(Path, config.theme.dirs)
    return [folder for folder in folders if not folder.resolve().is_relative_to(installed)]


def _pages_text(config, files) -> str:
    """Every page's path and address, when a project's own templates could list them (MkDocs
    gives every template the pages); the theme's own templates do not."""
    if not _own_theme_folders(config):
        return ""
    pages = files.documentation_pages()
    return json.dumps(sorted((file.src_uri, file.url) for file in pages))


def _theme_text(config) -> str:
    """The theme's settings, and the templates it reads from outside installed packages (a
    project's overrides), by size and modification time."""
    theme = config.theme
    stamps = []
    for folder in _own_theme_folders(config):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                status = path.stat()
                stamps.append((str(path), status.st_size, status.st_mtime_ns))
    settings = {key: theme[key] for key in theme}
    return json.dumps([theme.name, settings, stamps], sort_keys=True, default=repr)


def _digest(*parts: str) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part.encode("utf-8", "surrogatepass"))
        hashed.update(b"\0")
    return hashed.hexdigest()


@dataclass
class RenderedPage:
    """What MkDocs keeps of a page's conversion: the HTML and what it read from the tree."""

    html: str
    toc: object
    title: str | None
    anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked page's src_uri
    lookups: Lookups = ()  # each path its links looked up, and what it found


class RenderedPageStore(PickleStore):
    kind = RenderedPage


class PageHtmlCache:
    """Each page's converted HTML, reused while its Markdown and everything else it depends on
    stay the same: the Markdown extensions and their settings, the package versions, and what
    each path its links looked up was found to be (address, inclusion; or missing) — so a page
    added or removed converts again only the pages linking to it. A page whose
    conversion logged anything is never stored, so its warnings come back on every build.
    On a hit the page's `render` is replaced, for this build's page object only, by putting the
    stored result in place: MkDocs would build a Markdown converter for every page first.
    """

    PACKAGES = ("mkdocs", "markdown", "mkdocs-material", "pymdown-extensions")

    def __init__(self, directory: Path, config, files) -> None:
        self.store = opened(RenderedPageStore, directory)
        self.used: set[str] = set()
        self.hits = 0
        self.files = files
        self.pending: dict[str, tuple[str, RenderedPage | None, dict]] = {}
        self.records = _Recorder()
        versions = {}
        for package in self.PACKAGES:
            try:
                versions[package] = metadata.version(package)
            except metadata.PackageNotFoundError:
                versions[package] = None
        context = {
            "versions": versions,
            "extensions": [repr(extension) for extension in config.markdown_extensions],
            "extension_configs": repr(sorted((config.mdx_configs or {}).items())),
            "use_directory_urls": config.use_directory_urls,
            "validation": repr(config.validation),
        }
        self.context = _digest(json.dumps(context, sort_keys=True))

    def before_render(self, markdown: str, page) -> str:
        uri = page.file.src_uri
        key = _digest(self.context, uri, markdown)
        stored = self.store.get(key)
        if stored is not None and not all(
            _found(self.files, path) == found for path, found in stored.lookups
        ):
            stored = None
        asked: dict[str, tuple[str, str] | None] = {}
        self.pending[uri] = (key, stored, asked)
        if stored is not None:
            page.render = functools.partial(_restore, page, stored)
        else:
            page.render = functools.partial(_render_noting_lookups, page, asked)
            self.records.start()
        return markdown

    def after_render(self, html: str, page) -> str:
        key, stored, asked = self.pending.pop(page.file.src_uri)
        page.__dict__.pop("render", None)  # it held the stored page, HTML and all, to the end
        self.used.add(key)
        if stored is None:
            if self.records.stop() == 0:
                self.store.put(key, self._rendered(html, page, tuple(asked.items())))
        else:
            self.hits += 1
        return html

    @staticmethod
    def _rendered(html: str, page, lookups: Lookups) -> RenderedPage:
        links = page.links_to_anchors
        return RenderedPage(
            html=html,
            toc=_copied_toc(page.toc),  # as it is now: plugins change it in place later
            title=page._title_from_render,
            anchor_ids=set(page.present_anchor_ids or ()),
            links_to_anchors=None
            if links is None
            else {file.src_uri: dict(anchors) for file, anchors in links.items()},
            lookups=lookups,
        )

    def finish(self) -> None:
        """Remove the entries this build did not use (older versions of pages, removed pages)."""
        self.store.remove_all_but(self.used)
        self.store.end_run()


class _Recorder(logging.Handler):
    """Counts what MkDocs logs while one page converts (link and anchor warnings, notes)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.count += 1

    def start(self) -> None:
        self.count = 0
        logging.getLogger("mkdocs").addHandler(self)

    def stop(self) -> int:
        logging.getLogger("mkdocs").removeHandler(self)
        return self.count


class PageSourceCache:
    """Under `mkdocs serve`: each page's Markdown and metadata as last read, by its file's
    signature (`write.file_signature`), so a rebuild parses the front matter of changed files
    only (MkDocs reads and parses every page's file at every build). A file too recently
    modified to trust its signature (`write.modified_recently`) is not kept."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[FileSignature, str, dict]] = {}
        self.seen: set[str] = set()

    def before_read(self, page, config) -> None:
        path = page.file.abs_src_path  # None for a page made in memory
        # A plugin that gives pages their source (`on_page_read_source`) must be asked each time.
        if config.plugins.events["page_read_source"] or path is None:
            return
        signature = file_signature(path)
        if signature is None:  # MkDocs' own reading says what is wrong
            return
        uri = page.file.src_uri
        self.seen.add(uri)
        known = self.known.get(uri)
        if known is not None and known[0] == signature:
            page.read_source = functools.partial(_read_known, page, known[1], known[2])
        elif not modified_recently(signature, time.time_ns()):
            page.read_source = functools.partial(self._read_and_keep, page, signature)

    def _read_and_keep(self, page, signature: FileSignature, config) -> None:
        type(page).read_source(page, config)
        self.known[page.file.src_uri] = (signature, page.markdown, copy.deepcopy(page.meta))

    def finish(self) -> None:
        """Forget the files this build did not read (removed pages)."""
        self.known = {uri: entry for uri, entry in self.known.items() if uri in self.seen}
        self.seen = set()


def _read_known(page, markdown: str, meta: dict, config) -> None:
    """What `Page.read_source` sets, from the last reading of an unchanged file."""
    page.markdown, page.meta = markdown, copy.deepcopy(meta)


# The paths a page's conversion looked up among the files, each with what it found: the file's
# address and inclusion, or None.
Lookups = tuple[tuple[str, tuple[str, str] | None], ...]


def _found(files, path: str) -> tuple[str, str] | None:
    """What `files` has at `path` (a path as `_NotingFiles` notes it: in POSIX form)."""
    return _answer(files.src_uris.get(path))


def _answer(file) -> tuple[str, str] | None:
    return None if file is None else (file.url, file.inclusion.name)


class _NotingFiles:
    """The site's files as one page's conversion sees them: each path it looks up is noted
    with what it found (MkDocs resolves and checks links through `get_file_from_path`)."""

    def __init__(self, files, asked: dict[str, tuple[str, str] | None]) -> None:
        self._files, self._asked = files, asked

    def get_file_from_path(self, path: str):
        posix = PurePath(path).as_posix()  # as `Files.get_file_from_path` looks it up
        file = self._files.src_uris.get(posix)
        self._asked[posix] = _answer(file)
        return file

    def __getattr__(self, name: str):
        return getattr(self._files, name)


def _render_noting_lookups(page, asked: dict, config, files) -> None:
    type(page).render(page, config, _NotingFiles(files, asked))


def _copied_toc(node):
    """A copy of a table of contents: new entries and lists of entries, the rest shared (as
    immutable strings and numbers are); `copy.deepcopy` took 0.3 s of a serve rebuild."""
    if isinstance(node, list):
        return [_copied_toc(item) for item in node]
    if not isinstance(node, AnchorLink | TableOfContents):
        return node
    copied = object.__new__(type(node))
    copied.__dict__ = {name: _copied_toc(value) for name, value in vars(node).items()}
    return copied


def _restore(page, stored: RenderedPage, config, files) -> None:
    """What `Page.render` sets, from a stored conversion."""
    page.content = stored.html
    page.toc = _copied_toc(stored.toc)  # plugins change it in place (tags fills in listings)
    page._title_from_render = stored.title
    page.present_anchor_ids = set(stored.anchor_ids)
    if stored.links_to_anchors is not None:
        page.links_to_anchors = {
            files.src_uris.get(uri): dict(links) for uri, links in stored.links_to_anchors.items()
        }
