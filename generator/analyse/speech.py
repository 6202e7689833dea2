"""Words that signal speech and speakers, kept as data so a reader can see and extend them.

Quotation attribution, reported speech and entity roles all read these lists; none of them names
a particular article, person or publisher.
"""

from __future__ import annotations

from spacy.tokens import Token

# Lemmas of verbs that introduce speech or writing: the subject is the speaker
# ("X said", "said X", "X told Y", "X was quoted as saying"). Verbs that more often take someone
# else's words as their object ("condemned the “special operation”") are left out.
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "note",
        "state",
        "explain",
        "continue",
        "warn",
        "argue",
        "write",
        "claim",
        "insist",
        "stress",
        "emphasise",
        "emphasize",
        "suggest",
        "observe",
        "remark",
        "reply",
        "respond",
        "answer",
        "ask",
        "announce",
        "declare",
        "acknowledge",
        "admit",
        "assert",
        "comment",
        "conclude",
        "describe",
        "call",
        "quote",
        "report",
        "tweet",
        "post",
        "urge",
        "predict",
        "recall",
        "reiterate",
        "reaffirm",
        "affirm",
        "vow",
        "promise",
        "complain",
        "deny",
        "concede",
        "counter",
        "retort",
        "quip",
        "lament",
        "caution",
        "mention",
        "reveal",
        "disclose",
        "proclaim",
        "characterise",
        "characterize",
        "dub",
        "brand",
        "label",
        "accuse",
        "pledge",
        "point",  # "point out"
        "share",  # only "shared in a post": see is_speech_verb
        "told",  # the tagger sometimes leaves "told" unlemmatised
    }
)

# Verbs that introduce a quotation only where a colon follows: "She also reflects on the protest
# of May 30:", "He recounted his arrest:" (without the colon, "reflects" speaks of no words).
INTRODUCING_VERBS = frozenset(
    {"reflect", "recount", "remember", "reminisce", "speak", "talk", "testify", "express"}
    | {"summarise", "summarize", "analyse", "analyze", "criticise", "criticize", "defend"}
    | {"protest", "question", "joke", "sum"}
)

# Nouns for a piece of speech or writing; their owner is the speaker
# ("the ministry's statement that …", "the embassy statement", "Xi's remarks").
SPEECH_NOUNS = frozenset(
    {
        "statement",
        "remark",
        "comment",
        "word",
        "post",
        "readout",
        "report",
        "message",
        "letter",
        "tweet",
        "speech",
        "address",
        "announcement",
        "declaration",
        "communique",
        "communiqué",
        "editorial",
        "commentary",
        "testimony",
        "interview",
        "briefing",
        "note",
        "assurance",
        "pledge",
        "promise",
        "warning",
        "vow",
        "response",
        "reply",
        "email",
        "memo",
    }
)

# Head nouns of institutions that speak for themselves ("the defence ministry said").
INSTITUTION_NOUNS = frozenset(
    {
        "ministry",
        "embassy",
        "consulate",
        "mission",
        "government",
        "administration",
        "department",
        "office",
        "agency",
        "bureau",
        "council",
        "commission",
        "committee",
        "parliament",
        "assembly",
        "cabinet",
        "court",
        "police",
        "army",
        "military",
        "navy",
        "command",
        "secretariat",
        "authority",
        "authorities",
        "regulator",
        "board",
        "company",
        "firm",
        "bank",
        "university",
        "institute",
        "party",
        "union",
        "federation",
        "association",
        "organisation",
        "organization",
        "newspaper",
        "outlet",
        "wire",
        "broadcaster",
        "tabloid",
        "daily",
    }
)

# Institutions whose name may take the place they sit in: "the Chinese Embassy in Moscow".
SEATED_INSTITUTIONS = frozenset(
    {"embassy", "consulate", "mission", "office", "bureau", "ministry", "department"}
)

# Words naming a person's office; "the Chinese president" refers back to the person the
# article introduced with that role. Also stripped from the front of a person's name.
OFFICE_NOUNS = frozenset(
    {
        "president",
        "minister",
        "premier",
        "chancellor",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
        "chairman",
        "chairwoman",
        "chair",
        "ambassador",
        "envoy",
        "governor",
        "mayor",
        "senator",
        "general",
        "director",
        "co-director",
        "founder",
        "chief",
        "king",
        "queen",
        "prince",
        "pope",
        "legislator",
        "diplomat",
        "official",
        "analyst",
        "professor",
        "expert",
        "economist",
        "researcher",
        "fellow",
    }
)

# Nouns for what only a person can be: an entity introduced as one is a person ("X, the mayor").
PERSON_ROLES = OFFICE_NOUNS | {
    "adviser",
    "advisor",
    "activist",
    "author",
    "commander",
    "consultant",
    "correspondent",
    "doctor",
    "editor",
    "executive",
    "historian",
    "journalist",
    "lawyer",
    "lecturer",
    "officer",
    "resident",
    "scholar",
    "scientist",
    "strategist",
    "student",
    "teacher",
    "co-founder",
    "cofounder",
    "head",
    "associate",
    "member",
    "whistleblower",
    "blogger",
    "commissioner",
    "bishop",
    "archbishop",
    "imam",
    "rabbi",
    "pastor",
    "councillor",
    "councilor",
    "lawmaker",
    "administrator",
    "ceo",
    "sheriff",
    "whip",
    "counsel",
    "inspector",
    "prosecutor",
    # what a person does for a living, said before or beside their name
    "astronaut",
    "astronomer",
    "engineer",
    "physician",
    "nurse",
    "poet",
    "writer",
    "novelist",
    "artist",
    "singer",
    "musician",
    "violinist",
    "photographer",
    "filmmaker",
    "entrepreneur",
}

# What a definite description calls one person it does not name ("the Dane said", "the Alaska
# Republican warned", "the 37-year-old added", "the former Newcastle player explained"): a
# singular demonym or party member, or a noun for a person by trade or standing.
SINGULAR_DEMONYMS = frozenset(
    {"dane", "swede", "finn", "pole", "scot", "briton", "brit", "spaniard", "turk", "swiss"}
    | {"republican", "democrat", "tory", "conservative", "liberal", "socialist", "nationalist"}
)
DEMONYM_ENDINGS = ("ian", "ean", "can", "man", "woman")  # Russian, Chilean, American, Frenchman
PERSON_DESCRIPTIONS = PERSON_ROLES | {
    "player",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "forward",
    "winger",
    "manager",
    "coach",
    "boss",
    "captain",
    "skipper",
    "star",
    "veteran",
    "athlete",
    "champion",
    "driver",
    "rider",
    "actor",
    "actress",
    "singer",
    "musician",
    "artist",
    "writer",
    "novelist",
    "poet",
    "filmmaker",
    "businessman",
    "businesswoman",
    "entrepreneur",
    "politician",
    "lawmaker",
    "congressman",
    "congresswoman",
    "candidate",
    "nominee",
    "survivor",
    "victim",
    "witness",
    "mother",
    "father",
    "woman",
    "man",
}


# Words before a quoted handle that make it a user name, not a quotation ("Weibo user “Wall-E”").
USER_NOUNS = frozenset(
    {"user", "username", "handle", "account", "netizen", "blogger", "commenter", "poster"}
)

# Pronouns that can stand for a named speaker, by the kind of speaker they stand for.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# What one shares when one speaks: "shared her aspirations", "shared his thoughts".
SHARED_THOUGHTS = frozenset(
    {"thought", "view", "opinion", "story", "experience", "concern", "aspiration", "hope"}
    | {"feeling", "reflection", "memory", "fear", "wish", "message", "statement", "word"}
)
# What one writes, whose words a line like "From his autobiography:" introduces.
WRITINGS = frozenset(
    {"autobiography", "memoir", "book", "diary", "blog", "column", "letter", "essay", "speech"}
)
ORGANISATION_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def is_person_description(token: Token) -> bool:
    """A definite description of one person as its head: "the Dane", "the Alaska Republican",
    "the 37-year-old", "the former player" (not "the Taliban", "the Chinese", "the players")."""
    if token.tag_ in ("NNS", "NNPS") or not any(
        child.dep_ == "det" and child.lower_ in ("the", "this", "that") for child in token.children
    ):
        return False
    word = token.lower_
    if token.pos_ == "PROPN":
        return word in SINGULAR_DEMONYMS or word.endswith(DEMONYM_ENDINGS)
    # "the 24-year-old": the tokenizer splits the hyphens, leaving "old" over "year"
    aged = word == "old" and any(child.lower_ in ("year", "years") for child in token.children)
    return word in PERSON_DESCRIPTIONS or word.endswith("-old") or aged


def is_speech_verb(token: Token) -> bool:
    """A verb of saying; "point" only as "point out", "call" not as "call on/for", "continue"
    and "add" not with "to"."""
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_VERBS:
        return False
    lemma = token.lemma_.lower()
    particles = {child.text.lower() for child in token.children if child.dep_ in ("prt", "prep")}
    if lemma == "point":
        return "out" in particles
    if lemma == "share":  # "shared in a post on social media:", not "shared the prize"
        return any(
            child.dep_ == "prep"
            and child.lower_ in ("in", "on")
            and any(g.dep_ == "pobj" and g.lemma_.lower() in SPEECH_NOUNS for g in child.children)
            for child in token.children
        ) or any(shared.lemma_.lower() in SHARED_THOUGHTS for shared in _shared_objects(token))
    if lemma == "call":
        return not particles & {"on", "for", "off", "in", "up"}
    if lemma in ("continue", "add"):  # not "continued to buy", "added to the pressure"
        return not particles & {"to"} and not any(c.dep_ == "xcomp" for c in token.children)
    return True


def _shared_objects(verb: Token) -> list[Token]:
    """What "share" has as its object: "shared her aspirations with Niú", or "shared with Niú
    her aspirations" (which the parser takes for one phrase after "with")."""
    objects = [child for child in verb.children if child.dep_ == "dobj"]
    return objects + [g for c in verb.children if c.lower_ == "with" for g in c.children]


def is_speech_noun(token: Token) -> bool:
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.lemma_.lower() == "release":  # a press release, not a hostage's or a film's
        return any(c.dep_ == "compound" and c.lower_ in ("press", "news") for c in token.children)
    return token.lower_ in SPEECH_NOUNS or token.lemma_.lower() in SPEECH_NOUNS
