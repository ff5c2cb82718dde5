from concurrent.futures import Executor, Future

import numpy as np
import pytest
from capture_pictures import page

from capture.errors import CaptureError
from capture.screen.change import changed_bands, signature, to_gray
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


class FakeEngine:
    """Reads the invented page back from which lines' rows it is given."""

    def __init__(self, lines):
        self.lines = lines
        self.calls = []

    def read(self, gray, band=None):
        self.calls.append(band)
        top, bottom = band if band else (0, gray.shape[0])
        words = []
        for i, line in enumerate(self.lines):
            y = 20 + i * 70
            if top <= y + 15 < bottom:
                x = 20
                for w in line.split():
                    words.append(Word(w, x, y, x + 10 * len(w), y + 30))
                    x += 10 * len(w) + 8
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


def test_a_changed_line_is_one_band_widened_to_blank_rows():
    before, after = page(LINES), page(LINES[:2] + ["Invoice 4477 overdue", LINES[3]])
    [(top, bottom)] = changed_bands(signature(before), signature(after), after)
    assert top <= 160 and bottom >= 190  # line 3 sits at y 160..190
    assert bottom - top < 140  # ... and no other line is read again
    assert changed_bands(signature(before), signature(before), before) == []


def test_a_resized_window_is_read_whole():
    assert changed_bands(signature(page(LINES)), signature(page(LINES, size=(800, 420))),
                         page(LINES, size=(800, 420))) is None


def test_gray_from_bgrx_pixels():
    bgrx = np.zeros((2, 2, 4), dtype=np.uint8)
    bgrx[..., 2] = 255  # pure red
    assert to_gray(bgrx)[0, 0] == 76


def test_words_make_lines_top_to_bottom_left_to_right():
    words = [Word("b", 50, 0, 60, 10), Word("a", 0, 2, 10, 12), Word("c", 0, 30, 10, 40)]
    assert words_to_text(words) == "a b\nc"
    assert splice(words, [(25, 45)], [Word("d", 0, 31, 10, 41)]) == (
        words[0], words[1], Word("d", 0, 31, 10, 41))


def test_a_screen_already_read_keeps_its_text_without_reading_again():
    engine = FakeEngine(LINES)
    reader = ScreenReader(engine, 0.0, executor=Inline(), clock=Clock())
    first = reader.read("w1", page(LINES))
    assert first.splitlines() == LINES
    assert reader.read("w1", page(LINES)) == first
    assert engine.calls == [None]


def test_only_the_changed_band_is_read_again():
    changed = LINES[:2] + ["Invoice 4477 overdue", LINES[3]]
    engine = FakeEngine(LINES)
    reader = ScreenReader(engine, 0.0, executor=Inline(), clock=Clock())
    reader.read("w1", page(LINES))
    engine.lines = changed
    assert reader.read("w1", page(changed)).splitlines() == changed
    assert len(engine.calls) == 2 and engine.calls[1] is not None
    assert reader.band_reads == 1


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


def test_tesseract_reads_a_changed_band_of_a_real_picture():
    engine = TesseractEngine(find_tessdata("eng"))
    reader = ScreenReader(engine, 0.0, executor=Inline(), clock=Clock())
    try:
        assert reader.read("w", page(LINES)).splitlines() == LINES
        changed = LINES[:2] + ["Invoice 9952 settled", LINES[3]]
        assert reader.read("w", page(changed)).splitlines() == changed
        assert reader.band_reads == 1
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
