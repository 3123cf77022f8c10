"""The Agents tab's parts (the page itself is ``app.ui.pages.agents``): the switches and limits with their
preview (``limits_box``)."""
