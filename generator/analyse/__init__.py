"""Analysis: one Article in, one Brief out (`analyse.brief.analyse_article`), one module per step."""
