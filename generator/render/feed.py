"""The briefs as an Atom feed (RFC 4287), newest article first.

Entries are dated by the article's own date, so a feed reader sorts the coverage as it happened;
undated briefs have no place in a dated feed and are left out (the site lists them). The feed's
own `updated` is the newest article date, never the time of the build, so that the same seeds give
the same bytes.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence

from generator import __version__
from generator.model import Brief
from generator.slugs import safe_url

FEED_PATH = "feed.xml"
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100
# Names the feed and its entries when the site has no site_url to make them addresses.
ID_NAMESPACE = uuid.UUID("6f0c1d9e-2b53-4c58-9a57-7a1b3c0f5e21")


def atom_feed(
    briefs: Sequence[Brief], site_name: str, site_url: str | None, max_entries: int = MAX_ENTRIES
) -> str | None:
    """The Atom document, or None when no brief has a date."""
    dated = feed_briefs(briefs, max_entries)
    if not dated:
        return None
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed = ElementTree.Element("feed", xmlns=ATOM_NAMESPACE)
    child(feed, "id", base + FEED_PATH if base else name_id(site_name))
    child(feed, "title", site_name)
    child(feed, "updated", timestamp(dated[0].date))
    child(child(feed, "author"), "name", site_name)
    child(feed, "link", href=base or "./", rel="alternate")
    if base:
        child(feed, "link", href=base + FEED_PATH, rel="self")
    child(feed, "generator", "briefing-generator", version=__version__)
    for brief in dated:
        add_entry(feed, brief, base)
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def feed_briefs(briefs: Sequence[Brief], max_entries: int = MAX_ENTRIES) -> list[Brief]:
    """The briefs the feed lists: the newest dated ones, newest first."""
    dated = sorted((b for b in briefs if b.date), key=lambda b: (b.date, b.slug), reverse=True)
    return dated[:max_entries]


def add_entry(feed: ElementTree.Element, brief: Brief, base: str) -> None:
    address = f"{base}briefs/{brief.slug}/"
    entry = child(feed, "entry")
    child(entry, "id", address if base else name_id(brief.content_hash))
    child(entry, "title", brief.title)
    child(entry, "updated", timestamp(brief.date))
    child(entry, "published", timestamp(brief.date))
    if brief.publisher:
        child(child(entry, "author"), "name", brief.publisher)
    child(entry, "link", href=address, rel="alternate")
    if original := safe_url(brief.url):  # the same rule as the brief page's link
        child(entry, "link", href=original, rel="related", title="Original article")
    if brief.summary:
        child(entry, "summary", brief.summary)


def child(parent: ElementTree.Element, tag: str, text: str = "", **attributes: str):
    element = ElementTree.SubElement(parent, tag, attributes)
    element.text = text or None
    return element


def timestamp(date: str) -> str:
    """An ISO date as the start of that day in UTC: articles carry dates, not times."""
    return f"{date}T00:00:00+00:00"


def name_id(name: str) -> str:
    return uuid.uuid5(ID_NAMESPACE, name).urn
