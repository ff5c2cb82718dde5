"""Text from the accessibility tree, preferred to OCR where an app offers it.

On Linux the AT-SPI bus exposes a GTK or Qt window's text exactly and cheaply
(a GTK window was read in 6 ms, against ~2 s of OCR); a Tk window is not on
the bus, so OCR stays the fallback. The reader needs PyGObject with the Atspi
typelib (Debian: python3-gi, gir1.2-atspi-2.0), which this project's virtual
environment does not have: ``atspi_reader()`` returns None when they are
missing, and the watcher reads by OCR alone. ``collect_text`` is the walk,
kept apart from the bus so it is tested on a plain tree.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

log = logging.getLogger(__name__)

Node = TypeVar("Node")
MAX_NODES = 3000  # a runaway tree (a huge table) is cut here
MAX_DEPTH = 40


class AccessibleText(Protocol):
    def text_of(self, pid: int) -> str:
        """The visible text of the active window of process ``pid`` ("" when unknown)."""
        ...


def collect_text(
    root: Node,
    children: Callable[[Node], Iterable[Node]],
    text: Callable[[Node], str],
    visible: Callable[[Node], bool],
) -> str:
    """Depth-first, the texts of the visible nodes, each once, one per line."""
    lines: list[str] = []
    seen: set[str] = set()
    stack: list[tuple[Node, int]] = [(root, 0)]
    count = 0
    while stack and count < MAX_NODES:
        node, depth = stack.pop()
        count += 1
        if not visible(node):
            continue
        value = " ".join(text(node).split())
        if value and value not in seen:
            seen.add(value)
            lines.append(value)
        if depth < MAX_DEPTH:
            stack.extend((c, depth + 1) for c in reversed(list(children(node))))
    return "\n".join(lines)


class AtspiText:
    """The AT-SPI reader; built by ``atspi_reader`` only when Atspi imports."""

    def __init__(self, atspi) -> None:  # noqa: ANN001 - gi.repository.Atspi
        self._a = atspi

    def text_of(self, pid: int) -> str:
        a = self._a
        try:
            desktop = a.get_desktop(0)
            for i in range(desktop.get_child_count()):
                app = desktop.get_child_at_index(i)
                if app is None or app.get_process_id() != pid:
                    continue
                for j in range(app.get_child_count()):
                    frame = app.get_child_at_index(j)
                    if frame is not None and frame.get_state_set().contains(
                            a.StateType.ACTIVE):
                        return collect_text(frame, self._children, self._text,
                                            self._visible)
        except Exception:  # the bus or an app went away: OCR will read the window
            log.debug("AT-SPI read failed for pid %s", pid, exc_info=True)
        return ""

    @staticmethod
    def _children(node):  # noqa: ANN001, ANN205
        return [c for c in (node.get_child_at_index(i) for i in range(node.get_child_count()))
                if c is not None]

    def _visible(self, node) -> bool:  # noqa: ANN001
        return node.get_state_set().contains(self._a.StateType.SHOWING)

    def _text(self, node) -> str:  # noqa: ANN001
        iface = node.get_text_iface()
        if iface is not None:
            return self._a.Text.get_text(iface, 0, self._a.Text.get_character_count(iface))
        return node.get_name() or ""


def atspi_reader() -> AtspiText | None:
    """An AT-SPI reader, or None when PyGObject or the Atspi typelib is missing."""
    try:
        import gi

        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi
    except (ImportError, ValueError):
        return None
    return AtspiText(Atspi)
