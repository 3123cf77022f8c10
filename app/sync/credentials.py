"""Marketplace credentials, only in the OS keyring (Windows Credential Manager, macOS Keychain, Secret
Service on Linux). Never in the database, the log or an exception message.

Windows Credential Manager keeps at most 2560 bytes per secret; a longer token (Amazon's refresh
tokens can be long) is encrypted with a key kept in the keyring (Fernet: AES-128-CBC + HMAC-SHA256)
and the ciphertext is written to ``<data>/credentials/`` (useless without the keyring's key).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from app.sync.errors import MissingCredential, NoKeyring

SERVICE = "tavyonix"
MAX_IN_KEYRING = 1000  # characters; Credential Manager's limit is 2560 bytes of UTF-16
ENCRYPTED = "enc:v1"


def _keyring():
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise NoKeyring()
    return keyring


def keyring_available() -> bool:
    try:
        _keyring()
    except NoKeyring:
        return False
    return True


class Credentials:
    """``get(channel, name)`` / ``set`` / ``forget`` for one data directory (the shop's PC)."""

    def __init__(self, folder: Path, *, service: str = SERVICE) -> None:
        self.folder, self.service = Path(folder), service

    def _user(self, channel: str, name: str) -> str:
        return f"{channel}:{name}"

    def _file(self, channel: str, name: str) -> Path:
        return self.folder / f"{channel}.{name}.enc"

    def _key(self, channel: str, *, create: bool) -> bytes | None:
        kr = _keyring()
        key = kr.get_password(self.service, self._user(channel, "__key__"))
        if key is None and create:
            from cryptography.fernet import Fernet

            key = Fernet.generate_key().decode()
            kr.set_password(self.service, self._user(channel, "__key__"), key)
        return key.encode() if key else None

    def set(self, channel: str, name: str, value: str) -> None:
        kr = _keyring()
        if len(value) <= MAX_IN_KEYRING:
            kr.set_password(self.service, self._user(channel, name), value)
            self._file(channel, name).unlink(missing_ok=True)
            return
        from cryptography.fernet import Fernet

        token = Fernet(self._key(channel, create=True)).encrypt(value.encode())
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".cred-")
        with os.fdopen(fd, "wb") as f:
            f.write(token)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self._file(channel, name))
        kr.set_password(self.service, self._user(channel, name), ENCRYPTED)

    def get(self, channel: str, name: str) -> str:
        value = _keyring().get_password(self.service, self._user(channel, name))
        if value is None:
            raise MissingCredential(channel)
        if value != ENCRYPTED:
            return value
        from cryptography.fernet import Fernet, InvalidToken

        key = self._key(channel, create=False)
        path = self._file(channel, name)
        if key is None or not path.exists():
            raise MissingCredential(channel)
        try:
            return Fernet(key).decrypt(path.read_bytes()).decode()
        except InvalidToken:
            raise MissingCredential(channel) from None

    def forget(self, channel: str, names: tuple[str, ...]) -> None:
        import keyring.errors

        kr = _keyring()
        for name in (*names, "__key__"):
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                kr.delete_password(self.service, self._user(channel, name))
            self._file(channel, name).unlink(missing_ok=True)

    def __call__(self, channel: str, name: str) -> str:
        return self.get(channel, name)


SECRET_NAMES = {"amazon": ("refresh_token", "client_secret"), "shopify": ("access_token",),
                "woocommerce": ("consumer_key", "consumer_secret"), "ondc": ("api_key",),
                "whatsapp": ("access_token",), "facebook_page": ("access_token",),
                "google_business": ("refresh_token", "client_id", "client_secret"),
                "instagram_business": ("access_token",), "amazon_ads": ("refresh_token", "client_secret")}
