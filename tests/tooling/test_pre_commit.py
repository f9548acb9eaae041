"""The pre-commit hooks are valid and really stop a commit that `make lint` would fail."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = ROOT / ".venv" / "bin" / "pre-commit"


def _run(args: list, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(
        [str(PRE_COMMIT), *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_configuration_is_valid(tmp_path: Path) -> None:
    result = _run(["validate-config", ".pre-commit-config.yaml"], ROOT, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "hook, bad, good",
    [
        ("ruff", "import os\n\nX = 1\n", "X = 1\n"),
        ("ruff-format", "X = {'a':1}\n", 'X = {"a": 1}\n'),
    ],
)
def test_a_hook_fails_on_what_make_lint_fails_on(
    tmp_path: Path, hook: str, bad: str, good: str
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    shutil.copy(ROOT / "pyproject.toml", repo)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "module.py").write_text(bad, encoding="utf-8")
    subprocess.run(["git", "add", "module.py"], cwd=repo, check=True)
    failed = _run(["run", hook, "--files", "module.py"], repo, tmp_path / "home")
    assert failed.returncode != 0, failed.stdout
    (repo / "module.py").write_text(good, encoding="utf-8")
    passed = _run(["run", hook, "--files", "module.py"], repo, tmp_path / "home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
