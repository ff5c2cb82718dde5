"""One window of the capture benchmark's desk: a Tk app whose content changes as a
lawyer's screen does. Run as its own process (its own X client and WM_CLASS).

usage: python -m app.bench.desk_window writer|mail|reader

Everything shown is invented.
"""

from __future__ import annotations

import sys
import tkinter as tk

FONT = ("DejaVu Sans", 13)
WINDOWS = {
    "writer": ("Writer", "Motion to compel - Writer"),
    "mail": ("Mail", "Inbox - Mail"),
    "reader": ("Reader", "Research - Reader"),
}
DRAFT = (
    "PLAINTIFF'S MOTION TO COMPEL PRODUCTION OF DOCUMENTS\n\n"
    "Plaintiff respectfully moves the Court for an order compelling Defendant to produce "
    "the documents requested in Plaintiff's First Request for Production. Defendant has "
    "not produced a single document responsive to Requests 4 through 11, and its "
    "objections are boilerplate.\n\n"
)
SENDERS = ["Avery Quill", "Morgan Tallis", "Rowan Pike", "Jordan Vale", "Casey Lund"]
SUBJECTS = ["Deposition schedule", "Draft settlement terms", "Expert report due",
            "Discovery responses", "Hearing moved", "Invoice question"]
PAGES = [
    "Standard of review. A motion to compel is reviewed for abuse of discretion; the "
    "party resisting discovery bears the burden of showing why it should not be had.",
    "Proportionality. The court weighs the importance of the issues, the amount in "
    "controversy, the parties' access to the information and the burden of production.",
    "Waiver. Objections not stated with specificity within the time allowed are waived "
    "unless the court, for good cause, excuses the failure.",
]


def writer(root: tk.Tk) -> None:
    text = tk.Text(root, font=FONT, wrap="word", background="white", foreground="black")
    text.insert("1.0", DRAFT)
    text.pack(fill="both", expand=True)
    text.focus_set()
    text.mark_set("insert", "end")


def mail(root: tk.Tk) -> None:
    box = tk.Listbox(root, font=FONT, background="white", foreground="black")
    box.pack(fill="both", expand=True)
    count = [0]

    def arrive() -> None:  # a message every 45 s
        i = count[0]
        box.insert(0, f"{SENDERS[i % len(SENDERS)]}  -  {SUBJECTS[i % len(SUBJECTS)]} ({i})")
        count[0] += 1
        root.after(45_000, arrive)

    for _ in range(8):
        arrive()


def reader(root: tk.Tk) -> None:
    label = tk.Label(root, font=FONT, wraplength=700, justify="left", anchor="nw",
                     background="white", foreground="black")
    label.pack(fill="both", expand=True, padx=16, pady=16)
    page = [0]

    def turn() -> None:  # the next page every 30 s
        label.configure(text=PAGES[page[0] % len(PAGES)] + f"\n\nPage {page[0] + 1}")
        page[0] += 1
        root.after(30_000, turn)

    turn()


def main(kind: str) -> None:
    class_name, title = WINDOWS[kind]
    root = tk.Tk(className=class_name)
    root.title(title)
    root.geometry("900x600+40+40")
    root.configure(background="white")
    {"writer": writer, "mail": mail, "reader": reader}[kind](root)
    root.mainloop()


if __name__ == "__main__":
    main(sys.argv[1])
