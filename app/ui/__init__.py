"""The desktop app (PySide6). Qt lives here alone.

Entry point: :func:`app.ui.app.run_gui`. The window's tabs are :class:`app.ui.pages.base.Page`
subclasses listed in :data:`app.ui.pages.PAGES`; a new screen is one new module plus one line there.
Long work runs through :func:`app.ui.tasks.run_in_background`; service events reach widgets through
:class:`app.ui.bridge.EventBridge` as ``on_event_<snake_name>`` calls on the GUI thread.
"""
