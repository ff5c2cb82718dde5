from concurrent.futures import Executor, Future

import numpy as np
import pytest
from capture_pictures import FONT as FONT_FILE
from capture_pictures import page
from PIL import ImageFont

from capture.errors import CaptureError
from capture.screen.change import changed_regions, signature, to_gray
from capture.screen.ocr import TesseractEngine, find_tessdata
from capture.screen.reader import ScreenReader
from capture.screen.words import Word, splice, words_to_text

LINES = ["Settlement agreement draft", "Okonkwo versus Pinecrest Dental",
         "Invoice 4471 overdue", "Deposition of Selin Zaman"]


class Inline(Executor):
    """Runs each job at once: the reader's logic without a thread."""

    def submit(self, fn, /, *args, **kwargs):
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


FONT = ImageFont.truetype(FONT_FILE, 28)  # page()'s font: where its words are drawn


class FakeEngine:
    """Reads the invented page back: the words whose box centre is in the region."""

    def __init__(self, lines):
        self.lines = lines
        self.calls = []

    def read(self, gray, region=None):
        self.calls.append(region)
        left, top, right, bottom = region or (0, 0, gray.shape[1], gray.shape[0])
        words = []
        for i, line in enumerate(self.lines):
            y, x = 20 + i * 70, 20
            for w in line.split():
                width = round(FONT.getlength(w))
                word = Word(w, x, y, x + width, y + 30)
                if left <= word.centre < right and top <= word.middle < bottom:
                    words.append(word)
                x += round(FONT.getlength(w + " "))
        return words


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_same_picture_has_the_same_digest_and_a_changed_word_another():
    a, b = page(LINES), page(LINES)
    c = page(LINES[:2] + ["Invoice 4477 overdue", LINES[3]])
    assert signature(a).digest == signature(b).digest
    assert signature(a).digest != signature(c).digest


def test_a_changed_word_is_one_region_on_blank_rows_and_word_gaps():
    changed = LINES[:2] + ["Invoice 4477 overdue", LINES[3]]
    before, after = page(LINES, frame=True), page(changed, frame=True)
    [(left, top, right, bottom)] = changed_regions(signature(before), signature(after), after)
    assert top <= 160 and bottom >= 190  # line 3 sits at y 160..190 ...
    assert bottom - top < 140  # ... and no other line is read again,
    assert left >= 100 and right <= 260  # nor its other words: "4477" is at x 130..200
    assert 100 <= left <= 130 and 200 <= right <= 260
    assert changed_regions(signature(before), signature(before), before) == []


def test_a_region_stops_at_the_gap_between_two_columns():
    notes = ["Hearing moved", "Exhibit list", "Witness order"]
    before = page(LINES[:3], right_column=notes, size=(1100, 420), frame=True)
    after = page(LINES[:3], right_column=["Hearing vacated", *notes[1:]], size=(1100, 420),
                 frame=True)
    [(left, _, right, _)] = changed_regions(signature(before), signature(after), after)
    assert left >= 500  # the left column's "Settlement agreement draft" is not read again


def test_a_resized_window_is_read_whole():
    assert changed_regions(signature(page(LINES)), signature(page(LINES, size=(800, 420))),
                           page(LINES, size=(800, 420))) is None


def test_gray_from_bgrx_pixels():
    bgrx = np.zeros((2, 2, 4), dtype=np.uint8)
    bgrx[..., 2] = 255  # pure red
    assert to_gray(bgrx)[0, 0] == 76


def test_words_make_lines_top_to_bottom_left_to_right():
    words = [Word("b", 50, 0, 60, 10), Word("a", 0, 2, 10, 12), Word("c", 0, 30, 10, 40)]
    assert words_to_text(words) == "a b\nc"
    assert splice(words, [(0, 25, 100, 45)], [Word("d", 0, 31, 10, 41)]) == (
        words[0], words[1], Word("d", 0, 31, 10, 41))
    assert splice(words, [(40, 0, 100, 20)], [Word("e", 50, 0, 60, 10)]) == (
        words[1], words[2], Word("e", 50, 0, 60, 10))


def test_a_screen_already_read_keeps_its_text_without_reading_again():
    engine = FakeEngine(LINES)
    reader = ScreenReader(engine, 0.0, executor=Inline(), clock=Clock())
    first = reader.read("w1", page(LINES))
    assert first.splitlines() == LINES
    assert reader.read("w1", page(LINES)) == first
    assert engine.calls == [None]


def test_only_the_changed_region_is_read_again():
    changed = LINES[:2] + ["Invoice 4477 overdue", LINES[3]]
    engine = FakeEngine(LINES)
    reader = ScreenReader(engine, 0.0, executor=Inline(), clock=Clock())
    reader.read("w1", page(LINES))
    engine.lines = changed
    assert reader.read("w1", page(changed)).splitlines() == changed
    assert len(engine.calls) == 2 and engine.calls[1] is not None
    assert reader.region_reads == 1


def test_nothing_is_read_while_idle_or_within_the_minimum_interval():
    clock = Clock()
    engine = FakeEngine(LINES)
    reader = ScreenReader(engine, 10.0, executor=Inline(), clock=clock)
    assert reader.read("w1", page(LINES), idle=True) == ""
    assert reader.read("w1", page(LINES)) != ""
    clock.now = 5.0
    engine.lines = LINES[:1]
    assert reader.read("w2", page(LINES[:1])) == ""
    clock.now = 10.0
    assert reader.read("w2", page(LINES[:1])) == LINES[0]
    assert reader.read("w1", page(LINES), idle=True) != ""  # read before: kept
    assert len(engine.calls) == 2


def test_tessdata_is_found_in_the_overriding_folder_or_an_error_lists_where(tmp_path):
    (tmp_path / "xyz.traineddata").write_bytes(b"")
    assert find_tessdata("xyz", str(tmp_path), env={}) == tmp_path
    with pytest.raises(CaptureError, match="no qqq.traineddata"):
        find_tessdata("qqq", "", env={})


def test_tesseract_reads_a_changed_region_of_a_real_picture():
    engine = TesseractEngine(find_tessdata("eng"))
    reader = ScreenReader(engine, 0.0, executor=Inline(), clock=Clock())
    try:
        assert reader.read("w", page(LINES, frame=True)).splitlines() == LINES
        changed = LINES[:2] + ["Invoice 9952 settled", LINES[3]]
        assert reader.read("w", page(changed, frame=True)).splitlines() == changed
        assert reader.region_reads == 1
    finally:
        reader.close()


def test_the_accessibility_walk_reads_visible_text_once_in_order():
    from capture.screen.accessible import collect_text

    tree = {
        "frame": ("Lease - Writer", True, ["toolbar", "body", "hidden"]),
        "toolbar": ("Save", True, []),
        "body": ("", True, ["p1", "p2", "p3"]),
        "p1": ("Pinecrest  Dental\nlease", True, []),
        "p2": ("Save", True, []),
        "p3": ("Second renewal term", True, []),
        "hidden": ("Secret draft", False, ["p4"]),
        "p4": ("Also hidden", True, []),
    }
    text = collect_text("frame", lambda n: tree[n][2], lambda n: tree[n][0],
                        lambda n: tree[n][1])
    assert text.splitlines() == ["Lease - Writer", "Save", "Pinecrest Dental lease",
                                 "Second renewal term"]
