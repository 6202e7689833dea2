"""What the briefing pages need of the site's configuration: the plugin turns on what it can and
names what it cannot, so that `- briefing` in any Material `mkdocs.yml` gives the same pages.

The pages' Markdown uses attribute lists (`{: #p12 .source-paragraph }`, the ¶ anchors claims and
quotes link to), admonitions (`!!! quote`), tables and permalinked headings; their tags need
Material's tags plugin; their style and scripts are the site's own assets (written into
docs/assets/ by the generator). A site without them built "successfully" before, with the
attribute lists printed as text and every ¶ link broken.
"""

from __future__ import annotations

from mkdocs.config import config_options
from mkdocs.exceptions import PluginError

from generator.render.pages import SCRIPTS, SEARCH_SCRIPT, STYLESHEETS

MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "tables", "toc")
# The navigation of the generated site: its sections, not the thousands of pages under them.
NAV = [
    {"Home": "index.md"},
    {"Briefs": "briefs/index.md"},
    {"Topics": ["topics/index.md", {"Tags": "tags.md"}]},
    {"People": "people/index.md"},
    {"Organisations": "organisations/index.md"},
    {"Stories": "stories/index.md"},
    {"Timeline": "timeline.md"},
    {"Seed report": "problems.md"},
]
NOT_IN_NAV = """
/briefs/*.md
/topics/*.md
/people/*.md
/organisations/*.md
/stories/*.md
/timeline.page-*.md
/problems.page-*.md
"""


def plugins_named(config, name: str) -> list:
    """The site's plugins of that name, however `mkdocs.yml` spells it ("search",
    "material/search")."""
    plugins = config.plugins
    return [plugins[key] for key in plugins if key.split("/")[-1] == name]


def complete_config(config, pagefind: bool) -> None:
    """Turn on what the pages need in `config` (a loaded MkDocs config), or stop the build with
    what to change where it cannot: another theme, or no tags plugin."""
    theme = config.theme.name
    if theme != "material":
        raise PluginError(
            f"briefing: the pages are made for the Material theme, not {theme!r}; set "
            "`theme: name: material` in mkdocs.yml"
        )
    if not plugins_named(config, "tags"):
        raise PluginError(
            "briefing: the briefs' topic tags need Material's tags plugin; add `- tags` under "
            "`plugins:` in mkdocs.yml (before `- briefing`)"
        )
    for extension in MARKDOWN_EXTENSIONS:
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    config.mdx_configs.setdefault("toc", {}).setdefault("permalink", True)
    _add_missing(config.extra_css, STYLESHEETS)
    _add_missing(config.extra_javascript, (*SCRIPTS, *((SEARCH_SCRIPT,) if pagefind else ())))
    if config.nav is None:  # else every brief, person and topic page would be in the navigation
        config.nav = NAV
        if config.not_in_nav is None:
            config.not_in_nav = config_options.PathSpec().run_validation(NOT_IN_NAV)


def _add_missing(listed: list, wanted: tuple[str, ...]) -> None:
    present = {str(entry) for entry in listed}
    listed.extend(entry for entry in wanted if entry not in present)
