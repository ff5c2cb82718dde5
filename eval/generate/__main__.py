"""CLI: python -m eval.generate --seed N --profile NAME --out DIR"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .fixture import generate, write
from .profiles import PROFILES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.generate", description=__doc__)
    parser.add_argument("--profile", required=True, choices=sorted(PROFILES))
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="random seed (default: the seed the committed fixture uses)",
    )
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)
    fixture = generate(args.profile, args.seed)
    write(fixture, args.out)
    spans = len(fixture.activities)
    print(f"{args.out}: {len(fixture.firm['cases'])} cases, {spans} spans", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
