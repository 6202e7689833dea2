"""The plugin in someone else's site: a minimal Material mkdocs.yml that lists it builds strict
into the same pages (attribute lists applied, ¶ anchors, admonitions, tags, the site's style and
scripts, a navigation of sections); a site it cannot serve stops with what to change."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_CONFIG, minimal_project

pytestmark = pytest.mark.slow


def page(site: Path, path: str) -> str:
    return (site / "site" / path / "index.html").read_text(encoding="utf-8")


def test_a_minimal_config_gives_the_same_pages(minimal_site, built_site):
    html = {p: p.read_text(encoding="utf-8") for p in (minimal_site / "site").rglob("*.html")}
    assert not [str(p) for p, text in html.items() if "{: #" in text or "!!! quote" in text]
    brief = next((minimal_site / "docs" / "briefs").glob("*.md")).stem
    mine, ours = page(minimal_site, f"briefs/{brief}"), page(built_site, f"briefs/{brief}")
    links = set(re.findall(r'href="(?:\.\/)?#(p\d+)"', mine))
    assert links and all(f'id="{anchor}"' in mine for anchor in links)  # every ¶ link lands
    assert 'class="admonition quote"' in mine and 'class="headerlink"' in mine
    assert "assets/briefing.css" in mine and "assets/briefing.js" in mine
    assert 'class="md-tag' in mine  # the brief's topic tags

    def article(text: str) -> tuple[str, list[str]]:
        """The article's words and its elements' ids and classes (the search marks aside)."""
        inner = text[text.index("<article") : text.index("</article>")]
        words = " ".join(re.sub(r"<[^>]+>", " ", inner).split())
        return words, re.findall(r'(?:id|class)="[^"]*"', inner)

    assert article(mine) == article(ours)
    tabs = re.findall(r'class="md-tabs__link[^"]*"[^>]*>\s*([^<]+?)\s*<', page(minimal_site, ""))
    assert len(set(tabs)) <= 8  # sections, not a tab or entry per brief


def build(project: Path) -> subprocess.CompletedProcess:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run(
        [str(mkdocs), "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (MINIMAL_CONFIG.replace("  - tags\n", ""), "add `- tags` under `plugins:`"),
        (
            MINIMAL_CONFIG.replace("name: material", "name: mkdocs").replace("  - tags\n", ""),
            "made for the Material theme",
        ),
    ],
)
def test_a_site_the_plugin_cannot_serve_stops_with_what_to_change(tmp_path, config, message):
    result = build(minimal_project(tmp_path, config))
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_the_navigation_the_plugin_gives_is_this_projects():
    """mkdocs.yml keeps its navigation (Zensical, which ignores the plugin, reads it there): the
    plugin's default must be the same, not a copy drifting apart."""
    from generator.config import read_config
    from generator.plugin.needs import NAV, NOT_IN_NAV

    config = read_config((Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text("utf-8"))
    assert config["nav"] == NAV
    assert config["not_in_nav"].split() == NOT_IN_NAV.split()
