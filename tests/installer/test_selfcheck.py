"""The ``selfcheck`` command: every part passes on a working setup, and each failure says what is wrong."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.commands import selfcheck
from app.paths import DataDir
from app.services import catalog, shop
from app.session import open_session

ROOT = Path(__file__).resolve().parents[2]


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def get_password(self, service, username):
        return self.store.get((service, username))

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def make_demo(data: DataDir) -> Path:
    """A small shop named 'demo' (the check copies it; it never writes to it)."""
    s = open_session(data, "demo", create=True)
    try:
        shop.create_shop(s.ctx, name="Demo Kirana", state_code="27", gstin="27AAPFU0939F1ZV")
        catalog.create_product(s.ctx, sku="SALT1", name_en="Tata Salt 1 kg", price_paise=2800, mrp_paise=2800,
                               cost_paise=2400, hsn_code="2501", opening_stock_milli=20_000)
        catalog.create_product(s.ctx, sku="TEA", name_en="Tea 250 g", price_paise=14000, mrp_paise=15000,
                               cost_paise=11800, hsn_code="0902", opening_stock_milli=5_000)
    finally:
        s.close()
    return data.shop_db("demo")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def data(tmp_path) -> DataDir:
    return DataDir(tmp_path / "data").ensure()


def test_every_part_passes_on_a_working_setup_and_the_demo_shop_is_not_touched(data, qapp, memory_keyring):
    demo = make_demo(data)
    before = digest(demo)
    report = selfcheck.run_checks(data)
    failed = {name: part["message"] for name, part in report["parts"].items() if not part["ok"]}
    assert failed == {}
    assert report["ok"] is True
    assert set(report["parts"]) == set(selfcheck.PARTS)
    sale = report["parts"]["sale"]
    assert sale["invoice"] and sale["sku"] == "SALT1"  # the item with the most stock
    assert "copy of the demo shop" in sale["source"]
    assert digest(demo) == before
    assert memory_keyring.store == {}  # the test password was deleted again
    assert "Noto Sans Devanagari" in report["parts"]["fonts"]["families"]


def test_without_a_demo_shop_or_a_demo_builder_the_sale_part_says_so(data, monkeypatch):
    monkeypatch.setitem(sys.modules, "app.sim.history", None)  # as in a build without app/sim/history
    report = selfcheck.run_checks(data, skip=[p for p in selfcheck.PARTS if p != "sale"])
    assert report["ok"] is False
    assert "no demo shop" in report["parts"]["sale"]["message"]
    assert all(part.get("skipped") for name, part in report["parts"].items() if name != "sale")


def test_a_missing_credential_store_fails_the_keyring_part(data, monkeypatch):
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        report = selfcheck.run_checks(data, skip=[p for p in selfcheck.PARTS if p != "keyring"])
    finally:
        keyring.set_keyring(previous)
    assert report["ok"] is False
    assert "no usable credential store" in report["parts"]["keyring"]["message"]


def test_a_data_folder_inside_onedrive_is_refused(data, monkeypatch):
    monkeypatch.setenv("OneDrive", str(data.root.parent))
    report = selfcheck.run_checks(data, skip=[p for p in selfcheck.PARTS if p != "data_folder"])
    assert report["parts"]["data_folder"]["ok"] is False
    assert "OneDrive" in report["parts"]["data_folder"]["message"]


def fake_install(tmp_path: Path, monkeypatch, version: str) -> Path:
    """An install folder laid out like the Windows one: resources/ next to build-info.json."""
    root = tmp_path / "install"
    (root / "resources" / "models").mkdir(parents=True)
    model = root / "resources" / "models" / "add.onnx"
    model.write_bytes(selfcheck._tiny_add_model())
    info = {"version": version, "python": "3.11.9",
            "files": {"resources/models/add.onnx": {"size": model.stat().st_size, "sha256": digest(model)}}}
    (root / "build-info.json").write_text(json.dumps(info))
    monkeypatch.setattr(selfcheck, "resources_dir", lambda: root / "resources")
    return root


def test_installed_files_are_compared_with_the_build(tmp_path, data, monkeypatch):
    import app

    root = fake_install(tmp_path, monkeypatch, app.__version__)
    only_install = [p for p in selfcheck.PARTS if p != "install"]
    assert selfcheck.run_checks(data, skip=only_install)["ok"] is True
    (root / "resources" / "models" / "add.onnx").write_bytes(b"damaged")
    part = selfcheck.run_checks(data, skip=only_install)["parts"]["install"]
    assert part["ok"] is False and "add.onnx" in part["message"] and "reinstall" in part["message"]


def test_a_version_mismatch_between_program_and_files_is_reported(tmp_path, data, monkeypatch):
    fake_install(tmp_path, monkeypatch, "0.0.0-other")
    part = selfcheck.run_checks(data, skip=[p for p in selfcheck.PARTS if p != "install"])["parts"]["install"]
    assert part["ok"] is False and "0.0.0-other" in part["message"]


def test_every_shipped_model_is_loaded_and_a_broken_one_is_named(tmp_path, data, monkeypatch):
    root = fake_install(tmp_path, monkeypatch, "x")
    only_models = [p for p in selfcheck.PARTS if p != "models"]
    part = selfcheck.run_checks(data, skip=only_models)["parts"]["models"]
    assert part["ok"] is True and part["models"]["add.onnx"]["ran_on_zeros"] is True
    (root / "resources" / "models" / "broken.onnx").write_bytes(b"not a model")
    part = selfcheck.run_checks(data, skip=only_models)["parts"]["models"]
    assert part["ok"] is False and "broken.onnx" in part["message"]


def test_the_command_prints_one_json_object_and_exits_1_on_a_failure(tmp_path):
    out = tmp_path / "report.json"
    env = dict(os.environ, TAVYONIX_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen",
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = subprocess.run([sys.executable, "-m", "app.commands.selfcheck", "--out", str(out),
                             "--skip", "models", "--skip", "fonts", "--skip", "sale"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report == json.loads(out.read_text(encoding="utf-8"))
    assert report["parts"]["database"]["ok"] is True
    assert "keyring FAILED" in result.stderr


def test_the_command_registers_with_the_cli_parser():
    import argparse

    parser = argparse.ArgumentParser()
    selfcheck.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["selfcheck", "--skip", "sale", "--out", "x.json"])
    assert args.handler is selfcheck.cmd_selfcheck and args.skip == ["sale"] and args.out == "x.json"
