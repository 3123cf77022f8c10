"""One entry point for developers and for the shop PC, with no dependencies beyond Python itself.

    python dev.py start [APP ARGS...]   prepare everything if needed, then open the app on the demo shop
    python dev.py test  [PYTEST ARGS...] prepare everything if needed, then run ruff, mypy and the whole test suite
    python dev.py test --quick [ARGS...] the same without the tests marked slow (for the edit-test loop; CI runs
                                         the whole suite)
    python dev.py setup                  only prepare (virtual environment, packages, compiled resources)

Preparing is idempotent: the virtual environment in .venv is created once, and the packages are
reinstalled only when pyproject.toml changes (a hash of it is kept in .venv). Works the same on
Linux and Windows.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".tavyonix-setup"
MIN_PYTHON = (3, 11)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def say(text: str) -> None:
    print(f"[dev] {text}", flush=True)


def run(cmd: list[str], **kwargs) -> None:
    result = subprocess.run(cmd, cwd=ROOT, **kwargs)
    if result.returncode != 0:
        say(f"failed ({result.returncode}): {' '.join(map(str, cmd))}")
        sys.exit(result.returncode)


def wanted_stamp() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def setup() -> Path:
    """Create .venv and install the project with its dev extras, unless already done."""
    if sys.version_info < MIN_PYTHON:
        say(f"TAVYONIX needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; this is {sys.version.split()[0]}.")
        sys.exit(2)
    py = venv_python()
    if not py.exists():
        say("creating the virtual environment in .venv ...")
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    stamp = wanted_stamp()
    if not STAMP.exists() or STAMP.read_text().strip() != stamp:
        say("installing packages (first time, or pyproject.toml changed) ...")
        run([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", ".[dev]"])
        STAMP.write_text(stamp)
    prepare_resources(py)
    return py


def prepare_resources(py: Path) -> None:
    """Build cached resources (models, compiled data) that are too large or derived to keep in git.

    Each script under tools/prepare/ is idempotent and cheap when its output is already there.
    """
    prep_dir = ROOT / "tools" / "prepare"
    if not prep_dir.is_dir():
        return
    for script in sorted(prep_dir.glob("*.py")):
        run([str(py), str(script)])


def stray_tests_package(py: Path) -> str:
    """The installed distributions that put a regular ``tests`` package in the environment (some data packages do),
    which hides this project's ``tests`` from pytest; empty when there is none."""
    probe = ("import importlib.metadata as m, sysconfig, pathlib\n"
             "init = pathlib.Path(sysconfig.get_paths()['purelib'], 'tests', '__init__.py')\n"
             "if init.exists():\n"
             "    owners = {d.metadata['Name'] for d in m.distributions()\n"
             "              if any(str(f).replace('\\\\', '/') == 'tests/__init__.py' for f in (d.files or []))}\n"
             "    print(', '.join(sorted(owners)) or str(init))")
    return subprocess.run([str(py), "-c", probe], capture_output=True, text=True, cwd=ROOT).stdout.strip()


def main(argv: list[str]) -> None:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    command, rest = argv[0], argv[1:]
    if command == "setup":
        setup()
        say("ready.")
    elif command == "start":
        py = setup()
        args = rest or ["--shop", "demo"]
        os.execv(str(py), [str(py), "-m", "app", *args]) if os.name != "nt" else sys.exit(
            subprocess.call([str(py), "-m", "app", *args], cwd=ROOT)
        )
    elif command == "test":
        py = setup()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
        quick = "--quick" in rest
        rest = [arg for arg in rest if arg != "--quick"]
        say("ruff check ...")
        run([str(py), "-m", "ruff", "check", "."], env=env)
        say("mypy ...")
        run([str(py), "-m", "mypy"], env=env)  # what it checks and how strictly: [tool.mypy] in pyproject.toml
        if quick:
            # -m replaces the default "not long" of pyproject's addopts, so keep it
            rest = ["-m", "not slow and not long", *rest]
        workers = min(4, os.cpu_count() or 1)
        if workers > 1 and not any(arg == "-n" or arg.startswith(("-n", "--numprocesses")) for arg in rest):
            # pytest-xdist: the suite's slow tests (kill -9 runs, state machines) overlap on the cores
            rest = ["-n", str(workers), *rest]
        stray = stray_tests_package(py)
        if stray:
            say(f"the environment has a package named 'tests' from {stray}; it hides this project's tests."
                " Uninstall it (.venv/bin/python -m pip uninstall <name>) or use it in another environment.")
            sys.exit(1)
        say("pytest ..." + (" (quick: without the slow tests)" if quick else ""))
        run([str(py), "-m", "pytest", *rest], env=env)
    else:
        say(f"unknown command {command!r}; try: python dev.py start | test | setup")
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
