"""Setting up a new shop from the window: the first-run wizard (``wizard``)."""

from app.ui.setup.wizard import SetupWizard

__all__ = ["SetupWizard"]
