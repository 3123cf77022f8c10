"""The app's runtime dependencies as Windows wheels: resolved for Windows, pinned with hashes, unpacked.

``pip download --platform win_amd64`` alone evaluates environment markers against the Linux build
host: it would leave out ``pywin32-ctypes`` (keyring's Windows backend needs it) and ``tzdata``, and
pull in ``SecretStorage``/``jeepney``. So the list in pyproject.toml is resolved by ``uv pip compile
--python-platform x86_64-pc-windows-msvc`` into a lock with hashes, and only then downloaded with
``pip download --no-deps --require-hashes --only-binary=:all: --platform win_amd64``.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path, PurePosixPath

# Added to the app's own dependencies for the Windows build: onnxruntime's DLLs import MSVCP140.dll and
# MSVCP140_1.dll, which the embeddable CPython lacks (it has only vcruntime140*.dll). This wheel holds
# Microsoft's signed redistributable DLLs; they go next to python.exe.
EXTRA_REQUIREMENTS = ("msvc-runtime",)
RUNTIME_DLLS = re.compile(r"^msvcp140(_\d+)?\.dll$", re.I)
WINDOWS = "x86_64-pc-windows-msvc"

# Parts of the wheels a Widgets app never loads. fnmatch patterns on paths relative to the staged tree
# ('*' crosses folders). If the UI ever uses QML, Quick or QOpenGLWidget, drop the matching lines.
TRIM = (
    "pkgs/PySide6/*.exe",
    "pkgs/PySide6/opengl32sw.dll",
    "pkgs/PySide6/qml",
    "pkgs/PySide6/Qt6Quick*",
    "pkgs/PySide6/Qt6Qml*",
    "pkgs/PySide6/Qt6Designer*",
    "pkgs/PySide6/Qt6Labs*",
    "pkgs/PySide6/Qt6OpenGL*",
    "pkgs/PySide6/QtQuick*",
    "pkgs/PySide6/QtQml*",
    "pkgs/PySide6/QtDesigner*",
    "pkgs/PySide6/QtOpenGL*",
    "pkgs/PySide6/metatypes",
    "pkgs/PySide6/include",
    "pkgs/PySide6/typesystems",
    "pkgs/PySide6/glue",
    "pkgs/PySide6/scripts",
    "pkgs/PySide6/support/deploy*",
    "pkgs/PySide6/translations/assistant_*",
    "pkgs/PySide6/translations/designer_*",
    "pkgs/PySide6/translations/linguist_*",
    "pkgs/PySide6/translations/qtdeclarative_*",
    "pkgs/PySide6/translations/qt_help_*",
    "pkgs/PySide6/plugins/qmltooling",
    "pkgs/PySide6/plugins/qmllint",
    "pkgs/PySide6/plugins/qmlls",
    "pkgs/PySide6/plugins/platforms/qdirect2d.dll",
    "pkgs/PySide6/plugins/designer",
    "pkgs/PySide6/plugins/sqldrivers",
    "pkgs/PySide6/plugins/vectorimageformats",
    "pkgs/PySide6/plugins/platforminputcontexts",
    "pkgs/PySide6/plugins/imageformats/qpdf.dll",
    # Qt modules the app never imports (it uses QtCore, QtGui, QtWidgets, QtPrintSupport; Qt6Svg stays for the
    # SVG icon and image plugins). Checked with `objdump -p` on the 6.11.3 wheel: apart from these, only files
    # trimmed above (Quick, Qml, Lottie, Help, Designer, the SQL drivers, qmltooling) import their DLLs.
    "pkgs/PySide6/Qt6Network*",
    "pkgs/PySide6/QtNetwork*",
    "pkgs/PySide6/plugins/tls",  # TLS backends and network reachability: Qt6Network only
    "pkgs/PySide6/plugins/networkinformation",
    "pkgs/PySide6/plugins/generic",  # TUIO touch over UDP (Qt6Network); loaded only when asked for with -plugin
    "pkgs/PySide6/Qt6DBus*",
    "pkgs/PySide6/QtDBus*",
    "pkgs/PySide6/Qt6Sql*",
    "pkgs/PySide6/QtSql*",
    "pkgs/PySide6/Qt6Xml*",
    "pkgs/PySide6/QtXml*",
    "pkgs/PySide6/Qt6Concurrent*",
    "pkgs/PySide6/QtConcurrent*",
    "pkgs/PySide6/Qt6SvgWidgets*",
    "pkgs/PySide6/QtSvgWidgets*",
    "pkgs/PySide6/resources/icudtl.dat",  # Chromium's ICU data, for Qt WebEngine (not in this build)
    "pkgs/PySide6/Qt6Help*",
    "pkgs/PySide6/QtHelp*",
    "pkgs/PySide6/Qt6Test*",
    "pkgs/PySide6/QtTest*",
    "pkgs/PySide6/Qt6UiTools*",
    "pkgs/PySide6/QtUiTools*",
    "pkgs/PySide6/Qt6Lottie*",
    "pkgs/PySide6/QtLabs*",
    "pkgs/PySide6/pyside6qml*",
    "pkgs/PySide6/*.lib",
    "pkgs/PySide6/lib",
    "pkgs/PySide6/doc",
    "pkgs/shiboken6/*.exe",
    "pkgs/*.pyi",
    "pkgs/numpy/*/tests",
    "pkgs/numpy/*.h",
    "pkgs/numpy/_core/include",
    "pkgs/numpy/f2py",
    "pkgs/onnxruntime/tools",
    "pkgs/onnxruntime/transformers",
    "pkgs/onnxruntime/quantization",
    "pkgs/onnxruntime/datasets",
    "pkgs/bin",
    "pkgs/pip",  # sqlite-utils lists pip for its own 'install' command, which the app never runs
    "pkgs/pip-*.dist-info",
    "pkgs/PySide6/translations",  # Qt's own dialog texts; the app has its own catalogs (and Qt none in Hindi)
    "pkgs/PIL/_avif*",  # AVIF images (7.9 MB, 1.9 MB packed): Pillow reads them only if this loads; photos are JPEG
    # python-escpos lists setuptools but never imports it
    "pkgs/setuptools",
    "pkgs/setuptools-*.dist-info",
    "pkgs/pkg_resources",
    "pkgs/_distutils_hack",
    "pkgs/distutils-precedence.pth",
    # pywin32: the receipt printer needs win32print and pywintypes, not the Pythonwin IDE, help, demos, tests
    "pkgs/pythonwin",
    "pkgs/PyWin32.chm",
    "pkgs/win32/Demos",
    "pkgs/win32/test",
    "pkgs/win32com/test",
    "pkgs/win32com/demos",
    "pkgs/win32comext/*/test",
    "pkgs/win32comext/*/demos",
    "*/__pycache__",
)


class WheelError(RuntimeError):
    pass


def project_metadata(pyproject: Path) -> dict:
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]


def requirements_in(pyproject: Path) -> list[str]:
    """The runtime requirements for the Windows build: pyproject's as they are now, plus the MSVC runtime."""
    deps = list(project_metadata(pyproject).get("dependencies", []))
    return deps + [r for r in EXTRA_REQUIREMENTS if r not in deps]


def resolve(uv: Path, reqs: list[str], lock: Path, python_minor: str) -> None:
    """Resolve ``reqs`` for Windows x64 and this CPython minor into ``lock`` (pins and sha256 hashes)."""
    source = lock.with_suffix(".in")
    source.write_text("\n".join(reqs) + "\n", encoding="utf-8")
    cmd = [str(uv), "pip", "compile", str(source), "--python-platform", WINDOWS, "--python-version", python_minor,
           "--generate-hashes", "--custom-compile-command", "installer/build", "--quiet", "-o", str(lock)]
    run(cmd, "resolving the Windows dependencies with uv")


def pinned(lock: Path) -> dict[str, str]:
    """{normalised name: version} from a lock written by ``uv pip compile``."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            found[normalise(match.group(1))] = match.group(2)
    return found


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def download(pip_python: Path, lock: Path, dest: Path, python_minor: str) -> list[Path]:
    """Download every wheel of ``lock`` for win_amd64 into ``dest`` (kept between builds); hashes required."""
    dest.mkdir(parents=True, exist_ok=True)
    version = python_minor.replace(".", "")
    cmd = [str(pip_python), "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
           "--require-hashes", "--only-binary=:all:", "--platform", "win_amd64", "--python-version", python_minor,
           "--implementation", "cp", "--abi", f"cp{version}", "--abi", "abi3", "--abi", "none",
           "-d", str(dest), "-r", str(lock)]
    run(cmd, "downloading the Windows wheels")
    wanted = pinned(lock)
    wheels = []
    for path in sorted(dest.glob("*.whl")):
        name, version_ = path.name.split("-")[:2]
        if wanted.get(normalise(name)) == version_:
            wheels.append(path)
    missing = set(wanted) - {normalise(p.name.split("-")[0]) for p in wheels}
    if missing:
        raise WheelError(f"no wheel downloaded for: {', '.join(sorted(missing))}")
    return wheels


def unpack(wheel: Path, pkgs: Path, runtime_dir: Path) -> list[str]:
    """Unpack ``wheel`` into ``pkgs`` (purelib and platlib alike); the MSVC runtime DLLs of a wheel's
    ``.data/data`` go to ``runtime_dir`` (next to python.exe). Returns the names of files put there."""
    placed = []
    with zipfile.ZipFile(wheel) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            parts = PurePosixPath(info.filename).parts
            if ".." in parts or info.filename.startswith("/"):
                raise WheelError(f"{wheel.name}: unsafe path {info.filename}")
            if parts[0].endswith(".data"):
                kind, rest = parts[1], parts[2:]
                if kind in {"purelib", "platlib"}:
                    target = pkgs.joinpath(*rest)
                elif kind == "data" and RUNTIME_DLLS.match(parts[-1]):
                    target = runtime_dir / parts[-1]
                    placed.append(parts[-1])
                else:
                    continue  # scripts, headers, other data: not needed by an embedded app
            else:
                target = pkgs.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
    return placed


def trim(stage: Path, patterns: tuple[str, ...] = TRIM) -> int:
    """Delete what matches ``patterns`` under ``stage``; returns the bytes removed."""
    removed = 0
    for path in sorted(stage.rglob("*"), key=lambda p: len(p.parts)):
        if not path.exists() and not path.is_symlink():
            continue  # inside a folder already removed
        rel = path.relative_to(stage).as_posix()
        if any(fnmatch.fnmatchcase(rel, pattern) for pattern in patterns):
            if path.is_dir():
                removed += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
                shutil.rmtree(path)
            else:
                removed += path.stat().st_size
                path.unlink()
    return removed


def path_files(pkgs: Path) -> list[Path]:
    """``*.pth`` files in pkgs (pywin32's among them): installer/sitecustomize.py has them processed."""
    return sorted(pkgs.glob("*.pth"))


def run(cmd: list[str], what: str) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise WheelError(f"{what} failed ({result.returncode}):\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
