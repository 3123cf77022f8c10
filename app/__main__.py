"""``python -m app``: the desktop app; ``python -m app COMMAND``: a headless command."""

import sys

from app.main import run

sys.exit(run())
