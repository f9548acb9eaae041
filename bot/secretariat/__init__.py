"""The secretariat's tools: retention (``make purge``), the report (``make report``) and
the workspace where answers are edited without a developer."""
