"""pipeline.entities: the party ruler in front of spaCy's NER, and courts (never parties).

All names and numbers here are invented.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from factories import make_contact, make_matter

from pipeline.entities import (
    COURT,
    EXCLUDE,
    MODEL,
    Entity,
    EntityExtractor,
    load_model,
    party_label,
    person_key,
    readable,
)
from pipeline.identifiers import find_identifiers, keys_for_case_number
from pipeline.terms import Term, TermKind, name

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def base():  # noqa: ANN201 - spacy.language.Language
    """The spaCy model, loaded once for the module as the service loads it once."""
    return load_model()


@pytest.fixture(scope="module")
def extractor(base) -> EntityExtractor:  # noqa: ANN001
    ex = EntityExtractor(
        base,
        [("Dana Okafor", "PERSON"), "Brightline Logistics, Inc.", ("Nikolai A. Boateng", "PERSON")],
        learned=[name("priya venkataraman"), Term(TermKind.EMAIL, "claims@summitmutual.example")],
    )
    ex.nlp  # noqa: B018 (loads the model once for the module)
    return ex


def by_label(entities: list[Entity], label: str) -> dict[str, Entity]:
    return {e.key: e for e in entities if e.label == label}


# -- parties: the ruler ----------------------------------------------------------


def test_known_parties_are_ruler_matches_even_in_lower_case(extractor: EntityExtractor) -> None:
    found = extractor.extract("call with dana okafor re brightline logistics settlement")
    assert by_label(found, "PERSON")["dana okafor"].source == "party"
    org = by_label(found, "ORG")["brightline logistics"]
    assert (org.source, org.text) == ("party", "brightline logistics")
    assert org.term == name("brightline logistics")


def test_known_parties_in_capitals_and_with_ocr_digits(extractor: EntityExtractor) -> None:
    found = extractor.extract("DECLARATION OF DANA 0KAFOR; Bright1ine Logistics , Inc.")
    person = by_label(found, "PERSON")["dana okafor"]
    assert (person.text, person.source) == ("DANA 0KAFOR", "party")  # the text as captured
    assert by_label(found, "ORG")["brightline logistics"].source == "party"


def test_party_without_middle_name_and_learned_key_match(extractor: EntityExtractor) -> None:
    found = extractor.extract("Nikolai Boateng forwarded the letter from Priya Venkataraman.")
    people = by_label(found, "PERSON")
    assert people["nikolai a boateng"].text == "Nikolai Boateng"  # keyed as the client
    assert people["priya venkataraman"].source == "party"


def test_unknown_person_is_found_by_the_statistical_ner(extractor: EntityExtractor) -> None:
    found = extractor.extract("Please call Dr. Reuben Harcourt about the bills")
    person = by_label(found, "PERSON")["reuben harcourt"]
    assert person.source == "ner"
    assert person.term == name("reuben harcourt")


def test_add_parties_makes_an_unknown_name_a_ruler_match(base) -> None:  # noqa: ANN001
    ex = EntityExtractor(base, [("Dana Okafor", "PERSON")])
    text = "spoke with marguerite vandersloot about the lien"
    before = by_label(ex.extract(text), "PERSON").get("marguerite vandersloot")
    assert before is None or before.source == "ner"
    ner = ex.nlp.get_pipe("ner")
    assert ex.add_parties([("Marguerite Vandersloot", "PERSON"), ("Corvantis", "ORG")]) > 0
    assert ex.add_parties([("marguerite vandersloot", "PERSON")]) == 0  # already known
    found = ex.extract(text + " owed to corvantis")
    assert by_label(found, "PERSON")["marguerite vandersloot"].source == "party"
    assert by_label(found, "ORG")["corvantis"].source == "party"
    assert ex.nlp.get_pipe("ner") is ner is base.get_pipe("ner")  # nothing reloaded
    assert ex.party_count == 3


def test_from_matters_takes_clients_companies_and_caption_parties(base) -> None:  # noqa: ANN001
    matter = make_matter(
        1,
        "Whitcombe v. Harrowgate Freight, LLC",
        contacts=(make_contact(1, "Ottoline Whitcombe"), make_contact(2, "Harrowgate Freight, LLC",
                                                                     kind="company")),
    )
    ex = EntityExtractor.from_matters([matter], base, learned=[name("ingrid solvang")])
    found = ex.extract("ottoline whitcombe and ingrid solvang re harrowgate freight")
    assert by_label(found, "PERSON")["ottoline whitcombe"].source == "party"
    assert by_label(found, "PERSON")["ingrid solvang"].source == "party"
    assert by_label(found, "ORG")["harrowgate freight"].source == "party"


def test_party_labels_are_guessed_from_company_words(base) -> None:  # noqa: ANN001
    assert party_label("Brightline Logistics, Inc.") == "ORG"
    assert party_label("Tillman & Reyes") == "ORG"
    assert party_label("Dana Okafor") == "PERSON"
    with pytest.raises(ValueError, match="PERSON or ORG"):
        EntityExtractor(base, [("Superior Court", "COURT")])


# -- names: keys -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Hon. Maria Alvarez", "Judge Maria Alvarez", "Dr. Maria Alvarez", "Maria Alvarez, Esq.",
     "The Honorable Maria Alvarez", "Commissioner Maria Alvarez"],
)
def test_honorifics_are_stripped_from_person_keys(name: str) -> None:
    assert person_key(name) == "maria alvarez"


def test_honorifics_are_stripped_from_found_people(extractor: EntityExtractor) -> None:
    found = extractor.extract("Hearing before the Hon. Maria Alvarez and Judge Tobias Renfrew.")
    people = by_label(found, "PERSON")
    assert {"maria alvarez", "tobias renfrew"} <= set(people)
    assert not any(k.split()[0] in {"hon", "judge"} for k in people)


def test_stopword_digit_and_debris_entities_are_dropped(extractor: EntityExtractor) -> None:
    assert extractor.extract("") == []
    assert extractor.extract("| | ||| ~~~ @@@ 12 34 //// ---- ....\x00\x0c") == []
    found = extractor.extract("The Hon. The. 2024 ca11 Page 3 of 12")
    assert not [e for e in found if e.label in ("PERSON", "ORG", "COURT")]


def test_readable_keeps_length_fixes_ocr_digits_and_capitals() -> None:
    text = "DECLARATION OF DANA 0KAFOR ON 3:24-CV-01234 HARC0URT"
    fixed = readable(text)
    assert len(fixed) == len(text)
    assert "Dana Okafor" in fixed and "Harcourt" in fixed and "3:24-Cv-01234" in fixed
    assert readable("call Harc0urt re Bright1ine, 24cv01234") == (
        "call Harcourt re Brightline, 24cv01234"
    )


# -- courts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Filed in San Diego Superior Court today.", "san diego superior court"),
        ("SUPERIOR COURT OF CALIFORNIA, COUNTY OF SAN DIEGO CASE NO. 37-2024-00012345",
         "superior court of california county of san diego"),
        ("United States District Court for the Southern District of California",
         "united states district court for southern district of california"),
        ("petition to the California Court of Appeal, Fourth Appellate District",
         "california court of appeal fourth appellate district"),
        ("appeal to the U.S. Court of Appeals for the Ninth Circuit",
         "u s court of appeals for ninth circuit"),
        ("motion heard in superior court yesterday", "superior court"),
        ("hearing in Department 12 at 8:30", "department 12"),
        ("Dept. C-72, Judge Alvarez", "dept c 72"),
        ("brief to the Board of Immigration Appeals", "board of immigration appeals"),
    ],
)
def test_courts_are_labelled_court(extractor: EntityExtractor, text: str, key: str) -> None:
    courts = by_label(extractor.extract(text), COURT)
    assert key in courts, sorted(courts)
    assert courts[key].term == name(key)


# -- identifiers: not entities, but what a screen's numbers are looked up by -------------


def _keys(text: str, kind: str) -> set[str]:
    return {i.key for i in find_identifiers(text) if i.kind == kind}


def test_federal_and_state_case_numbers_meet_the_case_lists_keys() -> None:
    dockets = _keys(
        "Okafor v. Brightline, No. 3:24-cv-01234-JD; related: Case No. 37-2024-00012345-CU-PA-CTL "
        "and LASC 24STCV01234", "docket")
    assert {"24CV1234", "37202412345CUPACTL", "24STCV1234"} <= dockets
    assert {Term(TermKind.DOCKET, k) for k in dockets} & keys_for_case_number("3:24-CV-1234")


@pytest.mark.parametrize(("case_number", "on_screen"), [
    ("20-12345", "Bankruptcy Case Number: 20-12345-abc"),  # judge's initials added
    ("20-12345-JKS", "Voluntary Petition #: 20-12345"),  # ... or left off
    ("20-3010", "Activity in Case 1:20-cv-03010-APM Doe v. Roe"),  # no type in the list
    ("1:20-cv-03010", "Civil Action No. 20-3010 (APM)"),  # no type on the screen
    ("2025-L-004512", "RE: 2025-04512 - Deposition Summary"),  # a state number's letters
])
def test_a_case_number_is_met_with_or_without_its_type_and_letter_suffix(
        case_number: str, on_screen: str) -> None:
    met = {Term(TermKind.DOCKET, k) for k in _keys(on_screen, "docket")}
    assert met & keys_for_case_number(case_number)


def test_a_number_of_other_digits_is_not_met() -> None:
    met = {Term(TermKind.DOCKET, k) for k in _keys("Case 1:20-cv-03011-APM", "docket")}
    assert not met & keys_for_case_number("1:20-cv-03010")
    met = {Term(TermKind.DOCKET, k) for k in _keys("RE: 2025-04513 - Summary", "docket")}
    assert not met & keys_for_case_number("2025-L-004512")


def test_a_numbers_receipts_emails_and_phones_have_canonical_keys() -> None:
    text = ("USCIS receipt IOE0912345678 for A212-345-678. Reach M.Tillman@TillmanLaw.example "
            "at (619) 555-0142 or +1 619.555.0142.")
    assert _keys(text, "a_number") == {"212345678"}
    assert _keys(text, "receipt") == {"IOE0912345678"}
    assert _keys(text, "email") == {"m.tillman@tillmanlaw.example"}
    assert "6195550142" in _keys(text, "phone")


def test_an_email_with_an_accent_misread_by_ocr_keeps_its_key() -> None:
    assert _keys("From: Elio <ehalvorsen@goldfarbthístlewoodlaw.com>", "email") == {
        "ehalvorsen@goldfarbthistlewoodlaw.com"}


def test_a_phone_misread_by_ocr_keeps_its_key() -> None:
    text = "Direct: (6l9) 555-O142\nCall me at 555-Ol42 or IOI-lOl-OOlO"
    assert _keys(text, "phone") == {"6195550142"}  # letters for a few digits only


# -- batching, input, process hygiene ----------------------------------------------------


def test_extract_many_matches_extract_and_keeps_order(extractor: EntityExtractor) -> None:
    texts = [
        "Please call Dr. Reuben Harcourt about the bills",
        "",
        "dana okafor, (619) 555-0142",
        "Filed in San Diego Superior Court on March 14, 2024.",
    ] * 3
    batched = extractor.extract_many(texts, batch_size=5)
    assert batched == [extractor.extract(t) for t in texts]
    assert extractor.extract_many([]) == []
    with pytest.raises(TypeError, match="single str"):
        extractor.extract_many("one text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"texts\[1\] is int"):
        extractor.extract_many(["ok", 3])  # type: ignore[list-item]


def test_long_text_is_cut_not_refused(base) -> None:  # noqa: ANN001
    ex = EntityExtractor(base, max_chars=2_000)
    found = ex.extract("Please call Dr. Reuben Harcourt. " + "filler words " * 200_000)
    assert "reuben harcourt" in by_label(found, "PERSON")


def test_import_is_lazy_offline_and_writes_nothing_to_home(tmp_path: Path) -> None:
    """Importing loads no spaCy; loading reads the installed package, with no
    network and nothing written under $HOME."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    code = textwrap.dedent(
        """
        import socket, sys

        def refuse(*args, **kwargs):
            raise OSError("network access attempted")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        import pipeline.entities as entities
        assert "spacy" not in sys.modules, "importing pipeline.entities imported spaCy"
        ex = entities.EntityExtractor(entities.load_model(), [("Dana Okafor", "PERSON")])
        found = ex.extract("Please call Dr. Reuben Harcourt about dana okafor")
        assert {e.key for e in found} == {"reuben harcourt", "dana okafor"}, found
        """
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, check=True, timeout=120)
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []


def test_manifest_describes_the_installed_package() -> None:
    """The pip-installed model sits under ``packages`` (the models/ loader reads only
    ``models``), matches the hash pinned in the lock and the files installed."""
    manifest = json.loads((REPO / "models" / "manifest.json").read_text(encoding="utf-8"))
    assert MODEL not in {m["name"] for m in manifest["models"]}
    entry = next(p for p in manifest["packages"] if p["name"] == MODEL)
    source = entry["source"]
    assert importlib.metadata.version(source["package"]) == source["version"] == "3.8.0"
    assert entry["licence"] == "MIT"
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    pinned = lock.split(f"{source['package']}=={source['version']}", 1)[1].split("# via", 1)[0]
    assert f"--hash=sha256:{source['wheel_sha256']}" in pinned
    assert all(f'"{name}"' in entry["load"] for name in EXCLUDE)
    spec = importlib.util.find_spec(MODEL)
    assert spec is not None and spec.submodule_search_locations
    root = Path(spec.submodule_search_locations[0]) / f"{MODEL}-{source['version']}"
    for item in entry["installed_files"]:
        data = (root / item["path"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (item["size"], item["sha256"]), item
