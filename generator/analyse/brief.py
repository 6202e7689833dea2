"""Analysis: one Article in, one Brief out, as a sequence of small steps over a single parse."""
