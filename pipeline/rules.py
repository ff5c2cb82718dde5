"""Every threshold, weight and word list of attribution that is still typed in, in one place.

None of these was fitted on data: each is a person's choice, kept here with a line on
why, so that the next step (fitting them, or dropping the rule) can see them all. The
combiner's own weights are not here: they are fitted (``models/combiner/``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from tenths.records import SpanKind


def _frozen(mapping: dict[str, float]) -> Mapping[str, float]:
    return MappingProxyType(mapping)


# The hand-made rules, grouped into families that an ablation (``tenths eval --ablate``)
# switches off one at a time: ``RULES.without("thread_memory")``. A family switched off
# behaves as if its rule were not written: its terms count for nothing, its feature is
# zero, its text is read as it stands.
FAMILIES: Mapping[str, str] = MappingProxyType({
    # What a span's own words say (pipeline/signals.py), by the kind of term matched.
    "identifiers": "docket, claim and receipt numbers, emails and phones of MyCase's records",
    "captions_names": "captions, parties' and clients' full names, short names, surnames",
    "description_details": "phrases and words of a matter's description no other matter has",
    "narrative_parties": "people named in the narratives of a matter's past entries",
    "company_domains": "a company contact's own mail domain and main line",
    "learned_aliases": "names, addresses and phones learned from corrections and decisions",
    "misleading_terms": "a weak term on every screen, or any term found "
                        "on other matters' work (on a list, or on a screen of its own), "
                        "does not count",
    "other_names": "a single word of a name counts not when it is only inside other names "
                   "(any single word, when only inside a colleague's)",
    "research_details": "a bare number of a description does not count on a research page",
    "research_results": "on a research page only the names searched for count, not those "
                        "of the cases it lists",
    "window_titles": "an email's or document's name is read without the app's title suffix; "
                     "an inbox window names no thread",
    # What corrections and sure decisions teach (pipeline/learning.py, pipeline/parties.py).
    "thread_memory": "a thread or document recalls the matter its spans were decided for",
    "nonmatter_places": "places (threads, sites, meeting titles) corrected to no matter",
    "furniture": "names, addresses and words on many of the spans are never learned",
    "window_chrome": "the app's own name and a page's site are never learned as a party",
    "toolbar_stripping": "lines of three fields a wide gap apart are dropped before "
                         "names are read",
    "call_screen_name": "the line above a line holding a phone number alone names its "
                        "owner",
    "long_runs": "a capitalised run longer than any client's or company's name (a toolbar) "
                 "is not learned pair by pair",
    # Reading the screen (pipeline/identifiers.py, pipeline/attribute.py).
    "ocr_email_rn": "an address's \"rn\" is read as \"m\"",
    "ocr_lookalikes": "an address's 1 and 0 are read as l and o; a phone's O, l, I as digits",
    "research_query": "on a research page only the line under the masthead says the work",
    "open_message": "a list of time-stamped rows above an open message's sender is dropped",
    "firm_announcement": "an email to the whole firm (\"To: All ...\") is no matter",
    # Context (pipeline/attribute.py, pipeline/areas.py).
    "neighbours": "spans with little of their own are carried by their neighbours",
    "same_stranger": "spans to or from one stranger met today share a matter",
    "recent_work": "each matter's share of recent days' and today's work",
    "practice_areas": "which practice area the span's words sound like",
    # The reviewed spans' words (pipeline/content.py, pipeline/blend.py).
    "content_learner": "the content learner's likeliest matters are candidates and share "
                       "the decision as far as the laptop's reviews trust them",
})


@dataclass(frozen=True)
class Rules:
    # -- deciding (pipeline/attribute.py) -------------------------------------------------
    max_candidates: int = 6  # matters scored per span from its own words: more add only noise
    doubt: float = 0.6  # below this first-pass confidence the embedding model is asked
    neighbour_gap_s: float = 45 * 60  # spans further apart are not one piece of work
    neighbour_cap: float = 2.0  # neighbours' summed belief saturates here (then scaled to 1)
    nearby_candidates: int = 2  # neighbours' favourite matters added as candidates
    content_candidates: int = 3  # the content learner's likeliest matters added as candidates
    embed_offset: float = 0.35  # MiniLM's cosine between unrelated legal texts, about
    embed_top: int = 3  # matters whose profiles are nearest in embedding added as candidates
    embed_chars: int = 1200  # a span's text is cut here for MiniLM (its 256-token window)
    id_hits_cap: float = 6.0  # two identifiers of a matter say all identifiers can say
    recent_decay: float = 0.6  # each day, earlier work counts this much less
    recent_floor: float = 0.01  # decayed work below this is forgotten
    confident: float = 0.5  # a first-pass decision this sure counts towards "today"
    support_rounds: int = 2  # belief spreads one neighbourhood a round
    confirm: float = 0.9  # a decision this sure teaches its thread and new parties
    # Once the laptop's reviews say what a confidence earns (``pipeline.blend``), an
    # answer more likely wrong than right is asked instead.
    ask_below: float = 0.5
    firm_people_cap: int = 4  # a staff meeting's attendees: more than this says nothing more
    list_rows: int = 3  # time-stamped rows above an open message that make a list of them
    max_strangers: int = 2  # a span showing more strangers than this (an inbox) links by none
    work_kinds: frozenset[SpanKind] = frozenset(
        {SpanKind.EMAIL, SpanKind.DOCUMENT, SpanKind.CALL, SpanKind.MEETING})

    # -- learning (pipeline/learning.py) --------------------------------------------------
    knn_min_cosine: float = 0.82  # a corrected span closer than this is the same work
    knn_scale: float = 5.0  # the knn feature's range, to sit beside the embedding's
    common_spans: int = 4  # a key on more of a timekeeper's spans is furniture...
    common_fraction: float = 0.04  # ... or on more than this share of them
    app_chrome_share: float = 0.5  # a word on more of one app's windows of a kind: chrome
    nonmatter_boost: float = 8.0  # what "no matter" gains from a place corrected to none
    nonmatter_share: float = 0.5  # the share of corrections to none that makes a place idle
    thread_share: float = 2 / 3  # a thread recalls the matter holding this share of it
    everywhere_fraction: float = 0.15  # a weak term on more spans than this is everywhere...
    everywhere_spans: int = 10  # ... and on at least this many
    # A term found this often on other matters' work misleads (a client's number that a
    # partner's signature also shows). Each laptop counts its own reviews, so it is a
    # timekeeper's few days: 3 against 4, ashford +0.34, mesquite +0.37, mail-s1 -0.07,
    # mail-s2 +0.04, docket +0.10, the first generator's firms unchanged; 2 cost harbor,
    # mesquite and mail-s1 0.07-0.21.
    misleading_spans: int = 3
    # A screen naming this many matters in their own records' words is crowded (a list):
    # the review votes on a term found there apart from the same term on a screen of one.
    crowded_matters: int = 3
    settled_refs: int = 3  # an alias this many decisions taught weighs a docket number's

    # -- the cheap signals (pipeline/signals.py, pipeline/profiles.py) ---------------------
    alias_cap: float = 3.0  # learned aliases add up to at most a docket number's worth
    # How much one occurrence of a term says, before it is shared among matters.
    weights: Mapping[str, float] = field(default_factory=lambda: _frozen({
        "id": 3.0,  # docket/claim/receipt numbers, emails, phones
        "caption": 2.0,  # the whole caption
        "full_name": 1.5,  # a client's or company's full name
        "alias": 1.5,  # learned on this laptop, from a correction or a confident decision
        "settled": 3.0,  # an alias that several corrections or confident decisions taught
        "domain": 1.0,  # a company's own email domain or main line
        "party": 1.0,  # a person named in past narratives (judge, counsel, adjuster)
        "surname": 0.6,  # a client's last name alone
        "short": 0.8,  # a caption's short form: a party's last name or a company's first word
        "detail": 0.8,  # a phrase of the caption or description no other matter has
        "detail1": 0.4,  # a single such word
    }))
    everyday_matters: int = 3  # a word in the records of this many matters is everyday
    min_thread_chars: int = 8  # a shorter subject ("Re: Hi") names no thread
    min_doc_chars: int = 6  # a shorter document name ("Doc1") names no document

    detail1_min_chars: int = 5  # a shorter single description word is too common to tell
    name_min_chars: int = 4  # a one-word name shorter than this ("co", "ltd") names nobody
    code_min_digits: int = 4  # a code with fewer digits ("L-12") is no docket or claim number
    phone_min_digits: int = 7  # fewer digits (OCR's letters for the rest) are not a phone
    toolbar_fields: int = 3  # a line of this many fields a wide gap apart is a toolbar
    misleading_ratio: int = 2  # ... and on this many times as many as of its own matters
    id_min_digits: int = 6  # a bare number of the description with fewer digits is a detail
    profile_names_shown: int = 12  # narrative names in a profile's text for the embedding

    # -- word lists --------------------------------------------------------------------------
    # Everyday words that never tell matters apart (and the app chrome every screen shows).
    stopwords: frozenset[str] = frozenset(
        """a an and are as at be by for from has have in is it of on or re fw fwd that the this
        to was were will with your you we our us i me my v vs in re matter estate case message
        html page draft final docx pdf word outlook search results""".split())
    # A firm's legal form: dropped from name keys ("Brightline Logistics, Inc."), and the mark
    # of a company name (whose short form is its first word, not its last).
    legal_suffixes: frozenset[str] = frozenset(
        "inc llc llp lp ltd co corp corporation company pc pllc plc na".split())
    # Words that end a company's name as a legal form does ("Pinecrest Dental Group").
    company_words: frozenset[str] = frozenset({"group", "partners"})
    # Words that make an unlabelled party an organisation (with the two lists above).
    org_words: frozenset[str] = frozenset(
        """partnership associates holdings bank insurance assurance mutual trust foundation
        university college school hospital clinic medical dental health logistics services
        systems solutions technologies enterprises industries properties realty management
        capital ventures agency department city county state district authority association
        church""".split())
    # Mail domains anyone may use: a company contact's address there is no company domain.
    generic_domains: frozenset[str] = frozenset(
        """gmail.com yahoo.com outlook.com hotmail.com icloud.com aol.com protonmail.com
        proton.me live.com msn.com comcast.net""".split())
    # Titles written before a person's name ("Hon. Maria Alvarez", "Adjuster Priya
    # Venkataraman"): not part of the name.
    honorifics: frozenset[str] = frozenset(
        """hon honorable judge justice chief commissioner magistrate referee dr mr mrs ms miss
        mx prof professor atty attorney adjuster officer sgt det detective agent""".split())
    # Letters written after a person's name ("Maria Alvarez, Esq."): not part of the name.
    post_nominals: frozenset[str] = frozenset("esq esquire phd md jd".split())

    # -- practice areas (pipeline/areas.py) -----------------------------------------------
    area_smoothing: float = 0.5  # naive Bayes' additive smoothing
    area_min_length: int = 3  # shorter words ("re", "am", "ct") say nothing about the work

    # -- ablation ----------------------------------------------------------------------------
    off: frozenset[str] = frozenset()  # the families (``FAMILIES``) switched off

    def without(self, *families: str) -> Rules:
        """These rules with ``families`` switched off (a name not in ``FAMILIES`` is an
        error: a typo would measure nothing)."""
        unknown = sorted(set(families) - FAMILIES.keys())
        if unknown:
            raise ValueError(f"unknown rule families: {', '.join(unknown)}")
        return replace(self, off=self.off | frozenset(families))

    def uses(self, family: str) -> bool:
        """Whether the family's rule is in force."""
        if family not in FAMILIES:
            raise KeyError(family)
        return family not in self.off


RULES = Rules()

# The rules in force where no engine is at hand. Attribution reads ``Engine.rules``; the
# stages below it (signals, learning, parties, identifiers, areas) are called from many
# places without one, and read ``in_force()``. A caller that switches families off (the
# ablation) makes its engine and runs inside ``rules_in_force(rules)`` with the same rules.
_IN_FORCE: ContextVar[Rules] = ContextVar("rules_in_force", default=RULES)


def in_force() -> Rules:
    return _IN_FORCE.get()


@contextmanager
def rules_in_force(rules: Rules) -> Iterator[Rules]:
    """Run the block with ``rules`` in force (``in_force()``), then restore the last ones."""
    token = _IN_FORCE.set(rules)
    try:
        yield rules
    finally:
        _IN_FORCE.reset(token)
