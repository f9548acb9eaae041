"""Process wiring: start Rasa, the action server and the web page together (``make serve``,
``make shell``); the scaled set-up (``deploy``) starts Rasa the same way."""
