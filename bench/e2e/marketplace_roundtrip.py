"""Marketplace round trip, end to end, from an empty data folder:

    .venv/bin/python bench/e2e/marketplace_roundtrip.py [DATA_FOLDER]

A shop is created, the marketplace simulator starts in its own process (``python -m app marketplace-sim``),
Amazon, Shopify and WooCommerce are connected with ``sync connect``, three items are listed with
``list-on``, the simulator's buyers place orders, ``sync run`` brings them in, one is shipped with a
courier booked through the simulator's courier aggregator (``orders book``: shipment, AWB, label PDF,
pickup; the AWB reaches Amazon), one cancelled, one shipped and returned; then each order's state at the
simulator is printed beside ours, and the script exits 1 unless every order matches.

Every step is the real command (``python -m app ...``'s parser and handlers) run in this process, because
secrets go to the OS keyring and a build machine has none: an in-memory keyring stands in for it here.
What is not simulated: the marketplaces' own return flows (a return is started by the buyer at the
marketplace and refunded there), so a return we received matches a marketplace order that shipped.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import keyring  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from app.commands.parser import build_parser, dispatch  # noqa: E402
from app.paths import DataDir  # noqa: E402

ITEMS = (("ATTA5", "Aashirvaad Atta 5 kg", "265", "1101"), ("DAL1", "Toor Dal 1 kg", "160", "0713"),
         ("GHEE1", "Amul Ghee 1 L", "650", "0405"))
SECRETS = {"amazon": ["refresh_token=good-refresh", "client_secret=cs"], "shopify": ["access_token=shpat-test"],
           "woocommerce": ["consumer_key=ck_test", "consumer_secret=cs_test"]}


def shown(market: str, status: str) -> str:
    """The order's state in the marketplace's own words (Amazon shows accepted and new orders alike as
    Unshipped); a return we received shows there as the shipment it was (see the docstring)."""
    from app.sim.marketplace.amazon import AMAZON_STATUS
    from app.sim.marketplace.shopify import SHOPIFY_FULFILMENT
    from app.sim.marketplace.woo import WOO_STATUS

    status = "shipped" if status == "returned" else status
    if market == "shopify":
        return "CANCELLED" if status == "cancelled" else SHOPIFY_FULFILMENT[status]
    return {"amazon": AMAZON_STATUS, "woocommerce": WOO_STATUS}[market][status]


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def cli(data: DataDir, *argv: str) -> str:
    """Run one ``python -m app`` command; its printed output (raises if it failed)."""
    args = build_parser().parse_args(["--shop", "roundtrip", *argv])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = dispatch(args, data)
    if code != 0:
        raise RuntimeError(f"python -m app {' '.join(argv)} -> {code}: {err.getvalue() or out.getvalue()}")
    return out.getvalue()


def start_simulator(data: DataDir) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data.root), "marketplace-sim",
                             "--port", "0", "--no-rate-limits"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    if " on " not in line:
        proc.kill()
        raise RuntimeError(f"the simulator did not start: {line!r}")
    return proc, line.split(" on ")[1].split(" ")[0]


def roundtrip(folder: Path, *, show=print) -> list[dict]:
    """The whole round trip; returns one row per order: market, remote id, ours, theirs, match."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    data = DataDir(folder).ensure()
    proc, url = start_simulator(data)
    client = httpx.Client(base_url=url, timeout=10)
    try:
        show(cli(data, "init", "--name", "Roundtrip Kirana", "--state", "27", "--gstin", "27AAPFU0939F1ZV",
                 "--city", "Pune", "--pincode", "411038").strip())
        for sku, name, price, hsn in ITEMS:
            cli(data, "product", "add", sku, name, "--price", price, "--stock", "20", "--hsn", hsn)
            for market in ("shopify", "woocommerce"):  # the seller's own stores already carry the product
                client.post("/_sim/listing", json={"market": market, "sku": sku, "title": name})
        for market, secrets in SECRETS.items():
            account = ["--account", '{"seller_id": "A1SELLER"}'] if market == "amazon" else []
            show(cli(data, "sync", "connect", market, "--url", url, *account,
                     *[f"--secret={s}" for s in secrets]).strip())
            show(cli(data, "list-on", market, *[item[0] for item in ITEMS]).strip())
        show(cli(data, "sync", "run").strip())
        time.sleep(0.2)
        show(cli(data, "sync", "run").strip())  # Amazon's listings are accepted asynchronously: read them back
        placed = {}
        for market, (sku, *_rest) in zip(SECRETS, ITEMS, strict=True):
            for role in ("act", "keep"):
                reply = client.post("/_sim/order", json={"market": market, "sku": sku, "qty": 1})
                if reply.status_code != 200:
                    raise RuntimeError(f"{market} shows no stock of {sku}: the listing did not arrive")
                placed[(market, role)] = reply.json()["id"]
        show(cli(data, "sync", "run").strip())
        board = {(o["channel"], o["remote_id"]): o for o in json.loads(cli(data, "orders", "--json"))["orders"]}

        def local_id(market: str, role: str) -> str:
            return str(board[(market, placed[(market, role)])]["order_id"])

        show(cli(data, "orders", "plan", local_id("amazon", "act")).strip())
        client.post("/_sim/courier", json={"awb_delay": 1})  # the aggregator is slow to assign the AWB once
        show(cli(data, "courier", "set", "--url", url, "--email", "seller@example.com", "--password",
                 "courier-pass").strip())  # the password goes to the keyring
        show(cli(data, "orders", "rates", local_id("amazon", "act"), "--pin", "110001").strip())
        booked = json.loads(cli(data, "orders", "book", local_id("amazon", "act"), "--pin", "110001", "--json"))
        show(f"booked: AWB {booked['awb']} ({booked['courier']}), label {booked['label']}")
        show(cli(data, "orders", "cancel", local_id("shopify", "act"), "--reason", "customer asked").strip())
        show(cli(data, "orders", "ship", local_id("woocommerce", "act"), "--carrier", "India Post", "--tracking",
                 "EE123456789IN").strip())
        show(cli(data, "sync", "run").strip())
        show(cli(data, "orders", "return", local_id("woocommerce", "act")).strip())
        show(cli(data, "sync", "run").strip())
        theirs = client.get("/_sim/state").json()["orders"]
        ours = {(o["channel"], o["remote_id"]): o for o in json.loads(cli(data, "orders", "--json"))["orders"]}
        rows = []
        for (market, role), remote in placed.items():
            mine = ours[(market, remote)]["status"]
            there = theirs[market][remote]["status"]
            rows.append({"market": market, "remote_id": remote, "ours": mine, "theirs": there, "step": role,
                         "shown": shown(market, there), "tracking": theirs[market][remote]["tracking"],
                         "match": shown(market, mine) == shown(market, there),
                         "awb": booked["awb"] if (market, role) == ("amazon", "act") else ""})
        return rows
    finally:
        client.close()
        proc.terminate()
        proc.wait(10)
        keyring.set_keyring(previous)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="roundtrip-"))
    started = time.monotonic()
    rows = roundtrip(folder)
    print(f"\n{'market':<12} {'order':<24} {'ours':<10} {'simulator':<10} {'the marketplace shows':<22} match")
    for r in rows:
        print(f"{r['market']:<12} {r['remote_id']:<24} {r['ours']:<10} {r['theirs']:<10} {r['shown']:<22} "
              f"{'yes' if r['match'] else 'NO'}")
    print(f"{sum(r['match'] for r in rows)}/{len(rows)} orders match ({time.monotonic() - started:.1f} s, data in "
          f"{folder})")
    return 0 if all(r["match"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
