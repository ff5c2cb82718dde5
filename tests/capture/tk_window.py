"""A Tk window with a known title and known words, run as its own process by the tests.

usage: python tk_window.py CLASS TITLE [--override] LINE...
"""

from __future__ import annotations

import sys
import tkinter as tk


def main(argv: list[str]) -> None:
    class_name, title, *rest = argv
    override = "--override" in rest
    lines = [line for line in rest if line != "--override"]
    root = tk.Tk(className=class_name)
    root.title(title)
    if override:  # a screen locker: no frame, above everything
        root.overrideredirect(True)
        root.geometry("1280x800+0+0")
    else:
        root.geometry("760x360+40+40")
    root.configure(background="white")
    for line in lines:
        tk.Label(root, text=line, font=("DejaVu Sans", 26), background="white",
                 foreground="black", anchor="w").pack(fill="x", padx=20, pady=14)
    root.mainloop()


if __name__ == "__main__":
    main(sys.argv[1:])
