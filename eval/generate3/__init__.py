"""A third, independent generator of labelled fixtures, shaped like real mailboxes (folders
as matters known by name only), court dockets (entries to cases, numbers masked) and the
court's e-mail notices (numbers shown).

``python -m eval.generate3 --kind mailbox|docket|notices --seed N OUT_DIR`` writes a
``tenths-fixture/1`` directory; see README.md in this folder.
"""


class Generate3Error(Exception):
    """A fixture cannot be generated as asked (bad sizes, an output that exists)."""
