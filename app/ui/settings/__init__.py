"""The Settings tab's parts: the shop's profile (``shop_form``) and this PC's receipt printer
(``printer_form``); the tab itself is ``app.ui.pages.settings``."""
