"""Who is speaking: the named person, organisation or user behind a verb of saying.

`SpeakerResolver` reads one parsed article once: entity mentions with canonical names, the
quoted stretches, and which people and organisations are in focus sentence by sentence (subjects,
"according to X", "X, a ROLE"). From that it names the subject of a speech verb, including "he" /
"she" / "it" (the person or organisation most recently in focus), "who" (its antecedent), "the
embassy" (the embassy named before), "the Chinese president" (the person given that role) and a
quoted user name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from generator.analyse.entities import (
    Mention,
    article_mentions,
    institution_phrase,
    mention_at_token,
    named_noun,
)
from generator.analyse.names import Gender, given_name_gender
from generator.analyse.parse import ParsedArticle
from generator.analyse.quotemarks import QuotedSpan, quoted_spans
from generator.analyse.speech import (
    INSTITUTION_NOUNS,
    OFFICE_NOUNS,
    ORGANISATION_PRONOUNS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    USER_NOUNS,
    is_person_description,
    is_speech_noun,
    is_speech_verb,
)
from generator.ingest.boilerplate import in_other_language
from generator.model import Entity, Paragraph, SpeakerType

RESOLVER_KEY = "briefing.speaker_resolver"
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# A speech verb with no subject of its own takes its speaker from the clause it hangs from
# ("…, adding that", "was quoted as telling", "saying Beijing objected to …").
CONTROLLED_DEPS = ("advcl", "xcomp", "conj", "pcomp", "prep", "ccomp")
# How a verb of saying takes what was said: "said (that) …", "…, he said".
REPORTED_CLAUSE_DEPS = ("ccomp", "parataxis")
# Focus ranks within a sentence: a trailing "…, Reuters reported" relays what the main speaker
# said, so it is less in focus than the speaker it reports; a person introduced beside an object
# ("… sent his compliments to Alpha Condé, president of …") is less in focus than the subject.
RELAY, REPORTED, DESCRIBED, MAIN = 1, 2, 3, 4
# People who speak for an organisation the phrase names: "State Farm executives", "Acme officials".
SPEAKING_FOR = frozenset(
    {"executive", "official", "officer", "representative", "spokesperson", "lawyer", "attorney"}
)
# "he"/"she" can stand for a person, or for a name NER could not type.
PERSON_LIKE: tuple[SpeakerType, ...] = ("person", "unknown")
# How a paragraph of prose ends; a line without it (a related headline) brings no one into focus.
PROSE_ENDINGS = tuple(".!?…:;\"”’')")


@dataclass(frozen=True)
class Speaker:
    name: str
    type: SpeakerType


# A speaker is there but not named ("observers said", "they said"): the quotation has no speaker.
UNNAMED = Speaker("", "unknown")


@dataclass(frozen=True)
class Focus:
    """A person or organisation in focus at a point of the text."""

    token: int
    rank: int
    speaker: Speaker


class SpeakerResolver:
    """Names speakers in one parsed article; build it with `speaker_resolver(parsed, entities)`."""

    def __init__(self, parsed: ParsedArticle, entities: tuple[Entity, ...]) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.entities = entities
        self.mentions = article_mentions(parsed)
        self.mention_of = mention_at_token(parsed)
        self.text = parsed.text
        self.spans = quoted_spans(parsed)
        self.quoted = self._token_flags(s for s in self.spans if not s.user_name)
        self.user_name_at = {
            i: self.text[s.text_start : s.text_end].rstrip(".,;:!?")
            for s in self.spans
            if s.user_name
            for i in self._token_range(s.start, s.end)
        }
        self.sentences = parsed.sentences
        self.sentence_of = {
            i: n for n, s in enumerate(self.sentences) for i in range(s.start, s.end)
        }
        mentions_in: list[list[Mention]] = [[] for _ in self.sentences]
        for mention in self.mentions:
            n = self.sentence_of.get(mention.start)
            if n is not None:
                mentions_in[n].append(mention)
        self.focus = [
            self._sentence_focus(s, found)
            for s, found in zip(self.sentences, mentions_in, strict=True)
        ]
        self.gender_of = person_genders(self.doc, self.mentions)

    # -- the public questions ------------------------------------------------------------------

    def in_quote(self, token: Token) -> bool:
        return self.quoted[token.i]

    def person_at(self, index: int) -> bool:
        """Whether the token at `index` is part of a person's name the article gives."""
        mention = self.mention_of.get(index)
        return mention is not None and mention.type == "person"

    def is_body(self, token: Token) -> bool:
        return self.parsed.paragraph_at(token.idx).kind == "body"

    def speaker_of_verb(self, verb: Token, depth: int = 0) -> Speaker | None:
        """The speaker of a speech verb; UNNAMED when its subject names nobody, None when it has
        no subject and none can be inherited from the clause it depends on."""
        children = list(verb.children)
        for child in children:
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                return self.name(objects[0]) if objects else UNNAMED
        subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
        if subjects:  # the nearest, should a dateline ("LONDON, …") parse as a second subject;
            # a person's name first, should a title ("said Staff Sgt. Isaac Campos") parse as one
            subject = min(subjects, key=lambda c: (not self.person_at(c.i), abs(c.i - verb.i)))
            # "said USGS hydrologist Ryan Jackson": the person an institution's word introduces
            people = [c for c in subject.children if c.dep_ == "appos" and self.person_at(c.i)]
            if people and not self.person_at(subject.i):
                subject = people[0]
            if subject.dep_ == "nsubjpass" and verb.lemma_ != "quote":
                return UNNAMED  # "were told …": the subject is the listener
            named = self.name(subject)
            if named == UNNAMED and subject.pos_ == "NOUN":
                return self._person_set_off_in(subject, verb) or named
            return named
        inverted = self._inverted_speaker(verb)
        if inverted is not None:
            return inverted
        if depth > 4:
            return None
        if verb.dep_ == "acl" and is_speech_noun(verb.head):  # "a statement saying …"
            return self.owner_of(verb.head)
        if verb.dep_ in CONTROLLED_DEPS and verb.head.i != verb.i:
            # "Xi said China appreciated …, saying …": a verb of saying higher up speaks first.
            for ancestor in verb.ancestors:
                if is_speech_verb(ancestor) and not self.in_quote(ancestor):
                    speaker = self.speaker_of_verb(ancestor, depth + 1)
                    if speaker is not None:
                        return speaker
            governor = verb.head
            while governor.dep_ == "prep" and governor.head.i != governor.i:
                governor = governor.head
            if governor.pos_ in ("VERB", "AUX"):
                return self.speaker_of_verb(governor, depth + 1)
        return None

    def _person_set_off_in(self, subject: Token, verb: Token) -> Speaker | None:
        """The person set off by commas last in a subject the parser took wrongly: "Demanding
        Sangma’s resignation …, Sanjay Das, General Secretary, … told Mongabay-India, “…”"."""
        people = [
            t
            for t in self.doc[subject.left_edge.i : verb.i]
            if t.dep_ in ("appos", "conj")
            and self.person_at(t.i)
            and t.i > 0
            and self.doc[self.mention_of[t.i].start - 1].text == ","
        ]
        return self.name(people[-1]) if people else None

    def _inverted_speaker(self, verb: Token) -> Speaker | None:
        """ "… “doing nothing” states human rights activist Professor Chidi Odinkalu": a verb of
        saying before its speaker, whom the parser took for its object."""
        if not is_speech_verb(verb):
            return None
        for child in verb.rights:
            near = child.i - verb.i <= _INVERTED_WITHIN
            if child.dep_ == "dobj" and near and self.person_at(child.i):
                return self.name(child)
        return None

    def owner_of(self, noun: Token) -> Speaker | None:
        """Whose statement, remarks or post: "Xi's remarks", "the embassy statement", "a
        statement from the ministry", or the subject of "X issued a statement"."""
        for child in noun.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("compound", "nmod") and child.i in self.mention_of
            ):
                return self.name(child)
            if child.dep_ == "compound" and child.text.lower() in INSTITUTION_NOUNS:
                return self.name(child)
        for child in noun.children:
            if child.dep_ == "prep" and child.text.lower() in ("from", "by", "of"):
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return self.name(objects[0])
        if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
            return self.speaker_of_verb(noun.head)
        return None

    def according_to(self, token: Token) -> Speaker | None:
        """For the word "according" in "according to X": X."""
        if token.lower_ != "according":
            return None
        for prep in token.children:
            if prep.lower_ == "to":
                objects = [g for g in prep.children if g.dep_ == "pobj"]
                if objects:
                    return self.name(objects[0])
        following = token.nbor(1) if token.i + 1 < len(self.doc) else None
        if following is not None and following.lower_ == "to":
            objects = [g for g in following.children if g.dep_ == "pobj"]
            if objects:
                return self.name(objects[0])
        return None

    def name(self, token: Token) -> Speaker:
        """The speaker a subject (or owner) token stands for, or UNNAMED."""
        user = self._user_name(token)
        if user:
            return Speaker(user, "user")
        word = token.lower_
        if word in PERSON_PRONOUNS:
            return self.in_focus(token, PERSON_LIKE) or UNNAMED
        if word in ORGANISATION_PRONOUNS:
            return self.in_focus(token, ("organisation",)) or UNNAMED
        if word == "they":  # "In a statement from the Church, they said:": the statement's owner
            return self._statement_owner(token) or UNNAMED
        if word in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            antecedent = token.head.head
            if word in ("who", "whom"):
                antecedent = self._person_antecedent(antecedent)
            return self.name(antecedent) if antecedent.i != token.i else UNNAMED
        named = [g for c in token.children if c.dep_ == "acl" for g in c.children if named_noun(g)]
        if named and named[0].i in self.mention_of:  # "A user named Vitor said:"
            token = named[0]
        mention = self.mention_of.get(token.i)
        kin = self._kin(token) if mention is None else None
        if kin is not None:
            return kin
        described = (mention is None or mention.type != "person") and is_person_description(token)
        noun = mention is None and token.pos_ == "NOUN" and token.lower_ not in INSTITUTION_NOUNS
        if described or noun:
            # "writer and commentator Ibrahim Marie Sanoh wrote:": the person the words describe
            named_after = self._named_after(token)
            if named_after is not None:
                return named_after
        if described:
            return self._described(token)
        if mention is None:  # "Putin's spokesman Dmitry Peskov": the name in apposition
            named = [c for c in token.children if c.dep_ == "appos" and c.i in self.mention_of]
            mention = self.mention_of[named[0].i] if named else None
        if mention is None and token.lower_ in INSTITUTION_NOUNS:
            called = self._named_in_apposition(token)  # "the organisation Cellule Balai Citoyen"
            if called is not None:
                return called
        if mention is None and (token.pos_ == "PROPN" or token.lower_ in OFFICE_NOUNS):
            # "Special Agent in Charge Jane Doe", "director of cricket Angus Fraser",
            # "Assistant Secretary of the Army for Civil Works Jo-Ellen Darcy"
            named = [
                t
                for t in token.subtree
                if 0 < t.i - token.i <= _OFFICE_NAME_WORDS
                and self.person_at(t.i)
                and t.dep_ != "poss"
                and (
                    t.i - token.i <= _NEAR_NAME_WORDS
                    or all(
                        w.pos_ in ("PROPN", "ADP", "DET", "PUNCT") for w in self.doc[token.i : t.i]
                    )
                )
            ]
            mention = self.mention_of[named[0].i] if named else None
        if mention is not None:
            return Speaker(mention.name, _speaker_type(mention))
        known = self._known_surname(token)
        if known is not None:
            return known
        if is_speech_noun(token):  # "according to a statement from the ministry"
            return self.owner_of(token) or UNNAMED
        if token.text.lower() in INSTITUTION_NOUNS:
            return self._institution(token)
        if token.lower_ in OFFICE_NOUNS or token.lemma_.lower() in SPEAKING_FOR:
            return self._office_holder(token)  # "State Farm executives said": State Farm
        if (
            token.pos_ == "PROPN"
            and not self.in_quote(token)
            and token.ent_type_ not in NUMERIC_LABELS
        ):
            # a capitalised word NER did not know; never a date's ("a report from March")
            phrase = [t for t in token.lefts if t.dep_ == "compound" and t.text[:1].isupper()]
            start = phrase[0].i if phrase else token.i
            return Speaker(self.doc[start : token.i + 1].text, "unknown")
        return UNNAMED

    def _named_in_apposition(self, token: Token) -> Speaker | None:
        """An institution's name NER did not know, set beside the noun: "the civil society
        organisation Cellule Balai Citoyen" (capitalised proper nouns, not quoted)."""
        for child in token.children:
            if child.dep_ != "appos" or child.pos_ != "PROPN" or self.in_quote(child):
                continue
            run = [t for t in child.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            words = self.doc[(run[0].i if run else child.i) : child.i + 1]
            if len(words) >= 2 and all(t.text[:1].isupper() for t in words):
                return Speaker(words.text, "organisation")
        return None

    def _named_after(self, token: Token) -> Speaker | None:
        """The person named in a description's own phrase, right after it ("writer and
        commentator Jane Doe", "the blogger Jane Doe"), not its owner ("Jane Doe's lawyer")."""
        for t in token.subtree:
            if t.i <= token.i or t.i - token.i > _DESCRIBED_NAME_WITHIN:
                continue
            if any(v.pos_ == "VERB" for v in self.doc[token.i : t.i]):
                return None  # "the lawyer who represented Jane Doe"
            if self.person_at(t.i) and t.dep_ != "poss":
                if any(a.dep_ == "prep" for a in t.ancestors if a.i > token.i):
                    return None  # "the lawyer for Jane Doe": Jane Doe's lawyer speaks
                mention = self.mention_of[t.i]
                return Speaker(mention.name, "person")
        return None

    def _known_surname(self, token: Token) -> Speaker | None:
        """A capitalised word the parser did not take for a name ("Duval added:") that is the
        surname of one person the article names in full."""
        if not token.text[:1].isupper() or not token.text.isalpha():
            return None
        holders = {
            entity.name
            for entity in self.entities
            if entity.type == "person"
            and len(entity.name.split()) > 1
            and entity.name.split()[-1] == token.text
        }
        return Speaker(holders.pop(), "person") if len(holders) == 1 else None

    def _kin(self, token: Token) -> Speaker | None:
        """ "The family of Abderrahmane Weddady demanded …", "Weddady's family said": the family
        speaks, under the name of the person the article names."""
        if token.lower_ not in _KIN_GROUPS:
            return None
        for child in token.children:
            owner = None
            if child.dep_ == "poss":
                owner = child
            elif child.dep_ == "prep" and child.lower_ == "of":
                owner = next((g for g in child.children if g.dep_ == "pobj"), None)
            if owner is None:
                continue
            mention = self.mention_of.get(owner.i)
            if mention is not None and mention.type != "place":  # a family is a person's
                return Speaker(f"family of {mention.name}", "organisation")
            if mention is None and owner.pos_ == "PROPN" and owner.text[:1].isupper():
                names = [t for t in owner.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
                start = names[0].i if names else owner.i
                return Speaker(f"family of {self.doc[start : owner.i + 1].text}", "organisation")
        return None

    def _described(self, token: Token) -> Speaker:
        """ "The minister said": the person given that role, if any (an office may have several
        holders); "the Dane said": the person most recently in focus."""
        if token.lower_ in OFFICE_NOUNS:
            return self._office_holder(token)
        return self.in_focus(token, ("person",)) or UNNAMED

    def _statement_owner(self, token: Token) -> Speaker | None:
        """The named owner of a statement the pronoun's own sentence speaks of, before it."""
        sentence = token.sent
        for noun in sentence:
            if noun.i >= token.i:
                break
            if is_speech_noun(noun) and not self.in_quote(noun):
                owner = self.owner_of(noun)
                if owner is not None and owner is not UNNAMED:
                    return owner
        return None

    def _person_antecedent(self, antecedent: Token) -> Token:
        """ "Ian Roach, chairman of the Commission, who noted": "who" is a person, so the person
        the phrase describes, up through "of", "for" and the apposition, when it names one."""
        token = antecedent
        for _ in range(6):
            if self.person_at(token.i):
                return token
            if token.dep_ not in ("pobj", "prep", "appos", "compound") or token.head.i == token.i:
                break
            token = token.head
        return antecedent

    def in_focus(self, token: Token, kinds: tuple[SpeakerType, ...]) -> Speaker | None:
        """The person (or organisation) most recently in focus before `token`: earlier in its
        sentence, else the most prominent one in the nearest sentence before that has one. A
        "he" or "she" (or "his", "her") skips a person known to be of the other gender."""
        n = self.sentence_of.get(token.i)
        if n is None:
            return None
        wanted = PRONOUN_GENDERS.get(token.lower_)

        def fits(focus: Focus) -> bool:
            gender = self.gender_of.get(focus.speaker.name)
            return focus.speaker.type in kinds and not (wanted and gender and gender != wanted)

        same = [f for f in self.focus[n] if f.token < token.i and fits(f)]
        if same:
            return max(same, key=lambda f: f.token).speaker
        for earlier in range(n - 1, -1, -1):
            found = [f for f in self.focus[earlier] if fits(f)]
            if found:
                return max(found, key=lambda f: (f.rank, f.token)).speaker
        return None

    def reported_speaker(self, sentence: Span) -> Speaker | None:
        """The named speaker of a sentence of reported speech, outermost verb first: a verb of
        saying that reports a clause ("X said China would …"), not one that only names an act
        ("X announced a boycott")."""
        verbs = [
            t
            for t in sentence
            if is_speech_verb(t)
            and not self.in_quote(t)
            and any(c.dep_ in REPORTED_CLAUSE_DEPS for c in t.children)
        ]
        verbs.sort(key=lambda t: (_speech_depth(t), t.i))
        for verb in verbs:
            speaker = self.speaker_of_verb(verb)
            if speaker is not None and speaker is not UNNAMED:
                return speaker
        for token in sentence:
            if not self.in_quote(token):
                speaker = self.according_to(token)
                if speaker is not None and speaker is not UNNAMED:
                    return speaker
        return None

    # -- building --------------------------------------------------------------------------------

    def _token_range(self, start_char: int, end_char: int) -> range:
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        return range(span.start, span.end) if span is not None else range(0)

    def _token_flags(self, spans: Iterable[QuotedSpan]) -> list[bool]:
        flags = [False] * len(self.doc)
        for span in spans:
            for i in self._token_range(span.start, span.end):
                flags[i] = True
        return flags

    def _user_name(self, token: Token) -> str | None:
        if token.i in self.user_name_at:
            return self.user_name_at[token.i]
        for child in token.children:
            if child.dep_ in ("appos", "compound", "nmod") and child.i in self.user_name_at:
                return self.user_name_at[child.i]
        following = token.i + 1
        if token.lower_ in USER_NOUNS and following < len(self.doc):
            return self.user_name_at.get(following) or self.user_name_at.get(following + 1)
        return None

    def _institution(self, token: Token) -> Speaker:
        phrase = institution_phrase(token)
        if phrase is not None:
            return Speaker(phrase.text, "organisation")
        word = token.text.lower()
        earlier = [
            m
            for m in self.mentions
            if m.type == "organisation"
            and m.start < token.i
            and word in m.name.lower().split()
            and not self.quoted[m.start]
        ]
        if earlier:
            return Speaker(earlier[-1].name, "organisation")
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        if definite and token.tag_ == "NN":  # "the company wrote": the one in focus, as "it"
            return self._nearby_focus(token, "organisation") or UNNAMED
        return UNNAMED

    def _nearby_focus(self, token: Token, kind: SpeakerType) -> Speaker | None:
        """The one in focus before `token` in its paragraph or the one before, else None."""
        speaker = self.in_focus(token, (kind,))
        if speaker is None:
            return None
        sentence = self.sentence_of.get(token.i, 0)
        source = next(
            f.token
            for found in reversed(self.focus[: sentence + 1])
            for f in reversed(found)
            if f.speaker == speaker
        )
        here = self.parsed.paragraph_index_at(token.idx)
        near = self.parsed.paragraph_index_at(self.doc[source].idx) >= here - 1
        return speaker if near else None

    def _office_holder(self, token: Token) -> Speaker:
        """ "The Chinese president": the person the article gave that role, most recently named;
        "a spokesperson for Acme": the organisation spoken for."""
        for child in token.children:
            represented = None
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
                objects = [g for g in child.children if g.dep_ == "pobj"]
                represented = objects[0] if objects else None
            elif child.dep_ in ("compound", "poss", "nmod") and child.i < token.i:
                represented = child  # "a Kremlin spokesman", "the council's spokesman"
            if represented is not None and (
                represented.i in self.mention_of or represented.lower_ in INSTITUTION_NOUNS
            ):
                speaker = self.name(represented)
                if speaker.type == "organisation":
                    return speaker
        phrase = self.doc[token.left_edge.i : token.i + 1]
        words = {t.lower_ for t in phrase if t.dep_ not in ("det", "case")}
        roles = {e.name: e.role.lower() for e in self.entities if e.type == "person" and e.role}
        holders = [
            m
            for m in self.mentions
            if m.type == "person"
            and m.start < token.i
            and m.name in roles
            and words <= set(roles[m.name].split())
            # "the president" is not the "former US president" named beside the one in office
            and (words & _PAST_OFFICE or not set(roles[m.name].split()) & _PAST_OFFICE)
        ]
        return Speaker(holders[-1].name, "person") if holders else UNNAMED

    def _sentence_focus(self, sentence: Span, mentions: list[Mention]) -> list[Focus]:
        """People and organisations a later "he"/"it" can point back to, from one sentence."""
        paragraph = self.parsed.paragraph_of(sentence)
        if not is_prose(paragraph) or in_other_language(paragraph.text):
            return []  # nor does a block in another language: its names are the speaker's
        found: list[Focus] = []
        seen: set[int] = set()
        for mention in mentions:
            if mention.type == "place" or self.quoted[mention.start] or mention.start in seen:
                continue
            head = mention.span(self.doc).root
            rank = _focus_rank(head)
            if rank is None:
                continue
            seen.add(mention.start)
            found.append(Focus(head.i, rank, Speaker(mention.name, _speaker_type(mention))))
        if any(f.rank == REPORTED for f in found):
            found = [_as_relay(f, self.doc, found) for f in found]
        return found


# Entity labels of capitalised words that name no one: "a joint report from March".
NUMERIC_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
_PAST_OFFICE = frozenset({"former", "ex", "late", "then"})
_DESCRIBED_NAME_WITHIN = 6  # tokens
_INVERTED_WITHIN = 8  # tokens from a verb of saying to the speaker named after it
_KIN_GROUPS = frozenset({"family", "relatives"})


PRONOUN_GENDERS: dict[str, Gender] = {
    **dict.fromkeys(("he", "him", "his", "himself"), "male"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "female"),
}
_TITLE_GENDERS: dict[str, Gender] = {
    **dict.fromkeys(("mr", "sir", "lord", "king", "prince"), "male"),
    **dict.fromkeys(("mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess"), "female"),
}


def person_genders(doc: Doc, mentions: Sequence[Mention]) -> dict[str, Gender]:
    """A person's gender where the article shows it: a title before a mention ("Ms Okafor"),
    else the given name their full name opens on ("Divya Srinivasan")."""
    genders: dict[str, Gender] = {}
    for mention in mentions:
        if mention.type != "person" or mention.start == 0:
            continue
        title = _TITLE_GENDERS.get(doc[mention.start - 1].lower_.rstrip("."))
        if title:
            genders.setdefault(mention.name, title)
    for mention in mentions:
        words = mention.name.split()
        if mention.type == "person" and len(words) > 1 and mention.name not in genders:
            gender = given_name_gender(words[0])
            if gender:
                genders[mention.name] = gender
    return genders


_NEAR_NAME_WORDS = 6  # an office's description before its holder's name
_OFFICE_NAME_WORDS = 10  # an office's proper name before it: "Secretary of the Army for …"


def is_prose(paragraph: Paragraph) -> bool:
    """A body paragraph of sentences: not a heading, nor a headline-like line left in the body."""
    return paragraph.kind == "body" and paragraph.text.rstrip().endswith(PROSE_ENDINGS)


def speaker_resolver(parsed: ParsedArticle, entities: tuple[Entity, ...]) -> SpeakerResolver:
    """The article's resolver, built once and kept with the parse."""
    cached = parsed.doc.user_data.get(RESOLVER_KEY)
    if cached is None or cached.entities != entities:
        cached = SpeakerResolver(parsed, entities)
        parsed.doc.user_data[RESOLVER_KEY] = cached
    return cached


def _speaker_type(mention: Mention) -> SpeakerType:
    """A place that speaks is its government ("Moscow said"); a speaking "place" of several
    words is as likely a person NER mislabelled, so its type is left open."""
    if mention.type == "place":
        return "organisation" if " " not in mention.name else "unknown"
    return mention.type


def _speech_depth(token: Token) -> int:
    """How many verbs of saying `token` is reported under."""
    return sum(1 for a in token.ancestors if is_speech_verb(a))


def _focus_rank(head: Token) -> int | None:
    """How a mention brings its person into focus, or None if it does not."""
    noun = named_noun(head)
    if noun is not None:  # "a woman named Yelena Sier": as the woman does
        head = noun
    dep = head.dep_
    if dep in SUBJECT_DEPS:
        verb = head.head
        if is_speech_verb(verb):
            if dep == "nsubjpass" and verb.lemma_ != "quote":
                return None
            return REPORTED if _speech_depth(verb) else MAIN
        return None if _speech_depth(verb) else MAIN
    if dep == "compound" and head.head.lemma_.lower() in SPEAKING_FOR | OFFICE_NOUNS:
        return _focus_rank(head.head)  # "State Farm executives said": as the executives
    if dep == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according":
        return MAIN
    if dep == "pobj" and head.head.dep_ == "agent" and is_speech_verb(head.head.head):
        return MAIN
    if dep == "appos" or any(c.dep_ == "appos" for c in head.children):
        return None if _speech_depth(head) else DESCRIBED
    for clause in head.children:
        # "X, who said …" as a speaker; "General Robert W. Cone, who highlighted the value of …"
        # as the one doing what the clause says
        if clause.dep_ == "relcl" and (is_speech_verb(clause) or _who_does(clause)):
            return MAIN
    return None


def _who_does(clause: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children)


def _as_relay(focus: Focus, doc, found: list[Focus]) -> Focus:
    """A main-clause speaker after a reported one ("X said …, Reuters reported") relays."""
    relays = (
        focus.rank == MAIN
        and is_speech_verb(doc[focus.token].head)
        and any(f.rank == REPORTED and f.token < focus.token for f in found)
    )
    return Focus(focus.token, RELAY, focus.speaker) if relays else focus
