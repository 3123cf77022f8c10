"""The installer's smoke test under wine + Xvfb (slow: not part of the default test suite).

    installer/smoke [--setup EXE] [--previous EXE] [--screenshots DIR] [--keep] [-- BUILD OPTIONS]

1. builds the installer from this checkout (unless --setup), and an earlier one to upgrade from
   (--previous, else a stand-in: this tree at HEAD numbered 0.0.1, with one extra file that the
   upgrade must remove);
2. in a new wine prefix (Windows 10 mode) on a private Xvfb screen: installs the earlier build
   silently, per user, and checks files, Start-menu and desktop shortcuts and the uninstall entry;
3. makes shop data with that version (a shop made through the CLI with a sale, and a shop file from
   an older schema, ``tests/fixtures/old_dbs``) and fingerprints it;
4. upgrades silently to the new build: earlier files gone, version and uninstall entry updated,
   the data untouched, the old shop migrated when opened (with a pre-migration backup);
5. shows the installer's own first screen (not silent) and takes a screenshot of it;
   starts the app exactly like its shortcut (``pythonw.exe tavyonix.pyw``), waits for the main
   window (on first start it builds the demo shop), takes a screenshot, closes it;
6. runs ``selfcheck`` (database, models, fonts, keyring, a sale on a copy of the demo shop) with the
   installed Python: every part must pass;
7. uninstalls silently (data kept), then installs again and uninstalls with /REMOVEDATA (data gone);
8. installs for everyone (/AllUsers, /NoDesktopShortcut: Program Files, HKLM, common Start menu) and
   uninstalls that.

The wine work-arounds (installer/wine/workarounds.py, and the prefix settings below) patch only the
throw-away test install. Writes build/smoke/report.json; exit 0 when every step passed.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from installer.wine import workarounds  # noqa: E402

PREVIOUS_VERSION = "0.0.1"
STALE_FILE = "app/_only_in_the_previous_build.py"
OLD_DB = ROOT / "tests" / "fixtures" / "old_dbs" / "0.1.0-m0008_channels_and_outbox.db"
MAIN_WINDOW = re.compile(r'"TAVYONIX \S{1,12} ([^"]+)"')  # "TAVYONIX — shop"; the dash may come out escaped
TOOLS = {"x86_64-w64-mingw32-gcc": "gcc-mingw-w64-x86-64-posix", "Xvfb": "xvfb", "xwd": "x11-apps",
         "xwininfo": "x11-utils", "makensis": "nsis", "osslsigncode": "osslsigncode"}


class SmokeFailed(RuntimeError):
    pass


def say(text: str) -> None:
    print(f"[smoke] {text}", flush=True)


class Wine:
    """A private wine prefix on a private Xvfb screen."""

    def __init__(self, work: Path, display: str) -> None:
        self.work = work
        self.prefix = work / "prefix"
        self.home = work / "home"  # wine links Desktop/Documents to $HOME: keep them inside the test
        self.home.mkdir(parents=True, exist_ok=True)
        self.wine = shutil.which("wine64") or ("/usr/lib/wine/wine64" if Path("/usr/lib/wine/wine64").exists()
                                               else shutil.which("wine"))
        self.server = shutil.which("wineserver") or "/usr/lib/wine/wineserver"
        if not self.wine:
            raise SmokeFailed("wine is missing: apt-get install wine wine64")
        self.env = dict(os.environ, WINEPREFIX=str(self.prefix), WINEARCH="win64", WINEDEBUG="-all",
                        WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d", HOME=str(self.home), DISPLAY=display)
        self.env.pop("TAVYONIX_HOME", None)
        self.user = getpass.getuser()

    def run(self, *args: str, timeout: int = 600, check: bool = False) -> subprocess.CompletedProcess:
        """Run a Windows program; stdout is a pipe (python.exe cannot start with a file as stdout in wine)."""
        try:
            result = subprocess.run([self.wine, *args], env=self.env, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            self.kill()
            raise SmokeFailed(f"{args[0]} did not finish in {timeout} s") from exc
        out = subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8", "replace"),
                                          result.stderr.decode("utf-8", "replace"))
        if check and out.returncode != 0:
            raise SmokeFailed(f"{' '.join(args)} -> {out.returncode}\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
        return out

    def wait(self) -> None:
        subprocess.run([self.server, "-w"], env=self.env, timeout=600)

    def kill(self) -> None:
        subprocess.run([self.server, "-k"], env=self.env, timeout=60)

    def boot(self) -> None:
        self.run("wineboot", "-u", timeout=300)
        self.wait()
        self.run("winecfg", "/v", "win10", timeout=120)  # wine 8 reports Windows 7; the installer wants 10+
        self.wait()

    def c(self, path: Path) -> str:
        """The Windows path of a file inside drive_c."""
        return "C:\\" + str(path.relative_to(self.prefix / "drive_c")).replace("/", "\\")

    @property
    def user_dir(self) -> Path:
        return self.prefix / "drive_c" / "users" / self.user

    @property
    def install_dir(self) -> Path:
        return self.user_dir / "AppData" / "Local" / "Programs" / "Tavyonix"

    @property
    def data_dir(self) -> Path:
        return self.user_dir / "AppData" / "Local" / "Tavyonix"

    @property
    def start_menu_lnk(self) -> Path:
        return self.user_dir / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / \
            "TAVYONIX.lnk"

    @property
    def desktop_lnk(self) -> Path:
        return self.user_dir / "Desktop" / "TAVYONIX.lnk"

    def registry(self, key: str) -> dict[str, str]:
        out = self.run("reg", "query", key, timeout=120)
        values = {}
        for line in out.stdout.splitlines():
            parts = line.strip().split(None, 2)
            if len(parts) == 3 and parts[1].startswith("REG_"):
                values[parts[0]] = parts[2].strip()
        return values

    def python(self, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
        return self.run(self.c(self.install_dir / "Python" / "python.exe"), *args, timeout=timeout)

    def app(self, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
        return self.python("-m", "app", *args, timeout=timeout)


UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Tavyonix"
ALL_USERS_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Tavyonix"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and "logs" not in p.relative_to(folder).parts and p.suffix not in {".lock"}}


# --- building ----------------------------------------------------------------------------------
def build_current(work: Path, extra: list[str]) -> Path:
    say("building the installer from this checkout")
    result = subprocess.run([sys.executable, str(ROOT / "installer" / "build.py"), *extra], cwd=ROOT)
    if result.returncode != 0:
        raise SmokeFailed("the build failed")
    report = json.loads((ROOT / "build" / "installer" / "build-report.json").read_text())
    return Path(report["setup"])


def build_stand_in_previous(work: Path) -> Path:
    """This tree at HEAD, numbered PREVIOUS_VERSION, with one file the new build no longer has."""
    src = work / "previous-src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    archive = work / "previous.tar"
    subprocess.run(["git", "archive", "--format=tar", "-o", str(archive), "HEAD"], cwd=ROOT, check=True)
    with tarfile.open(archive) as tf:
        tf.extractall(src, filter="data")
    pyproject = src / "pyproject.toml"
    text, count = re.subn(r'(?m)^version\s*=\s*"[^"]+"', f'version = "{PREVIOUS_VERSION}"', pyproject.read_text())
    assert count == 1, "no version line in pyproject.toml"
    pyproject.write_text(text)
    (src / STALE_FILE).write_text('"""Only in the stand-in previous build: the upgrade must remove it."""\n')
    say(f"building a stand-in previous release {PREVIOUS_VERSION} from HEAD")
    result = subprocess.run([sys.executable, str(ROOT / "installer" / "build.py"), "--source", str(src),
                             "--work", str(work / "previous-build"), "--out", str(work / "previous-dist"),
                             "--no-prepare", "--fast"], cwd=ROOT)
    if result.returncode != 0:
        raise SmokeFailed("the stand-in previous build failed")
    return next((work / "previous-dist").glob("Tavyonix-*-setup.exe"))


# --- the steps ---------------------------------------------------------------------------------
class Smoke:
    def __init__(self, wine: Wine, setup: Path, previous: Path, screenshots: Path | None, out: Path) -> None:
        self.w = wine
        self.setup = setup
        self.previous = previous
        self.screenshots = screenshots
        self.out = out
        self.report: dict = {"setup": str(setup), "setup_mb": round(setup.stat().st_size / 1e6, 1),
                             "previous": str(previous), "steps": {}, "workarounds": []}

    def step(self, name: str, fn) -> None:
        say(f"{name} ...")
        started = time.monotonic()
        try:
            details = fn() or {}
            entry = {"ok": True, **details}
        except SmokeFailed as exc:
            entry = {"ok": False, "error": str(exc)}
        entry["seconds"] = round(time.monotonic() - started, 1)
        self.report["steps"][name] = entry
        say(f"{name}: {'ok' if entry['ok'] else 'FAILED: ' + entry['error']} ({entry['seconds']} s)")
        if not entry["ok"]:
            raise SmokeFailed(f"{name}: {entry['error']}")

    def install(self, setup: Path, *flags: str) -> dict:
        target = self.w.prefix / "drive_c" / setup.name
        shutil.copyfile(setup, target)
        started = time.monotonic()
        result = self.w.run(self.w.c(target), "/S", *flags, timeout=900)
        self.w.wait()
        seconds = round(time.monotonic() - started, 1)
        target.unlink()
        if result.returncode != 0:
            raise SmokeFailed(f"{setup.name} /S {' '.join(flags)} exited with {result.returncode}")
        return {"install_s": seconds}

    def installed_version(self) -> str:
        return json.loads((self.w.install_dir / "build-info.json").read_text())["version"]

    def check_installed(self, version: str) -> dict:
        d = self.w.install_dir
        for rel in ("Python/pythonw.exe", "pkgs/PySide6", "app/main.py", "resources/fonts", "tavyonix.pyw",
                    "uninstall.exe"):
            if not (d / rel).exists():
                raise SmokeFailed(f"{rel} is not in the install folder")
        if self.installed_version() != version:
            raise SmokeFailed(f"build-info.json says {self.installed_version()}, expected {version}")
        for lnk in (self.w.start_menu_lnk, self.w.desktop_lnk):
            if not lnk.exists():
                raise SmokeFailed(f"shortcut {lnk.name} missing in {lnk.parent}")
            blob = lnk.read_bytes()
            if "pythonw.exe".encode("utf-16-le") not in blob and b"pythonw.exe" not in blob:
                raise SmokeFailed(f"{lnk} does not start pythonw.exe")
        # byte-code is either shipped or compiled by the installer on the PC (the default): none at all means
        # the install-time compile did not run, and every start would compile the whole app in memory again
        pyc = {top: sum(1 for _ in (d / top).rglob("*.pyc")) for top in ("app", "pkgs")}
        if not all(pyc.values()):
            raise SmokeFailed(f"no .pyc after installing (neither shipped nor compiled at install): {pyc}")
        entry = self.w.registry(UNINSTALL_KEY)
        if entry.get("DisplayVersion") != version:
            raise SmokeFailed(f"uninstall entry shows {entry.get('DisplayVersion')}, expected {version}")
        return {"version": version, "pyc_files": pyc, "installed_mb": round(sum(f.stat().st_size for f in d.rglob("*")
                                                               if f.is_file()) / 1e6, 1),
                "uninstall_entry": {k: entry[k] for k in ("DisplayName", "DisplayVersion", "InstallLocation")}}

    def patch_for_wine(self) -> dict:
        done = workarounds.apply(self.w.prefix, self.w.install_dir, self.w.work / "stubs")
        for item in done:
            if item not in self.report["workarounds"]:
                self.report["workarounds"].append(item)
        return {"applied": done}

    def make_data(self) -> dict:
        has_demo = (self.w.install_dir / "app" / "sim" / "history" / "__init__.py").exists()
        shop = "kirana" if has_demo else "demo"  # without app.sim.history the CLI-made shop stands in for the demo
        steps = [
            ["--shop", shop, "init", "--name", "Smoke Test Kirana", "--state", "27", "--gstin", "27AAPFU0939F1ZV"],
            ["--shop", shop, "product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--mrp", "28", "--cost",
             "24", "--hsn", "2501", "--hindi", "टाटा नमक 1 किलो", "--stock", "20"],
            ["--shop", shop, "product", "add", "TEA250", "Tea 250 g", "--price", "140", "--mrp", "150", "--cost",
             "118", "--hsn", "0902", "--stock", "12"],
            ["--shop", shop, "sale", "SALT1:2", "TEA250:1", "--tendered", "200"],
        ]
        for args in steps:
            result = self.w.app(*args)
            if result.returncode != 0:
                raise SmokeFailed(f"python -m app {' '.join(args)} -> {result.returncode}: {result.stderr[-1500:]}")
        self.w.data_dir.joinpath("shops").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(OLD_DB, self.w.data_dir / "shops" / "oldshop.db")
        self.shop = shop
        self.report["seeded_shop"] = shop
        self.before = fingerprint(self.w.data_dir / "shops")
        return {"shop": shop, "files": len(self.before)}

    def check_upgraded(self) -> dict:
        details = self.check_installed(self.version)
        if (self.w.install_dir / STALE_FILE).exists():
            raise SmokeFailed(f"{STALE_FILE} from the earlier build is still there after the upgrade")
        after = fingerprint(self.w.data_dir / "shops")
        if after != self.before:
            raise SmokeFailed("the upgrade changed the shop files")
        info = self.w.app("--shop", self.shop, "info", "--json")
        if info.returncode != 0:
            raise SmokeFailed(f"the upgraded app cannot open the shop {self.shop}: {info.stderr[-1500:]}")
        check = self.w.app("--shop", "oldshop", "check", "--json")
        if check.returncode != 0:
            raise SmokeFailed(f"the shop from the older schema does not open or check: {check.stderr[-1500:]}")
        backups = sorted(p.name for p in (self.w.data_dir / "backups" / "oldshop").glob("*pre-migration*.db"))
        if not backups:
            raise SmokeFailed("opening the older shop made no pre-migration backup (were migrations applied?)")
        return {**details, "data_untouched": True, "migrated_with_backup": backups[0]}

    def grab(self, name: str, *, trim: bool = False) -> Path:
        """Screenshot of the Xvfb screen (``trim``: cut to what is drawn) into the work folder (and --screenshots)."""
        shot = self.out / name
        xwd = subprocess.run(["xwd", "-root", "-silent"], env=self.w.env, capture_output=True, check=True)
        convert = "/usr/bin/convert" if Path("/usr/bin/convert").exists() else "convert"
        subprocess.run([convert, "xwd:-", *(["-trim", "+repage"] if trim else []), f"png:{shot}"], input=xwd.stdout,
                       check=True)
        if self.screenshots:
            self.screenshots.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, self.screenshots / name)
            return self.screenshots / name
        return shot

    def wait_for_window(self, pattern: re.Pattern, proc: subprocess.Popen, limit: int) -> str:
        started = time.monotonic()
        while time.monotonic() - started < limit:
            tree = subprocess.run(["xwininfo", "-root", "-tree"], env=self.w.env, capture_output=True,
                                  text=True).stdout
            match = pattern.search(tree)
            if match:
                return match.group(0).strip('"')
            if proc.poll() is not None:
                raise SmokeFailed(f"the program exited ({proc.returncode}) before its window appeared; see "
                                  f"{self.w.data_dir / 'logs'}")
            time.sleep(2)
        raise SmokeFailed(f"no window matching {pattern.pattern} within {limit} s")

    def show_setup(self) -> dict:
        """The installer's first screen, as a seller sees it on double-click (then cancelled)."""
        target = self.w.prefix / "drive_c" / self.setup.name
        shutil.copyfile(self.setup, target)
        proc = subprocess.Popen([self.w.wine, self.w.c(target)], env=self.w.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            title = self.wait_for_window(re.compile(r'"TAVYONIX [^"]* Setup"'), proc, 120)
            time.sleep(3)
            shot = self.grab("installer-setup.png", trim=True)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
            self.w.kill()
            self.w.wait()
            target.unlink(missing_ok=True)
        return {"window": title, "screenshot": str(shot)}

    def start_app(self) -> dict:
        """Start like the shortcut, wait for the main window, screenshot, close."""
        d = self.w.install_dir
        proc = subprocess.Popen([self.w.wine, "start", "/wait", self.w.c(d / "Python" / "pythonw.exe"),
                                 self.w.c(d / "tavyonix.pyw")], env=self.w.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        started = time.monotonic()
        try:
            title = self.wait_for_window(MAIN_WINDOW, proc, 900)  # the first start may build the demo shop
            window_s = round(time.monotonic() - started, 1)
            time.sleep(8)  # let the Today page fill in
            shot = self.grab("installer-app.png")
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
            self.w.kill()  # closes the app as a power cut would: the shop file is made for that
            self.w.wait()
        return {"window": title, "window_s": window_s, "screenshot": str(shot)}

    def selfcheck(self) -> dict:
        out = self.w.prefix / "drive_c" / "selfcheck.json"
        out.unlink(missing_ok=True)
        result = self.w.python("-m", "app.commands.selfcheck", "--out", self.w.c(out), timeout=1200)
        if not out.exists():
            raise SmokeFailed(f"selfcheck wrote no report ({result.returncode}): {result.stderr[-2000:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
        (self.out / "selfcheck.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        summary = {name: ("ok" if part["ok"] else f"FAILED: {part['message']}") + f" ({part.get('seconds')} s)"
                   for name, part in report["parts"].items()}
        if result.returncode != 0 or not report["ok"]:
            raise SmokeFailed(f"selfcheck failed: {json.dumps(summary, ensure_ascii=False)}")
        return {"parts": summary, "sale": report["parts"]["sale"].get("message")}

    def uninstall(self, *flags: str) -> dict:
        uninstaller = self.w.install_dir / "uninstall.exe"
        started = time.monotonic()
        result = self.w.run(self.w.c(uninstaller), "/S", *flags, timeout=600)
        self.w.wait()
        for _ in range(20):  # the NSIS uninstaller copies itself to %TEMP% and returns at once
            if not self.w.install_dir.exists():
                break
            time.sleep(1)
            self.w.wait()
        if result.returncode != 0:
            raise SmokeFailed(f"uninstall.exe /S {' '.join(flags)} exited with {result.returncode}")
        left = sorted(p.name for p in self.w.install_dir.iterdir()) if self.w.install_dir.exists() else []
        if left:
            raise SmokeFailed(f"left in the install folder: {left}")
        for lnk in (self.w.start_menu_lnk, self.w.desktop_lnk):
            if lnk.exists():
                raise SmokeFailed(f"{lnk.name} is still in {lnk.parent}")
        if self.w.registry(UNINSTALL_KEY):
            raise SmokeFailed("the uninstall entry is still in the registry")
        data_kept = (self.w.data_dir / "shops").is_dir() and any((self.w.data_dir / "shops").glob("*.db"))
        if "/REMOVEDATA" in flags and self.w.data_dir.exists():
            raise SmokeFailed("/REMOVEDATA left the data folder")
        if "/REMOVEDATA" not in flags and not data_kept:
            raise SmokeFailed("uninstalling removed the shop data")
        return {"uninstall_s": round(time.monotonic() - started, 1), "data_kept": data_kept}

    def all_users(self) -> dict:
        """/AllUsers (wine's user is an administrator): Program Files, HKLM, the common Start menu."""
        details = self.install(self.setup, "/AllUsers", "/NoDesktopShortcut")
        folder = self.w.prefix / "drive_c" / "Program Files" / "Tavyonix"
        common_lnk = self.w.prefix / "drive_c" / "ProgramData" / "Microsoft" / "Windows" / "Start Menu" / \
            "Programs" / "TAVYONIX.lnk"
        entry = self.w.registry(ALL_USERS_KEY)
        if not (folder / "Python" / "pythonw.exe").exists():
            raise SmokeFailed(f"nothing installed in {folder}")
        if entry.get("InstallLocation") != "C:\\Program Files\\Tavyonix" or self.w.registry(UNINSTALL_KEY):
            raise SmokeFailed(f"uninstall entry not (only) for all users: HKLM {entry}")
        if not common_lnk.exists() or self.w.desktop_lnk.exists():
            raise SmokeFailed("expected the common Start-menu shortcut and no desktop shortcut")
        result = self.w.run(self.w.c(folder / "uninstall.exe"), "/S", timeout=600)
        self.w.wait()
        for _ in range(20):
            if not folder.exists():
                break
            time.sleep(1)
            self.w.wait()
        if result.returncode != 0 or folder.exists() or common_lnk.exists() or self.w.registry(ALL_USERS_KEY):
            raise SmokeFailed("the install for everyone was not removed cleanly")
        return details

    def run(self) -> None:
        named = re.match(r"Tavyonix-(.+)-setup\.exe$", self.setup.name)
        if not named:
            raise SmokeFailed(f"{self.setup.name} is not named Tavyonix-<version>-setup.exe")
        self.version = named.group(1)
        self.step("boot wine (Windows 10 mode)", lambda: self.w.boot() or {})
        self.step("install the previous build", lambda: self.install(self.previous))
        previous_version = self.installed_version()
        self.step("check the previous install", lambda: self.check_installed(previous_version))
        self.step("wine work-arounds (previous)", self.patch_for_wine)
        self.step("make shop data with the previous version", self.make_data)
        self.step("upgrade to the new build", lambda: self.install(self.setup))
        self.step("wine work-arounds (new)", self.patch_for_wine)
        self.step("check the upgrade", self.check_upgraded)
        self.step("show the installer's first screen", self.show_setup)
        self.step("start the app like its shortcut", self.start_app)
        self.step("selfcheck", self.selfcheck)
        self.step("uninstall (keeps the data)", self.uninstall)
        self.step("install again", lambda: self.install(self.setup))
        self.step("uninstall /REMOVEDATA", lambda: self.uninstall("/REMOVEDATA"))
        self.step("install for everyone and uninstall", self.all_users)


def check_tools() -> None:
    missing = [f"  {tool}: apt-get install {pkg}" for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    if not (shutil.which("wine64") or shutil.which("wine")):
        missing.append("  wine: apt-get install wine wine64")
    if missing:
        raise SmokeFailed("missing tools:\n" + "\n".join(missing))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="installer/smoke", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setup", help="test this setup.exe instead of building one")
    parser.add_argument("--previous", help="upgrade from this earlier setup.exe (default: a stand-in built here)")
    parser.add_argument("--screenshots", help="also save installer-setup.png and installer-app.png here "
                                              "(e.g. docs/screenshots)")
    parser.add_argument("--work", default=str(ROOT / "build" / "smoke"), help="work folder (default build/smoke)")
    parser.add_argument("--keep", action="store_true", help="keep the wine prefix afterwards")
    parser.add_argument("--display", default=":87", help="X display for the private Xvfb (default :87)")
    parser.add_argument("build_args", nargs="*", help="passed to installer/build (after --)")
    args = parser.parse_args(argv)
    work = Path(args.work).resolve()
    started = time.monotonic()
    xvfb = None
    report: dict = {}
    try:
        check_tools()
        shutil.rmtree(work / "prefix", ignore_errors=True)
        shutil.rmtree(work / "home", ignore_errors=True)
        work.mkdir(parents=True, exist_ok=True)
        previous = Path(args.previous).resolve() if args.previous else build_stand_in_previous(work)
        t_build = time.monotonic()
        setup = Path(args.setup).resolve() if args.setup else build_current(work, args.build_args)
        build_s = round(time.monotonic() - t_build, 1)
        xvfb = subprocess.Popen(["Xvfb", args.display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)
        smoke = Smoke(Wine(work, args.display), setup, previous,
                      Path(args.screenshots).resolve() if args.screenshots else None, work)
        report = smoke.report
        report["build_s"] = build_s if not args.setup else None
        smoke.run()
        report["ok"] = True
    except SmokeFailed as exc:
        report["ok"] = False
        report["error"] = str(exc)
        say(f"FAILED: {exc}")
    finally:
        if xvfb is not None:
            xvfb.terminate()
        report["total_s"] = round(time.monotonic() - started, 1)
        work.mkdir(parents=True, exist_ok=True)
        (work / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        if not args.keep:
            shutil.rmtree(work / "prefix", ignore_errors=True)
    say(f"{'PASSED' if report.get('ok') else 'FAILED'} in {report['total_s']} s; report: {work / 'report.json'}")
    return 0 if report.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
