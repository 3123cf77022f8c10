"""Reading and writing the forecast command's CSV files, with messages a shopkeeper can act on.

* history: ``series_id,date,qty`` and optionally ``price,promo`` (one row per item and date;
  an empty qty means "unknown", an empty price "unchanged", an empty promo "no promotion");
* plan: ``series_id,date`` and ``price`` and/or ``promo`` for the dates to forecast;
* output: ``series_id,date,forecast,p10,p90``.

Dates are ``YYYY-MM-DD``. ``promo`` is a number from 0 to 1, or yes/no. Every problem raises
:class:`app.errors.InputError` naming the file, the line and what to change.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np

from app.domain import bounds
from app.errors import InputError
from app.i18n import _
from app.ml.forecast._api import PlanRow, SeriesForecast, SeriesHistory
from app.ml.forecast._calendar import Freq, period_index, to_days

HISTORY_COLUMNS = ("series_id", "date", "qty")
Gaps = Literal["auto", "zero", "unknown"]
# a series with rows for at least this share of its periods is a regular report: its holes are unknown
REGULAR = 0.8
PLAN_COLUMNS = ("series_id", "date")
_YES = {"1", "yes", "y", "true", "haan", "ha"}
_NO = {"0", "no", "n", "false", "nahi", ""}


def _open_rows(path: Path, required: Sequence[str], what: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(_("The file {path} does not exist.").format(path=path)) from None
    except (UnicodeDecodeError, IsADirectoryError, PermissionError):
        raise InputError(
            _("The file {path} could not be read as text.").format(path=path),
            hint=_("Save it as CSV (UTF-8) and try again."),
        ) from None
    reader = csv.reader(text.splitlines())
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(_("The {what} file {path} is empty.").format(what=what, path=path)) from None
    except csv.Error:
        raise InputError(_("The {what} file {path} is not a CSV file.").format(what=what, path=path)) from None
    header = [h.strip().lower() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            _("The {what} file {path} has no column {columns}.").format(
                what=what, path=path, columns=", ".join(missing)),
            hint=_("The first line must name the columns: {columns}.").format(columns=",".join(required)),
        )
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for line, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            rows.append((line, {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}))
    except csv.Error:
        raise InputError(_("The {what} file {path} is not a valid CSV file.").format(what=what, path=path)) from None
    if not rows:
        raise InputError(_("The {what} file {path} has no rows under its header.").format(what=what, path=path))
    return header, rows


def _where(path: Path, line: int) -> str:
    return _("{path}, line {line}").format(path=path.name, line=line)


def _date(text: str, path: Path, line: int) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is not None:
        try:
            return bounds.check_day(day, what=_where(path, line))  # year 0001 broke the date arithmetic after
        except InputError as refused:
            raise InputError(refused.message, hint=_("Write dates as YYYY-MM-DD, for example 2026-03-31.")) from None
    else:
        raise InputError(
            _("{where}: '{text}' is not a date.").format(where=_where(path, line), text=text),
            hint=_("Write dates as YYYY-MM-DD, for example 2026-03-31."),
        ) from None


def _number(text: str, path: Path, line: int, column: str) -> float:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        value = math.nan
    if math.isnan(value) or math.isinf(value):
        raise InputError(
            _("{where}: {column} '{text}' is not a number.").format(where=_where(path, line), column=column, text=text)
        )
    return value


def _qty(text: str, path: Path, line: int) -> float:
    if text == "":
        return math.nan
    value = _number(text, path, line, "qty")
    if value < 0:
        raise InputError(
            _("{where}: qty {text} is negative; sales cannot be below zero.").format(
                where=_where(path, line), text=text),
            hint=_("Put returns in their own record, not as negative sales."),
        )
    return value


def _price(text: str, path: Path, line: int) -> float:
    if text == "":
        return math.nan
    value = _number(text, path, line, "price")
    if value <= 0:
        raise InputError(_("{where}: price {text} must be more than zero.").format(where=_where(path, line), text=text))
    return value


def _promo(text: str, path: Path, line: int) -> float:
    low = text.lower()
    if low in _YES:
        return 1.0
    if low in _NO:
        return 0.0
    value = _number(text, path, line, "promo")
    if not 0 <= value <= 1:
        raise InputError(
            _("{where}: promo {text} must be from 0 to 1.").format(where=_where(path, line), text=text),
            hint=_("Use 1 for a promotion day, 0 for none."),
        )
    return value


def _series_id(text: str, path: Path, line: int) -> str:
    if not text:
        raise InputError(_("{where}: series_id is empty.").format(where=_where(path, line)))
    return text


def read_history_csv(path: Path, freq: Freq = "D", gaps: Gaps = "auto") -> list[SeriesHistory]:
    """The histories in a CSV file, one per series_id, in the order they first appear.

    ``gaps`` says what a period without a row means: ``"zero"`` (no sales), ``"unknown"`` (not
    reported), or ``"auto"``: unknown when the file writes zero sales as rows with qty 0 (then a
    missing row is not a zero) or when the series has a row for at least ``REGULAR`` of its periods
    (a regular report with holes), zero otherwise (a ledger that lists only the periods with sales).
    """
    header, rows = _open_rows(path, HISTORY_COLUMNS, _("history"))
    has_price, has_promo = "price" in header, "promo" in header
    grouped: dict[str, tuple[list[date], list[float], list[float], list[float]]] = {}
    for line, row in rows:
        sid = _series_id(row["series_id"], path, line)
        dates, qty, price, promo = grouped.setdefault(sid, ([], [], [], []))
        dates.append(_date(row["date"], path, line))
        qty.append(_qty(row["qty"], path, line))
        price.append(_price(row.get("price", ""), path, line) if has_price else math.nan)
        promo.append(_promo(row.get("promo", ""), path, line) if has_promo else 0.0)
    explicit_zeros = any(0.0 in q for _d, q, _p, _r in grouped.values())
    out = []
    for sid, (d, q, p, r) in grouped.items():
        mode = gaps if gaps != "auto" else ("unknown" if explicit_zeros or coverage(d, freq) >= REGULAR else "zero")
        out.append(SeriesHistory(sid, d, np.array(q), np.array(p) if has_price else None,
                                 np.array(r) if has_promo else None, gaps=mode))
    return out


def coverage(dates: Sequence[date], freq: Freq) -> float:
    """The share of the periods from the first to the last date that have at least one row."""
    idx = period_index(to_days(dates), max(dates), freq)
    return len(np.unique(idx)) / (int(idx.max() - idx.min()) + 1)


def read_plan_csv(path: Path) -> dict[str, list[PlanRow]]:
    """The plan in a CSV file: {series_id: rows}."""
    header, rows = _open_rows(path, PLAN_COLUMNS, _("plan"))
    if "price" not in header and "promo" not in header:
        raise InputError(
            _("The plan file {path} has neither a price nor a promo column.").format(path=path),
            hint=_("The first line must name the columns: {columns}.").format(columns="series_id,date,price,promo"),
        )
    plan: dict[str, list[PlanRow]] = {}
    for line, row in rows:
        sid = _series_id(row["series_id"], path, line)
        price = _price(row.get("price", ""), path, line)
        plan.setdefault(sid, []).append(PlanRow(
            _date(row["date"], path, line),
            None if math.isnan(price) else price,
            _promo(row.get("promo", ""), path, line),
        ))
    return plan


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: '=cmd|...' would run as a formula when opened in Excel."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_forecast_csv(path: Path, forecasts: Sequence[SeriesForecast]) -> None:
    """Write ``series_id,date,forecast,p10,p90``, one row per series and period."""
    try:
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["series_id", "date", "forecast", "p10", "p90"])
            for f in forecasts:
                for day, m, lo, hi in zip(f.dates, f.mean, f.p10, f.p90, strict=True):
                    writer.writerow([safe_cell(f.series_id), day.isoformat(), f"{m:.3f}", f"{lo:.3f}", f"{hi:.3f}"])
    except OSError as exc:
        raise InputError(_("Could not write {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from None
