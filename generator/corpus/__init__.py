"""Briefs → cross-links: topic coverage, speakers, related briefs; the topic proposals of `check`."""
