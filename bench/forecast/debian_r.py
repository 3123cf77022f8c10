"""Data from Debian's R packages (``r-cran-*``), for the benchmark sets: downloaded once with ``apt-get download`` and
unpacked with ``dpkg-deb`` into a cache outside git (``$TAVYONIX_BENCH_CACHE``, default ``~/.cache/tavyonix-bench``),
then read with the PyPI package ``rdata`` (bench extra). Nothing is committed or shipped.

R packages keep their data either as one ``.rda`` (or ``.RData``) file a data set (``r-cran-bayesm``, ``r-cran-aer``,
``r-cran-surveillance``) or in a
lazy-load database (``data/Rdata.rdb`` with its index ``Rdata.rdx``: ``r-cran-modeldata``), which ``rdata`` cannot
open by itself: ``lazyload`` reads one object of it.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import subprocess
import zlib
from pathlib import Path
from typing import Any

SITE = "usr/lib/R/site-library"


def cache_dir() -> Path:
    return Path(os.environ.get("TAVYONIX_BENCH_CACHE", Path.home() / ".cache" / "tavyonix-bench"))


def unpacked(package: str, folder: str, download: bool = True) -> Path | None:
    """The root of Debian's ``package`` unpacked in the cache's ``folder`` (downloaded and unpacked the first time);
    None where it is not there and ``download`` is False (the tests never reach the network)."""
    cache = cache_dir() / folder
    root = cache / "x"
    if (root / SITE).exists():
        return root
    debs = sorted(cache.glob(f"{package}_*.deb"))
    if not debs:
        if not download:
            return None
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["apt-get", "download", package], cwd=cache, check=True)
        debs = sorted(cache.glob(f"{package}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(root)], check=True)
    return root


def _unpack(entry: bytes) -> bytes:
    """One lazy-load entry: 4 bytes of length, then the serialized object compressed by R's ``compress=`` choice:
    a type byte (``Z`` xz as a raw LZMA2 stream, ``2`` bzip2, ``0`` none), or zlib with no type byte."""
    kind = entry[4:5]
    if kind == b"Z":
        return lzma.decompress(entry[5:], format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA2, "preset": 6}])
    if kind == b"2":
        return bz2.decompress(entry[5:])
    if kind == b"0":
        return entry[5:]
    return zlib.decompress(entry[4:])


def lazyload(base: Path, name: str) -> Any:
    """The object ``name`` of the lazy-load database ``base`` (``.../data/Rdata``: its ``.rdx`` index and ``.rdb``
    entries), converted by ``rdata`` (a data frame comes back as a pandas DataFrame)."""
    import warnings

    import rdata

    def convert(raw: bytes) -> Any:
        with warnings.catch_warnings():  # a bare serialized object: rdata says it assumes RDS, which is right
            warnings.simplefilter("ignore", UserWarning)
            return rdata.conversion.convert(rdata.parser.parse_data(raw))

    index = convert(gzip.decompress(base.with_suffix(".rdx").read_bytes()))
    offset, length = (int(v) for v in index["variables"][name])
    with base.with_suffix(".rdb").open("rb") as f:
        f.seek(offset)
        return convert(_unpack(f.read(length)))


def surveillance_observed(dataset: str, freq: int, start: tuple[int, int], download: bool = True) -> Any:
    """The ``observed`` counts (time × units) of one of the surveillance package's ``sts`` data sets, its frequency and
    start checked against what the caller expects; FileNotFoundError where the package is not in the cache."""
    root = unpacked("r-cran-surveillance", "surveillance", download)
    if root is None:
        raise FileNotFoundError("r-cran-surveillance is not in the cache")
    import warnings

    import numpy as np
    import rdata

    with warnings.catch_warnings():  # an "sts" object: rdata returns its slots, which is what is read here
        warnings.simplefilter("ignore", UserWarning)
        sts = rdata.read_rda(str(root / SITE / "surveillance" / "data" / f"{dataset}.RData"),
                             default_encoding="utf8")[dataset]
    assert int(np.ravel(sts.freq)[0]) == freq and tuple(int(v) for v in np.ravel(sts.start)) == start
    return sts.observed
