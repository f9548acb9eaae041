"""The workspace's settings, from the environment like every other process's."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from bot import settings


@dataclass(frozen=True)
class Settings:
    """Defaults are bot.settings' defaults; ``from_env`` reads the environment."""

    host: str = field(default_factory=lambda: settings.value("WORKSPACE_HOST", {}))
    port: int = field(default_factory=lambda: int(settings.value("WORKSPACE_PORT", {})))
    data_dir: Path = field(
        default_factory=lambda: Path(settings.value("PROGRAMME_KB_DATA", {}))
    )
    var_dir: Path = field(
        default_factory=lambda: Path(settings.value("WORKSPACE_DIR", {}))
    )
    unanswered_log: Path = field(default_factory=lambda: settings.unanswered_log({}))
    tracker_db_url: Optional[str] = None
    review_days: int = field(
        default_factory=lambda: int(settings.value("WORKSPACE_REVIEW_DAYS", {}))
    )
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
            host=settings.value(
                "WORKSPACE_HOST", env
            ),  # not HOST: see bot.runtime.launcher
            port=int(settings.value("WORKSPACE_PORT", env)),
            data_dir=Path(settings.value("PROGRAMME_KB_DATA", env)),
            var_dir=Path(settings.value("WORKSPACE_DIR", env)),
            unanswered_log=settings.unanswered_log(env),
            tracker_db_url=settings.given("TRACKER_DB_URL", env) or None,
            review_days=int(settings.value("WORKSPACE_REVIEW_DAYS", env)),
            secure_cookie=settings.given("WORKSPACE_INSECURE_COOKIE", env) != "1",
        )
