"""The practice-area model: which kind of work a span's words are."""

from pipeline.areas import AreaModel

AREAS = {1: "Bankruptcy", 2: "Immigration", 3: "Family Law"}


def model() -> AreaModel:
    areas = AreaModel(AREAS, names={"adeyemi"})
    areas.add("d1", 1, "Chapter 7 petition; meeting of creditors; trustee; plan payments")
    areas.add("d2", 2, "Removal of conditions; receipt notice; biometrics; interview")
    areas.add("d3", 3, "Custody schedule; parenting plan; child support calculation")
    return areas


def test_the_words_of_a_kind_of_work_point_at_its_area():
    post = model().posterior("Adeyemi: the trustee wants the plan payments before the meeting")
    assert max(post, key=post.get) == "Bankruptcy"
    assert abs(sum(post.values()) - 1.0) < 1e-9


def test_names_and_unknown_words_say_nothing():
    assert model().posterior("Adeyemi Zanzibar") == {}


def test_what_a_source_taught_is_taken_back_with_it():
    areas = model()
    before = areas.posterior("asylum officer")
    areas.add("own:s1", 2, "asylum officer interview")
    taught = areas.posterior("asylum officer")
    assert max(taught, key=taught.get) == "Immigration" and taught["Immigration"] > 0.5
    areas.add("own:s1", 3, "asylum officer")  # a source counts once
    areas.remove("own:s1")
    assert areas.posterior("asylum officer") == before


def test_a_matter_of_an_area_fits_as_its_area_does():
    areas = model()
    post = areas.posterior("custody schedule")
    assert areas.fit_of(post, 3) == post["Family Law"]
    assert areas.fit_of(post, 99) == 0.0


def test_an_apps_chrome_words_say_nothing_of_the_kind_of_work():
    areas = model()
    # The word processor's ribbon was on every custody draft the laptop saw.
    for i in range(5):
        areas.add(f"own:s{i}", 3, "Insert Layout Mailings References Review parenting plan")
    text = "Insert Layout Mailings References Review - a letter to the trustee"
    assert max(areas.posterior(text), key=areas.posterior(text).get) == "Family Law"
    clean = areas.posterior(text, chrome=frozenset(
        {"insert", "layout", "mailings", "references", "review"}))
    assert max(clean, key=clean.get) == "Bankruptcy"


def test_the_posterior_is_the_same_in_whatever_order_the_words_come(monkeypatch):
    areas = model()
    text = "the trustee wants plan payments before the meeting of creditors and custody"
    words = sorted(areas.topical(text))
    seen = []
    for i in range(len(words)):  # every rotation of the words
        monkeypatch.setattr(areas, "topical", lambda _, i=i: words[i:] + words[:i])
        seen.append(areas.posterior(text))
    assert all(post == seen[0] for post in seen)
