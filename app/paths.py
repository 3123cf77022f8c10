"""Where things live on disk: the per-user data directory, shop files, backups, logs, resources.

Data never lives in the install folder. Windows: ``%LOCALAPPDATA%\\Tavyonix``; Linux and others:
``$XDG_DATA_HOME/tavyonix`` (``~/.local/share/tavyonix``). ``--data-dir`` or ``TAVYONIX_HOME``
override both (tests and portable installs use that).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from app.errors import InputError
from app.i18n import _

__all__ = ["ENV_HOME", "SHOP_FILE_SUFFIX", "DataDir", "check_shop_name", "default_data_dir", "resources_dir"]

ENV_HOME = "TAVYONIX_HOME"
SHOP_FILE_SUFFIX = ".db"
_SHOP_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def default_data_dir() -> Path:
    if env := os.environ.get(ENV_HOME):
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "Tavyonix"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tavyonix"


def resources_dir() -> Path:
    """The shipped resources (fonts, models, data, locale), next to the ``app`` package."""
    return Path(__file__).resolve().parent.parent / "resources"


def check_shop_name(name: str) -> str:
    if not _SHOP_NAME.match(name):
        raise InputError(
            _("'{name}' cannot be a shop name.").format(name=name),
            hint=_("Use small letters, digits, '-' or '_' (up to 40), for example 'sharma-kirana'."),
        )
    return name


class DataDir:
    """The layout of one data directory."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = (Path(root) if root else default_data_dir()).expanduser().resolve()

    @property
    def shops(self) -> Path:
        return self.root / "shops"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def machine_config(self) -> Path:
        return self.root / "machine.json"

    def shop_db(self, shop: str) -> Path:
        return self.shops / f"{check_shop_name(shop)}{SHOP_FILE_SUFFIX}"

    def backups(self, shop: str) -> Path:
        return self.root / "backups" / check_shop_name(shop)

    def list_shops(self) -> list[str]:
        if not self.shops.is_dir():
            return []
        return sorted(p.stem for p in self.shops.glob(f"*{SHOP_FILE_SUFFIX}") if _SHOP_NAME.match(p.stem))

    def ensure(self) -> DataDir:
        for folder in (self.root, self.shops, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self
