"""What the assistant exposes: only the REST channel, with its checks."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_checked_rest_channel_is_enabled() -> None:
    """socket.io would bypass bot.plugins.channels' limits; the widget does not use it."""
    channels = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    assert set(channels) == {"bot.plugins.channels.AssistantRestInput"}


def test_nothing_starts_rasa_with_other_credentials() -> None:
    """The launcher and the scaled set-up both pass this credentials.yml."""
    from bot.runtime.launcher import Settings, rasa_command
    from deploy.settings import Settings as DeploySettings
    from deploy.supervisor import rasa_command as deploy_rasa_command

    local = rasa_command(Settings.from_env({}))
    assert local[local.index("--credentials") + 1] == "credentials.yml"
    env = {
        "TRACKER_DB_URL": "postgresql://u:p@127.0.0.1:5432/rasa",
        "LOCK_STORE_URL": "redis://127.0.0.1:6379/1",
    }
    scaled = deploy_rasa_command(DeploySettings.from_env(env), 5005)
    assert scaled[scaled.index("--credentials") + 1] == str(ROOT / "credentials.yml")
