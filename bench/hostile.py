"""Hostile and broken input, one real build per case beside good seeds: what reaches the site,
what is lost, and what each case costs over a normal build of the same seeds.

usage: .venv/bin/python -m bench.hostile [--tree DIR] [--cases NAME,…] [--output FILE]

Each case writes its files into a fresh project (two good seeds, the topic file, mkdocs.yml,
the generator's cache of the good seeds, and a secret file beside `seeds/` that must never be
published), then runs `mkdocs build --strict` (or `python -m generator build`) in its own
process group, timed, its process tree's memory sampled. Every case is judged by the same
checks, and some by checks of their own:

- no traceback, and the build passes, unless the case must be refused (non-zero exit, a
  one-line message, the previous `docs/` untouched);
- no element or attribute on any page that came from input, well-formed SVG and feed;
- nothing of the secret file, `/etc/passwd`, `/proc` or the project's absolute path published;
- the listing pages are the listings, and the good seeds' briefs are on the site;
- every entry of `seeds/` is a brief or on the Seed report;
- at most 10 s and 500 MB over the normal build (a case is stopped at 120 s or 4 GB).

`--tree DIR` builds with another checkout's generator and mkdocs.yml (a `git worktree` of an
earlier commit), for before/after figures. The table goes to stdout, everything to `--output`.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from bench.run import PeakSampler
from generator.render.pages import site_briefs

ROOT = Path(__file__).resolve().parent.parent
GOOD_SEEDS = ("001_bbc7442c2c936912.txt", "004_4f9963ab703b9856.txt")
SECRET = "SECRET-TOKEN-1f0e"
MB = 1024**2
MAX_EXTRA_SECONDS = 10.0
MAX_EXTRA_BYTES = 500 * MB
STOP_AFTER_SECONDS = 120.0
STOP_ABOVE_BYTES = 4096 * MB
PARAGRAPH = (
    "The regional council voted on Monday to extend the tram line to the northern suburbs, "
    "a project that officials said would cost about $40 million over five years."
)
# What files of the build machine print, should one be published.
MACHINE_MARKERS = ("root:x:0:0", "VmPeak:", "TracerPid:")


@dataclass
class Built:
    """A case's finished build: its project folder, exit, messages, time and memory."""

    project: Path
    returncode: int | None
    stderr: str
    wall: float
    peak: int
    stopped: str = ""

    def briefs(self) -> list[dict]:
        docs = self.project / "docs"
        return site_briefs(docs) if (docs / "data" / "index.json").exists() else []

    def brief(self, source: str) -> dict | None:
        return next((b for b in self.briefs() if b["source"] == source), None)

    def report(self) -> str:
        """The Seed report's pages, as one text with Markdown escapes undone."""
        pages = sorted((self.project / "docs").glob("problems*.md"))
        text = "\n".join(page.read_text(encoding="utf-8") for page in pages)
        return html.unescape(re.sub(r"\\(.)", r"\1", text))


Check = Callable[[Built], list[str]]


def no_more_checks(_built: Built) -> list[str]:
    return []


@dataclass(frozen=True)
class Case:
    name: str
    family: str
    what: str
    write: Callable[[Path], None]  # given the project folder
    check: Check = no_more_checks
    refused: bool = False  # must stop with a one-line message and leave docs/ as it was
    command: str = "mkdocs"  # or "generator"
    wrap: tuple[str, ...] = ()  # a command the build runs under (e.g. a namespace with a tiny disk)
    heavy: bool = False  # too slow for the tests (tests/test_hostile_cases.py): bench only
    alone: bool = False  # spoils other cases (the topic file, docs/): tested in a build of its own

    @property
    def on_its_own(self) -> bool:
        return self.alone or self.refused or bool(self.wrap)


# --- writing cases ------------------------------------------------------------------------------


def seeds(project: Path) -> Path:
    return project / "seeds"


def article(title: str, extra: str = "") -> str:
    return f"{title}\n\n{PARAGRAPH} {extra}\n\nThe work is due to start next spring.\n"


def write_seed(name: str, text: str, sidecar: str | None = None) -> Callable[[Path], None]:
    def write(project: Path) -> None:
        path = seeds(project) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        if sidecar is not None:
            stem = name.rsplit(".", 1)[0]
            (seeds(project) / f"{stem}.meta.yaml").write_text(sidecar, encoding="utf-8")

    return write


def write_bytes(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda project: (seeds(project) / name).write_bytes(data)


def link(name: str, target: str) -> Callable[[Path], None]:
    """A symbolic link in seeds/; `target` may name {secret} or {project}."""

    def write(project: Path) -> None:
        (seeds(project) / name).symlink_to(
            target.format(secret=project / "secret.txt", project=project)
        )

    return write


def topics(text: str) -> Callable[[Path], None]:
    """The good topic file with `text` (YAML list items) added to its topics."""

    def write(project: Path) -> None:
        path = seeds(project) / "topics.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8"
        )

    return write


def together(*writers: Callable[[Path], None]) -> Callable[[Path], None]:
    def write(project: Path) -> None:
        for writer in writers:
            writer(project)

    return write


def brief_has(source: str, **fields: object) -> Check:
    """The brief of `source` exists and its fields hold these values (a callable value is a test)."""

    def check(built: Built) -> list[str]:
        brief = built.brief(source)
        if brief is None:
            return [f"no brief of {source!r}"]
        faults = []
        for key, wanted in fields.items():
            value = brief.get(key)
            ok = wanted(value) if callable(wanted) else value == wanted
            if not ok:
                faults.append(f"{key} is {str(value)[:80]!r}")
        return faults

    return check


def reported(*words: str) -> Check:
    """The Seed report holds each of these words (case-insensitive)."""

    def check(built: Built) -> list[str]:
        report = built.report().lower()
        return [f"report lacks {word!r}" for word in words if word.lower() not in report]

    return check


def both(*checks: Check) -> Check:
    return lambda built: [fault for check in checks for fault in check(built)]


def page_shows(source: str, *texts: str) -> Check:
    """The brief page of `source`, read as text, shows each of these texts."""

    def check(built: Built) -> list[str]:
        brief = built.brief(source)
        if brief is None:
            return [f"no brief of {source!r}"]
        page = built.project / "site" / "briefs" / brief["slug"] / "index.html"
        if not page.exists():
            return [f"no page of {source!r}"]
        shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8"))).split())
        return [f"page lacks {text!r}" for text in texts if text not in shown]

    return check


def slug_is_not(*reserved: str) -> Check:
    def check(built: Built) -> list[str]:
        return [f"slug {b['slug']!r}" for b in built.briefs() if b["slug"] in reserved]

    return check


def docs_untouched(built: Built) -> list[str]:
    listing = built.project / "docs" / "briefs" / "index.md"
    return [] if listing.exists() else ["docs/ was emptied"]


def nothing_staged(built: Built) -> list[str]:
    stray = [p.name for p in (built.project / "docs").rglob("*.tmp")]
    return [f"stray {name}" for name in stray]


def one_line_message(words: str) -> Check:
    def check(built: Built) -> list[str]:
        lines = [line for line in built.stderr.splitlines() if line.strip()][-3:]
        if not any(words in line.lower() for line in lines):
            return [f"last message {lines[-1][:90] if lines else ''!r}"]
        return []

    return check


def people_named(name: str, count: int) -> Check:
    def check(built: Built) -> list[str]:
        pages = [
            p for p in (built.project / "docs" / "people").glob("*.md") if p.name != "index.md"
        ]
        found = [p.name for p in pages if f"# {name}" in p.read_text(encoding="utf-8")]
        return [] if len(found) == count else [f"{len(found)} pages of {name}: {found}"]

    return check


def nested_yaml(depth: int) -> str:
    return "title: " + "[" * depth + "]" * depth + "\n"


ALIAS_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ntitle: *f\n"
)
# Markup a seed may carry: scripts, event handlers, links to code, template and Markdown syntax.
# Shared with tests/test_bad_input.py, which adds lines of its own as this file does.
MARKUP_LINES = (
    "<script>alert('body')</script>",
    '<img src=x onerror="alert(1)"> and <iframe src="https://evil.example"></iframe>',
    "[click me](javascript:alert(1)) and ![pixel](https://evil.example/p.png)",
    '<div onclick="alert(1)">raw HTML block</div>',
    "{{ config.site_name }} {% include 'secret' %}",
    '!!! danger "Injected admonition"',
    "A paragraph with an attribute list { onclick=alert(1) #evil }",
)
HTML_LINES = (
    *MARKUP_LINES,
    '--8<-- "../secret.txt"',
    "&lt;script&gt;alert('entity')&lt;/script&gt;",
)
GERMAN = (
    "Stadtrat beschließt Ausbau der Straßenbahn\n\n"
    "Der Stadtrat hat am Montag beschlossen, die Straßenbahnlinie bis in die nördlichen Vororte "
    "zu verlängern. Die Kosten werden nach Angaben der Verwaltung etwa 40 Millionen Euro betragen. "
    "Die Bauarbeiten sollen im kommenden Frühjahr beginnen, sagte die Bürgermeisterin.\n"
)
CHINESE = (
    "市议会批准延长电车线路\n\n"
    "市议会周一投票决定将电车线路延伸至北部郊区。官员表示，该项目将在五年内耗资约四千万美元。"
    "工程预计明年春天开工。\n"
)
RUSSIAN = (
    "Городской совет одобрил продление трамвайной линии\n\n"
    "В понедельник городской совет проголосовал за продление трамвайной линии до северных "
    "пригородов. По словам чиновников, проект обойдётся примерно в 40 миллионов долларов.\n"
)
QUOTED = "“We waited years for this,” said Anna Berg, a local resident."
FIFTY_THOUSAND = 50_000


def many_files(count: int) -> Callable[[Path], None]:
    def write(project: Path) -> None:
        for number in range(count):
            (seeds(project) / f"empty-{number:05}.txt").write_bytes(b"")

    return write


def many_topics(count: int) -> Callable[[Path], None]:
    items = "".join(
        f"  - id: topic-{n}\n    name: Topic {n}\n    terms: [tram{n}, council{n}]\n"
        for n in range(count)
    )
    return topics(items)


def outside_yaml(name: str, text: str) -> Callable[[Path], None]:
    """A YAML file beside seeds/, outside it."""
    return lambda project: (project / name).write_text(text, encoding="utf-8")


def fifo(name: str) -> Callable[[Path], None]:
    return lambda project: os.mkfifo(seeds(project) / name)


def folder_outside(project: Path) -> None:
    outside = project / "outside"
    outside.mkdir()
    shutil.copy(project / "secret.txt", outside / "leaked.txt")
    (seeds(project) / "linked-folder").symlink_to(outside)


def seeds_missing(project: Path) -> None:
    shutil.rmtree(seeds(project))


def seeds_is_a_file(project: Path) -> None:
    shutil.rmtree(seeds(project))
    seeds(project).write_text("not a folder\n", encoding="utf-8")


def full_cache(project: Path) -> None:
    cache = project / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    cache.write_text("a file where the cache folder should be\n", encoding="utf-8")
    write_seed("new.txt", article("A new article"))(project)


READ_ONLY_DOCS = (
    "unshare",
    "-r",
    "-m",
    "sh",
    "-c",
    'mount --bind docs docs && mount -o remount,bind,ro docs && exec "$0" "$@"',
)
TINY_DISK = (
    "unshare",
    "-r",
    "-m",
    "sh",
    "-c",
    'mount -t tmpfs -o size=64k tmpfs docs && exec "$0" "$@"',
)


def cases() -> list[Case]:
    injection = [
        Case(
            "name-html",
            "injection",
            "file name with blank lines, <img onerror> and <svg onload>",
            write_seed(
                "a\n\n<img src=x onerror=alert(1)>\n\n<svg onload=alert(2)>\n\nb.txt",
                article("Named"),
            ),
        ),
        Case(
            "name-link",
            "injection",
            "file name shaped as a javascript: link",
            write_seed("[x](javascript:alert(1)).txt", article("Linked name")),
        ),
        Case(
            "name-template",
            "injection",
            "file name with Jinja and attribute-list syntax",
            write_seed(
                "{{ config }} {% raw %} { onclick=alert(1) }.txt", article("Templated name")
            ),
        ),
        Case(
            "name-backticks",
            "injection",
            "file name closing a code span",
            write_seed("``<img src=x onerror=alert(1)>``.txt", article("Backticked name")),
        ),
        Case(
            "sidecar-html",
            "injection",
            "sidecar title, publisher and URL with script, onerror and an attribute break-out",
            write_seed(
                "sidecar.txt",
                article("Ignored"),
                "title: \"<script>alert('t')</script> Sidecar\"\npublisher: '<img src=x onerror=alert(1)>'\n"
                "url: 'https://a.example/\"><img src=x onerror=alert(2)>'\ndate: 2023-05-04\n",
            ),
            brief_has("sidecar.txt", title=lambda t: "Sidecar" in (t or "")),
        ),
        Case(
            "url-javascript",
            "injection",
            "a javascript: URL in front matter",
            write_seed(
                "js.md", f"---\ntitle: JS link\nurl: javascript:alert(1)\n---\n{PARAGRAPH}\n"
            ),
        ),
        Case(
            "url-data",
            "injection",
            "a data: URL in a sidecar",
            write_seed(
                "data.txt",
                article("Data link"),
                "url: 'data:text/html,<script>alert(1)</script>'\n",
            ),
        ),
        Case(
            "body-html",
            "injection",
            "HTML, Markdown, Jinja, admonition, snippet and attribute-list lines in the text",
            write_seed(
                "body.txt",
                "Body markup\n\n" + "\n\n".join(f"{line} {PARAGRAPH}" for line in HTML_LINES),
            ),
            page_shows(
                "body.txt",
                "click me",
                "raw HTML block",
                "{{ config.site_name }}",
                '!!! danger "Injected admonition"',
            ),
        ),
        Case(
            "body-md",
            "injection",
            "the same lines in a Markdown seed with HTML in its front matter",
            write_seed(
                "body.md",
                '---\ntitle: "<b onclick=alert(1)>Bold</b> title"\n---\n'
                + "\n\n".join(f"{line} {PARAGRAPH}" for line in HTML_LINES),
            ),
        ),
        Case(
            "speaker-html",
            "injection",
            "markup inside a quotation's speaker and words",
            write_seed(
                "speaker.txt",
                "Speaker markup\n\n“<b>Bold</b> claim here,” said <i onclick=alert(1)>Eve</i> Mallory, a tester.\n",
            ),
            page_shows("speaker.txt", "“Bold claim here,” said Eve Mallory"),
        ),
        Case(
            "topic-name-html",
            "injection",
            "a topic name with <img onerror>",
            topics(
                '  - id: evil\n    name: "<img src=x onerror=alert(1)> Trams"\n    terms: [tram line]\n'
            ),
        ),
        Case(
            "topic-id-path",
            "injection",
            "a topic id that is a path",
            topics("  - id: ../../evil\n    name: Path\n    terms: [tram line]\n"),
            alone=True,
        ),
        Case(
            "topic-term-regex",
            "injection",
            "topic terms of regular-expression syntax",
            topics(
                "  - id: regex\n    name: Regex\n    terms: ['(a+)+$', '.*', '[', 'tram line']\n"
            ),
        ),
    ]
    disclosure = [
        Case(
            "link-absolute",
            "disclosure",
            "a seed that links to a file outside seeds/",
            link("leak.txt", "{secret}"),
        ),
        Case(
            "link-relative",
            "disclosure",
            "a seed that links to ../secret.txt",
            link("leak-relative.txt", "../secret.txt"),
        ),
        Case(
            "link-passwd",
            "disclosure",
            "a seed that links to /etc/passwd",
            link("passwd.txt", "/etc/passwd"),
        ),
        Case(
            "link-proc",
            "disclosure",
            "a seed that links to /proc/self/status",
            link("status.txt", "/proc/self/status"),
        ),
        Case(
            "link-chain",
            "disclosure",
            "a link to a link inside seeds/ that leaves it",
            together(link("b.txt", "{secret}"), link("a.txt", "b.txt")),
        ),
        Case(
            "link-sidecar",
            "disclosure",
            "a sidecar that links outside",
            together(
                write_seed("own.txt", article("Own article")),
                outside_yaml("secret.yaml", f"title: {SECRET}\npublisher: {SECRET}\n"),
                link("own.meta.yaml", "{project}/secret.yaml"),
            ),
        ),
        Case(
            "link-topics",
            "disclosure",
            "a topic file that links outside",
            together(
                lambda project: (seeds(project) / "topics.yaml").unlink(),
                outside_yaml(
                    "topics.yaml", f"topics:\n  - {{id: leak, name: {SECRET}, terms: [tram]}}\n"
                ),
                link("topics.yaml", "{project}/topics.yaml"),
            ),
            alone=True,
        ),
        Case("link-folder", "disclosure", "a folder link to a folder outside", folder_outside),
        Case(
            "topic-path",
            "disclosure",
            "a broken topic file: the report must not print the build machine's path",
            topics("  - [broken\n"),
            reported("seeds/topics.yaml"),
            alone=True,
        ),
        Case(
            "snippet",
            "disclosure",
            "a snippet include of a file outside in a Markdown seed",
            write_seed(
                "snip.md",
                f'# Snippet\n\n--8<-- "{{secret}}"\n\n--8<-- "../secret.txt"\n\n{PARAGRAPH}\n',
            ),
        ),
    ]
    characters = [
        Case(
            "control-title",
            "bad character",
            "\\x01 and U+FFFE in a sidecar title",
            write_seed(
                "ctl.txt",
                article("Ignored"),
                'title: "Budget\\x01 vote\\uFFFE passes"\ndate: 2023-05-04\n',
            ),
            brief_has("ctl.txt", title="Budget vote passes"),
        ),
        Case(
            "control-publisher",
            "bad character",
            "\\x07 and U+FFFF in a publisher",
            write_seed(
                "pub.txt",
                article("Publisher control"),
                'publisher: "Acme\\x07 News\\uFFFF"\ndate: 2023-05-04\n',
            ),
            brief_has("pub.txt", publisher="Acme News"),
        ),
        Case(
            "control-opening",
            "bad character",
            "a control character in a dated article's opening sentence (the feed)",
            write_seed(
                "open.txt",
                "Opening control\n\nThe council\x01 voted\x1b[31m on Monday. " + PARAGRAPH + "\n",
                "date: 2023-05-04\n",
            ),
        ),
        Case(
            "surrogate",
            "bad character",
            "a lone surrogate from a YAML escape",
            write_seed(
                "sur.txt",
                article("Surrogate"),
                'title: "Half \\uD800 pair"\npublisher: "X\\uDFFF"\n',
            ),
            brief_has("sur.txt", title="Half pair"),
        ),
        Case(
            "control-topic",
            "bad character",
            "a control character in a topic name (the SVG pictures)",
            together(
                topics('  - id: ctl\n    name: "Tram\\x01 works\\x1b"\n    terms: [tram line]\n'),
                write_seed("tram.txt", article("Tram works")),
            ),
        ),
        Case(
            "ansi",
            "bad character",
            "terminal escape sequences in the text",
            write_seed(
                "ansi.txt", "Terminal \x1b]0;pwned\x07 escapes\n\n\x1b[2J" + PARAGRAPH + "\n"
            ),
            page_shows("ansi.txt", "The regional council voted"),
        ),
        Case(
            "c1-controls",
            "bad character",
            "C1 controls, vertical tab and form feed in the text",
            write_seed("c1.txt", "C1 controls\n\n\x85" + PARAGRAPH + "\x0b\x0c\x9b\n"),
        ),
        Case(
            "bad-utf8",
            "bad character",
            "invalid UTF-8 bytes in the middle of the text",
            write_bytes(
                "bytes.txt",
                b"Bad bytes\n\nThe council \xff\xfe voted \xc3 on Monday. "
                + PARAGRAPH.encode()
                + b"\n",
            ),
        ),
        Case(
            "stray-bom",
            "bad character",
            "byte order marks inside the text",
            write_seed("bom.txt", "\ufeffStray marks\n\n\ufeff" + PARAGRAPH + "\ufeff\n"),
            brief_has("bom.txt", title="Stray marks"),
        ),
        Case(
            "private-use",
            "bad character",
            "private-use and unassigned code points",
            write_seed(
                "pua.txt", "Private \ue000 use\n\n" + PARAGRAPH + " \U000f0000 \U0010ffff\n"
            ),
        ),
    ]
    loss = [
        Case(
            "link-loop",
            "silent loss",
            "two links that point at each other",
            together(link("x.txt", "y.txt"), link("y.txt", "x.txt")),
            reported("x.txt", "y.txt", "link loop"),
        ),
        Case(
            "self-link",
            "silent loss",
            "a link to itself",
            link("self.txt", "self.txt"),
            reported("self.txt"),
        ),
        Case(
            "seeds-missing",
            "silent loss",
            "no seeds/ folder",
            seeds_missing,
            both(docs_untouched, one_line_message("seeds")),
            refused=True,
        ),
        Case(
            "seeds-file",
            "silent loss",
            "seeds/ is a file",
            seeds_is_a_file,
            both(docs_untouched, one_line_message("seeds")),
            refused=True,
        ),
        Case(
            "title-index",
            "silent loss",
            "an article titled Index",
            write_seed("idx.txt", article("Index")),
            slug_is_not("index"),
        ),
        Case(
            "title-index-md",
            "silent loss",
            "front matter titles Index and index.html",
            together(
                write_seed("i1.md", f"---\ntitle: index\n---\n{PARAGRAPH}\n"),
                write_seed("i2.md", f"---\ntitle: index.html\n---\n{PARAGRAPH} Two.\n"),
            ),
            slug_is_not("index"),
        ),
        Case(
            "topic-index",
            "silent loss",
            "a topic with the id index",
            topics("  - id: index\n    name: Index\n    terms: [tram line]\n"),
            reported("index"),
            alone=True,
        ),
        Case(
            "reference-line",
            "silent loss",
            "a Markdown line shaped as a link definition holding words",
            write_seed(
                "ref.md",
                f"# Reference lines\n\n{PARAGRAPH}\n\n[Update]: The minister resigned on Friday.\n",
            ),
            page_shows("ref.md", "The minister resigned on Friday."),
        ),
        Case(
            "dangling",
            "silent loss",
            "a link to nothing",
            link("gone.txt", "nowhere.txt"),
            reported("gone.txt"),
        ),
        Case("fifo", "silent loss", "a named pipe", fifo("pipe.txt"), reported("pipe.txt")),
        Case(
            "folder-link-inside",
            "silent loss",
            "a link to a folder inside seeds/",
            lambda project: (seeds(project) / "sub").mkdir() or link("sub-link", "sub")(project),
        ),
        Case(
            "dot-name",
            "silent loss",
            "a seed named ..txt",
            write_seed("..txt", article("Dot named")),
            lambda b: [] if b.brief("..txt") or "..txt" in b.report() else ["..txt lost"],
        ),
        Case(
            "bad-date",
            "silent loss",
            "a sidecar date of 9999-02-30",
            write_seed(
                "date.txt",
                article("Ignored"),
                "title: Dated title\npublisher: Dated Press\ndate: 9999-02-30\nurl: https://a.example/x\n",
            ),
            brief_has("date.txt", title="Dated title", publisher="Dated Press", date=None),
        ),
        Case(
            "zero-date",
            "silent loss",
            "a date of 0000-00-00 and one of 2023-13-45",
            together(
                write_seed("z1.txt", article("Zero date"), "date: 0000-00-00\n"),
                write_seed("z2.txt", article("Month 13"), "date: 2023-13-45\n"),
            ),
            both(brief_has("z1.txt", date=None), brief_has("z2.txt", date=None)),
        ),
        Case(
            "sidecar-shape",
            "silent loss",
            "sidecars that are a list, a number and empty",
            together(
                write_seed("l.txt", article("List sidecar"), "- a\n- b\n"),
                write_seed("n.txt", article("Number sidecar"), "42\n"),
                write_seed("e.txt", article("Empty sidecar"), ""),
            ),
        ),
        Case(
            "nfc-nfd",
            "silent loss",
            "two file names that look the same (NFC and NFD)",
            together(
                write_seed("caf\u00e9.txt", article("Cafe one")),
                write_seed("cafe\u0301.txt", article("Cafe two")),
            ),
        ),
        Case(
            "long-name",
            "silent loss",
            "a 250-byte file name",
            write_seed("n" * 246 + ".txt", article("Long file name")),
        ),
        Case(
            "orphan-sidecar",
            "silent loss",
            "a sidecar with no article",
            lambda project: (seeds(project) / "orphan.meta.yaml").write_text(
                "title: Orphan\n", encoding="utf-8"
            ),
        ),
    ]
    cost = [
        Case(
            "alias-bomb",
            "cost",
            "a 343-byte YAML alias bomb in a sidecar",
            write_seed("bomb.txt", article("Bomb"), ALIAS_BOMB),
            heavy=True,
        ),
        Case(
            "alias-bomb-topics",
            "cost",
            "a YAML alias bomb in the topic file",
            lambda project: (seeds(project) / "topics.yaml").write_text(
                ALIAS_BOMB, encoding="utf-8"
            ),
            heavy=True,
        ),
        Case(
            "nested-yaml",
            "cost",
            "a sidecar nested 50,000 levels deep",
            write_seed("deep.txt", article("Deep"), nested_yaml(50_000)),
            heavy=True,
        ),
        Case(
            "far-date",
            "cost",
            "one seed dated 9999-12-31 (chart columns)",
            write_seed("far.txt", article("Far future"), "date: 9999-12-31\n"),
        ),
        Case(
            "wide-span",
            "cost",
            "seeds dated 1800-01-01 and 2099-12-31",
            together(
                write_seed("old.txt", article("Old"), "date: 1800-01-01\n"),
                write_seed("new.txt", article("New"), "date: 2099-12-31\n"),
            ),
        ),
        Case(
            "dashes",
            "cost",
            "a run of 200,000 dashes and spaces (topic-term regex)",
            write_seed("dash.txt", "Dashes\n\nTram " + "- " * 100_000 + "line.\n"),
            heavy=True,
        ),
        Case(
            "hyphen-chain",
            "cost",
            "one word of 20,000 hyphenated parts",
            write_seed("chain.txt", "Chain\n\n" + "-".join(["tram"] * 20_000) + " line.\n"),
            heavy=True,
        ),
        Case(
            "one-paragraph",
            "cost",
            "a 990 KB one-paragraph seed",
            write_seed("big.txt", "Big\n\n" + " ".join([PARAGRAPH] * 6000) + "\n"),
            heavy=True,
        ),
        Case(
            "two-megabytes",
            "cost",
            "a 2 MB one-paragraph seed",
            write_seed("huge.txt", "Huge\n\n" + " ".join([PARAGRAPH] * 12_500) + "\n"),
            reported("huge.txt"),
            heavy=True,
        ),
        Case(
            "no-spaces",
            "cost",
            "a 290,000-character line without a space",
            write_seed("nospace.txt", "No spaces\n\n" + "x" * 290_000 + "\n"),
            heavy=True,
        ),
        Case(
            "short-lines",
            "cost",
            "50,000 one-word lines",
            write_seed("lines.txt", "Lines\n\n" + "word\n" * 50_000),
            heavy=True,
        ),
        Case(
            "quote-marks",
            "cost",
            "20,000 unbalanced quotation marks",
            write_seed("quotes.txt", "Quotes\n\n" + "“a " * 20_000 + "\n"),
            heavy=True,
        ),
        Case(
            "brackets",
            "cost",
            "50,000 open brackets",
            write_seed("brackets.txt", "Brackets\n\n" + "(" * 50_000 + " tram line.\n"),
            heavy=True,
        ),
        Case(
            "long-title",
            "cost",
            "a title of 100,000 characters",
            write_seed("title.txt", "T" * 100_000 + "\n\n" + PARAGRAPH + "\n"),
            heavy=True,
        ),
        Case(
            "big-sidecar",
            "cost",
            "a 5 MB sidecar",
            write_seed(
                "side.txt",
                article("Big sidecar"),
                "title: Big sidecar\nnotes: " + "x" * 5 * MB + "\n",
            ),
            heavy=True,
        ),
        Case("topics-10k", "cost", "10,000 topics", many_topics(10_000), heavy=True),
        Case(
            "files-50k",
            "cost",
            "50,000 unusable (empty) files",
            many_files(FIFTY_THOUSAND),
            heavy=True,
        ),
    ]
    hygiene = [
        Case(
            "read-only-docs",
            "hygiene",
            "a read-only docs/",
            write_seed("new.txt", article("A new article")),
            both(one_line_message("docs"), nothing_staged),
            refused=True,
            command="generator",
            wrap=READ_ONLY_DOCS,
        ),
        Case(
            "disk-full",
            "hygiene",
            "a full disk under docs/ (a 64 KB file system)",
            write_seed("new.txt", article("A new article")),
            both(one_line_message("space"), nothing_staged),
            refused=True,
            command="generator",
            wrap=TINY_DISK,
        ),
        Case(
            "cache-blocked",
            "hygiene",
            "the cache folder cannot be made",
            full_cache,
            brief_has("new.txt", title="A new article"),
            alone=True,
        ),
    ]
    unsupported = [
        Case(
            "german",
            "unsupported",
            "an article in German",
            write_seed("de.txt", GERMAN),
            reported("de.txt", "not read as English"),
        ),
        Case(
            "chinese",
            "unsupported",
            "an article in Chinese",
            write_seed("zh.txt", CHINESE),
            reported("zh.txt", "not read as English"),
        ),
        Case(
            "russian",
            "unsupported",
            "an article in Russian",
            write_seed("ru.txt", RUSSIAN),
            reported("ru.txt", "not read as English"),
        ),
        Case(
            "look-alike-names",
            "unsupported",
            "one name written with U+200D, U+00AD and U+2060 inside it",
            together(
                write_seed("la1.txt", f"Look-alikes one\n\n{QUOTED}\n\n{PARAGRAPH}\n"),
                write_seed(
                    "la2.txt",
                    "Look-alikes two\n\n“We waited,” said Anna Be\u00adrg, a local resident.\n\n"
                    + PARAGRAPH
                    + "\n",
                ),
                write_seed(
                    "la3.txt",
                    "Look-alikes three\n\n“We waited,” said An\u200dna Ber\u2060g, a local resident.\n\n"
                    + PARAGRAPH
                    + "\n",
                ),
            ),
            people_named("Anna Berg", 1),
        ),
        Case(
            "rtl-title",
            "unsupported",
            "a right-to-left override in a title",
            write_seed("rtl.txt", article("Invoice \u202efdp.exe")),
            brief_has("rtl.txt", title="Invoice fdp.exe"),
        ),
    ]
    return injection + disclosure + characters + loss + cost + hygiene + unsupported


# --- judging a build ----------------------------------------------------------------------------


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


SITE_SCRIPT = re.compile(
    r"(/|(\.\./)*)(assets/(javascripts/\S+|briefing\.js|search\.js)|search/\S+)"
)
SITE_PICTURE = re.compile(r"(/|(\.\./)*)pictures/[a-z-]+\.svg#only-(light|dark)")


def injected_elements(page_html: str, site_tags: frozenset[str]) -> list[str]:
    """Elements and attributes of a built page that can only have come from input: a tag no
    page of the normal build has, or script, event, link or picture the templates never write."""
    parser = Elements()
    parser.feed(page_html)
    found = []
    for tag, attrs in parser.found:
        if (
            tag not in site_tags
            or (tag == "img" and not SITE_PICTURE.fullmatch(attrs.get("src") or ""))
            or any(name.startswith("on") for name in attrs)
            or attrs.get("id") == "evil"
            or re.match(r"\s*(javascript|data|vbscript):", attrs.get("href") or "", re.I)
            or (tag == "script" and attrs.get("src") and not SITE_SCRIPT.fullmatch(attrs["src"]))
        ):
            found.append(f"<{tag} {' '.join(attrs)}>")
    return found


@functools.cache
def tags_of_site(site: Path) -> frozenset[str]:
    """Every tag on the pages of a built site."""
    parser = Elements()
    for page in site.rglob("*.html"):
        parser.feed(page.read_text(encoding="utf-8"))
    return frozenset(tag for tag, _attrs in parser.found)


def published_files(project: Path) -> list[Path]:
    return [
        path
        for folder in ("docs", "site")
        for path in (project / folder).rglob("*")
        if path.is_file() and path.suffix in {".md", ".html", ".json", ".xml", ".svg", ".txt"}
    ]


def disclosures(project: Path, text: str) -> list[str]:
    leaks = [marker for marker in (SECRET, *MACHINE_MARKERS) if marker in text]
    if str(project) in text or str(ROOT) in text:
        leaks.append("an absolute path of the build machine")
    return leaks


def page_faults(built: Built, site_tags: frozenset[str]) -> list[str]:
    faults = []
    for path in published_files(built.project):
        text = path.read_text(encoding="utf-8", errors="replace")
        where = path.relative_to(built.project)
        faults += [f"{where}: {leak}" for leak in disclosures(built.project, text)]
        if path.suffix == ".html":
            faults += [f"{where}: {element}" for element in injected_elements(text, site_tags)[:3]]
        elif path.suffix in {".svg", ".xml"}:
            try:
                ElementTree.fromstring(text)
            except ElementTree.ParseError as error:
                faults.append(f"{where}: not XML ({error})")
    return faults


def listing_faults(built: Built) -> list[str]:
    """The good seeds' briefs are built and listed; no brief took a listing's page."""
    briefs = {b["source"]: b for b in built.briefs()}
    faults = [f"good seed {name} lost" for name in GOOD_SEEDS if name not in briefs]
    listing = built.project / "docs" / "briefs" / "index.md"
    text = listing.read_text(encoding="utf-8") if listing.exists() else ""
    for name in GOOD_SEEDS:
        if name in briefs and f"{briefs[name]['slug']}.md" not in text:
            faults.append(f"briefs listing lacks {name}")
    if not (built.project / "site" / "topics" / "index.html").exists():
        faults.append("no topics listing")
    return faults


def visible(name: str) -> str:
    return re.sub(r"[^\w.]", "", unicodedata_nfc(name))


def unicodedata_nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def accounted_faults(built: Built) -> list[str]:
    """Every article-like entry of seeds/ is a brief or is named on the Seed report."""
    folder = seeds(built.project)
    if not folder.is_dir():
        return []
    sources = {unicodedata_nfc(b["source"]) for b in built.briefs()}
    report = visible(built.report())
    lost = []
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.startswith(".") or name == "topics.yaml" or name.endswith(".meta.yaml"):
            continue
        if unicodedata_nfc(name) not in sources and visible(name) not in report:
            lost.append(name)
    return [f"{len(lost)} entries lost, e.g. {lost[0][:60]!r}"] if lost else []


def judge(case: Case, built: Built, site_tags: frozenset[str]) -> list[str]:
    if built.stopped:
        return [built.stopped]
    faults = []
    if "Traceback (most recent call last)" in built.stderr:
        faults.append("traceback")
    if case.refused:
        if built.returncode == 0:
            faults.append("not refused")
    elif built.returncode != 0:
        last = built.stderr.strip().splitlines()[-1:] or [""]
        faults.append(f"build failed ({built.returncode}): {last[0][:120]}")
    else:
        faults += listing_faults(built) + accounted_faults(built)
    return faults + page_faults(built, site_tags) + case.check(built)


def cost_faults(built: Built, normal: Built) -> list[str]:
    faults = []
    if built.wall - normal.wall > MAX_EXTRA_SECONDS:
        faults.append(f"{built.wall - normal.wall:.0f} s over a normal build")
    if built.peak - normal.peak > MAX_EXTRA_BYTES:
        faults.append(f"{(built.peak - normal.peak) / MB:.0f} MB over a normal build")
    return faults


# --- running a build ----------------------------------------------------------------------------


def build_command(tree: Path, command: str) -> list[str]:
    if command == "generator":
        return [sys.executable, "-m", "generator", "build"]
    return [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict"]


def run_build(project: Path, tree: Path, case: Case | None = None) -> Built:
    """Build `project` with `tree`'s generator, in a process group of its own, sampled."""
    arguments = build_command(tree, case.command if case else "mkdocs")
    if case and case.wrap:
        arguments = [*case.wrap, *arguments]
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CI", None)
    started = time.perf_counter()
    with (project / "build.log").open("w+") as log:
        process = subprocess.Popen(
            arguments,
            cwd=project,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        sampler = PeakSampler(process.pid)
        sampler.start()
        stopped = watch(process, sampler, started)
        sampler.stopped.set()
        sampler.join()
        log.seek(0)
        output = log.read()
    return Built(
        project, process.returncode, output, time.perf_counter() - started, sampler.peak, stopped
    )


def watch(process: subprocess.Popen, sampler: PeakSampler, started: float) -> str:
    """Wait for the build; stop its process group past the time or memory limit."""
    while process.poll() is None:
        why = ""
        if time.perf_counter() - started > STOP_AFTER_SECONDS:
            why = f"stopped after {STOP_AFTER_SECONDS:.0f} s"
        elif sampler.peak > STOP_ABOVE_BYTES:
            why = f"stopped above {STOP_ABOVE_BYTES // MB} MB"
        if why:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return why
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):  # pool workers left behind by a build that ended
        os.killpg(process.pid, signal.SIGKILL)
    return ""


def make_project(folder: Path, tree: Path) -> Path:
    """Two good seeds, the topic file, the tree's mkdocs.yml and a secret outside seeds/."""
    folder.mkdir(parents=True)
    (folder / "seeds").mkdir()
    sidecars = [name.replace(".txt", ".meta.yaml") for name in GOOD_SEEDS]
    for name in (*GOOD_SEEDS, *sidecars, "topics.yaml"):
        shutil.copy(ROOT / "seeds" / name, folder / "seeds" / name)
    shutil.copy(tree / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "docs").mkdir()
    (folder / "secret.txt").write_text(
        f"Build secrets\n\nThe deploy key is {SECRET} for now.\n", encoding="utf-8"
    )
    return folder


def primed_project(workdir: Path, tree: Path) -> tuple[Path, Built]:
    """A project built twice: its second (warm) build is the normal build cases are charged
    against, and its docs/, site/ and cache start every case."""
    primed = make_project(workdir / "primed", tree)
    run_build(primed, tree)
    return primed, run_build(primed, tree)


def case_project(workdir: Path, primed: Path, case: Case) -> Path:
    project = workdir / case.name
    shutil.copytree(primed, project, symlinks=True)
    (project / "build.log").unlink(missing_ok=True)
    case.write(project)
    return project


def run_case(
    case: Case, workdir: Path, primed: Path, tree: Path, normal: Built, keep: bool = False
) -> dict:
    project = case_project(workdir, primed, case)
    built = run_build(project, tree, case)
    faults = judge(case, built, tags_of_site(normal.project / "site")) + cost_faults(built, normal)
    result = {
        "case": case.name,
        "family": case.family,
        "what": case.what,
        "returncode": built.returncode,
        "extra_seconds": round(built.wall - normal.wall, 2),
        "extra_mb": round((built.peak - normal.peak) / MB),
        "faults": faults,
    }
    restore_permissions(project)
    if not faults or not keep:
        shutil.rmtree(project, ignore_errors=True)
    return result


def restore_permissions(project: Path) -> None:
    for folder, _dirs, _files in os.walk(project):
        os.chmod(folder, 0o755)


def concurrent_trials(workdir: Path, primed: Path, tree: Path, trials: int) -> dict:
    """Two `generator build` at once in one project, after an edit: both end without a
    traceback, and docs/ holds every page its manifest lists."""
    project = workdir / "concurrent"
    shutil.copytree(primed, project, symlinks=True)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("CI", None)
    bad: list[str] = []
    for trial in range(trials):
        (seeds(project) / "edited.txt").write_text(article(f"Edited {trial}"), encoding="utf-8")
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "generator", "build"],
                cwd=project,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        errors = [run.communicate()[1] for run in runs]
        codes = [run.returncode for run in runs]
        consistent = docs_consistent(project, f"Edited {trial}")
        if any(codes) or any("Traceback" in e for e in errors) or not consistent:
            bad.append(f"trial {trial}: exits {codes}, docs consistent {consistent}")
    shutil.rmtree(project, ignore_errors=True)
    return {"trials": trials, "clean": trials - len(bad), "faults": bad[:5]}


def docs_consistent(project: Path, title: str) -> bool:
    data = {"briefs": site_briefs(project / "docs")}
    slugs = {b["slug"] for b in data["briefs"]}
    titles = {b["title"] for b in data["briefs"]}
    pages = {p.stem for p in (project / "docs" / "briefs").glob("*.md")} - {"index"}
    return title in titles and pages == slugs and not list((project / "docs").rglob("*.tmp"))


def markdown_table(results: list[dict], normal: Built, concurrent: dict | None) -> str:
    lines = [
        f"Normal build of the same seeds: {normal.wall:.1f} s, {normal.peak / MB:.0f} MB.",
        "",
        "| case | family | what | result | extra s | extra MB |",
        "| --- | --- | --- | --- | ---: | ---: |",
    ]
    for result in results:
        outcome = "ok" if not result["faults"] else "; ".join(result["faults"])[:200]
        what = result["what"].replace("|", "\\|")
        outcome = outcome.replace("|", "\\|").replace("\n", " ")
        lines.append(
            f"| {result['case']} | {result['family']} | {what} | {outcome} | "
            f"{result['extra_seconds']:.1f} | {result['extra_mb']} |"
        )
    passed = sum(not r["faults"] for r in results)
    lines += ["", f"{passed} of {len(results)} cases pass."]
    if concurrent:
        lines.append(
            f"Two concurrent builds: {concurrent['clean']} of {concurrent['trials']} trials clean."
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tree", type=Path, default=ROOT, help="the checkout whose generator builds"
    )
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--concurrent", type=int, default=100, help="trials of two builds at once")
    parser.add_argument("--keep", action="store_true", help="keep the projects of failed cases")
    parser.add_argument("--workdir", type=Path, default=ROOT / ".cache" / "bench" / "hostile")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "hostile.json")
    options = parser.parse_args(argv)
    chosen = cases()
    if options.cases:
        names = set(options.cases.split(","))
        chosen = [case for case in chosen if case.name in names]
    tree = options.tree.resolve()
    shutil.rmtree(options.workdir, ignore_errors=True)
    primed, normal = primed_project(options.workdir, tree)
    results = []
    for case in chosen:
        print(f"{case.name} …", file=sys.stderr, end="", flush=True)
        results.append(run_case(case, options.workdir, primed, tree, normal, options.keep))
        print(" ok" if not results[-1]["faults"] else " FAULT", file=sys.stderr)
    concurrent = (
        concurrent_trials(options.workdir, primed, tree, options.concurrent)
        if options.concurrent
        else None
    )
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(
        json.dumps(
            {
                "tree": str(tree),
                "normal": {"seconds": normal.wall, "peak_mb": normal.peak / MB},
                "cases": results,
                "concurrent": concurrent,
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(markdown_table(results, normal, concurrent))
    return 0 if all(not r["faults"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
