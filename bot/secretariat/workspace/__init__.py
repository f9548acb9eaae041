"""The secretariat's workspace: sign in, answer, preview, publish and undo in a browser.

``python -m bot.secretariat.workspace`` serves it on WORKSPACE_PORT (8090), on HOST (127.0.0.1);
``python -m bot.secretariat.workspace.accounts add NAME`` creates an account (``make admin-user``).
"""
