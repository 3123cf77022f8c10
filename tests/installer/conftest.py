"""Installer tests. The full build + wine smoke test is slow and needs wine: it runs only when asked,
``TAVYONIX_INSTALLER_SMOKE=1 .venv/bin/python -m pytest tests/installer -m installer_smoke``
(or directly: ``installer/smoke``)."""


def pytest_configure(config):
    config.addinivalue_line("markers", "installer_smoke: builds the Windows installer and tests it under wine "
                                       "(minutes; opt-in with TAVYONIX_INSTALLER_SMOKE=1)")
