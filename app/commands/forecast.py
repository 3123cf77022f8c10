"""``python -m app forecast``: demand forecasts from a sales history CSV, for any shop's data.

    python -m app forecast --history sales.csv --horizon 14 [--freq D|W|M] [--future plan.csv] --out fc.csv

The forecaster fits on the history it is given; it does not read or change the shop's data.
Bad input prints what to fix and exits with code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands.common import common_options, emit
from app.errors import AppError
from app.i18n import _
from app.paths import DataDir

EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "forecast",
        parents=[common_options()],
        help=_("forecast demand from a sales history CSV"),
        description=_("Forecast each item's sales for the next periods, with a low (p10) and high (p90) range."),
    )
    p.add_argument("--history", type=Path, required=True,
                   help=_("CSV with series_id,date,qty and optionally price,promo"))
    p.add_argument("--horizon", type=int, required=True, help=_("how many periods to forecast"))
    p.add_argument("--freq", choices=("D", "W", "M", "Q"), default="D",
                   help=_("days, weeks, months or quarters (default D)"))
    p.add_argument("--gaps", choices=("auto", "zero", "unknown"), default="auto",
                   help=_("what a period without a row means: zero sales, unknown, or auto (see docs/forecasting.md)"))
    p.add_argument("--future", type=Path, default=None,
                   help=_("CSV with series_id,date,price,promo planned for the forecast dates"))
    p.add_argument("--out", type=Path, required=True, help=_("where to write series_id,date,forecast,p10,p90"))
    p.set_defaults(handler=handle)


def retrained_model(data: DataDir) -> Path | None:
    """A model retrained on this machine's shop sales, if one was written (see docs/forecasting.md)."""
    path = data.root / "models" / "forecast_gbm.onnx"
    return path if path.exists() and path.with_suffix(".json").exists() else None


def handle(args: argparse.Namespace, data: DataDir) -> int:
    from app.ml.forecast import forecast, read_history_csv, read_plan_csv, write_forecast_csv

    try:
        histories = read_history_csv(args.history, args.freq, args.gaps)
        plan = read_plan_csv(args.future) if args.future else None
        if plan:
            known = {h.series_id for h in histories}
            unknown = sorted(set(plan) - known)
            if unknown:
                print(_("Note: the plan has items without history, left out: {items}").format(
                    items=", ".join(unknown[:10]) + (" ..." if len(unknown) > 10 else "")), file=sys.stderr)
        results = forecast(histories, args.horizon, args.freq, plan, model_path=retrained_model(data))
        write_forecast_csv(args.out, results)
    except AppError as exc:
        print(str(exc), file=sys.stderr)  # message and hint, as app.cli prints every AppError
        return EXIT_BAD_INPUT
    periods = len(results[0].dates) if results else 0
    methods: dict[str, int] = {}
    for r in results:
        methods[r.method] = methods.get(r.method, 0) + 1
    emit(args, {"series": len(results), "periods": periods, "out": str(args.out), "methods": methods},
         _("Wrote {n} forecasts of {periods} periods to {path}.").format(n=len(results), periods=periods,
                                                                        path=args.out))
    return 0
