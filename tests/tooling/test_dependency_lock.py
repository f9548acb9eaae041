"""The lock files: production gets only what runs the assistant, every file is checked
against a hash, and the runtime and development sets never disagree on a version.

`make lock` (uv pip compile) writes these files; these tests catch a hand edit or a
half-done update that pip would reject, or worse accept, only at install time."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Set, Tuple

import pytest
import tomli  # pytest's own TOML reader on Python 3.10

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {
    "requirements.txt": "requirements.in",
    "requirements-dev.txt": "requirements-dev.in",
}
DEV_ONLY = (
    "pytest",
    "pytest-asyncio",
    "hypothesis",
    "fakeredis",
    "ruff",
    "mypy",
    "playwright",
    "uv",
)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")

Lock = Dict[str, Tuple[str, Set[str]]]


def norm(name: str) -> str:
    """PEP 503 name: Jinja2, jinja2 and jinja_2 are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(name: str) -> Lock:
    """{package: (version, sha256 hashes)} of a pip-compile/uv lock file."""
    lock: Lock = {}
    current = ""
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = norm(match.group(1))
            assert current not in lock, f"{name}: {current} pinned twice"
            lock[current] = (match.group(2), set())
        elif line.strip().startswith("--hash="):
            lock[current][1].add(line.strip().removeprefix("--hash=").rstrip(" \\"))
    return lock


def read_pins(name: str) -> Dict[str, str]:
    """The `name==version` lines of an .in or constraints file (options skipped)."""
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[norm(match.group(1))] = match.group(2)
    return pins


@pytest.mark.parametrize("lock_name", sorted(LOCKS))
def test_every_package_has_sha256_hashes(lock_name: str) -> None:
    """pip --require-hashes refuses the whole install if one package lacks a hash."""
    lock = read_lock(lock_name)
    assert len(lock) > 100  # Rasa's closure: the file was really parsed
    for package, (_, hashes) in lock.items():
        assert hashes, f"{lock_name}: {package} has no hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), package


@pytest.mark.parametrize(("lock_name", "source"), sorted(LOCKS.items()))
def test_direct_pins_are_locked_at_their_version(lock_name: str, source: str) -> None:
    lock = read_lock(lock_name)
    pins = read_pins(source)
    if source == "requirements-dev.in":
        pins.update(read_pins("requirements.in"))  # its -r line
    assert pins
    for package, version in pins.items():
        assert lock.get(package, ("absent",))[0] == version, package


def test_production_gets_no_test_or_lint_tool() -> None:
    runtime = read_lock("requirements.txt")
    dev = read_lock("requirements-dev.txt")
    for tool in DEV_ONLY:
        assert tool in dev, tool
        assert tool not in runtime, f"{tool} would be installed in production"


def test_dev_set_is_runtime_set_plus_tools_same_versions_and_files() -> None:
    """What the tests pass with is what production runs: no package differs."""
    runtime = read_lock("requirements.txt")
    dev = read_lock("requirements-dev.txt")
    differing = [p for p, entry in runtime.items() if dev.get(p) != entry]
    assert differing == []


def test_constraints_are_the_dev_lock_without_hashes() -> None:
    """constraints.txt is what both locks compile under (and the images install with)."""
    dev = {
        package: version
        for package, (version, _) in read_lock("requirements-dev.txt").items()
    }
    assert read_pins("constraints.txt") == dev


def packages_on_disk() -> List[str]:
    top = ("programme_kb", "actions", "bot", "rasa_sdk_plugins", "deploy")
    found = []
    for name in top:
        for init in sorted((ROOT / name).rglob("__init__.py")):
            found.append(".".join(init.parent.relative_to(ROOT).parts))
    return found


def test_pip_install_dot_ships_every_package_and_its_data() -> None:
    """A new subpackage or data file left out of pyproject.toml would be missing after `pip install .`."""
    config = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    assert sorted(setuptools["packages"]) == sorted(packages_on_disk())
    assert config["project"]["dynamic"] == ["dependencies"]
    assert setuptools["dynamic"]["dependencies"] == {"file": ["requirements.in"]}
    data = setuptools["package-data"]
    for package, globs in data.items():
        base = ROOT / package.replace(".", "/")
        for glob in globs:
            assert list(base.glob(glob)), f"{package}: {glob} matches nothing"
    for needed in (
        "programme_kb/data/faq.yml",
        "programme_kb/language_words.yml",
        "bot/web/widget.js",
        "bot/secretariat/workspace/templates/base.html",
        "deploy/nginx.conf.template",
    ):
        owner = max(
            (p for p in data if needed.startswith(p.replace(".", "/") + "/")), key=len
        )
        relative = Path(needed).relative_to(owner.replace(".", "/"))
        assert any(relative.match(g) for g in data[owner]), needed
