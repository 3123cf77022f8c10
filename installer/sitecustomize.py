"""Installed next to the app by the Windows installer; the embedded Python imports it at every start
(``import site`` in ``Python\\python3XX._pth``), whether through the shortcut or ``python -m app``.

1. The ``*.pth`` files in ``pkgs`` are processed, as they would be in a normal site-packages:
   pywin32 (the receipt printer) puts its ``win32`` folders on sys.path and its DLL folder on the
   DLL search path that way.
2. When stdout or stderr is a pipe or a file (``python -m app info > shop.txt``, a script reading
   ``--json``), Windows Python writes in the ANSI code page (cp1252), which has no ₹ or Hindi: the
   command would fail after doing its work. Those streams become UTF-8, as on a console.
"""

import os
import site
import sys

site.addsitedir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pkgs"))

for _stream in (sys.stdout, sys.stderr):
    try:
        if _stream is not None and not _stream.isatty():
            _stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    except (AttributeError, OSError, ValueError):
        pass
