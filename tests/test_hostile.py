"""Hostile article text changes nothing but text: no element, attribute or link comes from it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.render.pages import CONTROL_CHARACTERS, escape_markdown

ROOT = Path(__file__).resolve().parent.parent
FRAGMENTS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<iframe src=//evil.example>",
    "[x](javascript:alert(1))",
    "![pic](x.png)",
    "<div>\n\nraw *html*\n\n</div>",
    "{{ 7*7 }}",
    "{% raw %}",
    '!!! warning "Injected"',
    '??? note "Folded"',
    '--8<-- "README.md"',
    "{ onclick=alert(1) }",
    "{: #evil }",
    "!!python/object/apply:os.system ['id']",
    "# heading",
    "| a | b |\n|---|---|",
    "* item",
    "1. item",
    "> quote",
    "    indented code",
    "```\nfence\n```",
    "<!-- comment -->",
    "&amp; &lt;b&gt;",
    "[^1]",
    "*[HTML]: abbreviation",
    "Term\n: definition",
    "<https://auto.example>",
    "\\*escaped\\*",
    "__bold__ _em_ **strong**",
    "`code`",
    "~~del~~ ==mark== ^^ins^^",
]


def site_extensions() -> tuple[list, dict]:
    """The Markdown extensions mkdocs.yml enables, in the form Python-Markdown takes."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names, configs = [], {}
    for entry in config.get("markdown_extensions", []):
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    configs.get("toc", {}).pop("permalink", None)
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = site_extensions()


class ElementCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def render_paragraph(text: str) -> ElementCollector:
    source = f"{escape_markdown(text)}\n{{: #p1 }}\n"
    output = markdown.markdown(source, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    collector = ElementCollector()
    collector.feed(output)
    return collector


article_text = (
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=30)),
        min_size=1,
        max_size=8,
    )
    .map(" ".join)
    .filter(lambda text: CONTROL_CHARACTERS.sub("", text).strip())
)  # never empty


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_text)
def test_any_article_text_renders_as_one_plain_paragraph(text):
    page = render_paragraph(text)
    assert page.elements == [("p", {"id": "p1"})]
    assert "".join(page.text) == " ".join(CONTROL_CHARACTERS.sub(" ", text).split())


def test_every_fixed_hostile_fragment_is_plain_text():
    for fragment in FRAGMENTS:
        page = render_paragraph(fragment)
        assert page.elements == [("p", {"id": "p1"})], fragment
        assert "".join(page.text) == " ".join(fragment.split()), fragment
