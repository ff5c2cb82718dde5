"""Command line: ``python -m eval.generate3 --kind mailbox|docket|notices --seed N OUT_DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval.generate3 import Generate3Error
from eval.generate3.docket import DocketPlan, write_docket
from eval.generate3.mailbox import MailboxPlan, write_mailbox


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.generate3", description=__doc__)
    parser.add_argument("--kind", choices=("mailbox", "docket", "notices"), required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--size", type=int, default=None,
                        help="spans to write: messages (mailbox) or docket entries (docket, notices)")
    parser.add_argument("--matters", type=int, default=None,
                        help="folders per mailbox (mailbox) or cases (docket)")
    parser.add_argument("--users", type=int, default=None,
                        help="timekeepers: mailboxes, or people reading the dockets")
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.out_dir.exists() and any(args.out_dir.iterdir()):
            raise Generate3Error(f"{args.out_dir}: exists and is not empty")
        if args.kind == "mailbox":
            plan = MailboxPlan(messages=args.size or 2000, folders=args.matters or 60,
                               users=args.users or 1)
            if plan.folders < 4 or plan.users not in (1, 2) or plan.messages < 40 * plan.users * 20:
                raise Generate3Error("mailbox: needs --matters >= 4, --users 1 or 2 and "
                                     "--size of at least 800 messages a user")
            count = write_mailbox(args.seed, plan, args.out_dir)
        else:
            dplan = DocketPlan(entries=args.size or 3000, cases=args.matters or 150,
                               users=args.users or 1, notices=args.kind == "notices")
            if dplan.cases < 5 or dplan.users not in (1, 2) or dplan.entries < 200:
                raise Generate3Error("docket: needs --matters >= 5, --users 1 or 2 and "
                                     "--size >= 200")
            count = write_docket(args.seed, dplan, args.out_dir)
    except Generate3Error as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{args.out_dir}: {count} spans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
