"""Children started together and stopped together: ``make serve`` / ``make shell``
(bot.runtime.launcher) and the scaled set-up's supervisor (deploy.supervisor) use the
same process-group handling, so a stopped assistant leaves no process behind."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from typing import Dict, List, Optional

from bot.settings import ROOT


class ProcessGroup:
    """Children started together, stopped together (process groups, then SIGKILL)."""

    def __init__(self, env: Dict[str, str]) -> None:
        self.env = env
        self.children: List[subprocess.Popen[bytes]] = []

    def start(
        self,
        command: List[str],
        foreground: bool = False,
        env: Optional[Dict[str, str]] = None,
    ) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env if env is None else env,
            start_new_session=not foreground,
        )
        self.children.append(process)
        return process

    def stop(self, grace: float = 10.0) -> None:
        for process in self.children:
            if process.poll() is None:
                signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in self.children:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                signal_group(process, signal.SIGKILL)
                process.wait()

    def wait_any(self) -> int:
        """Block until one child exits; return its exit code."""
        while True:
            for process in self.children:
                code = process.poll()
                if code is not None:
                    return code
            time.sleep(0.5)


def signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    """Signal the child's whole process group (it started one); the child alone if not."""
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(sig)
