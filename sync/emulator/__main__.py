"""`python -m sync.emulator --firm firm.json [--port 0] [--token-for STAFF_ID]`"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

from .server import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.emulator", description=__doc__)
    parser.add_argument("--firm", type=Path, required=True, help="a firm.json file")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free)")
    parser.add_argument(
        "--token-for", type=int, metavar="STAFF_ID", help="also print a token answer for this staff"
    )
    args = parser.parse_args(argv)
    firm = json.loads(args.firm.read_text(encoding="utf-8"))
    with serve(firm, port=args.port) as mycase:
        mycase.state.warm()  # render every record's JSON before saying we are up
        print(f"api_url   {mycase.api_url}", flush=True)
        print(f"auth_url  {mycase.auth_url}", flush=True)
        print(f"admin_url {mycase.admin_url}", flush=True)
        if args.token_for is not None:
            print(json.dumps(mycase.admin.issue_tokens(args.token_for)), flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
