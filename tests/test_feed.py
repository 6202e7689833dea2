"""The Atom feed: every dated brief, newest first, valid XML, the same bytes every time."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import replace

from generator.render.feed import atom_feed
from tests.test_corpus import brief

ATOM = "{http://www.w3.org/2005/Atom}"


def briefs():
    return [
        replace(brief("a.txt", "Older <story> & more", "2024-01-02"), summary="First."),
        brief("b.txt", "Newest", "2024-03-20"),
        brief("c.txt", "Undated", None),
    ]


def test_feed_lists_dated_briefs_newest_first_with_escaped_text():
    feed = ElementTree.fromstring(atom_feed(briefs(), "Site", "https://example.org/briefing"))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Newest", "Older <story> & more"]
    assert feed.findtext(f"{ATOM}updated") == "2024-03-20T00:00:00+00:00"  # not the build time
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == "https://example.org/briefing/briefs/newest/"
    assert entries[1].findtext(f"{ATOM}summary") == "First."
    assert entries[1].findtext(f"{ATOM}author/{ATOM}name") == "Paper"


def test_without_site_url_links_are_relative_and_ids_stable():
    text = atom_feed(briefs(), "Site", None)
    assert text == atom_feed(list(reversed(briefs())), "Site", None)
    feed = ElementTree.fromstring(text)
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "briefs/newest/"
    assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")


def test_no_dated_brief_no_feed():
    assert atom_feed([brief("c.txt", "Undated", None)], "Site", None) is None
