"""Publisher boilerplate: general rules that tell a scraped page's furniture from its article text.

The rules look at the shape of a line (a credit at its end, a promo verb at its start, a line
printed twice, a list of capitalised words) and never at one publisher's wording, so they hold for
any English news page. Every line they take out is kept as a `RemovedText` with a reason code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from generator.ingest.dates import NUMERIC_DATE, date_line, find_dates
from generator.model import RemovedText

# The reason codes a RemovedText can carry.
AD = "ad"  # "Advertisement", "Hide Ad"
PROMO = "promo"  # calls to action: "Sign up …", "Get more with …", "Visit … now", and their lines
CAPTION = "caption"  # a picture's caption (usually ending in its credit), or a copy of one
CREDIT = "credit"  # a credit alone: "Photo: AP", "Reporting by …; Editing by …", "… contributed."
BYLINE = "byline"  # "By Jane Doe", "3 min read"
COPYRIGHT = "copyright"  # "©2023 …", "Copyright 2023 …", "All rights reserved."
UPDATE_NOTE = "update-note"  # "(Updates with …)"
ASSISTANCE = "assistance-line"  # "With assistance from …"
COMMENT_FOOTER = "comment-footer"  # "Comment Guidelines" and the site's comment policy under it
KICKER = "kicker"  # a short section label printed above the headline
DATELINE = "dateline"  # "(Bloomberg) —" taken off the start of a paragraph that stays
RELATED = "related-headline"  # a link to another story, often printed twice
DUPLICATE = "duplicate"  # a paragraph printed again; the first copy stays
TAGS = "tags"  # a list of topic words: "Russia China Ukraine Putin"
ADDRESS = "address"  # a bare web address, or a link whose text is one
METADATA = (
    "metadata-line"  # a scraper's or dataset's field: "Published : …", "## URL", "@highlight"
)
DATE_LINE = (
    "date-line"  # a line that is only a date or time: "Apr 8th 2020", "13:32 EST, 6 March 2014"
)
HIGHLIGHT = "highlight"  # a dataset's or publisher's summary bullet, kept apart from the text
EDITOR_NOTE = "editor-note"  # "Editor's note: …", "This story has been updated …"
PUBLICATION_NOTE = "publication-note"  # "This article was originally published by …"
SEPARATOR = "separator"  # a line of punctuation only ("---", "***") or an end mark ("-end-")
CONTACT = "contact"  # a press contact: "Media contact", a phone number, an e-mail address
END_MATTER = "end-matter"  # what a release prints under its end mark ("###", "-30-", "-end-")
SITE_NOTICE = "site-notice"  # the site speaking of itself: "This page is archived …"
SIGN_OFF = "sign-off"  # a broadcaster's closing line: "I'm Jane Doe."
EMBED = "embed"  # an embedded post's furniture: "— Jane Doe (@janedoe) March 25, 2021"
PUBLISHER_NAME = "publisher-name"  # the publisher's name alone on a line
SITE_CHROME = "site-chrome"  # the page's own controls: "Skip to content", "Switch Language"
NOT_PROSE = "not-prose"  # a run of 1,000 or more characters without a space: no word is that long
LICENCE = "licence"  # "Public Domain", "Licensed under CC BY 4.0", "… is licensed under CC BY 2.0"
DISCLOSURE = "disclosure"  # the authors' interests under an analysis: "X receives funding from …"
SCRAPER_RECORD = "scraper-record"  # a page scraper's own record: "## Metadata", outline, links
CODE = "code"  # a program's lines, where the seed is a program's source with the article in strings
ISSUER_NOTE = "issuer-note"  # a release's closing note on its issuer: "About X" and what follows
LETTERHEAD = "letterhead"  # a release's issuer block above its type: a minister's name and offices
REASONS = (
    AD,
    PROMO,
    CAPTION,
    CREDIT,
    BYLINE,
    COPYRIGHT,
    UPDATE_NOTE,
    ASSISTANCE,
    COMMENT_FOOTER,
    KICKER,
    DATELINE,
    RELATED,
    DUPLICATE,
    TAGS,
    ADDRESS,
    METADATA,
    DATE_LINE,
    HIGHLIGHT,
    EDITOR_NOTE,
    PUBLICATION_NOTE,
    SEPARATOR,
    CONTACT,
    END_MATTER,
    SITE_NOTICE,
    SIGN_OFF,
    EMBED,
    PUBLISHER_NAME,
    LICENCE,
    NOT_PROSE,
    SITE_CHROME,
    ISSUER_NOTE,
    LETTERHEAD,
    DISCLOSURE,
    SCRAPER_RECORD,
    CODE,
)

# Page furniture next to which a caption-like line is taken for a caption too.
_FURNITURE = frozenset({AD, PROMO, CAPTION, CREDIT})


@dataclass(frozen=True)
class Unit:
    """One line of a seed, or several hard-wrapped lines joined: what the rules classify."""

    line: int  # 1-based line in the seed file where the unit starts
    text: str
    block: int  # index of the blank-line-separated block: units of one block touch each other
    heading: bool = False  # marked as a heading by the source format (Markdown `#`)
    bullet: bool = False  # a list item; its bullet mark is already gone from `text`
    level: int = 0  # a Markdown heading's level (1 for "# Title"); 0 for any other line
    emphasised: bool = False  # set wholly in italics or bold by the source format
    quoted: bool = False  # set off as a block quotation by the source format


@dataclass(frozen=True)
class Dateline:
    """The wire-style opening of a paragraph, e.g. `WASHINGTON (AP) —`, taken off its text."""

    line: int
    text: str
    agency: str  # the name in parentheses
    date: str | None  # the date as the dateline writes it, if it gives one


@dataclass(frozen=True)
class Cleaned:
    """What is left of a page once its boilerplate is gone."""

    headline: Unit | None  # the line that carries the article's title, if the page has one
    body: tuple[Unit, ...]  # the article text, in reading order, datelines taken off
    removed: tuple[RemovedText, ...]  # in line order
    datelines: tuple[Dateline, ...]
    kicker: Unit | None = None


# --- shapes of text -----------------------------------------------------------------------------

# Sentence ends of other scripts too: the danda of Bengali and Hindi, the Arabic question mark and
# full stop, the ideographic full stop.
OTHER_SCRIPT_ENDS = "।॥؟۔。！？"
_SENTENCE_END = re.compile(rf"[.!?…{OTHER_SCRIPT_ENDS}][\"”’')\]]*$")
_CLAUSE_END = re.compile(r"[.!:;,…][\"”’')\]]*$")
_WORD = re.compile(r"\w[\w’'-]*")

# Words that do not carry a topic: a line of capitalised words containing one is not a tag list.
_FUNCTION_WORDS_TEXT = (
    "a an the and or but nor of to in on at by for from with without as is are was were be been has "
    "have had do does did will would can could may might must shall should not no that this these "
    "those it its his her their our your my we you they he she i what which who whom whose how why "
    "when where than then so if into onto over under after before about against between during "
    "through amid"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())


def normalised(text: str) -> str:
    """Text reduced for comparison: case, quote styles, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text.replace("’", "'")))


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


# A middle initial ("President Donald J.") is where a wrapped line broke a name, not a sentence.
_INITIAL_END = re.compile(r"(?:^|\s)[A-Z]\.$")


def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return bool(_SENTENCE_END.search(text)) and not _INITIAL_END.search(text)


_LETTER_WORD = re.compile(r"[^\W\d_]+")


def letter_words(text: str) -> list[str]:
    """A text's words of letters only, lower-case (no digits: "2024" is no language's word)."""
    return [word.lower() for word in _LETTER_WORD.findall(text)]


def function_word_share(words: Sequence[str]) -> float:
    """The share of `words` (`letter_words`) that are English function words; 1.0 for none."""
    return sum(word in FUNCTION_WORDS for word in words) / len(words) if words else 1.0


_FOREIGN_MIN_WORDS = 6  # a short English line ("Massive protests across Brazil") has few too
_FOREIGN_SHARE = 0.15


def in_other_language(text: str, min_words: int = _FOREIGN_MIN_WORDS) -> bool:
    """Too few English function words for English ("Este día cambió la forma …"), among at
    least `min_words` words (fewer cannot tell)."""
    words = letter_words(text)
    return len(words) >= min_words and function_word_share(words) < _FOREIGN_SHARE


def starts_capitalised(text: str) -> bool:
    first = next((char for char in text if char.isalnum()), "")
    return first.isupper() or first.isdigit()


def is_headline_like(text: str, *, min_words: int = 3, max_words: int = 30) -> bool:
    """A headline's shape: a capitalised line of a few words with no sentence or clause ending
    (a question mark is fine: headlines ask questions)."""
    words = word_count(text)
    if not min_words <= words <= max_words or not starts_capitalised(text):
        return False
    return text.rstrip().endswith("?") or not _CLAUSE_END.search(text.rstrip())


def is_printed_twice(text: str) -> bool:
    """True for a line that is one text printed twice in a row, as scraped captions often are."""
    text = text.strip()
    for middle in {len(text) // 2, (len(text) + 1) // 2}:
        first, second = text[:middle].strip(), text[middle:].strip()
        if first and first == second:
            return True
    return False


# --- context-free rules: what one line is, by itself ---------------------------------------------

_AD_LINES = frozenset(
    {
        "ad",
        "advertisement",
        "hide ad",
        "skip ad",
        "sponsored",
        "sponsored content",
        "story continues below advertisement",
        "article continues below",
        "article continues below this ad",
        "continue reading below",
        "scroll to continue",
        "scroll to continue with content",
        "advertisement scroll to continue",
        "scroll down for video",
        "scroll down for videos",
        "watch the video",
        "video",
        "listen to this article",
    }
)

# A page's address slug or a record's key alone on a line: "mdol-rule-change".
_SLUG_LINE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+){2,}$")
# A page's controls as a scraper or a copy from the browser keeps them: links that skip, menus,
# search boxes, language switches, and a form's instructions to its user.
_SITE_CHROME = re.compile(
    r"^[›»←↑^\s]*(?:skip(?: to)? (?:main |the )?(?:content|navigation|main)\b.*|(?:toggle|open|close|main|site)"
    r" (?:navigation|menu)|(?:main )?menu|navigation|search(?: form| this site| the site)?"
    r"|(?:switch|change|select|choose) (?:the )?(?:language|edition|region)|back to top"
    r"|show (?:\d+ )?more(?: items| results| stories| news)?|load more|see all|view all"
    r"|(?:(?:enter|type) )?(?:your )?e-?mail(?: address)?|copy (?:html|link)|notifications|give now|donate now"
    r"|receive (?:the )?latest (?:updates|news)|(?:[A-Z]{2,6} )?(?:agency )?(?:media information"
    r"|press contacts)"
    r"|media playback is (?:not |un)supported on (?:this|your) device"
    r"|by clicking (?:subscribe|sign up|submit)\b.*|share(?: this(?: \w+)?)?|republish"
    r"|syndicate content\b.*"
    # a file to download, by its format: "Download chart:", "XLS format (31 Kb)", "PDF (2 MB)"
    r"|download (?:the )?(?:chart|table|map|data|file|image|pdf|report|dataset)s?"
    r"|(?:xlsx?|csv|pdf|png|jpe?g|zip|docx?|ods|odt|txt)(?: format| version| file)?"
    r"(?: \([\d.,]+ ?[kmg]i?b\))?|[^A-Za-z0-9\s]"  # "Δ": a form's one-letter field
    r"|(?:first|now|then|next),? (?:enter|choose|select|type|pick) (?:a|an|the|your)\b[^,.;:!?]*)"
    r"[.:]?$",
    re.IGNORECASE,
)

_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b", re.IGNORECASE
)
_UPDATE_NOTE = re.compile(
    r"^\(\s*(?:updates?|adds?|recasts?|corrects?|rewrites?|changes?|removes?|refiles?|fixes|"
    r"writethru)\b[^()]*\)\.?$",
    re.IGNORECASE,
)
_ASSISTANCE = re.compile(r"^[-‐–—―~]*\s*with assistance from\b", re.IGNORECASE)
_THANKS_CREDIT = re.compile(
    r"^thanks (?:also )?(?:go )?to\b.{1,100}\bfor (?:these|this|the|their|sending)\b.{0,40}$",
    re.IGNORECASE,
)
_STAFF_CREDIT = re.compile(
    r"^\(?(?:additional )?(?:reporting|editing|writing|compiled|produced) by\b[^.]*(?:;|\)?\.?$)"
    # "Text by Jane Doe | Edited by John Roe | Graphics by Ana Alegre": a story's credits in a row
    r"|^(?:(?:text|words|story|edited|editing|graphics|design|photos?|video|maps?|illustrations?"
    r"|data|development) by [^|.]{2,60}(?:\||$)\s*){2,}$",
    re.IGNORECASE,
)
# The writer's note under a story: "Barnett, a Media Fusion employee, supports the Marshall Office
# of Communications."
_WRITER_NOTE = re.compile(
    r"^[A-Z][\w'’-]+, an? [\w/&. -]{2,40} (?:employee|contractor|intern), supports the "
    r"(?:[A-Z][\w&'’-]*|of|and|for)(?: (?:[A-Z][\w&'’-]*|of|and|for))*\.$"
)
_CONTRIBUTED = re.compile(
    r"\bcontributed (?:to )?(?:this |the )?(?:report|story)(?:ing)?\.?$", re.I
)
_NAME = r"[A-Z][\w'’.-]*"
_BYLINE = re.compile(
    rf"^[Bb][Yy]:?\s+{_NAME}(?:\s+{_NAME}){{0,3}}(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME}){{0,3}})*$"
    rf"|^{_NAME}(?:\s+{_NAME}){{1,3}}\s+[|/]\s+{_NAME}(?:\s+{_NAME}){{0,5}}$"
    # "By BBC defence correspondent Jonathan Beale"
    rf"|^[Bb][Yy]\s+(?:the\s+)?{_NAME}(?:\s+{_NAME}){{0,3}}\s+(?:[a-z]+\s+){{0,3}}"
    rf"(?:correspondent|editor|reporter|writer|producer|analyst)\s+{_NAME}(?:\s+{_NAME}){{1,3}}$"
)
_READING_TIME = re.compile(r"^\d+\s*(?:-\s*)?(?:min|mins|minutes?)(?:\s+read)?$", re.IGNORECASE)
_PROMO_START = re.compile(
    r"^(?:(?:get|watch|read|see|discover|find|explore|listen to) more\b|watch (?:our|the latest)\b"
    r"|(?:view|see|read|download) (?:additional|the full|full)\b"
    r"|sign up\b|subscribe\b|register (?:now|for free|here|today)\b|log ?in to\b"
    r"|download (?:the|our|high-resolution|hi-res)\b|follow us\b|click here\b|tap here\b|learn more\b|read more\b"
    r"|listen now\b|don[’']t miss\b|join (?:us|our)\b"
    r"|visit\b.{1,60}\bnow\b"
    r"|(?:to|for) (?:learn|find out|read|see) more\b.{0,100}\b(?:visit|see|go to)\s*:?$"
    r"|for more (?:information|details)\b.{0,100}\b(?:visit|see|go to)\s*:?$"
    # "You can find out more about the Fund on the Ministry's website."
    r"|(?:you can )?(?:find out|learn|read) more\b.{0,100}\b(?:website|site|page)\.?$"
    # a line that points to the links under it: "For more on the Pioneer Awards:"
    r"|for (?:(?:more|further)(?! than\b)|tickets|registration)\b[^.!?]{0,80}:$"
    r"|follow\b.{1,60}\bon (?:twitter|x|facebook|instagram|threads|bluesky|linkedin|tiktok)\b"
    r"|more (?:stories|articles|news|videos?|coverage|reporting) (?:like this|from|on|at)\b"
    # a newsletter's sign-up box under its name: "First State Geology Newsletter Signup"
    r"|(?:[A-Z][\w&'’.-]* ){0,5}newsletter sign[- ]?up$)",
    re.IGNORECASE,
)
_PROMO_MAX_WORDS = 25
# An imperative to play a recording is a call to action even as a full sentence: "Watch Secretary
# Rubio’s video message on this action on the Department’s YouTube channel."
_MEDIA_PROMO = re.compile(
    r"^(?:watch|view|listen to|hear)\b.{0,120}\b(?:videos?|episodes?|podcasts?|youtube|livestream"
    r"|webcast)\b",
    re.IGNORECASE,
)
# A newsroom asking for money: "… without support from readers like you", "Please give …".
_APPEAL = (
    r"\b(?:readers like you|please give\b|every gift helps|tax-deductible donation"
    r"|become an? (?:\w+ )?(?:member|supporter)\b|support (?:our|independent) journalism)"
)
_APPEAL_TEXT = re.compile(_APPEAL, re.IGNORECASE)
# A call for readers' stories: "Have you been affected by …? Tell us about your experience …",
# or their money.
_CALL_FOR_READERS = re.compile(
    r"\b(?:tell us (?:about )?your|share your (?:story|stories|experiences?|views|photos))"
    rf"|{_APPEAL}"
    # a newsletter's sign-up set in the text: "Sign up for WhatMatters to receive the latest …"
    r"|\bsign up (?:for|to).{0,60}\bto (?:receive|get)\b",  # "for[Name](…)": no space
    re.IGNORECASE,
)
_READ_MORE = re.compile(
    r"^(?:(?:read|learn|find out) more|(?:view|see|read|download) (?:additional|the full|full))\b",
    re.IGNORECASE,
)
# A call to action speaks to the reader, or is a bare phrase; a reported sentence that happens to
# start with "Sign up" ("Sign up rates fell, officials said.") does neither.
_TO_THE_READER = re.compile(
    r"\b(?:you|your|our|us|now|free|today|here|newsletters?|app|podcasts?)\b", re.IGNORECASE
)
# A photo credit at the end of a line: "… Photo: AP", "… (Credit: Getty Images)", "… via Getty".
# Case matters: credits are capitalised, and "a photo: …" in a sentence is not one.
_CREDIT_TAIL = re.compile(
    r"(?:\b(?:Photo|Photograph|Photographer|Picture|Image|Illustration|Video|Graphic|Credit|Source"
    r"|Table|Chart|Figure|Map|Data)s?"
    r"(?:\s+(?:[Cc]redit|[Ss]ource))?\s*:\s*"
    r"(?P<name>[A-Z0-9][^!?:()]{0,80}?)"
    r"|\((?:Photo|Photograph|Picture|Image|Credit|Source)s?(?:\s+[Cc]redit)?\s*:[^()]{1,80}\)"
    r"|\((?:Photo|Photograph|Picture|Image)s?\s+(?:by|courtesy of|via|from)\s[^()]{1,80}\)\.?"
    r"|(?<=[.!?] )Public [Dd]omain\.?"
    r"|\bvia Getty Images|\bGetty Images"
    r"|\b(?:(?:Public Domain|Creative Commons) (?:photo|image|picture)"
    r"|Photo|Photograph|Picture|Image|Illustration|Screenshot|Screen ?grab|Screen capture)s?"
    r"(?:\s+credit)?\s+"
    r"(?:by|courtesy of|via|(?:taken )?from)\s+(?P<by>[\w@][^!?:()]{0,100}?)"
    r"|\b(?:Photo|Photograph|Picture|Image|Illustration)s? used with permission\.?"
    r"|\b(?:is )?licensed under (?:a )?(?:CC|Creative Commons)[\w .-]{0,40}"
    r"|\bCC[ -](?:BY|PDM|0)(?:[- ][A-Z]{2})*(?: \d\.\d)?\.?)"
    r"(?:\s*\((?:CC|Creative Commons|[Pp]ublic [Dd]omain)[^()]{0,40}\)\.?)?"  # "(CC BY 2.0)"
    # the day it was taken: "Screenshot via KTN News Kenya on YouTube. October 18, 2015."
    r"(?:\.?\s+(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4})\.?)?\s*$"
)
_SOURCED_MAX_WORDS = 40
_LICENCE_LINE = re.compile(
    r"^(?:public domain|(?:this (?:work|article|story|content) is )?licensed under\b.{0,80}"
    r"|creative commons\b.{0,80}|cc[ -]by(?:-[a-z]{2})*(?: \d\.\d)?(?: license)?)\.?$",
    re.IGNORECASE,
)
_CREDIT_LABEL = re.compile(r"^(?:(?:image|photo|picture|video) )?credits?\s*:", re.IGNORECASE)
# A picture's credit naming its licence: "Papa Francisco | Gabriel Trujillo – Attribution-ShareAlike
# 2.0 Generic (CC BY-SA 2.0)".
_LICENSED_CREDIT = re.compile(
    r"\(?\bcc[ -](?:by|0)(?:-[a-z]{2})*(?: \d\.\d)?\)?\.?$", re.IGNORECASE
)
# One run of marks, then at most a word and a run (two runs side by side backtrack quadratically).
_END_MARK = re.compile(r"^[-–—#*\s]*(?:(?:end|ends|30|xxx)[-–—#*\s]*)?$", re.IGNORECASE)
# A phone number's digits, an e-mail address, their labels (a date's digits are no phone number).
_CONTACT_LINE = re.compile(
    r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?!\d{4}-\d\d-\d\d\b|\d\d?/\d\d?/\d{2,4}\b)"
    r"\+?[\d(][\d() ./-]{6,}\d|[\s/,;|():]|or|and|tel|phone"
    r"|e-?mail|fax|mobile|cell)+\.?$",
    re.IGNORECASE,
)
_LABELLED_PHONE = re.compile(r"\b(?:phone|tel|telephone|fax)\s*:\s*\+?[\d(][\d() ./-]{6,}\d", re.I)
_CONTACT_START = re.compile(
    r"^(?:for (?:further|more) information\b.{0,80}\bcontact\b|(?:media|press|news) "
    r"(?:contacts?|inquiries|enquiries)\b|contact:|(?:toll[- ]free )?(?:call center|helpline|"
    r"switchboard)\s*:|contact (?:information|details)\s*:)",
    re.IGNORECASE,
)
# An issuer's postal address under its name: "200 Independence Avenue S.W.", "Washington D.C.
# 20201", "Springfield, IL 62701".
_POSTAL_LINE = re.compile(
    r"^(?:\d{1,5}(?:\s+[A-Z0-9][\w.'’-]*){1,5}\s+(?:Avenue|Ave|Street|St|Road|Rd|Boulevard|Blvd"
    r"|Drive|Dr|Lane|Ln|Way|Place|Pl|Plaza|Court|Ct|Square|Sq|Parkway|Pkwy|Highway|Hwy)\.?"
    r"(?:,?\s+(?:[NS]\.?[EW]\.?|Suite \w+|Room \w+))*"
    r"|(?:[A-Z][\w.'’-]*[\s,]+){1,3}?(?:[A-Z]\.\s?[A-Z]\.|[A-Z]{2})?,?\s*\d{5}(?:-\d{4})?)\.?$"
)
_SITE_NOTICE = re.compile(
    r"^(?:this (?:page|article|story) (?:is|has been) archived\b"
    r"|articles (?:presented|published|posted|appearing) (?:on|in)\b"
    r"|.{0,120}\b(?:our archival policy|external links may no longer|this page (?:is|was))\b)",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    rf"^I[’']m {_NAME}(?: {_NAME}){{0,3}}\.(?:\s+And I[’']m {_NAME}(?: {_NAME}){{0,3}}\.)?$"
)
_SELF_DESCRIPTION = re.compile(
    r"^[A-Z][\w&.’' -]{1,50}(?:,[^,]{1,80},)? is (?:a|an|the) [\w ,-]{0,60}?"
    r"(?:newsroom|news (?:organi[sz]ation|service|agency|outlet|site|website|platform)"
    r"|media (?:organi[sz]ation|outlet)|publication|newsletter|magazine|non-?profit"
    r"|editorially independent|independent,? (?:bipartisan |federal |government )*agency)\b",
)
_NEWSLETTER = re.compile(
    r"^(?:(?:hello|hi|dear|greetings)\b.{0,40}\bwelcome\b"
    r"|welcome to (?:the|this|our|issue)\b.{0,80}\b(?:issue|edition|newsletter)\b"
    r"|(?:content|this (?:page|file|summary)) (?:was )?(?:scraped|collected|aggregated|auto-generated)\b"
    r"|auto-?generated (?:by|with|from)\b"
    r"|.{0,100}\b(?:is|are) (?:also )?available (?:at|on|from|online|via)\b[^.]{0,60}:$"
    r"|this (?:issue|edition) of\b.{1,60}\b(?:was|has been|is) (?:assembled|compiled|edited|written|"
    r"produced|put together)\b"
    r"|(?:want|would you like) to\b.{0,80}\?"
    r"|do you have (?:information|a tip|tips|a story)\b)",
    re.IGNORECASE,
)
# A picture's caption closed by its credit without a label: "… by making sonic booms quieter.
# NASA / Steve Freeman", "Artist illustration of the X-59 in flight over land. Lockheed Martin":
# a sentence (three lower-case words at least: not a headline's "Gov. Abbott Signs Bill"), then
# capitalised words alone after its last full stop (a pronoun or article there is a sentence
# cut off: "… lay down the law.  We").
_BARE_CREDIT = re.compile(
    r"[a-z]{2}[.!?][’\")]*\s+(?!(?:I|We|He|She|It|They|You|The|A|An|But|And|So)\s*$)(?:[A-Z][\w.&’'-]*(?:\s*/\s*|\s+)){0,5}[A-Z](?:[\w.&’'-]*[a-z]\w*|[A-Z]+)"
    r"\s*$"
)
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_CAPTION_SENTENCE_WORDS = 3


def _ends_on_bare_credit(text: str) -> bool:
    return (
        len(_LOWER_WORD.findall(text)) >= _CAPTION_SENTENCE_WORDS
        and (credit := _BARE_CREDIT.search(text)) is not None
        # a name after a quotation may be its speaker's; an agency's "NASA/Jane Doe" is a credit
        and (not re.search('[“”"]', text) or "/" in credit.group(0))
    )


# A picture described: "This image of …", "Pictured: …", "Jane Doe, left, and John Roe …".
_CAPTION_SHAPE = re.compile(
    r"^(?:(?:this|the|above|top|below) (?:image|photo|photograph|picture|illustration|graphic)"
    r" (?:of|shows|depicts)\b|(?:pictured|above|top|left|right)\s*:"
    # "This black-and-white image of Europa’s surface was taken by …"
    r"|this(?: [\w-]+){1,2} (?:image|photo|photograph|picture|illustration|graphic|mosaic)"
    r" (?:of|shows|depicts|from)\b)"
    r"|, (?:left|right|center|centre|second from (?:left|right)),",
    re.IGNORECASE,
)
# A picture described with what it shows and who took it, however long (a scraper may run two
# captions together): "This black-and-white image of … was taken by the Stellar Reference Unit".
_DESCRIBED_PICTURE = re.compile(
    r"^This(?: [\w-]+){0,2} (?:image|photo|photograph|picture|mosaic) (?:of|from)\b[^.]{0,200}?"
    r"\b(?:was|were) (?:taken|captured|acquired|made|obtained) (?:by|with|from|on|during)\b"
)
# An embedded post's sign-off: "— Jane Doe (@janedoe) March 25, 2021" under a tweet, "A post
# shared by Jane Doe (@janedoe) on Mar 5, 2019 at 3:00am PST" under an Instagram post.
EMBED_SIGN_OFF = re.compile(
    r"^(?:[—–-]|a (?:post|photo|video) shared by)\s*(?P<name>[^()]{1,80}?)\s*\(@[\w.]{1,30}\)"
    r"\s*(?:on )?(?:\w+\.? \d{1,2}, \d{4}|\d{1,2} \w+\.? \d{4})?(?: at [\d:]+\s*[ap]m(?: \w+)?)?\s*$",
    re.IGNORECASE,
)
_EMBED_FURNITURE = re.compile(
    r"^(?:view this (?:post|photo|video) on (?:instagram|facebook|twitter|x|tiktok)"
    r"|a (?:post|photo|video) shared by\b.{0,80}"
    r"|pic\.twitter\.com/\w+)$",
    re.IGNORECASE,
)
_HTML_COMMENT = re.compile(r"^<!--.*-->$")
# A newswire corpus's SGML record (TIPSTER, ACE, TDT): "<DOC>", "<DOCNO> 0000.000 </DOCNO>",
# "<DATE_TIME>04/26/2006</DATE_TIME>", "</TEXT>": a tag in capitals alone on its line, or one
# element; its value, where it matters (the headline, the date), is read from the text too.
_SGML_FIELD = re.compile(
    r"^</?(?P<tag>[A-Z][A-Z0-9_]{1,20})(?:\s[^<>]{0,80})?>(?:[^<>]{0,300}</(?P=tag)>)?$"
)
_WIKI_TEMPLATE = re.compile(r"^(?:\{\{[^{}]*\}\}\s*)+$")
# A site generator's or wiki's markup left in the text: a Liquid tag ("By {% author chrisc %}"), a
# wiki table's opening line ("{| border{publish}}"); what is left around it says nothing.
_TEMPLATE_MARKUP = re.compile(r"\{%[^%{}]{0,200}%\}|\{\{[^{}]{0,200}\}\}|^\{\|.*$")
_LEFT_BY_MARKUP = re.compile(r"^\W*(?:by\W*)?$", re.IGNORECASE)
_COMMENT_HEADER = re.compile(
    r"^(?:comment(?:ing)? guidelines|community guidelines|comments?(?: \(\d+\))?|\d+ comments?"
    r"|join the (?:conversation|discussion)|have your say|leave a comment)$",
    re.IGNORECASE,
)
_COMMENT_POLICY = re.compile(
    r"\b(?:community|comment(?:ing)?|house)\s+(?:guidelines|rules)\b", re.I
)
_COMMENT_TALK = re.compile(
    r"\b(?:commenting|comments?|reader discussion|discussion|feedback|before posting)\b", re.I
)
# A wire dateline opening a paragraph: "(Bloomberg) — ", "WASHINGTON (AP) — ",
# "LONDON, Aug 8, 2023 (Reuters) - ": an optional place in capitals with an optional date, the
# agency in parentheses, then a dash.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{1,40}?(?:,\s*(?P<date>[A-Za-z0-9 .,]{3,30}?))?\s*)?"
    r"\((?P<agency>[A-Z][A-Za-z&.' -]{0,40})\)\s*[-–—]{1,2}\s*"
)
_TAG_SHARE = 0.6


def _is_hashtag_line(text: str) -> bool:
    """A line of hashtags and handles with a word or two between: "#groovy #evenings with
    #Tarajazz #Taraab @dcmazanzibar #Zanzibar"."""
    tokens = text.split()
    tags = [token for token in tokens if token[:1] in "#@" and len(token) > 1]
    return (
        text.lstrip().startswith("#") and len(tags) >= 3 and len(tags) >= _TAG_SHARE * len(tokens)
    )


_TAG_PREFIX = re.compile(r"^(?:tags|topics|related topics|filed under)\s*:", re.IGNORECASE)
_ADDRESS = re.compile(r"^[<(]?(?:https?://|www\.)\S+?[>)]?$", re.IGNORECASE)
# Field names of scrapers' and datasets' records, printed as a label line ("## URL") or before
# their value ("Published : 2024-07-26"): the record's furniture, never the article's words.
_FIELD_NAMES = (
    r"urls?|links?|source url|title|headline|published(?: on| at| date)?|updated(?: on| at)?"
    r"|last updated|first published|posted(?: on| at)?|date(?:line)?|authors?|byline|tags"
    r"|keywords|categor(?:y|ies)|section|abstract|highlights|description|excerpt|image|caption"
    r"|language|lang|source|full (?:article|text|story)|(?:scraped|retrieved|accessed|fetched|crawled)"
    r"(?: \(\w+\))?(?: on| at)?|(?:joint )?(?:news |press |media )?release(?: no\.?| number)?"
    r"|for (?:immediate )?release"
    r"|from|to|subject|cc|reply-to|sent|location|(?:media|press) advisory(?: no\.?| number)?"
)
# A ministry's document type on a line of its own ("Media Note"); "Fact Sheet: …" is a title.
DOCUMENT_TYPES = r"media note|fact sheet|press statement|readout"
_FIELD_LABEL = re.compile(rf"^(?:{_FIELD_NAMES}|{DOCUMENT_TYPES})\s*[:.]?$", re.IGNORECASE)
_FIELD_VALUE = re.compile(rf"^(?:{_FIELD_NAMES})\s*:", re.IGNORECASE)
_DATASET_MARKER = re.compile(r"^@(?:highlight|summary|abstract|title|body|article)\s*$", re.I)
_EDITOR_NOTE = re.compile(
    r"^\(?\s*(?:editor[’']?s[’']? notes?|note to (?:editors|readers)|correction|clarification)"
    r"\s*[:—–-]"
    r"|^(?:this|the) (?:story|article|report|post|piece)(?: and (?:its |the )?headline)? "
    r"(?:has|have|was|were) (?:been )?(?:updated|corrected|amended|changed|edited)\b"
    r"|^(?:the )?(?:headline|title)(?: and (?:the )?(?:text|story))? (?:was |has been )?"
    r"(?:updated|corrected|amended|changed)\b",
    re.IGNORECASE,
)
_PUBLICATION_NOTE = re.compile(
    r"^\(?(?:this|the) (?:article|story|piece|report|post|analysis|interview|essay|commentary"
    r"|version|feature)\b.{0,160}?\b(?:(?:was |is |has been |first |originally )+"
    r"(?:published|appeared|posted|ran|produced)|republished|reprinted|(?:featured|contained) in "
    r"this article|is part of)",
    re.IGNORECASE,
)
# "By Jane Doe, Professor of …, University of …. Originally published on The Conversation …"
_CREDITED_BYLINE = re.compile(
    r"^By\s+[A-Z].{0,1200}?\b(?i:originally published|first published|republished)\b"
)
# A transcript's start and end times: "6:41 P.M. PST", "END 6:43 P.M. PST".
_CLOCK_LINE = re.compile(r"^(?:END\s+)?\d{1,2}:\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?(?:\s+[A-Z]{2,4})?$")
_JOINED_TAGS = re.compile(r"^(?:[A-Z][a-z]+(?:[-&][A-Z]?[a-z]+)*){3,}$")
_BYLINE_DATED = re.compile(
    rf"^[Bb]y\s+{_NAME}(?:\s+{_NAME}){{0,4}}(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME}){{0,4}})*"
    r"(?:\s*[|,–—•·-]|\s+(?=(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d))"
)


LONGEST_WORD = 1000


# A picture described as one: "Screenshot of the website …", "… to be premiered on 28 August.
# Screengrab. Image text: “…”", "… sign an agreement. From left: Texas State Rep. …", "Banner
# image: The pit in …".
_SCREENSHOT = re.compile(
    r"^(?:an? )?(?:screenshot|screen shot|screengrab|screen capture)s?\b"
    r"|(?:^|[.:] )(?:screenshot|screengrab)\.(?: |$)|\|\s*screen ?shots?\b"
    r"|(?:^|\. )collage (?:(?:from|of) (?:\w+ )?(?:photos|images|pictures|screenshots)|by)\b[^.]*\.?$"
    r"|(?:^|[.!?][\"”’)]*\s+)used with permission\.?$"
    r"|,\s+(?:image|photo|picture) used with permission(?: (?:from|of) [^.]{1,60})?\.?$"
    r"|\bimage text:|\b(?:from left|left to right|from right)\s*:"
    r"|^(?:banner|featured|header|lead|main|cover|top) (?:image|photo|picture)\s*:",
    re.IGNORECASE,
)
_CAPTION_MAX_WORDS = 120  # a caption naming everyone in a group photo runs long


def _line_reason(text: str) -> str | None:
    """The reason to remove a line that is boilerplate whatever surrounds it, or None."""
    if max(map(len, text.split()), default=0) >= LONGEST_WORD:  # spaCy splits it quadratically
        return NOT_PROSE
    plain = " ".join(_WORD.findall(text.casefold()))
    words = word_count(text)
    if plain in _AD_LINES or (
        is_printed_twice(text) and normalised(text[: len(text) // 2]) in _AD_LINES
    ):
        return AD
    if len(text) <= 200 and _COPYRIGHT.search(text):
        return COPYRIGHT
    if words <= _CAPTION_MAX_WORDS and _SCREENSHOT.search(text):
        return CAPTION
    if _UPDATE_NOTE.match(text):
        return UPDATE_NOTE
    if words <= 10 and _SITE_CHROME.match(text):
        return SITE_CHROME
    if words <= 60 and _ASSISTANCE.match(text):
        return ASSISTANCE
    if words <= 40 and (
        _STAFF_CREDIT.match(text)
        or _WRITER_NOTE.match(text)
        or _CONTRIBUTED.search(text)
        or _THANKS_CREDIT.match(text)
    ):
        return CREDIT
    if words <= 12 and (_BYLINE.match(text) or _READING_TIME.match(text)):
        return BYLINE
    if _COMMENT_HEADER.match(text.strip().rstrip(":")):
        return COMMENT_FOOTER
    if words <= 80 and _COMMENT_POLICY.search(text) and _COMMENT_TALK.search(text):
        return COMMENT_FOOTER
    unbracketed = text.strip().lstrip("[(").rstrip("])")
    if (
        words <= _PROMO_MAX_WORDS
        and _PROMO_START.match(unbracketed)
        and (
            not text.rstrip().endswith(".")
            or _TO_THE_READER.search(text)
            or _READ_MORE.match(unbracketed)
        )
    ):
        return PROMO
    if words <= _PROMO_MAX_WORDS and _MEDIA_PROMO.match(unbracketed):
        return PROMO
    if words <= 60 and _CALL_FOR_READERS.search(text):
        return PROMO
    credit = _CREDIT_TAIL.search(text)
    if credit and credit.group(0).lstrip().startswith("Source") and words > _SOURCED_MAX_WORDS:
        credit = None  # a quoted passage signed "– Source: The Elephant", not a picture's caption
    before = text[: credit.start()].strip() if credit else ""
    # "… taarab songs. Photo courtesy of the DCMA.", "… aboard the station. Credit: Auxilium
    # Biotechnologies.", not "… Best Picture by the Board."
    stop_allowed = not before or ends_sentence(before)
    if credit and _is_credit_name(
        credit.group("name") if credit.group("by") is None else credit.group("by"),
        stop_allowed=stop_allowed,
    ):
        return CREDIT if not before else CAPTION
    if words <= _CAPTION_MAX_WORDS and _ends_on_bare_credit(text):
        return CAPTION
    if words >= 4 and is_printed_twice(text):
        return CAPTION
    if words <= 80 and _CAPTION_SHAPE.search(text) and not re.search('[“”"]', text):
        return CAPTION
    if words <= _CAPTION_MAX_WORDS and _DESCRIBED_PICTURE.match(text):
        return CAPTION
    if words <= 40 and (_TAG_PREFIX.match(text) or _is_hashtag_line(text)):
        return TAGS
    return _record_reason(text, words)


def _record_reason(text: str, words: int) -> str | None:
    """Scraper, dataset and editorial furniture: addresses, record fields, dates, notes."""
    if not _WORD.search(text) or (words <= 2 and _END_MARK.match(text)):
        return SEPARATOR
    if _HTML_COMMENT.match(text) or _SGML_FIELD.match(text):
        return METADATA
    if _WIKI_TEMPLATE.match(text):
        return METADATA if not date_line(text) else DATE_LINE
    if "{" in text and _LEFT_BY_MARKUP.match(_TEMPLATE_MARKUP.sub("", text)):
        return METADATA
    if NUMERIC_DATE.match(text):
        return DATE_LINE  # "26-02-20": which day, the page's address may tell
    if words <= 20 and len(text) <= 200 and _CONTACT_LINE.match(text):
        return CONTACT
    if words <= 30 and _LABELLED_PHONE.search(text):
        return CONTACT  # "Jennifer Doe ( Phone: 303-202-4764 ); John Roe ( Phone: … );"
    if words <= 40 and _CONTACT_START.match(text):
        return CONTACT
    if words <= 10 and _POSTAL_LINE.match(text):
        return CONTACT
    if words <= 20 and (_LICENCE_LINE.match(text) or _CREDIT_LABEL.match(text)):
        return LICENCE if _LICENCE_LINE.match(text) else CREDIT
    if words <= 20 and _LICENSED_CREDIT.search(text[-40:]):
        return CREDIT
    if words <= 60 and _SITE_NOTICE.match(text):
        return SITE_NOTICE
    if words <= 12 and _SIGN_OFF.match(text):
        return SIGN_OFF
    if EMBED_SIGN_OFF.match(text) or _EMBED_FURNITURE.match(text):
        return EMBED
    if words <= 80 and _SELF_DESCRIPTION.match(text):
        return PUBLICATION_NOTE
    if words <= 60 and _NEWSLETTER.match(text):
        return PROMO
    if _ADDRESS.match(text):
        return ADDRESS
    if _DATASET_MARKER.match(text) or _FIELD_LABEL.match(text) or _SLUG_LINE.match(text):
        return METADATA
    if words <= 60 and _FIELD_VALUE.match(text):
        return METADATA
    if date_line(text) or _CLOCK_LINE.match(text):
        return DATE_LINE
    if words <= 20 and _BYLINE_DATED.match(text) and find_dates(text):
        return BYLINE
    if words <= 80 and (_EDITOR_NOTE.match(text) or _PUBLICATION_NOTE.match(text)):
        return EDITOR_NOTE if _EDITOR_NOTE.match(text) else PUBLICATION_NOTE
    if words <= 150 and _CREDITED_BYLINE.match(text):
        return PUBLICATION_NOTE
    if _JOINED_TAGS.match(text):
        return TAGS
    return None


_SHORT_CREDIT_WORDS = 6


def _is_credit_name(name: str | None, *, stop_allowed: bool = False) -> bool:
    """A photographer or agency named after "Photo:" is a few words, not a sentence (a licence
    after it, "…, CC BY 2.0.", is part of the credit); after "Photo courtesy of", a short name
    may end with a full stop ("Photo courtesy of the DCMA.")."""
    if name is None:
        return True
    name = _LICENCE_TAIL.sub("", name)
    words = word_count(name)
    stopped = name.rstrip().endswith(".")
    return words <= 12 and (not stopped or (stop_allowed and words <= _SHORT_CREDIT_WORDS))


_LICENCE_TAIL = re.compile(r",?\s*(?:\bCC[ -](?:BY|PDM|0)\b.*|\bused with permission\.?)$")


def _is_tag_list(text: str) -> bool:
    """A line that is only capitalised topic words: "Russia China Ukraine Putin"."""
    if re.search(r"[^\w\s’'-]", text):
        return False
    words = text.split()
    return (
        3 <= len(words) <= 12
        and all(word[0].isupper() for word in words)
        and not any(word.casefold() in FUNCTION_WORDS for word in words)
    )


# --- the rules in order -------------------------------------------------------------------------


class _Page:
    """Units with their verdicts, shared by the rules while they run."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = list(units)
        self.reasons: list[str | None] = [None] * len(self.units)
        self.extra: list[RemovedText] = []  # text taken off a kept unit (datelines)
        self.datelines: list[Dateline] = []

    def kept(self) -> list[int]:
        return [i for i, reason in enumerate(self.reasons) if reason is None]

    def remove(self, index: int, reason: str) -> None:
        self.reasons[index] = reason

    def take_off(self, index: int, taken: str, reason: str, left: str) -> None:
        """Take `taken` off a kept unit, listed as removed for `reason`; `left` stays."""
        unit = self.units[index]
        self.extra.append(RemovedText(unit.line, taken, reason))
        self.units[index] = replace(unit, text=left)

    def same_block(self, first: int, second: int) -> bool:
        return self.units[first].block == self.units[second].block


def _mark_lines(page: _Page) -> None:
    for i, unit in enumerate(page.units):
        page.reasons[i] = _line_reason(unit.text)


# A record's header of labelled fields, one a line ("Theme: People, Population and Community",
# "Level 2: …", "Summary: …", "Headline 1: …", "Contact name: …"): its furniture, its summary
# and headlines the publisher's highlights.
_HEADER_FIELD = re.compile(r"^(?P<label>[A-Z][\w-]*(?: [\w-]+){0,2}):\s+(?=\S)")
_HEADER_HIGHLIGHT = re.compile(r"^(?:summary|headline \d+|highlights?|key points?)$", re.I)
MIN_HEADER_FIELDS = 3


def _mark_header_fields(page: _Page) -> None:
    """The page's first block when it is three labelled fields or more, each label different (a
    transcript's labels repeat): a record's header."""
    block = [i for i, unit in enumerate(page.units) if unit.block == page.units[0].block]
    fields = [_HEADER_FIELD.match(page.units[i].text) for i in block]
    labels = [field.group("label").casefold() for field in fields if field]
    if len(labels) < MIN_HEADER_FIELDS or len(set(labels)) < len(labels) or None in fields:
        return
    for i, field in zip(block, fields, strict=True):
        assert field is not None
        if page.reasons[i] is not None:
            continue
        if _HEADER_HIGHLIGHT.match(field.group("label")):
            page.take_off(i, field.group(0).strip(), METADATA, page.units[i].text[field.end() :])
            page.remove(i, HIGHLIGHT)
        else:
            page.remove(i, METADATA)


# A program's source (a story map's configuration, a site's data module): its syntax outside
# string literals, and the strings a reader would read (a sentence's worth of words).
_STRING_LITERAL = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|`[^`]*`")
_CODE_MARKS = re.compile(r"[{}\[\]();=]|=>|^\s*//|^\s*/?\*")
_CODE_MIN_UNITS, _CODE_SHARE = 3, 0.3
_PROSE_STRING_WORDS = 12


def _is_code(text: str) -> bool:
    """A line of program code: comments, or syntax marks outside its strings with hardly any
    English function words among its bare words ("theme: 'mongabay',", "{ layer: 'x', opacity:
    0 },", "export default {")."""
    if not _CODE_CHARACTERS & set(text):
        return False  # prose without one of code's characters: most lines, decided at once
    if re.match(r"^\s*(?://|/\*|\*/?\s)", text):
        return True
    bare = _STRING_LITERAL.sub(" ", text)
    marks = len(_CODE_MARKS.findall(bare))
    keyed = re.match(r"^\s*[\w$.]+\s*:", bare) is not None and bare.rstrip().endswith(
        (",", ":", "`", "'", '"', "{", "[")
    )
    return (marks >= 1 or keyed) and function_word_share(
        letter_words(bare)
    ) < _FUNCTION_SHARE_OF_CODE


_FUNCTION_SHARE_OF_CODE = 0.15
_CODE_CHARACTERS = frozenset("{}[]();=:/*")  # a comment's, a mark's or a key's (see _is_code)


def _mark_code(page: _Page) -> None:
    """In a seed that is a program's source, its code goes; a sentence in one of its strings
    stays, without the code around it."""
    # a field's line ("title: 'September 2025', …") in a program is its code too
    lines = [i for i, reason in enumerate(page.reasons) if reason in (None, METADATA)]
    code = [i for i in lines if _is_code(page.units[i].text)]
    if len(code) < _CODE_MIN_UNITS or len(code) < _CODE_SHARE * len(lines):
        return
    for i in code:
        page.reasons[i] = None
        text = page.units[i].text
        strings = [s for s in _STRING_LITERAL.findall(text) if word_count(s) >= _PROSE_STRING_WORDS]
        opened = re.search(r"[\"'`]\s*$", text) is not None  # a string opened for the next lines
        if strings:
            prose = max(strings, key=len)
            page.take_off(i, text.replace(prose, " … "), CODE, prose[1:-1].strip())
            if reason := _line_reason(page.units[i].text):  # a credit in a string ("Text by …")
                page.remove(i, reason)
        elif not opened or word_count(_STRING_LITERAL.sub(" ", text)) > 0:
            page.remove(i, CODE)


# An analysis's closing disclosure of its authors' interests (in the last few paragraphs only: a
# news sentence may say that a group "receives funding from" someone).
_DISCLOSURE = re.compile(
    r"\b(?:do(?:es)? not work for, consult, own shares in|receives? funding from|"
    r"ha(?:s|ve) disclosed no relevant affiliations|declares? no (?:conflicts?|competing) "
    r"(?:of )?interests?)",
    re.IGNORECASE,
)
_DISCLOSURE_REACH = 4
_DISCLOSURE_MAX_WORDS = 120


def _mark_disclosures(page: _Page) -> None:
    for i in page.kept()[-_DISCLOSURE_REACH:]:
        text = page.units[i].text
        if word_count(text) <= _DISCLOSURE_MAX_WORDS and _DISCLOSURE.search(text):
            page.remove(i, DISCLOSURE)


def _mark_promo_followers(page: _Page) -> None:
    """Short lines right under a promo line belong to it ("Get more with X" / "A feed…" /
    "Learn more"; "Watch our videos on X!" / "and live on channel 276")."""
    _mark_followers(page, PROMO, _continues_promo)


def _continues_promo(text: str) -> bool:
    return (word_count(text) <= 12 and not ends_sentence(text)) or text[:1].islower()


def _mark_note_items(page: _Page) -> None:
    """The lettered or numbered items a publisher's note about itself goes on to ("NCD is an
    independent federal agency … to: / (A) guarantee … / (B) empower …"), in its block."""
    _mark_followers(page, PUBLICATION_NOTE, lambda text: bool(ENUMERATED_ITEM.match(text)))


def _mark_followers(page: _Page, reason: str, belongs: Callable[[str], bool]) -> None:
    """The lines right under one removed for `reason`, in its block, that `belongs` says go on
    with it: removed for the same reason, up to the first that does not."""
    for i in range(len(page.units)):
        if page.reasons[i] != reason:
            continue
        j = i + 1
        while j < len(page.units) and page.same_block(i, j):
            if page.reasons[j] is None:
                if not belongs(page.units[j].text):
                    break
                page.remove(j, reason)
            j += 1


# A passage in double quotation marks, closed.
QUOTED_PASSAGE = re.compile(r"“[^“”]*”|\"[^\"]*\"")
# An item of a list, cut from it: "(B) empower individuals …".
ENUMERATED_ITEM = re.compile(r"^\(?(?:[A-Za-z]|\d{1,2}|[ivx]{1,4})\)\s")


def _mark_comment_followers(page: _Page) -> None:
    """The paragraph under a comments heading is the site's comment policy."""
    for i in range(len(page.units) - 1):
        follower = page.units[i + 1].text
        if (
            page.reasons[i] == COMMENT_FOOTER
            and page.reasons[i + 1] is None
            and word_count(follower) <= 80
            and _COMMENT_TALK.search(follower)
        ):
            page.remove(i + 1, COMMENT_FOOTER)


def _first_sentence(page: _Page) -> int:
    """Index of the first kept unit that ends a sentence: where the article text begins (a
    headline may ask a question, so a question mark does not count)."""
    for k in page.kept():
        text = page.units[k].text.rstrip()
        if ends_sentence(text) and not text.endswith("?"):
            return k
    return len(page.units)


# A line that is only a person's name, with an honorific or a middle initial to show it is one:
# a release's minister line ("Hon Eugenie Sage"), a feature's author ("Robert S. Arrighi").
_NAME_LINE = re.compile(
    r"^(?:(?:(?:Rt\.? )?Hon|Dr|Prof|Mr|Mrs|Ms)\.?\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}"
    r"|[A-Z][a-z]+\s+(?:[A-Z]\.\s+){1,2}[A-Z][\w’'-]+)$"
)


def _mark_name_lines(page: _Page) -> None:
    """A name alone on a line above the article's first sentence or below its last is who signed
    or issued it, as a byline is."""
    kept = page.kept()
    first = _first_sentence(page)
    last = max((k for k in kept if ends_sentence(page.units[k].text.rstrip())), default=first)
    for i in kept[1:]:  # the first line may be an obituary's headline: "Dr. Jane Smith"
        if (i < first or i > last) and _NAME_LINE.match(page.units[i].text.strip(" *_")):
            page.remove(i, BYLINE)


def _mark_lead_captions(page: _Page) -> None:
    """A long line without a full stop, hanging under promo or a picture's credit before the
    article starts, is the lead picture's caption (its credit may be missing)."""
    lead_end = _first_sentence(page)
    for i in range(1, lead_end):
        text = page.units[i].text
        if text.rstrip().endswith(":"):
            return  # the article's text introducing what follows (a caption never ends so)
        if (
            page.reasons[i] is None
            and page.reasons[i - 1] in _FURNITURE
            and page.same_block(i - 1, i)
            and word_count(text) >= 8
            and not ends_sentence(text)
        ):
            page.remove(i, CAPTION)


# A label of three words at most, then a headline this long in a block of its own: the label is
# a rubric ("Public Statements") over the headline, not a short headline over a standfirst.
_HEADLINE_OVER_KICKER_WORDS = 10


def _is_kicker(text: str) -> bool:
    return word_count(text) <= 3 and len(text) <= 40 and not _CLAUSE_END.search(text.rstrip())


def _find_headline(page: _Page, known_title: str | None) -> tuple[int | None, int | None]:
    """(headline index, kicker index): the title line, and a section label printed above it."""
    kept = page.kept()
    if not kept:
        return None, None
    first = kept[0]
    second = kept[1] if len(kept) > 1 else None
    first_text = page.units[first].text
    if known_title is not None:
        if normalised(first_text) == normalised(known_title) or _restates_title(
            page.units[first], known_title
        ):
            return first, None
        if (
            second is not None
            and _is_kicker(first_text)
            and normalised(page.units[second].text) == normalised(known_title)
        ):
            return second, first
        return None, None
    if (
        second is not None
        and _is_kicker(first_text)
        and (not page.units[first].heading or page.units[second].heading)
        and (
            is_headline_like(page.units[second].text, min_words=4, max_words=40)
            or page.units[second].heading
        )
        and (
            second > first + 1
            or page.same_block(first, second)
            or word_count(page.units[second].text) >= _HEADLINE_OVER_KICKER_WORDS
        )
    ):
        return second, first
    marked = _marked_headline(page, kept)
    if marked is not None:
        return marked
    if _SECTION_NAME.match(first_text.strip()):
        return None, None  # a report's first section ("Overview"), no headline
    if is_headline_like(first_text, min_words=1, max_words=40) or page.units[first].heading:
        return first, None
    if _is_stopped_headline(page, first, second):
        return first, None
    return None, None


_SECTION_NAME = re.compile(
    r"^(?:overview|introduction|background|summary|abstract|contents|table of contents"
    r"|main points|methodology|notes|key findings)\s*:?$",
    re.IGNORECASE,
)


def _marked_headline(page: _Page, kept: list[int]) -> tuple[int, int] | None:
    """A top-level heading under a short unmarked line or two (an office's name, a document
    type) is the headline the source marked: "Office of the Spokesperson" over "<h1>State
    Department Launches …</h1>". The line right above it is its section label."""
    for position, index in enumerate(kept[1:_MARKED_HEADLINE_WITHIN], start=1):
        unit = page.units[index]
        if unit.heading and unit.level == 1:
            above = kept[:position]
            if any(page.units[i].heading or ends_sentence(page.units[i].text) for i in above):
                return None
            return index, above[-1]
    return None


_MARKED_HEADLINE_WITHIN = 3
_HEADLINE_MAX_WORDS_WITH_STOP = 14
_RESTATED_MIN_WORDS = 4
_RESTATED_LENGTH = 1.6


def _restates_title(unit: Unit, known_title: str) -> bool:
    """A heading that prints the title the metadata gives, shortened ("PCLOB Releases Update on
    …" for a longer title) or lengthened ("PRIVACY AND CIVIL LIBERTIES OVERSIGHT BOARD RELEASES
    STATEMENT …" for "Board Releases Statement …"): the headline."""
    text, title = normalised(unit.text), normalised(known_title)
    set_off = unit.heading or unit.text.isupper()  # a heading, or a line in capitals
    if not set_off or word_count(text) < _RESTATED_MIN_WORDS:
        return False
    if title.startswith(text + " "):
        return True
    words, title_words = text.split(), title.split()
    return len(words) <= _RESTATED_LENGTH * len(title_words) and _in_order(title_words, words)


def _in_order(needle: Sequence[str], haystack: Sequence[str]) -> bool:
    """Whether every word of `needle` stands in `haystack`, in the same order."""
    remaining = iter(haystack)
    return all(word in remaining for word in needle)


def _is_stopped_headline(page: _Page, first: int, second: int | None) -> bool:
    """A headline some publishers end with a full stop: one short sentence alone in its block,
    above a longer paragraph (an article's first sentence is longer than a headline)."""
    unit = page.units[first]
    if second is None or page.same_block(first, second) or unit.bullet:
        return False
    words = word_count(unit.text)
    return (
        starts_capitalised(unit.text)
        and 3 <= words <= _HEADLINE_MAX_WORDS_WITH_STOP
        and unit.text.rstrip().endswith(".")
        and unit.text.count(". ") == 0
        and word_count(page.units[second].text) > words
    )


_TITLE_FIELD = re.compile(r"^(?:title|headline)\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)


def _title_field(page: _Page) -> int | None:
    """A record's "Title: …" line, made the headline unit holding just the title."""
    for i, unit in enumerate(page.units):
        match = _TITLE_FIELD.match(unit.text)
        if match and page.reasons[i] == METADATA:
            page.units[i] = replace(unit, text=match.group("value").strip())
            page.reasons[i] = None
            return i
    return None


def _strip_datelines(page: _Page, skip: set[int]) -> None:
    for i in page.kept():
        if i in skip:
            continue
        unit = page.units[i]
        match = _DATELINE.match(unit.text)
        if not match or not unit.text[match.end() :].strip():
            continue
        prefix = match.group(0).strip()
        page.datelines.append(
            Dateline(unit.line, prefix, match.group("agency").strip(), match.group("date"))
        )
        page.take_off(i, prefix, DATELINE, unit.text[match.end() :].strip())


# A note of where the text first ran, closing its last paragraph (a record that joined the
# article into one paragraph): "… globally. This article is republished from The Conversation
# under a Creative Commons license. Read the original article."
_CLOSING_NOTE = re.compile(
    r"(?<=[.!?”\"’])\s+((?:this|the) (?:article|story|piece|post|report) (?:is|was|has been) "
    r"(?:republished|reprinted|originally published|first published)\b[^\n]{0,300})$",
    re.IGNORECASE,
)


def _strip_closing_note(page: _Page) -> None:
    kept = page.kept()
    if not kept:
        return
    last = kept[-1]
    unit = page.units[last]
    match = _CLOSING_NOTE.search(unit.text[-400:])
    if match is None:
        return
    note = match.group(1).strip()
    page.take_off(last, note, PUBLICATION_NOTE, unit.text[: len(unit.text) - len(match.group(0))])


# A picture's caption that a scrape ran into the text it stood over, no space between: "…
# Photo by Wikimedia user Basil D Soufi [CC BY-SA 3.0].When Saudi journalist …", "… [Creative
# Commons (CC BY 2.0)/ Flickr, June 27, 2011.]As Nigeria prepares …". The bracket holds a credit.
_GLUED_CAPTION = re.compile(
    r"^(?P<caption>[^\[\]]{3,300}\[(?P<credit>[^\[\]]{2,150})\]\.?)(?P<text>[A-Z“\"][a-z’']*\s.*)$"
)
_CREDIT_WORDS = re.compile(
    r"\b(?:CC[ -]|Creative Commons|public domain|photo|image|picture|credit|Flickr|Wikimedia"
    r"|screenshot|screen ?(?:shot|capture|grab)|courtesy|used with permission|via)\b",
    re.IGNORECASE,
)


def _split_glued_captions(page: _Page) -> None:
    for i in page.kept():
        unit = page.units[i]
        match = _GLUED_CAPTION.match(unit.text)
        # The credit may be in the brackets or before them ("Screen capture from a video … [in
        # French]On January 9, …").
        if match and _CREDIT_WORDS.search(match.group("caption")):
            page.take_off(i, match.group("caption").strip(), CAPTION, match.group("text"))


# A dataset's record, its date field first and a tab (read as a space) after it: "01.17.2019
# Today, …". Only the page's first line: a date in figures opening the text is the record's.
_RECORD_DATE = re.compile(
    r"^(?P<date>\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})\s+(?P<text>[A-Z“\"].*)$"
)


def _split_record_date(page: _Page) -> None:
    first = next(iter(page.kept()), None)
    match = _RECORD_DATE.match(page.units[first].text) if first is not None else None
    if match:
        page.take_off(first, match.group("date"), METADATA, match.group("text"))


# A page's breadcrumb trail over its headline: "Home > About > News > OCR Finds …"; the last
# crumb is the page's own title.
_BREADCRUMB = re.compile(
    r"^(?P<trail>(?:Home|Main|Start)\s*[>›»/|]\s*(?:[^>›»/|]{1,40}\s*[>›»/|]\s*){0,6})(?P<last>\S.*)$"
)
_BREADCRUMB_LINES = 5  # first kept units of the page


def _split_breadcrumbs(page: _Page) -> None:
    for i in page.kept()[:_BREADCRUMB_LINES]:
        unit = page.units[i]
        match = _BREADCRUMB.match(unit.text.strip())
        if match and word_count(match.group("last")) >= 2:
            page.take_off(i, match.group("trail").strip(), SITE_CHROME, match.group("last"))


# A post's picture or short address: "pic.twitter.com/x7qP3nuPeS", "https://t.co/2obxroAMcx".
POST_LINK = r"(?:pic\.twitter\.com/|https?://t\.co/)\S+"
# One closing a post's text: "… we must reject 🙄 pic.twitter.com/x7qP3nuPeS".
_POST_LINK_TAIL = re.compile(rf"\s+({POST_LINK})\s*$")


def _strip_post_links(page: _Page) -> None:
    for i in page.kept():
        unit = page.units[i]
        match = _POST_LINK_TAIL.search(unit.text)
        if match and unit.text[: match.start()].strip():
            page.take_off(i, match.group(1), EMBED, unit.text[: match.start()].rstrip())


def _mark_repeats(page: _Page, headline: int | None) -> bool:
    """Related-story headlines printed twice close together lose both copies; any other text
    printed again keeps its first copy. Returns whether related headlines were found."""
    found_related = False
    kept = [i for i in page.kept() if i != headline]
    # "1. …" and "2. …" printing one text: a carousel's slides.
    keys = [normalised(_LIST_NUMBER.sub("", unit.text)) for unit in page.units]
    for position, i in enumerate(kept):
        if page.reasons[i] is not None:
            continue
        text = _LIST_NUMBER.sub("", page.units[i].text)
        for j in kept[position + 1 :]:
            if page.units[j].line - page.units[i].line > 6:
                break
            if page.reasons[j] is None and keys[j] == keys[i]:
                said_again = bool(_SPEAKER_LABEL.match(text))  # "Q Mr. President —" twice
                if is_headline_like(text) and not page.units[i].heading and not said_again:
                    page.remove(i, RELATED)
                    page.remove(j, RELATED)
                    found_related = True
                break
    seen = {normalised(page.units[headline].text)} if headline is not None else set()
    for i in page.kept():
        if i == headline:
            continue
        key = keys[i]
        said_again = bool(_SPEAKER_LABEL.match(page.units[i].text))  # a transcript's turn
        if word_count(key) >= 5 and key in seen and not said_again:
            page.remove(i, DUPLICATE)
        seen.add(key)
    return found_related


_LIST_NUMBER = re.compile(r"^\d{1,2}[.)]\s+")


_APPEAL_MAX_WORDS = 60


def _mark_appeal_sections(page: _Page, headline: int | None) -> None:
    """A section of short lines in which the newsroom asks its readers for money ("… without
    support from readers like you"): its heading and every line of it are the appeal."""
    for section in _heading_sections(page):
        appeal = any(_APPEAL_TEXT.search(page.units[i].text) for i in section)
        short = all(word_count(page.units[i].text) <= _APPEAL_MAX_WORDS for i in section)
        if appeal and short and section[0] != headline:
            for i in section:
                if page.reasons[i] is None:
                    page.remove(i, PROMO)


def _mark_empty_sections(page: _Page, headline: int | None) -> None:
    """A heading left over nothing, all of its section gone as furniture (a footer's "More" over
    its links), is the furniture's too."""
    for i, *section in _heading_sections(page):
        if page.reasons[i] is not None or i == headline or (headline is not None and i < headline):
            continue
        following = page.units[i + 1] if i + 1 < len(page.units) else None
        if not section and following is not None and following.level > page.units[i].level > 0:
            continue  # "## History" over its "### How It All Started": a section of sections
        if all(page.reasons[j] is not None for j in section):
            page.remove(i, SITE_CHROME)


def _heading_sections(page: _Page) -> list[list[int]]:
    """Each heading's index, then those of the lines under it up to the next heading."""
    sections: list[list[int]] = []
    for i, unit in enumerate(page.units):
        if unit.heading:
            sections.append([i])
        elif sections:
            sections[-1].append(i)
    return sections


def _mark_lone_related(page: _Page, headline: int | None) -> None:
    """On a page that prints related-story links (seen as a pair), a headline-shaped line
    standing alone between paragraphs is one more such link."""
    lead_end = _first_sentence(page)
    blocks = _block_sizes(page)
    for i in page.kept():
        unit = page.units[i]
        if (
            (headline is None or i > headline)
            and not unit.heading
            and not unit.bullet
            and blocks[unit.block] == 1
            and is_headline_like(unit.text, min_words=6, max_words=25)
            and i > lead_end
            and not _SPEAKER_LABEL.match(unit.text)  # a transcript's turn
        ):
            page.remove(i, RELATED)


def _mark_tag_lists(page: _Page, headline: int | None) -> None:
    """A list of capitalised topic words near the top or the bottom of the page, printed against
    other lines (a subhead like "Rates Rise Again" stands alone between blank lines)."""
    kept = [i for i in page.kept() if i != headline]
    block_sizes = _block_sizes(page)
    for position, i in enumerate(kept):
        unit = page.units[i]
        near_edge = position < 4 or position >= len(kept) - 3
        crowded = block_sizes[unit.block] > 1 or position == len(kept) - 1
        if near_edge and crowded and not unit.heading and _is_tag_list(unit.text):
            page.remove(i, TAGS)


# An end mark with a word ("-30-", "-end-"), or the hashes a release closes with ("###", "# # #");
# a rule of dashes or stars only separates sections.
_ENDS_RELEASE = re.compile(r"^(?:.*\w.*|\s*#\s*#\s*#[#\s]*)$")


def _mark_end_matter(page: _Page) -> None:
    """Under a release's end mark ("###", "-30-", "-end-") come only contacts and notes; a
    contact line's block goes with it."""
    lead_end = _first_sentence(page)
    ended = False
    for i, unit in enumerate(page.units):
        if ended and page.reasons[i] is None:
            page.remove(i, END_MATTER)
        if i > lead_end and page.reasons[i] == SEPARATOR and _ENDS_RELEASE.match(unit.text):
            ended = True
    for i in range(1, len(page.units)):
        if (
            page.reasons[i] is None
            and page.reasons[i - 1] == CONTACT
            and page.same_block(i - 1, i)
            and not ends_sentence(page.units[i].text)
        ):
            page.remove(i, CONTACT)
    _mark_contact_blocks(page)
    _mark_workplace_lines(page)


# "NASA’s Goddard Space Flight Center, Greenbelt, Md.": where a writer or a press contact works.
_WORKPLACE_LINE = re.compile(
    r"^[A-Z][^.!?,]{2,60}, [A-Z][\w.]+(?: [A-Z][\w.]+)?(?:, [A-Z][a-z]{1,5}\.?)?$"
)


def _mark_workplace_lines(page: _Page) -> None:
    """The line under a byline or a press contact that says where they work."""
    for i in range(1, len(page.units)):
        text = page.units[i].text
        if (
            page.reasons[i] is None
            and page.reasons[i - 1] in (BYLINE, CONTACT)
            and word_count(text) <= 8
            and _WORKPLACE_LINE.match(text)
        ):
            page.remove(i, CONTACT)


def _mark_contact_blocks(page: _Page) -> None:
    """A block of short lines holding a phone number or an address is a contact: "Jane Doe /
    Headquarters, Washington / (Phone: 202/358-1727)"."""
    blocks: dict[int, list[int]] = {}
    for i, unit in enumerate(page.units):
        blocks.setdefault(unit.block, []).append(i)
    for members in blocks.values():
        if not any(page.reasons[i] == CONTACT for i in members):
            continue
        rest = [i for i in members if page.reasons[i] is None]
        if all(
            word_count(page.units[i].text) <= 8 and not ends_sentence(page.units[i].text)
            for i in rest
        ):
            for i in rest:
                page.remove(i, CONTACT)


# A record's or page's label over its value on the next line: "From:" over the issuing
# departments (GOV.UK), "Source" over the agency.
ISSUER_LABEL = re.compile(r"^(?:from|source|publisher|published by|issued by)\s*:?$", re.IGNORECASE)
_VALUE_MAX_WORDS = 25


def _mark_field_values(page: _Page) -> None:
    """The value under a lone "From:" or "Source:" label, a short line that ends no sentence, is
    the record's field too (the label is `METADATA` already)."""
    for i, unit in enumerate(page.units):
        if page.reasons[i] != METADATA or not ISSUER_LABEL.match(unit.text.strip()):
            continue
        value = next((j for j in range(i + 1, len(page.units)) if page.reasons[j] is None), None)
        if value is None or value - i > 2:
            continue
        text = page.units[value].text.strip()
        if word_count(text) <= _VALUE_MAX_WORDS and not _SENTENCE_END.search(text):
            page.remove(value, METADATA)


_BULLET_MAX_WORDS = 40
_OPENING_BULLETS = range(2, 6)
_PROSE_MIN_WORDS = 15


def _mark_opening_bullets(page: _Page, headline: int | None) -> None:
    """Two to five short bullets before the article's first paragraph of prose (a standfirst
    may stand above them) are the publisher's summary: "Export bar is to allow time …"."""
    after = [i for i in range(len(page.units)) if headline is None or i > headline]
    kept = [i for i in after if page.reasons[i] is None]
    if kept and not page.units[kept[0]].bullet and word_count(page.units[kept[0]].text) <= 40:
        after = [i for i in after if i > kept[0]]  # the standfirst
    run = []
    for i in after:
        unit = page.units[i]
        if unit.bullet and word_count(unit.text) <= _BULLET_MAX_WORDS:
            run.append(i)
            continue
        prose = word_count(unit.text) >= _PROSE_MIN_WORDS and _SENTENCE_END.search(unit.text)
        if page.reasons[i] is not None or (not run and not prose):
            if run:
                break
            continue  # furniture before the list: a date, a picture's caption
        if len(run) in _OPENING_BULLETS and prose:
            for j in run:
                if page.reasons[j] is None:
                    page.remove(j, HIGHLIGHT)
        return


def _mark_header_labels(page: _Page, headline: int | None) -> None:
    """Before the article starts, a short label in a block with the page's furniture (publisher,
    address, date) is a section name: "Science & Technology"."""
    lead_end = _first_sentence(page)
    for i in range(lead_end):
        unit = page.units[i]
        if i == headline or page.reasons[i] is not None or not _is_kicker(unit.text):
            continue
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(page.units)]
        if any(page.reasons[j] is not None and page.same_block(i, j) for j in neighbours):
            page.remove(i, KICKER)


# A transcript's heading: the event and venue over its clock time ("11:07 A.M. EST"), then the
# first speaker's label ("THE PRESIDENT:").
_CLOCK_TIME = re.compile(r"^\d{1,2}:\d{2}\s*[AP]\.?\s?M\.?(?:\s+[A-Z]{2,4})?$", re.IGNORECASE)
_SPEAKER_LABEL = re.compile(r"^(?:Q\b|[A-Z][A-Z.'’ -]{1,40}:)")
_HEADER_WORDS = 8


def _mark_transcript_heading(page: _Page, headline: int | None) -> None:
    """Short unpunctuated lines above a transcript's clock time, its event and venue
    ("AFTER AIR FORCE ONE ARRIVAL", "Asheville Regional Airport", "Fletcher, North Carolina")."""
    clock = next((i for i, u in enumerate(page.units[:20]) if _CLOCK_TIME.match(u.text)), None)
    if clock is None:
        return
    following = [i for i in range(clock + 1, len(page.units)) if page.reasons[i] is None]
    if not following or not _SPEAKER_LABEL.match(page.units[following[0]].text):
        return
    for i in range(clock):
        text = page.units[i].text
        short = word_count(text) <= _HEADER_WORDS and not ends_sentence(text)
        if page.reasons[i] is None and i != headline and short:
            page.remove(i, KICKER)


_PULL_QUOTE = re.compile(
    r"^[“\"](?P<quoted>[^”\"]{20,})[”\"]\s*[—–-]?\s*(?P<name>[^.!?“”\"]{0,80})$"
)


def _mark_pull_quotes(page: _Page) -> None:
    """A quotation printed again on its own with a name under it, without "said": a pull quote."""
    kept = page.kept()
    for i in kept:
        match = _PULL_QUOTE.match(page.units[i].text)
        if not match or word_count(match.group("name")) > 10:
            continue
        quoted = normalised(match.group("quoted"))
        if any(quoted in normalised(page.units[j].text) for j in kept if j != i):
            page.remove(i, CAPTION)


def _mark_publisher_names(page: _Page, publisher_names: frozenset[str]) -> None:
    for i in page.kept():
        if normalised(page.units[i].text) in publisher_names:
            page.remove(i, PUBLISHER_NAME)


def _mark_standfirst(page: _Page, headline: int | None) -> None:
    """A line set wholly in italics right under the headline (or opening the text), over the
    article's first paragraph, is the publisher's standfirst: its summary of the story, kept
    apart as a highlight ("*Action targets major sources of funding for the regime’s proxies*")."""
    kept = [i for i in page.kept() if headline is None or i > headline]
    if len(kept) < 2:
        return
    first, following = page.units[kept[0]], page.units[kept[1]]
    if (
        first.emphasised
        and not (first.heading or first.bullet or following.emphasised or following.heading)
        and _STANDFIRST_WORDS[0] <= word_count(first.text) <= _STANDFIRST_WORDS[1]
    ):
        page.remove(kept[0], HIGHLIGHT)


_STANDFIRST_WORDS = (8, 60)


def _mark_record_summary(page: _Page, headline: int | None) -> None:
    """A scraped record's header block (its title, the page's address, a date, one line each):
    a line of text among them is the record's description, the publisher's summary."""
    if headline is None:
        return
    block = [i for i, unit in enumerate(page.units) if unit.block == page.units[headline].block]
    reasons = {page.reasons[i] for i in block}
    if ADDRESS not in reasons or not reasons & {DATE_LINE, METADATA}:
        return
    for i in block:
        if i != headline and page.reasons[i] is None and ends_sentence(page.units[i].text):
            page.remove(i, HIGHLIGHT)


def _mark_highlights(page: _Page) -> None:
    """The line after a dataset's `@highlight` marker is one of the publisher's summary bullets;
    so is each line under a "Summary" or "Key points" heading, up to the next heading, and a
    dataset record's "Summary: …" line at either end of it ("Document: …" opens its text)."""
    _mark_record_fields(page)
    for i in range(len(page.units) - 1):
        if _DATASET_MARKER.match(page.units[i].text) and page.reasons[i + 1] is None:
            page.remove(i + 1, HIGHLIGHT)
    under = False
    for i, unit in enumerate(page.units):
        if unit.heading:
            under = bool(_SUMMARY_HEADING.match(unit.text.strip()))
            if under:
                page.remove(i, METADATA)
        elif under and page.reasons[i] is None:
            page.remove(i, HIGHLIGHT)
        elif _SUMMARY_LABEL.match(unit.text.strip()) and i + 1 < len(page.units):
            page.remove(i, METADATA)  # "In summary" on a line of its own: the next paragraph
            if page.reasons[i + 1] is None:
                page.remove(i + 1, HIGHLIGHT)


# A dataset record's fields: its text, and its summary.
_RECORD_TEXT, _RECORD_SUMMARY = r"document|article|story", r"summary|highlights?"
_RECORD_TEXT_LABEL = re.compile(rf"^(?:{_RECORD_TEXT})\s*:\s+(?=\S)", re.IGNORECASE)
_RECORD_SUMMARY_LABEL = re.compile(rf"^(?:{_RECORD_SUMMARY})\s*:\s+(?=\S)", re.IGNORECASE)
_RECORD_FIELD_LINE = re.compile(
    rf"^(?:{_RECORD_TEXT}|(?P<summary>{_RECORD_SUMMARY}))\s*:$", re.IGNORECASE
)
_RECORD_EDGE = 4  # a record's field label stands among its first or last few lines
_SUMMARY_WITHIN = 12  # kept lines from the top
_SUMMARY_MIN_WORDS = 6


def _mark_record_fields(page: _Page) -> None:
    kept = page.kept()
    if not kept:
        return
    for position, i in enumerate(kept):  # a label alone on its line, its field below it
        label = _RECORD_FIELD_LINE.match(page.units[i].text.strip())
        if label is None or _RECORD_EDGE <= position < len(kept) - _RECORD_EDGE:
            continue
        page.remove(i, METADATA)
        if label.group("summary"):
            for j in kept[position + 1 :]:
                if page.reasons[j] is None:
                    page.remove(j, HIGHLIGHT)
    kept = page.kept()
    if not kept:
        return
    first = page.units[kept[0]]
    label = _RECORD_TEXT_LABEL.match(first.text)
    if label:
        page.take_off(kept[0], label.group(0).strip(), METADATA, first.text[label.end() :])
    # at either end of a record; near the top of a page ("Summary: The likelihood of …" under
    # a release's headline and date)
    for i in dict.fromkeys((*kept[:_SUMMARY_WITHIN], kept[-1])):
        unit = page.units[i]
        label = _RECORD_SUMMARY_LABEL.match(unit.text)
        if label and len(kept) > 1 and word_count(unit.text) > _SUMMARY_MIN_WORDS:
            page.units[i] = replace(unit, text=unit.text[label.end() :])
            page.remove(i, HIGHLIGHT)


_SUMMARY_LABEL = re.compile(r"^(?:in summary|summary|in brief|at a glance)\s*:?$", re.IGNORECASE)
_SUMMARY_HEADING = re.compile(
    r"^(?:summary|highlights|key (?:points|takeaways|facts)|at a glance|in brief|tl;? ?dr)\s*:?$",
    re.IGNORECASE,
)


# Headings of what a page prints after the article: its sources, links to other stories, contacts.
_END_SECTION = re.compile(
    r"^(?:sources?|references|related(?: news| stories| articles| coverage| links| content| information)?"
    r"|see also|external links|further reading|read more|more (?:stories|news|from \S.*)"
    r"|you (?:may|might) also like|recommended(?: for you| reading)?|most (?:read|popular)"
    r"|trending(?: now)?|(?:news )?media contacts?|press contacts?|contacts?|share this(?: \w+)?"
    r"|reminders?|donate|donations|support us|contacting us|contact us|thanks|thank you"
    r"|subscriptions?|subscribe|invite a friend|advertis(?:e|ing)(?: with us)?|about us"
    r"|(?:book |this \w+[’']s )?(?:competition|giveaway|poll)\b.*"
    r"|winners? of .*)\s*:?$",
    re.IGNORECASE,
)


_END_HEADING_MAX_WORDS = 8
# End sections only a heading starts ("### Documents"): as a line of text the word may open one.
_END_HEADING = re.compile(
    r"^(?:(?:additional |related |more |further )?resources|(?:report |related |supporting )?"
    r"documents|attachments|downloads|republish(?:ing)?(?: this (?:story|article))?|topics|about"
    r"|about the authors?|(?:general|membership|media|press) inquiries|newsletters?|follow us"
    r"|tags|categories|explore (?:the |this |related |more )?topics?|explore more|related topics?)\s*:?$",
    re.IGNORECASE,
)
# A heading over a box of links to other stories, set inside the text: it alone goes.
_RELATED_BOX = re.compile(r"^more (?:on|about) \S.{0,80}$", re.IGNORECASE)


_PAGE_CHROME_LINES = 10  # the lines of menus a page prints above its title, at least


def _page_title(page: _Page) -> int | None:
    """A whole web page saved as Markdown: its one top-level heading ("# Title") under the site's
    menus is the headline, and every line above it the page's chrome (tagline, menu labels)."""
    titles = [i for i, unit in enumerate(page.units) if unit.level == 1]
    if len(titles) == 1 and page.reasons[titles[0]] is None:
        title = titles[0]
    else:
        title = _dated_heading(page)
        if title is None:
            return None
    above = [i for i in range(title) if page.reasons[i] is None]
    if page.units[title].line < _PAGE_CHROME_LINES or not above:
        return None  # an article's own heading at the top
    for i in above:
        page.remove(i, SITE_CHROME)
    return title


# Between a browser title's parts: "Section / Headline | Site", "Headline - Site".
_TITLE_PARTS = re.compile(r"\s+(?:[/|:»·–—-]|::)\s+")
_TAB_TITLE_WITHIN = 6  # kept lines from the top


def _prints_browser_title(page: _Page, browser_title: str | None) -> int | None:
    """The line near the top that prints the page's <title> or one of its parts (the site's name
    and section set apart): the headline. The short labels above it are its kickers."""
    if not browser_title:
        return None
    parts = {normalised(browser_title)} | {
        normalised(part) for part in _TITLE_PARTS.split(browser_title) if word_count(part) >= 3
    }
    kept = page.kept()[:_TAB_TITLE_WITHIN]
    found = next((i for i in kept if normalised(page.units[i].text) in parts), None)
    if found is None:
        return None
    for i in kept:
        if i < found and _is_kicker(page.units[i].text):
            page.remove(i, KICKER)
    return found


_RELEASE_LABEL = re.compile(r"^(?:joint )?(?:media|press|news) release$", re.IGNORECASE)
_RELEASE_LABEL_WITHIN = 12  # lines from the top


def _release_headline(page: _Page) -> int | None:
    """A release printed as its issuer's letterhead, its type and its date over the headline
    ("The Hon. Jane Doe MP  Minister for Health" / "MEDIA RELEASE" / "26 January 2020" /
    "Update on …" / the lede): the first line under the type and date that is shorter than the
    paragraph after it. The lines above the type are the letterhead."""
    units = page.units[:_RELEASE_LABEL_WITHIN]
    label = next((i for i, u in enumerate(units) if _RELEASE_LABEL.match(u.text.strip())), None)
    if label is None:
        return None
    kept = [i for i in page.kept() if i > label]
    if len(kept) < 2 or not any(page.reasons[i] == DATE_LINE for i in range(label, kept[0])):
        return None
    headline, lede = kept[0], kept[1]
    words = word_count(page.units[headline].text)
    if not 3 <= words <= _HEADLINE_MAX_WORDS or word_count(page.units[lede].text) <= words:
        return None
    for i in page.kept():
        if i < label:
            page.remove(i, LETTERHEAD)
    return headline


_HEADLINE_MAX_WORDS = 30


def _dated_heading(page: _Page) -> int | None:
    """On a page whose logo took the top-level heading, the article's own: the first heading
    with its date line right under it and a paragraph of text soon after ("## Treasury Report:
    …" / "January 16, 2025" / "WASHINGTON – The U.S. Department …"). (A line in title case
    over a date line in a page copied as plain text found one more headline on unseen articles
    and asserted a wrong one on others: not taken.)"""
    for i, unit in enumerate(page.units[:-2]):
        if not unit.heading or page.reasons[i] is not None or page.reasons[i + 1] != DATE_LINE:
            continue
        after = [j for j in range(i + 2, len(page.units)) if page.reasons[j] is None]
        for j in after[:_DATED_LEAD_WITHIN]:
            text = page.units[j].text
            if word_count(text) >= _DATED_LEAD_WORDS and ends_sentence(text):
                return i
            if page.units[j].heading or _is_title_case(text):
                break  # another title: this one heads a list of stories
    return None


_DATED_LEAD_WORDS = 20

_DATED_LEAD_WITHIN = 4  # kept lines under the date: a summary or a contact line may come first


def _mark_end_sections(page: _Page, headline: int | None) -> None:
    """A heading such as "Sources" or "Related news" after the article's text starts, and every
    line under it up to the next heading."""
    lead_end = _first_sentence(page)
    title = normalised(page.units[headline].text) if headline is not None else None
    inside: str | None = None  # the reason of the section the loop is in, if any
    for i, unit in enumerate(page.units):
        if i == headline:
            continue
        text = unit.text.strip()
        if unit.heading and _RELATED_BOX.match(text) and i > lead_end:
            page.remove(i, RELATED)
            continue
        about = i > lead_end and _about_the_issuer(page, i)
        starts = (
            i > lead_end
            and (about or _END_SECTION.match(text) or (unit.heading and _END_HEADING.match(text)))
            and word_count(unit.text) <= _END_HEADING_MAX_WORDS
        )
        if starts:
            inside = ISSUER_NOTE if about else RELATED
        elif unit.heading and normalised(unit.text) != title:  # a box may repeat the title
            inside = None
        if inside and page.reasons[i] is None:
            page.remove(i, inside)


# A release's closing note on its issuer: "About Creative Commons" over "Creative Commons is a
# not-for-profit organization, founded in 2001, …"; "About The U.S. Fish and Wildlife Service"
# over "The mission of the U.S. Fish and Wildlife Service is …".
ABOUT_ISSUER = re.compile(r"^About (?:[Tt]he )?(?P<name>[A-Z][\w&.’'-]*(?: [\w&.’'-]+){0,7}):?$")
_NOTE_NAMES_WITHIN = 12  # words: the note under "About X" names X at once


def _about_the_issuer(page: _Page, index: int) -> bool:
    match = ABOUT_ISSUER.match(page.units[index].text.strip())
    if match is None:
        return False
    following = next(
        (i for i in range(index + 1, len(page.units)) if page.reasons[i] is None), None
    )
    if following is None:
        return False
    opening = " ".join(page.units[following].text.split()[:_NOTE_NAMES_WITHIN])
    return match.group("name") in opening


def _mark_unpunctuated(page: _Page, headline: int | None, kicker: int | None) -> None:
    """A long line that ends without any punctuation, in the article's text, is a caption: text
    ends its sentences, a heading is short (the standfirst under the headline may lack a stop)."""
    first_after_headline = next((i for i in page.kept() if headline is None or i > headline), None)
    last = max(page.kept(), default=None)
    above: list[int] = []  # the kept lines above, nearest last, as the loop removes captions
    before = None
    for i in page.kept():
        if before is not None and page.reasons[before] is None:
            above = [*above[-1:], before]
        before = i
        unit = page.units[i]
        if i in (headline, kicker, first_after_headline) or unit.heading or unit.bullet:
            continue
        if i + 1 < len(page.units) and page.reasons[i + 1] == EMBED:
            continue  # a post's text above its sign-off
        if i > 0 and page.reasons[i - 1] is None and page.units[i - 1].text.rstrip().endswith(":"):
            continue  # a quotation the line above introduces ("She told another interviewer:")
        if _ENDS_ON_HASHTAG.search(unit.text):
            continue  # a post's text (a caption never closes on a hashtag)
        if _SPEAKER_LABEL.match(unit.text):
            continue  # a transcript's turn, cut off by the next speaker
        if (
            word_count(unit.text) >= _CAPTION_MIN_WORDS
            and not _ANY_END.search(unit.text.rstrip())
            and not re.search('[“”"]', unit.text)
            and len(_INNER_SENTENCE_END.findall(unit.text))
            < (_CUT_OFF_LAST if i == last else _CUT_OFF_SENTENCES)
            and not _NUMBERED_HEADING.match(unit.text)
            and not _is_title_case(unit.text)
            and not _lost_its_stop(unit.text, [page.units[k].text for k in above])
        ):
            page.remove(i, CAPTION)


_LABEL_MAX_WORDS = 8


def _mark_trailing_labels(page: _Page, headline: int | None) -> None:
    """Two or more short lines with no stop after the text's last sentence, closing the page:
    links to the publisher's other pages ("Bahrain GP qualifying results", "Bahrain GP coverage
    details"), not the article's words; unless the line above introduces them as a list ("…
    include:") or is itself an item without a stop."""
    kept = [i for i in page.kept() if headline is None or i > headline]
    run: list[int] = []
    for i in reversed(kept):
        text = page.units[i].text.strip()
        if ends_sentence(text) or _ANY_END.search(text) or word_count(text) > _LABEL_MAX_WORDS:
            break
        run.append(i)
    if len(run) < 2 or len(run) == len(kept):
        return  # one such line may be the text cut off ("With the inve"): links come in lists
    above = page.units[kept[len(kept) - len(run) - 1]].text.rstrip()
    if above.endswith(":") or not ends_sentence(above):
        return  # a list the text introduces, or items of one that run on (no stop either)
    for i in run:
        page.remove(i, RELATED)


def _lost_its_stop(text: str, above: list[str]) -> bool:
    """A line of the text's own that lost its full stop: it argues on from the sentence before
    ("But that is not …"), introduces a post ("… tweeted on January 13"), or translates the
    quotation printed above it (`above`: the kept lines above, nearest last), the line right
    above or, under a translated line, the one above that (two lines, then their translation)."""
    if _CONNECTIVE_START.match(text) or _POST_INTRODUCED.search(text):
        return True
    foreign = [in_other_language(line) for line in above]
    return foreign[-1:] == [True] or foreign == [True, False]


_CAPTION_MIN_WORDS = 12
# A caption names what a picture shows; it does not argue on from the sentence before ("But
# that is not the first time …") nor introduce a post ("…, Yahya Assiri … tweeted on January 13").
_CONNECTIVE_START = re.compile(
    r"^(?:But|And|Yet|However|Still|Meanwhile|Moreover|Nevertheless|Instead|Indeed|So)\b"
)
_POST_INTRODUCED = re.compile(
    r"\b(?:tweeted|posted|wrote|said|shared|commented|added|explained|noted)\b[^.!?]{0,40}$"
)
_ENDS_ON_HASHTAG = re.compile(r"#\w+\s*$")
# A paragraph of five sentences that stops short is a text cut off; the page's last paragraph
# already at its third (a capture that stops mid-word).
_CUT_OFF_SENTENCES, _CUT_OFF_LAST = 4, 2
_TITLE_CASE_SHARE = 0.8


def _is_title_case(text: str) -> bool:
    """A headline's capitals: "Robert Champion Named Manager of SLS Exploration Upper Stage Office
    at Marshall" (words of four letters or more, nearly all capitalised)."""
    words = [word for word in _WORD.findall(text) if len(word) >= 4]
    capitalised = [word for word in words if word[0].isupper()]
    return bool(words) and len(capitalised) >= _TITLE_CASE_SHARE * len(words)


# "1. Large Scale Methamphetamine Trafficker Sentenced to 10 Years": a numbered section's title
# (a caption is never numbered).
_NUMBERED_HEADING = re.compile(r"^\d{1,2}[.)]\s+[A-Z]")
_INNER_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+[A-Z]")
_ANY_END = re.compile(rf"[.!?…:;,—–{OTHER_SCRIPT_ENDS}-][\"”’')\]*]*$")


def _block_sizes(page: _Page) -> dict[int, int]:
    sizes: dict[int, int] = {}
    for unit in page.units:
        sizes[unit.block] = sizes.get(unit.block, 0) + 1
    return sizes


def _mark_caption_copies(page: _Page) -> None:
    """A caption printed again (whole, or once more after a line that prints it twice)."""
    captions = set()
    for unit, reason in zip(page.units, page.reasons, strict=True):
        if reason == CAPTION:
            captions.add(normalised(unit.text))
            if is_printed_twice(unit.text):
                captions.add(normalised(unit.text[: len(unit.text) // 2]))
    for i in page.kept():
        if normalised(page.units[i].text) in captions:
            page.remove(i, CAPTION)


# The sections a page scraper writes around the text it kept: its own record of the page, and
# the page's text ("## Content").
_RECORD_SECTIONS = frozenset(
    {"metadata", "page metadata", "page structure", "page outline", "outline", "links"}
    | {"page links"}
)
_CONTENT_SECTIONS = frozenset({"content", "page content"})
_OUTLINES = frozenset({"page structure", "page outline", "outline"})
_HOST_NAME = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)
_OUTLINE_TITLE = re.compile(r"^#\s+(?P<title>\S.*)$")
_TITLE_BAR_SEPARATOR = re.compile(r"\s+[-–—|]\s+")
_SITE_MAX_WORDS = 8
_CHROME_MAX_WORDS = 25


def title_bar_site(text: str, title: str | None) -> str | None:
    """The site a page's title bar names after the page's title ("Ukraine - European Civil
    Protection and Humanitarian Aid Operations"), or None."""
    if not title:
        return None
    key = normalised(title)
    for separator in _TITLE_BAR_SEPARATOR.finditer(text):
        if normalised(text[: separator.start()]) == key:
            site = text[separator.end() :].strip()
            return site if 0 < word_count(site) <= _SITE_MAX_WORDS else None
    return None


def _mark_page_record(page: _Page, known_title: str | None) -> int | None:
    """A scraper's record of a whole page ("## Metadata", "## Page Structure", "## Content",
    "## Links"): its own sections go, then the page's controls and menus around the content.
    Returns the unit made the headline: the title the page's outline gives (`# …`), unless the
    metadata gives one."""
    sections = {
        i: normalised(unit.text)
        for i, unit in enumerate(page.units)
        if unit.heading and normalised(unit.text) in _RECORD_SECTIONS | _CONTENT_SECTIONS
    }
    if len(set(sections.values())) < 2:
        return None
    title = _mark_record_sections(page, sections, known_title)
    if title is not None:
        _mark_page_chrome(page, title)
    _mark_page_footer(page, sections)
    return title


def _mark_record_sections(
    page: _Page, sections: dict[int, str], known_title: str | None
) -> int | None:
    """The record's section headings and lines (and a domain name heading above them) go; the
    outline's first `# Title` is kept as the headline when no metadata title is known."""
    title, inside = None, None
    for i, unit in enumerate(page.units):
        if i in sections:
            inside = sections[i]
            page.remove(i, SCRAPER_RECORD)
            continue
        if unit.heading and i < min(sections) and _HOST_NAME.match(unit.text.strip()):
            page.remove(i, SCRAPER_RECORD)
        if inside not in _RECORD_SECTIONS:
            continue
        outline_title = _OUTLINE_TITLE.match(unit.text) if inside in _OUTLINES else None
        if outline_title and title is None and known_title is None:
            page.units[i] = replace(unit, text=outline_title.group("title").strip())
            page.reasons[i] = None
            title = i
        elif page.reasons[i] is None:
            page.remove(i, SCRAPER_RECORD)
    return title


def _mark_page_chrome(page: _Page, title: int) -> None:
    """Above a scraped page's first sentence, what is not the headline is the page's controls,
    menus and breadcrumb (short lines that end no sentence), and its title bar is metadata."""
    title_text = page.units[title].text
    for i in range(_first_sentence(page)):
        unit = page.units[i]
        if i == title or page.reasons[i] is not None:
            continue
        if title_bar_site(unit.text, title_text):
            page.remove(i, METADATA)
        elif word_count(unit.text) <= _CHROME_MAX_WORDS and not ends_sentence(unit.text):
            page.remove(i, SITE_CHROME)


def _mark_page_footer(page: _Page, sections: dict[int, str]) -> None:
    """Under a scraped page's last sentence, to the end of its content, the page's footer:
    short lines that end no sentence (links, menus, share buttons, "Contact us")."""
    content = [i for i, name in sections.items() if name in _CONTENT_SECTIONS]
    if not content:
        return
    ends = sorted(i for i in sections if i > content[0])
    end = ends[0] if ends else len(page.units)
    for i in reversed(range(content[0] + 1, end)):
        if page.reasons[i] is not None:
            continue
        text = page.units[i].text
        if ends_sentence(text) or word_count(text) > _CHROME_MAX_WORDS:
            break
        page.remove(i, SITE_CHROME)


def strip_boilerplate(
    units: Sequence[Unit],
    known_title: str | None = None,
    publisher_names: frozenset[str] = frozenset(),
    browser_title: str | None = None,
) -> Cleaned:
    """Separate the headline, the article text and the boilerplate of a page.

    `known_title` is the title from metadata, when there is one: the page's headline is then the
    line that repeats it (if any), rather than whatever line comes first. `publisher_names`
    (`normalised`) are publishers' names, which alone on a line are its furniture.
    `browser_title` is an HTML page's <title> ("Exclusive / Army Hosts Think Tanks"): a line
    near the top that prints it, or one of its parts, is the headline.
    """
    page = _Page(units)
    _split_glued_captions(page)  # before a caption rule takes the whole line, lede and all
    _split_breadcrumbs(page)  # before the headline is looked for
    _split_record_date(page)
    _mark_lines(page)
    _mark_header_fields(page)
    _mark_code(page)
    _mark_field_values(page)
    _mark_publisher_names(page, publisher_names)
    _mark_highlights(page)
    _mark_end_matter(page)
    _mark_disclosures(page)
    _mark_promo_followers(page)
    _mark_note_items(page)
    _mark_comment_followers(page)
    _mark_lead_captions(page)
    _mark_name_lines(page)
    _mark_caption_copies(page)
    outline_title = _mark_page_record(page, known_title)
    title_field = _title_field(page) if known_title is None else None
    page_title = _page_title(page) if known_title is None else None
    in_tab = None
    if known_title is None and outline_title is None and page_title is None:
        in_tab = _prints_browser_title(page, browser_title)  # it marks kickers: only if it decides
    if outline_title is not None:
        headline, kicker = outline_title, None
    elif page_title is not None:
        headline, kicker = page_title, None
    elif in_tab is not None:
        headline, kicker = in_tab, None
    elif title_field is not None:
        headline, kicker = title_field, None
    elif known_title is None and (released := _release_headline(page)) is not None:
        headline, kicker = released, None
    else:
        headline, kicker = _find_headline(page, known_title)
    if kicker is not None:
        page.remove(kicker, KICKER)
    _mark_standfirst(page, headline)
    _mark_opening_bullets(page, headline)
    _mark_record_summary(page, headline)
    _mark_end_sections(page, headline)
    _mark_header_labels(page, headline)
    _mark_transcript_heading(page, headline)
    _mark_pull_quotes(page)
    _strip_datelines(page, skip={headline} if headline is not None else set())
    _strip_closing_note(page)
    _strip_post_links(page)
    if _mark_repeats(page, headline):
        _mark_lone_related(page, headline)
    _mark_unpunctuated(page, headline, kicker)
    _mark_tag_lists(page, headline)
    _mark_appeal_sections(page, headline)
    _mark_empty_sections(page, headline)
    _mark_trailing_labels(page, headline)

    removed = [
        RemovedText(unit.line, unit.text, reason)
        for unit, reason in zip(page.units, page.reasons, strict=True)
        if reason is not None
    ]
    order = {reason: rank for rank, reason in enumerate(REASONS)}
    removed = sorted(removed + page.extra, key=lambda r: (r.line, order.get(r.reason, 99)))
    body = tuple(
        unit for i, unit in enumerate(page.units) if page.reasons[i] is None and i != headline
    )
    return Cleaned(
        headline=page.units[headline] if headline is not None else None,
        body=body,
        removed=tuple(removed),
        datelines=tuple(page.datelines),
        kicker=page.units[kicker] if kicker is not None else None,
    )
