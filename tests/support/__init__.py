"""Test and benchmark harnesses: the real assistant and the scaled set-up on free local
ports, and the listening-socket reader. Never imported by product code."""
