"""The indentation of the built pages taken out: a tenth of a large site's HTML.

Templates indent their markup, so a page of Material's is one part in eight line breaks and
spaces. Outside the elements where white space is content (`pre`, `textarea`) or code (`script`,
`style`), a run of white space that holds a line break renders as the one space it begins with, so
each such run is cut to its line break. Nothing else changes: unlike a general minifier, which also
decodes character references (`&lt;` to `<` where the HTML grammar allows), text that came from a
seed stays escaped for every reader of the page, however careful its parser.
"""

from __future__ import annotations

import re

# An element whose content is kept as it is, matched whole: its tag, anything, its end tag.
KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
INDENTED_BREAK = re.compile(r"\n[ \t\r\n]*")


def squeezed(html: str) -> str:
    """The page with every run of white space that holds a line break cut to "\\n", except
    inside `pre`, `textarea`, `script` and `style`."""
    parts, start = [], 0
    for kept in KEPT.finditer(html):
        parts += [INDENTED_BREAK.sub("\n", html[start : kept.start()]), kept.group()]
        start = kept.end()
    parts.append(INDENTED_BREAK.sub("\n", html[start:]))
    return "".join(parts)
