"""The widget, its demo pages and the small server that serves them (``server``)."""
