"""``selfcheck``: is this install of TAVYONIX whole and working on this PC?

Checks, each on its own so one failure does not hide the others: the installed files (against the
build's ``build-info.json``, in an installed copy), that every module of the app and every package it
imports (also inside functions: the printer's) can be imported, the data folder, the database engine and schema,
the on-device models (onnxruntime and every shipped ``.onnx``), the fonts (Hindi included), the
Windows credential store (keyring), and a sale on a *copy* of the demo shop (the real shop files are
never written). Prints one JSON object; exit 0 only when every part passed, else 1, and a line per
failing part on stderr.

    python -m app selfcheck [--out FILE] [--skip PART ...]
    python -m app.commands.selfcheck [...]      (the same, for builds whose CLI does not list it yet)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import app
from app.paths import DataDir, resources_dir

PARTS = ("install", "modules", "data_folder", "database", "models", "fonts", "keyring", "sale")
DEMO_SHOP = "demo"
DEMO_DAYS_FOR_CHECK = 30  # when there is no demo shop to copy, build a short one for the check
KEYRING_SERVICE = "TAVYONIX selfcheck"


class CheckFailed(Exception):
    """A part failed, with a message for whoever reads the report."""


def register(sub: argparse._SubParsersAction) -> None:
    from app.commands.common import common_options

    p = sub.add_parser("selfcheck", parents=[common_options()],
                       help="check that this install works: files, database, models, fonts, keyring, a sale")
    _add_options(p)
    p.set_defaults(handler=cmd_selfcheck)


def _add_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", help="also write the JSON report to this file")
    p.add_argument("--skip", action="append", choices=PARTS, default=[], help="leave out a part (repeatable)")


def install_root() -> Path:
    """The folder holding ``app`` and ``resources``: the install folder in an installed copy."""
    return resources_dir().parent


def build_info() -> dict | None:
    path = install_root() / "build-info.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


# --- the parts ---------------------------------------------------------------------------------
def check_install(_data: DataDir) -> dict:
    info = build_info()
    if info is None:
        return {"message": "running from a source checkout (no build-info.json): nothing to compare"}
    if info.get("version") != app.__version__:
        raise CheckFailed(f"the program reports version {app.__version__} but the installed files are "
                          f"{info.get('version')}: reinstall TAVYONIX")
    import hashlib

    bad = []
    for rel, expected in info.get("files", {}).items():
        path = install_root() / rel
        if not path.is_file():
            bad.append(f"{rel} is missing")
            continue
        if path.stat().st_size != expected["size"]:
            bad.append(f"{rel} has the wrong size")
            continue
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != expected["sha256"]:
            bad.append(f"{rel} is damaged")
    if bad:
        raise CheckFailed(f"{len(bad)} installed file(s) are missing or damaged ({'; '.join(bad[:5])}): "
                          "reinstall TAVYONIX")
    return {"message": f"version {info['version']}, {len(info.get('files', {}))} files as built",
            "version": info["version"], "python": info.get("python"), "built_at": info.get("built_at")}


def _imports_in(path: Path) -> set[str]:
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return {name for name in found if name.split(".")[0] != "app" and name.split(".")[0] not in sys.stdlib_module_names}


def check_modules(_data: DataDir) -> dict:
    """Import every module of the app, then every third-party module its code imports anywhere (some only
    inside a function, such as the receipt printer's): a package trimmed too far by the build shows here."""
    import importlib
    import importlib.util

    package = Path(app.__file__).resolve().parent
    failed, third_party = [], set()
    modules = 0
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        third_party |= _imports_in(path)
        try:
            importlib.import_module(name)
            modules += 1
        except Exception as exc:
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
    absent = sorted({n.split(".")[0] for n in third_party if importlib.util.find_spec(n.split(".")[0]) is None})
    for name in sorted(n for n in third_party if n.split(".")[0] not in absent):
        try:
            importlib.import_module(name)
        except Exception as exc:
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
    if absent and build_info() is not None:
        failed.append(f"not installed: {', '.join(absent)}")
    if failed:
        raise CheckFailed(f"{len(failed)} module(s) cannot be imported: {'; '.join(failed[:5])}")
    note = f" ({', '.join(absent)} not on this system)" if absent else ""
    return {"message": f"{modules} app modules and {len(third_party) - len(absent)} packages import{note}",
            "absent": absent}


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError):
        return False


def check_data_folder(data: DataDir) -> dict:
    root = data.root
    if build_info() is not None and _inside(root, install_root()):
        raise CheckFailed(f"the data folder {root} is inside the install folder: an upgrade or uninstall "
                          "would touch the shop's data")
    for var in ("OneDrive", "OneDriveConsumer", "OneDriveCommercial"):
        synced = os.environ.get(var)
        if synced and _inside(root, Path(synced)):
            raise CheckFailed(f"the data folder {root} is inside OneDrive ({synced}): syncing a live database "
                              "can damage it; set TAVYONIX_HOME to a local folder")
    probe = root / f".selfcheck-{os.getpid()}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise CheckFailed(f"cannot write in the data folder {root}: {exc}") from exc
    free = shutil.disk_usage(root).free
    return {"message": f"{root} is writable, {free // 2**20} MB free", "path": str(root),
            "free_mb": free // 2**20, "shops": data.list_shops()}


def check_database(_data: DataDir) -> dict:
    from app.session import open_session
    from app.store import schema_version

    conn = sqlite3.connect(":memory:")
    try:
        options = {r[0] for r in conn.execute("PRAGMA compile_options")}
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.Error as exc:
        raise CheckFailed(f"SQLite {sqlite3.sqlite_version} lacks what the shop file needs: {exc}") from exc
    finally:
        conn.close()
    with tempfile.TemporaryDirectory(prefix="tavyonix-selfcheck-") as tmp:
        fresh = DataDir(Path(tmp)).ensure()
        session = open_session(fresh, "selfcheck", create=True)
        try:
            problems = session.store.quick_check()
        finally:
            session.close()
    if problems:
        raise CheckFailed(f"a new shop file fails its check: {'; '.join(problems[:3])}")
    return {"message": f"SQLite {sqlite3.sqlite_version}, schema {schema_version()}",
            "sqlite": sqlite3.sqlite_version, "schema": schema_version(), "threadsafe": "THREADSAFE=1" in options}


def _tiny_add_model() -> bytes:
    """A hand-serialised ONNX model y = a + b (float[2]), so onnxruntime is tested with no model file."""

    def varint(n: int) -> bytes:
        out = bytearray()
        while True:
            b, n = n & 0x7F, n >> 7
            out.append(b | (0x80 if n else 0))
            if not n:
                return bytes(out)

    def field(num: int, wire: int, payload: bytes) -> bytes:
        key = varint((num << 3) | wire)
        return key + varint(len(payload)) + payload if wire == 2 else key + payload

    def text(num: int, value: str) -> bytes:
        return field(num, 2, value.encode())

    def value_info(name: str) -> bytes:
        shape = field(1, 2, field(1, 0, varint(2)))
        tensor = field(1, 0, varint(1)) + field(2, 2, shape)
        return text(1, name) + field(2, 2, field(1, 2, tensor))

    node = text(1, "a") + text(1, "b") + text(2, "y") + text(4, "Add")
    graph = (field(1, 2, node) + text(2, "g") + field(11, 2, value_info("a")) + field(11, 2, value_info("b"))
             + field(12, 2, value_info("y")))
    return field(1, 0, varint(8)) + field(7, 2, graph) + field(8, 2, text(1, "") + field(2, 0, varint(13)))


_ONNX_DTYPES = {"tensor(float)": "float32", "tensor(double)": "float64", "tensor(int64)": "int64",
                "tensor(int32)": "int32", "tensor(uint8)": "uint8", "tensor(int8)": "int8", "tensor(bool)": "bool",
                "tensor(float16)": "float16"}


def _dummy_inputs(session: Any) -> dict | None:
    import numpy as np

    feeds = {}
    for inp in session.get_inputs():
        dtype = _ONNX_DTYPES.get(inp.type)
        if dtype is None:
            return None
        shape = [d if isinstance(d, int) and d > 0 else (1 if n == 0 else 32) for n, d in enumerate(inp.shape)]
        feeds[inp.name] = np.zeros(shape, dtype=dtype)
    return feeds


def check_models(_data: DataDir) -> dict:
    try:
        import numpy as np
        import onnxruntime as ort
    except ImportError as exc:  # on Windows: usually a missing MSVC runtime DLL
        raise CheckFailed(f"onnxruntime cannot be loaded: {exc}") from exc
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    tiny = ort.InferenceSession(_tiny_add_model(), options, providers=["CPUExecutionProvider"])
    result = tiny.run(None, {"a": np.array([1, 2], np.float32), "b": np.array([3, 4], np.float32)})[0].tolist()
    if result != [4.0, 6.0]:
        raise CheckFailed(f"onnxruntime computed 1+3, 2+4 as {result}")
    models: dict[str, dict] = {}
    failed = []
    folder = resources_dir() / "models"
    for path in sorted(folder.glob("*.onnx")) if folder.is_dir() else []:
        started = time.perf_counter()
        try:
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:
            failed.append(f"{path.name}: {str(exc).splitlines()[0][:200]}")
            continue
        entry: dict[str, Any] = {"load_ms": round((time.perf_counter() - started) * 1000),
                                 "inputs": [i.name for i in session.get_inputs()]}
        feeds = _dummy_inputs(session)
        if feeds is not None:
            try:
                session.run(None, feeds)
                entry["ran_on_zeros"] = True
            except Exception as exc:  # shapes we guessed may not suit the model: not a failure of the install
                entry["ran_on_zeros"] = False
                entry["note"] = str(exc).splitlines()[0][:200]
        models[path.name] = entry
        del session
    if failed:
        raise CheckFailed(f"{len(failed)} model(s) cannot be loaded: {'; '.join(failed)}")
    return {"message": f"onnxruntime {ort.__version__} works; {len(models)} model(s) load"
                       + ("" if models else " (none shipped in resources/models)"),
            "onnxruntime": ort.__version__, "models": models}


def check_fonts(_data: DataDir) -> dict:
    try:
        from app.ui.fonts import DEVANAGARI, FONT_FILES, LATIN, register_fonts
    except ImportError as exc:
        raise CheckFailed(f"the user interface cannot be loaded: {exc}") from exc
    folder = resources_dir() / "fonts"
    missing = [name for name in FONT_FILES if not (folder / name).is_file()]
    if missing:
        raise CheckFailed(f"font files missing from {folder}: {', '.join(missing)}")
    from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QGuiApplication, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    if QGuiApplication.instance() is None:  # a QApplication, so widgets made later in this process still work
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _keep.append(QApplication([sys.argv[0] if sys.argv else "tavyonix", "-platform",
                                   os.environ["QT_QPA_PLATFORM"]]))
    families = register_fonts()
    lacking = [f for f in (LATIN, DEVANAGARI) if f not in families]
    if lacking:
        raise CheckFailed(f"font families not loaded: {', '.join(lacking)} (have {sorted(families)})")
    hindi = QFont(DEVANAGARI, 14)
    if QFontInfo(hindi).family() != DEVANAGARI:
        raise CheckFailed(f"asking for {DEVANAGARI} gives {QFontInfo(hindi).family()}")
    no_glyph = [ch for ch in "नमस्ते" if not QFontMetrics(hindi).inFontUcs4(ord(ch))]
    no_glyph += [ch for ch in "₹" if not QFontMetrics(QFont(LATIN, 14)).inFontUcs4(ord(ch))]
    if no_glyph:
        raise CheckFailed(f"the shipped fonts have no glyph for {''.join(no_glyph)!r}")
    image = QImage(240, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(hindi)
    painter.setPen(QColor("black"))
    painter.drawText(4, 34, "नमस्ते ₹ 120")
    painter.end()
    inked = sum(1 for x in range(0, 240, 2) for y in range(0, 48, 2) if image.pixelColor(x, y).lightness() < 128)
    if inked < 20:
        raise CheckFailed("Hindi text renders blank")
    return {"message": f"{', '.join(sorted(families))} loaded; Hindi and ₹ render", "families": sorted(families)}


_keep: list = []  # the QApplication made for the font check lives as long as the process


def check_keyring(_data: DataDir) -> dict:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError as exc:
        raise CheckFailed(f"keyring cannot be loaded: {exc}") from exc
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if "fail" in name.lower() or "null" in name.lower():
        raise CheckFailed(f"no usable credential store (keyring backend {name}): marketplace passwords could "
                          "not be kept")
    user = f"selfcheck-{os.getpid()}"
    secret = secrets.token_hex(8)
    try:
        keyring.set_password(KEYRING_SERVICE, user, secret)
        try:
            got = keyring.get_password(KEYRING_SERVICE, user)
        finally:
            keyring.delete_password(KEYRING_SERVICE, user)
    except KeyringError as exc:
        raise CheckFailed(f"the credential store ({name}) refused a test password: {exc}") from exc
    if got != secret:
        raise CheckFailed(f"the credential store ({name}) gave back a different password")
    return {"message": f"{name} stores, returns and deletes a password", "backend": name}


def _copy_shop(source: Path, target: Path) -> None:
    """A consistent copy of a shop file, even while the app has it open (SQLite's backup API)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def check_sale(data: DataDir) -> dict:
    from app.commands.common import qty_for
    from app.services import sales
    from app.services.sales import PaymentIn, SaleLine
    from app.session import open_session
    from app.store import catalog as catalog_store
    from app.store import orders
    from app.store import stock as stock_store

    with tempfile.TemporaryDirectory(prefix="tavyonix-selfcheck-") as tmp:
        scratch = DataDir(Path(tmp)).ensure()
        real = data.shop_db(DEMO_SHOP)
        if real.exists():
            _copy_shop(real, scratch.shop_db(DEMO_SHOP))
            source = f"a copy of the demo shop ({real})"
        else:
            try:
                from app.sim.history import build_demo_shop
            except ImportError as exc:
                raise CheckFailed(f"there is no demo shop in {data.root} and this build cannot make one "
                                  f"(app.sim.history: {exc})") from exc
            build_demo_shop(scratch, DEMO_SHOP, days=DEMO_DAYS_FOR_CHECK)
            source = f"a new {DEMO_DAYS_FOR_CHECK}-day demo shop"
        session = open_session(scratch, DEMO_SHOP)
        try:
            db = session.store.db()
            products = [p for p in catalog_store.list_products(db, limit=500) if p.price_paise > 0]
            if not products:
                raise CheckFailed(f"{source} has no item with a price to sell")
            product = max(products, key=lambda p: stock_store.on_hand(db, p.sku))
            before = stock_store.on_hand(db, product.sku)
            line = SaleLine(sku=product.sku, qty_milli=qty_for("1", product.unit))
            total = sales.quote_sale(session.ctx, lines=[line]).total_paise
            changes = sales.record_sale(session.ctx, lines=[line],
                                        payments=[PaymentIn(method="cash", amount_paise=total)], confirmed=True)
            order = orders.get(db, changes.id)
            after = stock_store.on_hand(db, product.sku)
            gaps = stock_store.mismatches(db)
        finally:
            session.close()
    if order is None or not order.invoice_no:
        raise CheckFailed("the sale was not saved with an invoice number")
    if after != before - line.qty_milli:
        raise CheckFailed(f"stock of {product.sku} went from {before} to {after} after selling {line.qty_milli}")
    if gaps:
        raise CheckFailed(f"stock balances differ from their ledger after the sale: {gaps[:3]}")
    return {"message": f"sold 1 {product.unit} of {product.sku} for {total / 100:.2f} rupees on {source}: "
                       f"invoice {order.invoice_no}",
            "source": source, "invoice": order.invoice_no, "total_paise": total, "sku": product.sku}


CHECKS: dict[str, Callable[[DataDir], dict]] = {
    "install": check_install, "modules": check_modules, "data_folder": check_data_folder, "database": check_database,
    "models": check_models, "fonts": check_fonts, "keyring": check_keyring, "sale": check_sale,
}


def run_checks(data: DataDir, skip: list[str] | tuple[str, ...] = ()) -> dict:
    report: dict[str, Any] = {"ok": True, "version": app.__version__, "python": platform.python_version(),
                              "platform": platform.platform(), "data_dir": str(data.root), "parts": {}}
    for name in PARTS:
        if name in skip:
            report["parts"][name] = {"ok": True, "skipped": True, "message": "skipped"}
            continue
        started = time.perf_counter()
        try:
            result = {"ok": True, **CHECKS[name](data)}
        except CheckFailed as exc:
            result = {"ok": False, "message": str(exc)}
        except Exception as exc:  # a bug or a broken install: report it, keep checking the rest
            result = {"ok": False, "message": f"{type(exc).__name__}: {exc}",
                      "traceback": traceback.format_exc(limit=8)}
        result["seconds"] = round(time.perf_counter() - started, 2)
        report["parts"][name] = result
        report["ok"] = report["ok"] and result["ok"]
    return report


def cmd_selfcheck(args: argparse.Namespace, data: DataDir) -> int:
    report = run_checks(data, args.skip)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    if sys.stdout is not None:  # ASCII: a Windows pipe or file may not take ₹ or Hindi
        print(json.dumps(report, ensure_ascii=True, indent=2))
    if sys.stderr is not None:
        for name, part in report["parts"].items():
            if not part["ok"]:
                print(f"selfcheck: {name} FAILED: {part['message']}", file=sys.stderr)
    return 0 if report["ok"] else 1


def main(argv: list[str] | None = None) -> int:
    """``python -m app.commands.selfcheck``: the same command, usable before the CLI lists it."""
    from app import config, i18n
    from app.config import MachineConfig
    from app.log import setup_logging

    parser = argparse.ArgumentParser(prog="python -m app.commands.selfcheck", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", default=None, help="folder for shops, backups and logs (or TAVYONIX_HOME)")
    parser.add_argument("--json", action="store_true", help="accepted for symmetry: the report is always JSON")
    _add_options(parser)
    args = parser.parse_args(argv)
    data = DataDir(args.data_dir).ensure()
    machine = MachineConfig(data.machine_config)
    i18n.set_language(machine.get(config.LANGUAGE))
    setup_logging(data.logs, machine.get(config.LOG_LEVEL), to_stderr=False)
    return cmd_selfcheck(args, data)


if __name__ == "__main__":
    sys.exit(main())
