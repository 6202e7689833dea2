"""Briefing-site generator: news articles in `seeds/` become a static MkDocs site of briefs."""

__version__ = "0.1.0"
