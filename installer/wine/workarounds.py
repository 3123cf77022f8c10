"""TEST-ONLY work-arounds for gaps in Debian 12's wine 8.0, applied to the *installed copy inside a
throw-away wine prefix* by the smoke test. Nothing here goes into the installer: real Windows 10/11
has everything these fill in.

1. ``icuuc.dll``: Qt6Core imports 20 ``ucnv_*`` functions from Windows' system ICU (part of Windows
   since 10 1703); wine has none. A stub where every converter fails makes Qt use its own codecs.
2. ``ucrtbase`` lacks ``crealf/cimagf/creal/cimag`` in wine 8; numpy 2.x imports them through
   ``api-ms-win-crt-math-l1-1-0.dll`` and aborts. That import, in numpy's installed ``.pyd`` files,
   is renamed to a same-length helper DLL that implements them and forwards the rest to ucrtbase.
3. ``mscms.WcsCreateIccProfile`` is missing in wine; Qt's ``qwindows.dll`` calls it for the screen's
   colour profile. Same trick: a helper that fails cleanly and forwards the other three functions.
4. ``bcryptprimitives.dll`` (``ProcessPrng``) is missing in wine 8; every Rust extension built with Rust
   1.78+ imports it (rpds-py, under jsonschema). A stub that draws from RtlGenRandom.

usage (needs ``pefile`` and ``x86_64-w64-mingw32-gcc``):
    python workarounds.py apply WINEPREFIX INSTALL_DIR WORK_DIR
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pefile

HERE = Path(__file__).resolve().parent
CC = "x86_64-w64-mingw32-gcc"
CRT_MATH = b"api-ms-win-crt-math-l1-1-0.dll"
CRT_HELPER = b"xpi-ms-win-crt-math-l1-1-0.dll"
CRT_MISSING = {"crealf", "cimagf", "creal", "cimag", "cabsf", "cexpf"}


def _imports(path: Path) -> list:
    pe = pefile.PE(str(path), fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"]])
    entries = [(e.dll, [i.name.decode() for i in e.imports if i.name], pe.get_offset_from_rva(e.struct.Name))
               for e in getattr(pe, "DIRECTORY_ENTRY_IMPORT", [])]
    pe.close()
    return entries


def rename_import(path: Path, old: bytes, new: bytes, only_if: set[str] | None = None) -> list[str] | None:
    """Point ``path``'s import of DLL ``old`` at ``new`` (same length). Returns the imported names, or
    None when ``path`` does not import ``old`` (or none of ``only_if``)."""
    assert len(old) == len(new)
    for dll, names, offset in _imports(path):
        if dll.lower() != old.lower() or (only_if and not only_if & set(names)):
            continue
        data = bytearray(path.read_bytes())
        assert data[offset:offset + len(old)].lower() == old.lower()
        data[offset:offset + len(old)] = new
        path.write_bytes(bytes(data))
        return names
    return None


def _cc(out: Path, *sources: Path) -> None:
    subprocess.run([CC, "-O2", "-shared", "-s", "-o", str(out), *map(str, sources)], check=True)


def apply(prefix: Path, install: Path, work: Path) -> list[str]:
    """Apply all four to the install at ``install`` in ``prefix``; returns what was done."""
    work.mkdir(parents=True, exist_ok=True)
    system32 = prefix / "drive_c" / "windows" / "system32"
    done = []
    _cc(work / "icuuc.dll", HERE / "icuuc_stub.c")
    shutil.copyfile(work / "icuuc.dll", system32 / "icuuc.dll")
    done.append("icuuc.dll stub in system32")
    if not (system32 / "bcryptprimitives.dll").exists():
        _cc(work / "bcryptprimitives.dll", HERE / "processprng_stub.c")
        shutil.copyfile(work / "bcryptprimitives.dll", system32 / "bcryptprimitives.dll")
        done.append("bcryptprimitives.dll (ProcessPrng) stub in system32")

    names: set[str] = set()
    patched = 0
    for pyd in sorted((install / "pkgs").rglob("*.pyd")):
        imported = rename_import(pyd, CRT_MATH, CRT_HELPER, only_if=CRT_MISSING)
        if imported is not None:
            names |= set(imported)
            patched += 1
    if patched:
        definition = work / "crtmath.def"
        lines = ["LIBRARY xpi-ms-win-crt-math-l1-1-0.dll", "EXPORTS"]
        lines += [f"  {n}" if n in CRT_MISSING else f"  {n}=ucrtbase.{n}" for n in sorted(names)]
        definition.write_text("\n".join(lines) + "\n")
        _cc(work / CRT_HELPER.decode(), HERE / "crtmath_helper.c", definition)
        shutil.copyfile(work / CRT_HELPER.decode(), system32 / CRT_HELPER.decode())
        done.append(f"numpy: {patched} .pyd import complex-math helpers")

    qwindows = install / "pkgs" / "PySide6" / "plugins" / "platforms" / "qwindows.dll"
    if qwindows.exists() and rename_import(qwindows, b"mscms.dll", b"xscms.dll") is not None:
        _cc(work / "xscms.dll", HERE / "xscms.c", HERE / "xscms.def")
        shutil.copyfile(work / "xscms.dll", system32 / "xscms.dll")
        done.append("qwindows.dll: WcsCreateIccProfile fails cleanly")
    return done


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] != "apply":
        sys.exit(__doc__)
    for line in apply(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])):
        print(line)
