"""Starts TAVYONIX from its Start-menu and desktop shortcuts: ``Python\\pythonw.exe tavyonix.pyw``.

pythonw.exe has no console, so anything written to stdout/stderr (and a crash) would vanish. Here
they go to ``logs\\console.log`` in the data folder, and a failure to start is shown in a message box
that says where the details are. sys.path comes from ``Python\\python3XX._pth`` (the install folder and
its ``pkgs``), so nothing from the PC's environment leaks in.
"""

import os
import sys
import traceback


def _data_dir():
    home = os.environ.get("TAVYONIX_HOME")
    if home:
        return os.path.expanduser(home)
    base = os.environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
    return os.path.join(base, "Tavyonix")


def _console_log():
    folder = os.path.join(_data_dir(), "logs")
    try:
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "console.log")
        if os.path.exists(path) and os.path.getsize(path) > 1_000_000:
            os.replace(path, path + ".1")
        return path, open(path, "a", encoding="utf-8", buffering=1, errors="backslashreplace")
    except OSError:
        return None, None


def _tell(message):
    try:
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, message, "TAVYONIX", 0x10)
    except Exception:
        pass


def main():
    path, stream = (None, None)
    if sys.stdout is None or sys.stderr is None:
        path, stream = _console_log()
        if stream is not None:
            sys.stdout = sys.stdout or stream
            sys.stderr = sys.stderr or stream
            import faulthandler

            faulthandler.enable(stream)
    try:
        from app.main import run

        return run(sys.argv[1:])
    except SystemExit:
        raise
    except BaseException:
        traceback.print_exc()
        where = path or "the logs folder"
        _tell("TAVYONIX could not start.\n\nThe details are in:\n" + where
              + "\n\nPlease send that file to whoever helps you with TAVYONIX.")
        return 1


if __name__ == "__main__":
    sys.exit(main())
