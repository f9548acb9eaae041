"""The workspace's settings, from the environment like every other process's."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from programme_kb.loader import data_dir

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8090
    data_dir: Path = ROOT / "programme_kb" / "data"
    var_dir: Path = ROOT / "var" / "workspace"
    unanswered_log: Path = ROOT / "var" / "unanswered.jsonl"
    tracker_db_url: Optional[str] = None
    review_days: int = 365
    """An entry whose as_of is older than this is listed under "to review"."""
    secure_cookie: bool = True
    fail_delay_s: float = 1.0

    @property
    def database(self) -> Path:
        return self.var_dir / "workspace.db"

    @property
    def lock_file(self) -> Path:
        return self.var_dir / "publish.lock"

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            host=env.get("WORKSPACE_HOST") or "127.0.0.1",  # not HOST: see bot.launcher
            port=int(env.get("WORKSPACE_PORT") or 8090),
            data_dir=Path(env["PROGRAMME_KB_DATA"])
            if env.get("PROGRAMME_KB_DATA")
            else data_dir(),
            var_dir=Path(env.get("WORKSPACE_DIR") or ROOT / "var" / "workspace"),
            unanswered_log=Path(
                env.get("UNANSWERED_LOG") or ROOT / "var" / "unanswered.jsonl"
            ),
            tracker_db_url=env.get("TRACKER_DB_URL") or None,
            review_days=int(env.get("WORKSPACE_REVIEW_DAYS") or 365),
            secure_cookie=env.get("WORKSPACE_INSECURE_COOKIE", "") != "1",
        )
