"""Screenshots of the chat panel beside the counter, in English and in Hindi (a development tool).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/assistant/screenshot_chat.py [OUT_DIR]

Builds the evaluation shop (tests/assistant/shop.py), opens the real main window on it with the panel
docked the way ``app.main`` docks it, asks a few questions, and saves ``assistant-chat-en.png`` and
``assistant-chat-hi.png`` (default: docs/screenshots/).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CONVERSATIONS = {
    "en": ["kal kitna becha?", "and last week?", "which items are running out?", "Maggi ka daam 2 rupay kam karo"],
    "hi": ["आज की बिक्री कितनी हुई?", "उधार किसका बाकी है?", "इस महीने मुनाफ़ा 15% बढ़ाओ", "टाटा नमक मंगवाओ"],
}


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.domain.clock import ManualClock
    from app.paths import DataDir
    from app.session import open_session
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.chat_panel import install_chat_dock
    from app.ui.main_window import MainWindow
    from app.wiring import make_assistant
    from tests.assistant.shop import TODAY, at, build

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    setup_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.db"
        build(template)
        for lang, messages in CONVERSATIONS.items():
            i18n.set_language(lang)
            data = DataDir(Path(tmp) / lang).ensure()
            shutil.copyfile(template, data.shop_db("sharma"))
            session = open_session(data, "sharma", clock=ManualClock(at(TODAY, 19)))
            bridge = EventBridge(session.bus)
            window = MainWindow(session, bridge)
            window.resize(1366, 768)
            assistant = make_assistant(session.ctx, session.machine)
            dock = install_chat_dock(window, assistant, bridge=bridge,
                                     background=lambda op, done, failed: done(op()))
            panel = dock.widget()
            window.show()
            for text in messages:
                panel.input.setText(text)
                panel.send()
                app.processEvents()
            for _ in range(5):
                app.processEvents()
            panel.scroll_to_end()
            app.processEvents()
            path = out / f"assistant-chat-{lang}.png"
            window.grab().save(str(path))
            print(f"saved {path}")
            window.close_quietly()
            bridge.close()
            assistant.close()
            session.close()
        i18n.set_language("en")


if __name__ == "__main__":
    main()
