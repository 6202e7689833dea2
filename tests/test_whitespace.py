"""The built pages' indentation: cut where it renders as one space, kept where it is content."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.plugin.whitespace import KEPT, squeezed

PAGE = """<!doctype html>
<html>
  <head>
    <title>&lt;script&gt;alert(1)&lt;/script&gt;</title>
    <style>
      p   { margin: 0 }
    </style>
  </head>
  <body>
    <p>
      <a href="#p1">one</a>
      <a href="#p2">two</a>
    </p>
    <pre><code>def f():
    return 1
</code></pre>
    <textarea>
  kept  as typed</textarea>
    <script>const text = `line
      indented`;</script>
  </body>
</html>
"""


class Text(HTMLParser):
    """What a browser shows: the text, white space collapsed outside pre and textarea."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.verbatim = 0

    def handle_starttag(self, tag, attrs):
        self.verbatim += tag in {"pre", "textarea", "script", "style"}

    def handle_endtag(self, tag):
        self.verbatim -= tag in {"pre", "textarea", "script", "style"}

    def handle_data(self, data):
        self.parts.append(data if self.verbatim else " ".join(data.split()) or " ")


def shown(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split(" "))


def test_indentation_goes_and_what_a_reader_sees_stays():
    out = squeezed(PAGE)
    assert len(out) < len(PAGE) * 0.9
    assert "\n " not in KEPT.sub("", out)  # no line indented outside pre, textarea, code
    assert shown(out) == shown(PAGE)
    assert '<a href="#p1">one</a>\n<a href="#p2">two</a>' in out  # a space between links stays


def test_preformatted_text_code_and_styles_are_kept_byte_for_byte():
    out = squeezed(PAGE)
    for kept in (
        "<pre><code>def f():\n    return 1\n</code></pre>",
        "<textarea>\n  kept  as typed</textarea>",
        "<script>const text = `line\n      indented`;</script>",
        "<style>\n      p   { margin: 0 }\n    </style>",
    ):
        assert kept in out


def test_escaped_text_stays_escaped():
    out = squeezed(PAGE)
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in out
    assert squeezed(out) == out  # a page already squeezed (a kept one) is unchanged
