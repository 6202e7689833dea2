"""The render memo: a page is reused only while its own values and every read it made of the
shared ones are what they were; what it renders is always what a fresh render gives."""

from __future__ import annotations

import jinja2

from generator.memo import RenderMemo
from generator.page_content import KeptPage, page_digest
from generator.render.views import PageNumbers

TEMPLATE = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
    "{{ title }}: {{ pages.get(name, 'none') }}{% if name in extra %} +{% endif %}"
)


def render(memo: RenderMemo, **context) -> str:
    """The page's text; for a page the memo kept, the text its digest stands for."""
    page = memo.page("page", context, lambda values: TEMPLATE.render(**values))
    if isinstance(page, KeptPage):
        text = page.text()
        assert page.digest == page_digest(text)
        return text
    return page


def test_a_page_is_reused_until_what_it_read_changes():
    memo = RenderMemo()
    pages = {"a": "a.md", "b": "b.md"}
    with memo.active():
        assert render(memo, title="A", name="a", pages=pages, extra={}) == "A: a.md"
    with memo.active():  # the same values, new objects
        assert render(memo, title="A", name="a", pages=dict(pages), extra={}) == "A: a.md"
        assert (memo.rendered, memo.reused) == (0, 1)
    with memo.active():  # an entry it never read changed: still reused
        changed = {"a": "a.md", "b": "other.md"}
        assert render(memo, title="A", name="a", pages=changed, extra={}) == "A: a.md"
        assert (memo.rendered, memo.reused) == (0, 1)
    with memo.active():  # what it read changed, and a membership test it made
        changed = {"a": "moved.md"}
        assert render(memo, title="A", name="a", pages=changed, extra={"a": 1}) == "A: moved.md +"
        assert (memo.rendered, memo.reused) == (1, 0)
    with memo.active():  # its own value changed
        assert render(memo, title="B", name="a", pages=changed, extra={"a": 1}) == "B: moved.md +"
        assert memo.rendered == 1


def test_a_read_recorded_anew_early_in_a_build_still_renders_pages_holding_its_old_value():
    memo = RenderMemo()
    with memo.active():
        render(memo, title="first", name="a", pages={"a": "old"}, extra={})
        render(memo, title="second", name="a", pages={"a": "old"}, extra={})
    with memo.active():
        new = {"a": "new"}
        # A page not seen before renders first and records the read with its new value...
        assert render(memo, title="third", name="a", pages=new, extra={}) == "third: new"
        # ...which must not make the earlier pages, holding the old value, look valid.
        assert render(memo, title="first", name="a", pages=new, extra={}) == "first: new"
        assert render(memo, title="second", name="a", pages=new, extra={}) == "second: new"
        assert memo.rendered == 3


def test_reads_of_numbers_and_flags_are_told_apart():
    memo = RenderMemo()
    with memo.active():
        assert render(memo, title="T", name="a", pages={"a": 1}, extra={}) == "T: 1"
    with memo.active():
        assert render(memo, title="T", name="a", pages={"a": True}, extra={}) == "T: True"
        assert memo.rendered == 1


def test_a_view_kept_between_builds_is_hashed_once_and_an_equal_new_one_gives_the_same_key():
    memo = RenderMemo()
    view = PageNumbers("topics/x", 1, 2)
    hashed = []
    fingerprint = memo.fingerprint
    memo.fingerprint = lambda value: hashed.append(value) or fingerprint(value)
    with memo.active():
        render(memo, title=view, name="a", pages={}, extra={})
    count = len(hashed)
    with memo.active():
        render(memo, title=view, name="a", pages={}, extra={})  # the same object: not hashed
        assert len(hashed) == count and memo.reused == 1
    with memo.active():
        render(memo, title=PageNumbers("topics/x", 1, 2), name="a", pages={}, extra={})
        assert len(hashed) > count and memo.reused == 1  # hashed, found equal
