"""Corpus → page views → Markdown through templates/ (Jinja2), pictures and the feed."""
