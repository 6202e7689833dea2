"""Direct quotations with who said them, and the speaker of reported speech.

A quotation is a quoted stretch (see `quotemarks`) in a body paragraph whose speaker the article
names. The speaker is found, in order of trust:

- next to the quotation: `"…," X said.` / `"…," said X, a ROLE.` / `X said: "…"` / `X told Y: "…"`;
- through the parse, for fragments inside reported speech: the nearest verb of saying above the
  quoted words (`X said Beijing was "…"`), or a statement it echoes (`the embassy statement that`);
- for a quotation standing alone (`"…," he said. "…"`, or a paragraph that is all quotation), the
  speaker of the quotation or reported speech just before it, in its paragraph or the last one.

Quoted words with an unnamed speaker ("observers said") or none (scare quotes) are left out.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from generator.analyse.lexicon import HONORIFICS
from generator.analyse.parse import ParsedArticle
from generator.analyse.quotemarks import DOUBLE_CLOSING, QuotedSpan
from generator.analyse.speakers import (
    MAIN,
    UNNAMED,
    Speaker,
    SpeakerResolver,
    is_prose,
    speaker_resolver,
)
from generator.analyse.speech import (
    INTRODUCING_VERBS,
    SHARED_THOUGHTS,
    WRITINGS,
    is_speech_noun,
    is_speech_verb,
)
from generator.analyse.turns import interviewer, named_turns
from generator.ingest.boilerplate import (
    EMBED,
    EMBED_SIGN_OFF,
    POST_LINK,
    QUOTED_PASSAGE,
    function_word_share,
    in_other_language,
    letter_words,
)
from generator.model import Article, Entity, Paragraph, Quote, QuoteKind

# Quoted fragments this short are too close to scare quotes to attribute ("old friend").
MIN_PARTIAL_WORDS = 3
SENTENCE_ENDS = {".", "!", "?", "…"}
NOMINAL = ("NOUN", "PROPN", "PRON")
CLOSING_MARKS = DOUBLE_CLOSING + "\"'’"
BULLETS = "•*·-–— \t"
# Words a title leaves in lower case: "The Lord of the Rings", "Belt and Road".
TITLE_FUNCTION_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by"}


def extract_quotes(parsed: ParsedArticle, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Every direct quotation with a named speaker, in reading order."""
    resolver = speaker_resolver(parsed, entities)
    roles = {entity.name: entity.role for entity in entities}
    paragraphs = parsed.article.paragraphs
    quotes: list[Quote] = []
    said_before: list[tuple[int, Speaker]] = []  # (char offset, speaker) of quotes so far
    for parts in _quotations(resolver):
        first = parts[0]
        if paragraphs[first.paragraph].kind != "body":
            continue
        kind = _kind(resolver, first)
        text = _quoted_text(resolver, parts)
        if kind == "partial" and (len(text.split()) < MIN_PARTIAL_WORDS or _is_title(text)):
            continue
        speaker = _attribute(resolver, parts, kind)
        if speaker is None and kind == "full":
            speaker = _label_speaker(resolver, first)
        if speaker is None and kind == "full":
            speaker = _signed_after(resolver, parts[-1])
        if speaker is None and kind == "full" and _stands_alone(resolver, first):
            speaker = (
                _speaker_before(resolver, first, said_before)
                or _introduced(resolver, first)
                or _person_just_before(resolver, first)
            )
        if speaker is None or speaker is UNNAMED:
            continue
        said_before.append((first.start, speaker))
        quotes.append(
            Quote(
                text=text,
                speaker=speaker.name,
                role=roles.get(speaker.name),
                kind=kind,
                paragraph=paragraphs[first.paragraph].id,
                speaker_type=speaker.type,
            )
        )
    posts = [_as_named(post, entities) for post in _embedded_posts(parsed.article)]
    signed = {post.paragraph for post in posts}  # a post's signature names its speaker best
    blocks, quoted = _block_quotes(resolver, roles, signed)
    # Words quoted inside a block quotation are the block's speaker quoting someone else.
    quotes = [q for q in quotes if q.paragraph not in quoted] + blocks
    turns = _turn_quotes(parsed, roles)
    # Words quoted inside an answer are its speaker quoting someone; the answer is the quotation.
    answered = {p for turn, name in named_turns(parsed) if name for p in turn.paragraphs}
    answered_ids = {paragraphs[i].id for i in answered}
    quotes = [q for q in quotes if q.paragraph not in answered_ids] + turns
    quotes += posts
    order = {paragraph.id: index for index, paragraph in enumerate(paragraphs)}
    return tuple(sorted(quotes, key=lambda quote: order[quote.paragraph]))


_LABEL_MAX_WORDS = 20


def _label_speaker(resolver: SpeakerResolver, span: QuotedSpan) -> Speaker | None:
    """A statement under a speaker's label, as round-ups and transcripts print them: "Jane Doe,
    Governor of X: “…”", or the label alone on the line above. The person the label names, else
    the organisation."""
    parsed = resolver.parsed
    start = parsed.paragraph_starts[span.paragraph]
    label_start, label_end = start, span.start
    if not parsed.text[start : span.start].strip() and span.paragraph > 0:
        label_start = parsed.paragraph_starts[span.paragraph - 1]
        label_end = label_start + len(parsed.article.paragraphs[span.paragraph - 1].text)
    label = parsed.text[label_start:label_end].strip()
    if not label.endswith(":") or len(label.split()) > _LABEL_MAX_WORDS:
        return None
    tokens = resolver.doc.char_span(label_start, label_end, alignment_mode="expand")
    if tokens is None or any(is_speech_verb(t) for t in tokens):
        return None  # "X said:" is the parse's to read
    mentions = [resolver.mention_of[t.i] for t in tokens if t.i in resolver.mention_of]
    for kind in ("person", "organisation"):
        named = [m for m in mentions if m.type == kind]
        if named:
            # a label opens on its name; "After missing out to McClaren:" heads someone else's
            opening = resolver.doc[tokens.start : named[0].start]
            return Speaker(named[0].name, kind) if _only_titles(opening) else None
    # "**America First Works:** “…”": a name NER does not know, set as the label
    # (on the quotation's own line: a heading over a quotation is no one's name)
    name = label.rstrip(":").strip(" *_")
    inline = label_start == start
    if inline and _TITLE_CASE_NAME.match(name) and not any(m.type == "place" for m in mentions):
        return Speaker(name, "unknown")
    return None


# A name of two to six capitalised words ("of", "for", "and", "the" between them).
_TITLE_CASE_NAME = re.compile(
    r"^[A-Z][\w’'&.-]*(?: (?:(?:of|for|and|the|de|on) )*[A-Z][\w’'&.-]*){1,5}$"
)


def _block_quotes(
    resolver: SpeakerResolver, roles: dict[str, str | None], signed: set[str]
) -> tuple[list[Quote], set[str]]:
    """A block quotation set off by layout under a paragraph that ends by introducing speech
    ("…, Jane Doe noted:", "the minister told the media:"), and its translation where the block is
    in another language: each a quotation of the introduced speaker. Returns them, and the ids of
    every paragraph they cover. A block under a post's signature is the post's (`signed`)."""
    paragraphs = resolver.parsed.article.paragraphs
    found, covered = [], set()
    for index in range(len(paragraphs) - 1):
        intro = paragraphs[index]
        colon = intro.text.rstrip().endswith(":")
        if intro.kind != "body" and not colon:
            continue  # a short "Duval added:" reads like a heading, and introduces all the same
        if colon:
            runs = _block_after(paragraphs, index + 1)
            introduce = _introducing_speaker
        elif _speaks_first_person(paragraphs[index + 1]):
            runs = [[paragraphs[index + 1]]]
            introduce = _reporting_speaker
        else:
            continue
        if runs and runs[0][0].id in signed:
            continue
        speaker = introduce(resolver, index) if runs else None
        if colon and runs and (speaker is None or speaker is UNNAMED) and _speaks(runs[0]):
            speaker = _only_person_named(resolver, index)
        if colon and runs and (speaker is None or speaker is UNNAMED):
            speaker = _opening_person(resolver, index)
        if speaker is None or speaker is UNNAMED:
            continue
        for run in runs:
            covered.update(paragraph.id for paragraph in run)
            found.append(
                Quote(
                    text=" ".join(paragraph.text for paragraph in run),
                    speaker=speaker.name,
                    role=roles.get(speaker.name),
                    kind="full",
                    paragraph=run[0].id,
                    speaker_type=speaker.type,
                )
            )
    return found, covered


_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|me|my|we|our|us)\b")
_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur)\b")


def _speaks_first_person(paragraph: Paragraph) -> bool:
    """An English paragraph without quotation marks whose first two sentences speak as "I" or
    "we": a block quotation under reported speech, printed without its marks."""
    text = paragraph.text
    first = " ".join(re.split(r"(?<=[.!?])\s", text, maxsplit=2)[:2])
    return (
        paragraph.kind == "body"
        and not any(mark in text for mark in _QUOTE_MARKS)
        and not in_other_language(text)
        and bool(_FIRST_PERSON.search(first))
    )


def _speaks(block: list[Paragraph]) -> bool:
    """A block that is someone's words by its own look: in another language (a post quoted,
    its translation under it), or speaking as "I" or "we"."""
    text = block[0].text
    return in_other_language(text) or _speaks_first_person(block[0])


# What a person's words under a line are called there: "his view", "her autobiography".
_OWNED_WORDS = SHARED_THOUGHTS | WRITINGS


def _only_person_named(resolver: SpeakerResolver, index: int) -> Speaker | None:
    """The person an introducing line ends on ("… attracted the attention of Guinean blogger
    Nouhou Baldé:"), or whose view it presents ("Here is his view on the evolution of such
    technology:"); not any person it names ("Sonny Camara reported parts of a speech the
    president made:" introduces the president's words)."""
    last = _last_sentence(resolver, index)
    if last is None:
        return None
    tokens = [t for t in resolver.parsed.tokens_of(last) if not t.is_space]
    # a clause ending on the person, not a time heading ("After missing out to McClaren:")
    clause = any(t.dep_ in ("nsubj", "nsubjpass") for t in tokens)
    if clause and len(tokens) >= 2 and tokens[-1].text == ":" and resolver.person_at(tokens[-2].i):
        return resolver.name(tokens[-2])
    for token in tokens:
        shared = token.head.lemma_.lower() in _OWNED_WORDS and token.dep_ == "poss"
        if shared and token.lower_ in ("his", "her") and not resolver.in_quote(token):
            return resolver.in_focus(token, ("person",))
    return None


# How far into an introducing sentence its person may be named: "Popular Facebook personality
# Alimou Sow chose irony …:".
_OPENING_WITHIN = 5  # tokens


def _opening_person(resolver: SpeakerResolver, index: int) -> Speaker | None:
    """The one person an introducing sentence names, at its start ("Dr. Adolf Mihanjo, head of
    the faculty …, termed defectors as people who …:"): whatever the parser made of its verb,
    the sentence is about them and the block under it is theirs."""
    last = _last_sentence(resolver, index)
    if last is None:
        return None
    people = {
        mention.name: mention
        for mention in resolver.mentions
        if last.start <= mention.start < last.end
        and mention.type == "person"
        and not resolver.in_quote(resolver.doc[mention.start])
    }
    if len(people) != 1:
        return None
    (mention,) = people.values()
    opening = resolver.doc[last.start : mention.start]
    if mention.start - last.start > _OPENING_WITHIN or not _only_titles(opening):
        return None
    return Speaker(mention.name, "person")


def _only_titles(words: Span) -> bool:
    """Words before a name that only describe it ("Popular Facebook personality", "Secretary of
    Energy"), not a clause or phrase of a sentence ("After missing out to", "In Arusha,")."""
    if len(words) and words[0].pos_ in ("ADP", "SCONJ", "ADV"):
        return False
    return not any(t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") for t in words)


def _reporting_speaker(resolver: SpeakerResolver, index: int) -> Speaker | None:
    """The speaker of a paragraph that ends reporting what they said ("Tshisekedi said on January
    20 that the court's confirmation … was a victory"): the words follow as a block."""
    last = _last_sentence(resolver, index)
    if last is None or any(resolver.in_quote(t) for t in last):
        return None
    return resolver.reported_speaker(last)


def _last_sentence(resolver: SpeakerResolver, index: int) -> Span | None:
    """The last sentence of the paragraph at `index`, if it has one."""
    span = resolver.parsed.paragraph_span(index)
    if span is None:
        return None
    sentences = [s for s in resolver.parsed.sentences if span.start <= s.start < span.end]
    return sentences[-1] if sentences else None


def _block_after(paragraphs: tuple[Paragraph, ...], start: int) -> list[list[Paragraph]]:
    """The block under an introducing line: the next paragraph, when it holds no quotation marks
    of its own; in another language, every paragraph of it up to the English (quotation marks
    inside, around a title, allowed), then as many English paragraphs when they translate it."""
    first = paragraphs[start]
    if first.kind != "body" or first.text.lstrip()[:1] in _QUOTE_MARKS:
        return []
    if first.quoted and not in_other_language(first.text):
        # Block quotations the source sets off, one after another: each the speaker's (one
        # quotation a paragraph, as a quotation's paragraphs are when each is closed).
        run = itertools.takewhile(
            lambda p: p.quoted and p.kind == "body" and p.text.lstrip()[:1] not in _QUOTE_MARKS,
            paragraphs[start : start + _BLOCK_MAX_PARAGRAPHS],
        )
        return [[paragraph] for paragraph in run]
    if not in_other_language(first.text):
        quoting = any(mark in first.text for mark in _QUOTE_MARKS)
        # A paragraph with quotations of its own is no block, unless it speaks as "I" or "we"
        # around them ("Our slogan is “Your data is YOUR data,” because …").
        own = QUOTED_PASSAGE.sub(" ", first.text)
        speaks = _FIRST_PERSON.search(own) or _WE.search(own)
        return [] if quoting and not speaks else [[first]]
    end = start
    while (
        end < min(len(paragraphs), start + _BLOCK_MAX_PARAGRAPHS)
        and paragraphs[end].kind == "body"
        and paragraphs[end].text.lstrip()[:1] not in _QUOTE_MARKS
        and in_other_language(paragraphs[end].text)
    ):
        end += 1
    block = list(paragraphs[start:end])
    translation = list(paragraphs[end : end + len(block)])
    original = " ".join(paragraph.text for paragraph in block)
    if len(translation) == len(block) and _translates(original, translation):
        return [block, translation]
    return [block]


_BLOCK_MAX_PARAGRAPHS = 6


_QUOTE_MARKS = '“”"'
_POST_LINKS = re.compile(rf"(?:\s*{POST_LINK})+\s*$")
# Hashtags, mentions and emoji closing a post: its furniture, not its words.
_POST_TAIL = re.compile(r"(?:\s*(?:[#@]\w+|[^\w\s.,;:!?…'\"“”‘’()-]))+\s*$")
_POST_GAP = 3  # lines between a post's text and its sign-off, at most
_POST_FURNITURE_CHARACTERS = 300


def _without_post_furniture(text: str) -> str:
    """A post's text without its closing links, hashtags and emoji. Only the line's end is
    searched: a search for a run at the end of a long line costs the square of the line."""
    cut = max(0, len(text) - _POST_FURNITURE_CHARACTERS)
    tail = _POST_TAIL.sub("", _POST_LINKS.sub("", text[cut:]))
    return (text[:cut] + tail).strip()


def _embedded_posts(article: Article) -> list[Quote]:
    """A post embedded in the page: its text, above its sign-off ("— Jane Doe (@janedoe)
    March 25, 2021", removed as furniture), is a quotation of the name signing it."""
    found = []
    for removed in article.removed:
        sign_off = EMBED_SIGN_OFF.match(removed.text) if removed.reason == EMBED else None
        if sign_off is None:
            continue
        above = [p for p in article.paragraphs if 0 < removed.line - p.line <= _POST_GAP]
        if not above or above[-1].kind != "body":
            continue
        post = _post_paragraphs(article.paragraphs, above[-1])
        text = _without_post_furniture(" ".join(p.text for p in post))
        if text:
            name = _signed_name(sign_off.group("name"))
            found.append(Quote(text, name, None, "full", post[0].id, "user"))
            below = [p for p in article.paragraphs if p.line > removed.line]
            if below and below[0].line - removed.line <= _POST_GAP:
                translation = _translation(text, below[: len(post) + 2])
                if translation:
                    joined = " ".join(p.text for p in translation)
                    found.append(Quote(joined, name, None, "full", translation[0].id, "user"))
    return found


def _translation(original: str, below: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs under a post that translate it, as many as come closest to its length (a
    translator may break a paragraph in two); [] when none do."""
    fits = [
        below[:count] for count in range(1, len(below) + 1) if _translates(original, below[:count])
    ]
    words = len(letter_words(original)) or 1
    return min(
        fits,
        key=lambda run: abs(math.log(len(letter_words(" ".join(p.text for p in run))) / words)),
        default=[],
    )


def _post_paragraphs(paragraphs: tuple[Paragraph, ...], last: Paragraph) -> list[Paragraph]:
    """A post's paragraphs, ending with `last`: in another language, the ones before it in that
    language too, up to the line that introduces the post ("… Selma Inocência:")."""
    index = paragraphs.index(last)
    start = index
    while (
        start > 0
        and index - start < _BLOCK_MAX_PARAGRAPHS - 1
        and in_other_language(paragraphs[start].text)
        and paragraphs[start - 1].kind == "body"
        and in_other_language(paragraphs[start - 1].text)
        and not paragraphs[start - 1].text.rstrip().endswith(":")
    ):
        start -= 1
    return list(paragraphs[start : index + 1])


def _is_symbol(char: str) -> bool:
    """An emoji or other symbol, or what joins and styles one (a zero-width joiner, a variation
    selector); not a letter's combining mark."""
    category = unicodedata.category(char)
    return category[0] == "S" or category == "Cf" or "\ufe00" <= char <= "\ufe0f"


def _signed_name(signature: str) -> str:
    """The name a post is signed with, without the emoji some put in it ("Hermisaurio 🦖"), nor
    the same name in another script or a hashtag beside it ("UNICEF MENA – يونيسف …", "Yahya
    Assiri يحيى عسيري #المقسطون"), where a name in Latin letters remains."""
    kept = "".join(" " if _is_symbol(char) else char for char in signature)
    words = kept.split()
    latin = [w for w in words if _in_latin_letters(w) and not w.startswith("#")]
    if latin and len(latin) < len(words):
        words = " ".join(latin).strip(" –—-|·").split()
    return " ".join(words) or " ".join(signature.split())


def _in_latin_letters(word: str) -> bool:
    """A word whose letters are all Latin ("Félix", "MENA"), or a dash between names."""
    letters = [char for char in word if char.isalpha()]
    if not letters:
        return word in ("–", "—", "-", "|")
    return all(unicodedata.name(char, "").startswith("LATIN") for char in letters)


def _translates(original: str, paragraphs: list[Paragraph]) -> bool:
    """Paragraphs right under a text in another language that give it in English: about as
    long, in English, and not a quotation of their own (opening on a quotation mark, where the
    original does not)."""
    quoted_opening = original.lstrip()[:1] in _QUOTE_MARKS
    if any(
        p.kind != "body" or (p.text.lstrip()[:1] in _QUOTE_MARKS and not quoted_opening)
        for p in paragraphs
    ):
        return False
    original_words = letter_words(original)
    words = letter_words(" ".join(paragraph.text for paragraph in paragraphs))
    if not original_words or not 0.5 <= len(words) / len(original_words) <= 2:
        return False
    return in_other_language(original) and function_word_share(words) >= _ENGLISH_SHARE


# Of words that are English function words: English prose has a third or more; Portuguese or
# Spanish a few ("a", "do", "no", "as"), Bengali or Arabic none.
_ENGLISH_SHARE = 0.25


def _turn_quotes(parsed: ParsedArticle, roles: dict[str, str | None]) -> list[Quote]:
    """Each answer of a transcript, a quotation of the speaker its label names; each question,
    the named interviewer's."""
    paragraphs = parsed.article.paragraphs
    asker = interviewer(parsed)
    return [
        Quote(turn.text, name, roles.get(name), "full", paragraphs[turn.paragraphs[0]].id, "person")
        for turn, label_name in named_turns(parsed)
        if (name := label_name or (asker if turn.interviewer_asks else None)) and turn.text
    ]


def _as_named(post: Quote, entities: tuple[Entity, ...]) -> Quote:
    """A post signed "Samia Suluhu" in an article about "Samia Suluhu Hassan": hers, under the
    name the article gives her (the one person whose name holds every word of the signature)."""
    words = set(post.speaker.split())
    people = [e for e in entities if e.type == "person" and words <= set(e.name.split())]
    if len(people) != 1:
        return post
    person = people[0]
    return replace(post, speaker=person.name, role=person.role, speaker_type="person")


def _introducing_speaker(resolver: SpeakerResolver, index: int) -> Speaker | None:
    """The speaker a paragraph's last sentence introduces: of its last verb of saying, else of
    its "according to X", else the owner of the statement its main verb has ("… have released
    the following joint statement:")."""
    last = _last_sentence(resolver, index)
    if last is None:
        return None
    tokens = [t for t in resolver.parsed.tokens_of(last) if not resolver.in_quote(t)]
    verbs = [
        t
        for t in tokens
        if (is_speech_verb(t) or (t.pos_ == "VERB" and t.lemma_ in INTRODUCING_VERBS))
        and not _reported_by(t)
    ]
    if verbs:
        return resolver.speaker_of_verb(verbs[-1])
    # "According to Carlos Guevara, …:", "… have released the following joint statement on …:"
    sources = [
        source
        for t in tokens
        if (
            source := resolver.according_to(t)
            or (_main_statement(t) and _statement_speaker(resolver, t))
        )
    ]
    if sources:
        return sources[-1]
    # "CCM spokesman Humphrey Polepole congratulated Lowassa for his bold move …:": a person who
    # is the main verb's subject speaks the words the colon introduces.
    colon = next((t for t in reversed(tokens) if t.text == ":"), None)
    if colon is None:
        return None
    # The verb the colon hangs from, or one it depends on ("… demanded that both men be
    # released and all charges dropped:" may hang it on "dropped").
    for verb in (colon.head, *colon.head.ancestors):
        if verb.pos_ != "VERB" or not any(c.dep_ == "nsubj" for c in verb.children):
            continue  # "For credentials, visit:": no one speaks
        speaker = _colon_speaker(resolver, verb, index)
        if speaker is not None:
            return speaker
    return None


def _colon_speaker(resolver: SpeakerResolver, verb: Token, index: int) -> Speaker | None:
    """A named person who is the verb's subject, or an organisation whose words under the colon
    speak as "we" ("The International Campaign … called on the authorities …:" over "We
    reiterate our call …")."""
    speaker = resolver.speaker_of_verb(verb)
    if speaker is None or speaker is UNNAMED or speaker.name.isupper():
        return None  # not a time zone's "CST" the parser took for a subject
    if speaker.type == "person":
        return speaker
    following = resolver.parsed.article.paragraphs[index + 1 : index + 2]
    speaks_as_we = any(_WE.search(p.text) for p in following)
    return speaker if speaker.type == "organisation" and speaks_as_we else None


# Verbs of answering a statement: "Shehu Garba … dismissed Obasanjo's letter:" introduces the
# words of the one who dismisses it, not of the letter's writer.
_ANSWERING_VERBS = frozenset(
    {"dismiss", "reject", "deny", "refute", "rebut", "counter", "slam", "condemn", "criticise"}
    | {"criticize", "mock", "ridicule", "question", "challenge", "welcome", "praise", "answer"}
)


def _statement_speaker(resolver: SpeakerResolver, statement: Token) -> Speaker | None:
    """Who speaks the words under a line whose main verb takes a statement: its owner, or the
    verb's subject where the verb answers the statement."""
    verb = statement.head
    if statement.dep_ == "dobj" and verb.lemma_.lower() in _ANSWERING_VERBS:
        return resolver.speaker_of_verb(verb)
    return resolver.owner_of(statement)


def _reported_by(verb: Token) -> bool:
    """ "…, quoted by Balla Yombouno in the newspaper Le Djely:": who reported the words, not
    who said them (the main clause's subject did)."""
    return verb.lemma_.lower() == "quote" and verb.dep_ in ("acl", "advcl")


def _main_statement(token: Token) -> bool:
    """A statement, remark or post that is the subject or object of its sentence's main verb
    ("… released the following statement:"), not one mentioned in passing ("After Smith's
    statement, placards read:")."""
    return (
        is_speech_noun(token)
        and token.dep_ in ("dobj", "nsubj", "nsubjpass")
        and token.head.dep_ == "ROOT"
    )


def _introduced(resolver: SpeakerResolver, span: QuotedSpan) -> Speaker | None:
    """The speaker of a quotation opening a paragraph under one that ends by introducing it."""
    parsed = resolver.parsed
    paragraphs = parsed.article.paragraphs
    intro = span.paragraph - 1
    opening = _text_before(resolver, span)
    if intro < 0 or opening.strip(_QUOTE_MARKS + "‘’' ") or paragraphs[intro].kind != "body":
        return None
    if not paragraphs[intro].text.rstrip().endswith(":"):
        return None
    speaker = _introducing_speaker(resolver, intro)
    if speaker is None or speaker is UNNAMED:  # "From his autobiography:", "… blogger Jane Doe:"
        return _section_speaker(resolver, intro) or _only_person_named(resolver, intro) or speaker
    return speaker


_SECTION_MAX_PARAGRAPHS = 15
_SUBHEADING_MAX_WORDS = 12


def _section_speaker(resolver: SpeakerResolver, label: int) -> Speaker | None:
    """A round-up's speaker: "Here's what Allardyce has since said about the England job:" over
    dated sub-headings ("2009", "After missing out to McClaren:") and the quotations under them
    speaks all of them. Up from the label, over nothing but sub-headings and quoted
    paragraphs, to the line that introduces them; None if prose comes first."""
    paragraphs = resolver.parsed.article.paragraphs
    for index in range(label - 1, max(-1, label - _SECTION_MAX_PARAGRAPHS), -1):
        text = paragraphs[index].text.strip()
        if text[:1] in _QUOTE_MARKS or (
            paragraphs[index].kind == "heading" and len(text.split()) <= _SUBHEADING_MAX_WORDS
        ):
            continue
        if text.endswith(":"):
            speaker = _introducing_speaker(resolver, index)
            if speaker is not None and speaker is not UNNAMED:
                return speaker
            if len(text.split()) > _SUBHEADING_MAX_WORDS:
                return None
            continue
        if len(text.split()) > 4 or text[-1:] in ".!?":
            return None  # prose: the section, if any, began below it
    return None


def reported_speaker(
    sentence: Span, parsed: ParsedArticle, entities: tuple[Entity, ...]
) -> str | None:
    """The named speaker of reported speech ("Wan said China would …", "X told Y that …",
    "according to X"), or None."""
    speaker = speaker_resolver(parsed, entities).reported_speaker(sentence)
    return speaker.name if speaker is not None else None


# --- quotations ---------------------------------------------------------------------------------


def _quotations(resolver: SpeakerResolver) -> Iterator[list[QuotedSpan]]:
    """Quoted spans grouped into quotations: one group per quotation over several paragraphs."""
    chain: list[QuotedSpan] = []
    for span in resolver.spans:
        if span.user_name:
            continue
        if chain and chain[-1].continues and _opens_paragraph(resolver, span):
            chain.append(span)
            continue
        if chain and _opens_paragraph(resolver, chain[0]) and _strung_on(resolver, chain[-1], span):
            chain.append(span)
            continue
        if chain:
            yield chain
        chain = [span]
    if chain:
        yield chain


def _strung_on(resolver: SpeakerResolver, previous: QuotedSpan, span: QuotedSpan) -> bool:
    """Quoted passages strung one after the other, with nothing but punctuation between them
    («…», «… Soyez prêts … »): excerpts of one speech, one quotation (where a paragraph opens
    with them; inside a sentence they are fragments each)."""
    between = resolver.text[previous.end : span.start]
    return span.paragraph == previous.paragraph and not between.strip(" ,;…")


def _quoted_text(resolver: SpeakerResolver, parts: list[QuotedSpan]) -> str:
    """A quotation's words: paragraphs joined by a space; passages strung within one paragraph
    as printed, from the first one's words to the last one's."""
    runs: list[tuple[int, int]] = []  # (start, end) of each paragraph's quoted words
    for index, part in enumerate(parts):
        if index and part.paragraph == parts[index - 1].paragraph:
            runs[-1] = (runs[-1][0], part.text_end)
        else:
            runs.append((part.text_start, part.text_end))
    return " ".join(resolver.text[start:end] for start, end in runs)


def _text_before(resolver: SpeakerResolver, span: QuotedSpan) -> str:
    """Its paragraph's text before a quotation."""
    return resolver.text[resolver.parsed.paragraph_starts[span.paragraph] : span.start]


def _opens_paragraph(resolver: SpeakerResolver, span: QuotedSpan) -> bool:
    return not _text_before(resolver, span).strip()


def _kind(resolver: SpeakerResolver, span: QuotedSpan) -> QuoteKind:
    """Full when the quotation opens its sentence (or follows "said:"), partial when it is a
    fragment inside the article's own sentence."""
    parsed = resolver.parsed
    before = _text_before(resolver, span).rstrip()
    if not before.strip(BULLETS):
        return "full"
    last = before[-1]
    if last == ":" or last in CLOSING_MARKS or before.endswith(_DASH_LEADS):
        return "full"  # also "RMS: E-book - “…”": a label, a dash, a quotation
    token = _token_at(parsed, len(before) - 1 + parsed.paragraph_starts[span.paragraph])
    if last in SENTENCE_ENDS:
        # "… in the journal Physical Review D. “If we find them, …”": the abbreviation's stop
        # ends the sentence too when a whole quoted sentence follows.
        quoted = resolver.text[span.text_start : span.text_end].strip()
        whole = quoted[:1].isupper() and quoted.rstrip(CLOSING_MARKS)[-1:] in SENTENCE_ENDS
        return "full" if token is not None and (token.is_punct or whole) else "partial"
    if last == "," and token is not None and token.i > 0:
        return "full" if _after_speech_verb(parsed.doc[token.i - 1]) else "partial"
    return "partial"


def _narrative_ends_on_comma(resolver: SpeakerResolver, span: QuotedSpan) -> bool:
    return _text_before(resolver, span).rstrip().endswith(",")


def _after_speech_verb(word: Token) -> bool:
    """ "said,", or a verb of saying's object or place before the comma: "told Mongabay-India,",
    "wrote on Facebook,"."""
    if is_speech_verb(word):
        return True
    head = word
    while head.dep_ in ("compound", "dobj", "dative", "pobj", "prep", "npadvmod", "punct"):
        head = head.head
        if head.i >= word.i:
            return False
    return head.pos_ == "VERB" and is_speech_verb(head) and word.i - head.i <= 6


def _is_title(text: str) -> bool:
    """ "The Last Harbour of the North", "Inflation Reduction Act": a name, not words spoken."""
    words = [w for w in text.split() if w.lower() not in TITLE_FUNCTION_WORDS]
    return bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _token_at(parsed: ParsedArticle, char: int) -> Token | None:
    span = parsed.doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


# --- attribution --------------------------------------------------------------------------------


def _attribute(resolver: SpeakerResolver, parts: list[QuotedSpan], kind: QuoteKind):
    """The quotation's own speaker (Speaker, UNNAMED), or None when nothing attributes it."""
    after = _narrative_after(resolver, parts[-1])
    before = _narrative_before(resolver, parts[0])
    invites_after = resolver.text[parts[-1].text_end - 1] not in "." or (
        after and (after[0].is_lower or is_speech_verb(after[0]) or after[0].text in _DASHES)
    )
    finders = [
        lambda: _attribution_after(resolver, after) if invites_after else None,
        lambda: _speech_in(resolver, reversed(before)),
        lambda: _governing_speaker(resolver, parts),
    ]
    if kind == "partial":
        finders = [finders[2], lambda: _speech_in(resolver, after), finders[1]]
    elif _narrative_ends_on_comma(resolver, parts[0]):  # "… told Mongabay-India, “…”"
        finders = [finders[2], *finders]
    finders.insert(0, lambda: _dash_signature(resolver, after))  # `"…" -- RMS`
    if kind == "full":
        finders.append(lambda: _introduced_by_colon(resolver, before))
    for find in finders:
        speaker = find()
        if speaker is not None:
            return speaker
    return None


_SPEECH_NOUNS = frozenset({"argument", "answer", "reply", "message", "view", "verdict", "words"})


def _introduced_by_colon(resolver: SpeakerResolver, before: list[Token]) -> Speaker | None:
    """A quotation a colon introduces after a clause about a person, with no verb of saying:
    "Bruno Mohr …, for example, was quickly inspired: “…”" is his; "Paul Walker's argument was
    as compelling as it was simple: “…”" is Paul Walker's."""
    if not before or before[-1].text != ":":
        return None
    colon = before[-1]
    clause = [t for t in before if t.pos_ in ("VERB", "AUX") and not resolver.in_quote(t)]
    main = [t for t in clause if t.head.i == t.i or t.head.i not in {c.i for c in clause}]
    for verb in main[:1]:  # the clause's own verb, never one inside the quotation
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < colon.i]
        if not subjects:
            continue
        subject = subjects[0]
        if resolver.person_at(subject.i):
            return resolver.name(subject)
        owners = [c for c in subject.children if c.dep_ == "poss" and resolver.person_at(c.i)]
        if subject.lower_ in _SPEECH_NOUNS and owners:
            return resolver.name(owners[0])
        return None
    return None


def _narrative_after(resolver: SpeakerResolver, span: QuotedSpan) -> list[Token]:
    """The article's own words after a quotation, to the end of that sentence."""
    tokens: list[Token] = []
    for token in _tokens_between(resolver, span.end, _paragraph_end(resolver, span)):
        if resolver.in_quote(token):
            break
        tokens.append(token)
        # "said Lt. Gen. Jane Doe": the stop of a title's abbreviation ends no sentence
        title = len(tokens) > 1 and tokens[-2].lower_.rstrip(".") in HONORIFICS
        if token.text in SENTENCE_ENDS and not title:
            break
    return tokens


def _narrative_before(resolver: SpeakerResolver, span: QuotedSpan) -> list[Token]:
    """The article's own words before a quotation, from the start of that sentence."""
    start = resolver.parsed.paragraph_starts[span.paragraph]
    tokens: list[Token] = []
    for token in _tokens_between(resolver, start, span.start):
        if resolver.in_quote(token) or token.text in SENTENCE_ENDS:
            tokens = []
            continue
        tokens.append(token)
    return tokens


def _paragraph_end(resolver: SpeakerResolver, span: QuotedSpan) -> int:
    paragraph = resolver.parsed.article.paragraphs[span.paragraph]
    return resolver.parsed.paragraph_starts[span.paragraph] + len(paragraph.text)


def _tokens_between(resolver: SpeakerResolver, start: int, end: int) -> list[Token]:
    if end <= start:
        return []
    span = resolver.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    return [t for t in resolver.parsed.tokens_of(span) if not t.is_space]


def _speech_in(resolver: SpeakerResolver, tokens: Iterable[Token]) -> Speaker | None:
    """The first verb of saying (or "according to") among `tokens` that has a speaker."""
    for token in tokens:
        speaker = _speaker_at(resolver, token)
        if speaker is not None:
            return speaker
    return None


def _speaker_at(resolver: SpeakerResolver, token: Token) -> Speaker | None:
    """The speaker `token` introduces, if it is a verb of saying or "according", outside quotes."""
    if resolver.in_quote(token):
        return None
    if is_speech_verb(token):
        return resolver.speaker_of_verb(token)
    return resolver.according_to(token)


def _attribution_after(resolver: SpeakerResolver, after: list[Token]) -> Speaker | None:
    """`"…," X said.` / `"…," said X.`: the speech verb after a quotation and its subject,
    even where the parse hung X on the quoted clause rather than on "said"."""
    speaker = _speech_in(resolver, after)
    if speaker is not None:
        return speaker
    verbs = [n for n, t in enumerate(after) if is_speech_verb(t)]
    if not verbs:
        return None
    following = after[verbs[0] + 1 :]
    # "said Lt. Gen. Jane Doe, the base's commanding general": the name before the apposition
    comma = next((n for n, t in enumerate(following) if t.text == ","), len(following))
    for phrase in (after[: verbs[0]], following, following[:comma]):
        words = [t for t in phrase if not t.is_punct]
        if not words or any(t.pos_ in ("VERB", "AUX") for t in words):
            continue
        people = [t for t in words if resolver.person_at(t.i)]
        if people:  # "said FBI Special Agent in Charge Jane Doe": the person, not the title
            return resolver.name(people[0])
        inside = {t.i for t in words}
        # The phrase's own root counts: the parse may start a new sentence after "said".
        heads = [
            t for t in words if (t.head.i not in inside or t.head.i == t.i) and t.pos_ in NOMINAL
        ]
        if heads:
            return resolver.name(heads[0])
    return None


_DASHES = frozenset({"--", "—", "–", "―"})
_DASH_LEADS = (" -", " --", " —", " –")
_SIGNATURE_MAX_WORDS = 4


def _dash_signature(resolver: SpeakerResolver, after: list[Token]) -> Speaker | None:
    """A name alone after a dash that follows the quotation, as a signature: `"…" -- RMS
    [Read more…]`, `“…” — Jane Doe.`"""
    if not after or after[0].text not in _DASHES:
        return None
    name = list(itertools.takewhile(_name_token, after[1 : 2 + _SIGNATURE_MAX_WORDS]))
    rest = after[1 + len(name) :]
    # the signature ends the sentence, or the next one begins ("-- RMS Read more...")
    ends = not rest or rest[0].text in (".", "[", "(") or rest[0].is_space or rest[0].is_title
    if not name or len(name) > _SIGNATURE_MAX_WORDS or not ends:
        return None
    people = [t for t in name if resolver.person_at(t.i)]
    if people:
        return resolver.name(people[0])
    return Speaker(resolver.doc[name[0].i : name[-1].i + 1].text, "unknown")


def _name_token(token: Token) -> bool:
    return token.text[:1].isupper() and (token.pos_ == "PROPN" or token.text.isupper())


def _governing_speaker(resolver: SpeakerResolver, parts: list[QuotedSpan]) -> Speaker | None:
    """Up the parse from the quoted words: the nearest verb of saying, or a statement echoed."""
    doc = resolver.doc
    for part in parts:
        words = doc.char_span(part.text_start, part.text_end, alignment_mode="expand")
        if words is None:
            continue
        inside = range(words.start, words.end)
        for root in words:
            if root.is_punct or root.head.i in inside or root.head.i == root.i:
                continue
            speaker = _speaker_above(resolver, root.head)
            if speaker is not None:
                return speaker
    return None


def _speaker_above(resolver: SpeakerResolver, token: Token) -> Speaker | None:
    while True:
        if not resolver.in_quote(token):
            speaker = None
            if is_speech_verb(token):
                speaker = resolver.speaker_of_verb(token)
            elif is_speech_noun(token):
                speaker = resolver.owner_of(token)
            elif token.pos_ in ("VERB", "AUX"):
                speaker = _echoed_statement(resolver, token)
            if speaker is not None:
                return speaker
        if token.head.i == token.i:
            return None
        token = token.head


def _echoed_statement(resolver: SpeakerResolver, verb: Token) -> Speaker | None:
    """ "echoing parts of the embassy statement that …": the owner of a statement the verb takes
    as its object, where the parse hung the quoted clause on the verb."""
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        nouns = [obj, *(g for p in obj.children if p.dep_ == "prep" for g in p.children)]
        for noun in nouns:
            if is_speech_noun(noun):
                return resolver.owner_of(noun)
    return None


# --- a quotation standing alone -----------------------------------------------------------------


def _stands_alone(resolver: SpeakerResolver, span: QuotedSpan) -> bool:
    """No verb of saying in the quotation's own sentence (a participle describing a noun, "a
    paper describing the results", says nothing): it continues an earlier speaker."""
    before = _narrative_before(resolver, span)
    return not any(is_speech_verb(t) and t.dep_ not in ("acl", "amod") for t in before)


def _speaker_before(
    resolver: SpeakerResolver, span: QuotedSpan, said_before: list[tuple[int, Speaker]]
) -> Speaker | None:
    """The last speaker, quoted or reported, in the quotation's paragraph before it or else in
    the body paragraph just before that; where there is one, the person the quotation's own
    paragraph is about, if named later ("David Fifield sent a summary …: “…”" after another's
    words)."""
    parsed = resolver.parsed
    paragraphs = parsed.article.paragraphs
    previous = span.paragraph - 1
    while previous >= 0 and not is_prose(paragraphs[previous]):
        previous -= 1
    start = parsed.paragraph_starts[previous if previous >= 0 else span.paragraph]
    events = [(at, s) for at, s in said_before if start <= at < span.start]
    for token in _tokens_between(resolver, start, span.start):
        if not resolver.is_body(token) or (is_speech_verb(token) and not _reports(token)):
            continue
        speaker = _speaker_at(resolver, token)
        if speaker is not None and speaker is not UNNAMED:
            events.append((token.idx, speaker))
    if not events:
        return None
    events += _main_people(resolver, parsed.paragraph_starts[span.paragraph], span.start)
    return max(events, key=lambda event: event[0])[1]


def _main_people(resolver: SpeakerResolver, start: int, end: int) -> list[tuple[int, Speaker]]:
    """(offset, speaker) of the people that sentences between two offsets are about (their
    subjects), before `end`."""
    tokens = _tokens_between(resolver, start, end)
    sentences = sorted({n for t in tokens if (n := resolver.sentence_of.get(t.i)) is not None})
    return [
        (at, focus.speaker)
        for n in sentences
        for focus in resolver.focus[n]
        if focus.rank == MAIN
        and focus.speaker.type == "person"
        and (at := resolver.doc[focus.token].idx) < end
    ]


_SIGNATURE_DASHES = " \t—–-―,"


def _signed_after(resolver: SpeakerResolver, span: QuotedSpan) -> Speaker | None:
    """A quotation signed with a name after it and nothing else, as pull quotes and block
    quotations print them ("“The freedom to develop …” Paul Walker", "“…” — Jane Doe"): the
    person named, where the article names a person so."""
    if not span.closed:
        return None
    end = _paragraph_end(resolver, span)
    after = resolver.text[span.end : end]
    # "… Paul Walker", "— Jane Doe, Secretary of the Treasury Board": a name, then its role
    name, _, role = after.strip(_SIGNATURE_DASHES).rstrip(".").partition(", ")
    if not name or len(name.split()) > _SIGNATURE_MAX_WORDS:
        return None
    if len(role.split()) > _SIGNATURE_ROLE_WORDS or re.search(r"[.!?]\s", role):
        return None  # the paragraph's next sentence, not a signature's role
    start = span.end + after.index(name)
    token = resolver.parsed.doc.char_span(start, start + len(name), alignment_mode="expand")
    if token is None or not resolver.person_at(token.root.i):
        return None
    mention = resolver.mention_of[token.root.i]
    if mention.start_char != start or mention.end_char != start + len(name):
        return None  # a name and more ("Paul Walker at the launch")
    return resolver.name(token.root)


_SIGNATURE_ROLE_WORDS = 12


def _person_just_before(resolver: SpeakerResolver, span: QuotedSpan) -> Speaker | None:
    """The person the paragraph just before is about, its last subject ("Strickland and his
    coworkers can use their phones …" over a quotation that stands alone in its paragraph):
    news prints a person's words right after what they do."""
    parsed = resolver.parsed
    previous = span.paragraph - 1
    # the paragraph is this one quotation, of whole sentences (not slogans strung together)
    after = resolver.text[span.end : _paragraph_end(resolver, span)]
    words = resolver.text[span.text_start : span.text_end].rstrip()
    whole = after.strip() == "." or (not after.strip() and words[-1:] in ".!?…")
    if previous < 0 or not whole or not is_prose(parsed.article.paragraphs[previous]):
        return None
    start = parsed.paragraph_starts[previous]
    people = _main_people(resolver, start, parsed.paragraph_starts[span.paragraph])
    return max(people, key=lambda event: event[0])[1] if people else None


_ALWAYS_SAYING = frozenset({"say", "tell", "told", "add"})


def _reports(verb: Token) -> bool:
    """Whether a verb of saying reports words ("said …", "noted that …"), not only names a thing
    ("how the telescope could reveal them")."""
    return verb.lemma_ in _ALWAYS_SAYING or any(
        child.dep_ in ("ccomp", "parataxis") for child in verb.children
    )
