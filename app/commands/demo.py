"""``demo``: build the demo shop (or a large one for benchmarks)."""

from __future__ import annotations

import argparse
import sys
import time

from app.commands.common import common_options, emit, parse_day
from app.i18n import _
from app.paths import DataDir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", parents=[common_options()], help="build the demo shop (a believable kirana)")
    p.add_argument("--scale", choices=("small", "large"), default="small",
                   help="small: ~300 items, two years; large: 100,000 items and 2,000,000 bill lines")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--days", type=int, default=730)
    p.add_argument("--end", help="the day the demo opens on, YYYY-MM-DD; history ends the day before (default today)")
    p.add_argument("--force", action="store_true", help="replace an existing demo shop")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace, data: DataDir) -> int:
    from app.sim.history import build_demo_shop

    shop = args.shop or "demo"
    started = time.perf_counter()
    last = [0.0]

    def progress(fraction: float, message: str) -> None:
        if not args.json and (fraction - last[0] >= 0.05 or fraction >= 1):
            last[0] = fraction
            print(f"  {fraction:4.0%}  {message}", file=sys.stderr, flush=True)

    path = build_demo_shop(data, shop, seed=args.seed, days=args.days, scale=args.scale, force=args.force,
                           end=parse_day(args.end) if args.end else None, progress=progress)
    seconds = time.perf_counter() - started
    emit(args, {"shop": shop, "path": str(path), "seconds": round(seconds, 1)},
         _("Demo shop '{shop}' built in {seconds:.1f} s: {path}").format(shop=shop, seconds=seconds, path=path))
    return 0
