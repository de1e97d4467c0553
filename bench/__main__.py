"""python -m bench [--smoke] [--only NAME] [--workers N] [--keep] | --scale-out [--smoke]"""

from __future__ import annotations

import argparse
import sys

from bench.runner import Options, main


def parse(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a few requests per scenario")
    parser.add_argument("--only", action="append", default=[], help="scenario name prefix")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--scale-out", action="store_true", help="the scale-out run instead (bench/scaleout.py)"
    )
    args = parser.parse_args(argv)
    return Options(smoke=args.smoke, only=args.only, workers=args.workers, keep=args.keep)


if __name__ == "__main__":
    if "--scale-out" in sys.argv[1:]:
        # PostgreSQL primary + replica, Redis, two app processes, RQ (bench/scaleout.py).
        from bench import scaleout

        sys.exit(scaleout.main([a for a in sys.argv[1:] if a != "--scale-out"]))
    sys.exit(main(parse(sys.argv[1:])))
