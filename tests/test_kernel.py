"""Settings declared once, this PC's preferences file, the log's secret filter, paths."""

import json
import logging

import pytest

from app import config
from app.config import MachineConfig, get_setting
from app.errors import InputError
from app.log import redact, setup_logging
from app.paths import DataDir, default_data_dir


def test_every_setting_has_a_description_and_a_valid_default():
    for key, setting in config.SETTINGS.items():
        assert setting.description(), key
        assert setting.parse(setting.default) == setting.default, key


def test_setting_values_are_checked():
    assert get_setting("billing.round_to_rupee").parse("no") is False
    assert get_setting("backup.keep").parse("7") == 7
    with pytest.raises(InputError):
        get_setting("backup.keep").parse("0")
    with pytest.raises(InputError):
        get_setting("ui.language").parse("fr")
    with pytest.raises(InputError):
        get_setting("nope")


def test_machine_config_survives_a_damaged_file(tmp_path):
    path = tmp_path / "machine.json"
    machine = MachineConfig(path)
    machine.set(config.LANGUAGE, "hi")
    assert json.loads(path.read_text(encoding="utf-8"))["ui.language"] == "hi"
    assert MachineConfig(path).get(config.LANGUAGE) == "hi"
    path.write_text("{ half written", encoding="utf-8")
    assert MachineConfig(path).get(config.LANGUAGE) == "en"  # defaults, never a crash at the counter


def test_data_dir_override_and_layout(tmp_path, monkeypatch):
    monkeypatch.setenv("TAVYONIX_HOME", str(tmp_path / "x"))
    assert default_data_dir() == tmp_path / "x"
    data = DataDir().ensure()
    assert data.shop_db("sharma-kirana") == tmp_path / "x" / "shops" / "sharma-kirana.db"
    with pytest.raises(InputError):
        data.shop_db("../etc/passwd")


@pytest.mark.parametrize(("text", "secret"), [
    ("Authorization: Bearer abc.def.ghi", "abc.def.ghi"), ("refresh_token=Atzr|IwEBIAbc", "IwEBIAbc"),
    ('{"access_token": "xyz123"}', "xyz123"), ("client_secret=s3cr3t&x=1", "s3cr3t"), ("api-key: 98765", "98765"),
])
def test_secrets_never_reach_the_log(text, secret, tmp_path):
    assert "***" in redact(text) and secret not in redact(text)
    path = setup_logging(tmp_path / "logs", to_stderr=False)
    logging.getLogger("app.test").warning("calling the marketplace with %s", text)
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert secret not in path.read_text(encoding="utf-8")
