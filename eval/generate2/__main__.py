"""python -m eval.generate2 --profile NAME --seed N --out DIR"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .profiles import PROFILES
from .writer import build_fixture, write_fixture


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.generate2", description=__doc__)
    ap.add_argument("--profile", required=True, choices=sorted(PROFILES))
    ap.add_argument("--seed", required=True, type=int)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--no-ocr", action="store_true",
                    help="skip tesseract; pass drawn words through the saved confusion channel")
    ap.add_argument("--save-channel", type=Path, help="write the channel fitted on this run's real OCR")
    args = ap.parse_args(argv)
    fx = build_fixture(PROFILES[args.profile], args.seed, real_ocr=not args.no_ocr)
    write_fixture(fx, args.out)
    if args.save_channel and fx.channel is not None:
        args.save_channel.write_text(json.dumps(fx.channel, sort_keys=True) + "\n")
    print(json.dumps(fx.stats), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
