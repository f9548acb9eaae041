"""tools/check_prereqs.sh: on a machine without Chromium or npm, `make test` stops at once
with one line that says what to install, instead of failing deep in the browser tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Dict, Iterable, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "check_prereqs.sh"
BASH = shutil.which("bash") or "/bin/bash"
MAKE = shutil.which("make")
# What the script and the Makefile's parse step call, taken from the real PATH.
TOOLS = (
    "id",
    "chmod",
    "find",
    "sed",
    "grep",
    "cat",
    "ls",
    "mkdir",
    "touch",
    "env",
    "sort",
    "tr",
)


def fake_path(tmp_path: Path, present: Iterable[str]) -> Path:
    """A PATH directory with the ordinary tools and only the named browser-test tools."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    for tool in TOOLS:
        real = shutil.which(tool)
        if real:
            (bin_dir / tool).symlink_to(real)
    for name in present:
        fake = bin_dir / name
        fake.write_text("#!/bin/sh\nexit 0\n")
        fake.chmod(0o755)
    return bin_dir


def environment(bin_dir: Path, chromium: Optional[str] = None) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CHROMIUM", "MAKEFLAGS")}
    env["PATH"] = str(bin_dir)
    if chromium is not None:
        env["CHROMIUM"] = chromium
    return env


def check(env: Dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BASH, str(SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("present", "missing"),
    [((), "chromium npm"), (("npm",), "chromium"), (("chromium",), "npm")],
)
@pytest.mark.parametrize("args", [(), ("--install",)], ids=["check", "install"])
def test_missing_tools_give_one_line_and_exit_1(
    tmp_path: Path, present: Iterable[str], missing: str, args: tuple[str, ...]
) -> None:
    # --install without apt-get on PATH (a developer's machine) cannot install: same line.
    result = check(environment(fake_path(tmp_path, present)), *args)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("make test needs Chromium and npm")
    assert f"missing: {missing.replace(' ', ', ')}." in lines[0]
    assert lines[0].endswith(f"Install: sudo apt-get install {missing}")


def test_both_present_is_silent_success(tmp_path: Path) -> None:
    result = check(environment(fake_path(tmp_path, ("chromium", "npm"))))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_tests_own_chromium_variable_wins(tmp_path: Path) -> None:
    """The browser tests launch $CHROMIUM when it is set: the check looks there too."""
    bin_dir = fake_path(tmp_path, ("npm",))
    elsewhere = tmp_path / "opt" / "chromium"
    elsewhere.parent.mkdir()
    elsewhere.write_text("#!/bin/sh\nexit 0\n")
    elsewhere.chmod(0o755)
    assert check(environment(bin_dir, str(elsewhere))).returncode == 0
    wrong = check(
        environment(fake_path(tmp_path / "b", ("chromium", "npm")), "/no/such")
    )
    assert wrong.returncode == 1
    assert "CHROMIUM=/no/such is not an executable" in wrong.stderr
    assert len(wrong.stderr.splitlines()) == 1


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
@pytest.mark.parametrize("goal", ["test", "test-e2e"])
def test_make_test_stops_before_anything_with_that_line(
    tmp_path: Path, goal: str
) -> None:
    """The Makefile runs the check while it reads itself: nothing is built or run first."""
    assert MAKE is not None
    result = subprocess.run(
        [MAKE, "--no-print-directory", "-C", str(ROOT), goal],
        env=environment(fake_path(tmp_path, ("npm",))),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    output = (result.stdout + result.stderr).splitlines()
    assert len(output) == 1, output
    assert "make test needs Chromium and npm" in output[0]
    assert "Install: sudo apt-get install chromium" in output[0]


def test_install_mode_as_root_installs_what_is_missing(tmp_path: Path) -> None:
    """.ci/run's mode: apt-get is asked for exactly the missing packages, then rechecked."""
    bin_dir = fake_path(tmp_path, ("npm",))
    (bin_dir / "id").unlink()
    (bin_dir / "id").write_text("#!/bin/sh\necho 0\n")  # as root, whoever runs the test
    (bin_dir / "id").chmod(0o755)
    log = tmp_path / "apt.log"
    (bin_dir / "apt-get").write_text(
        "#!/bin/bash\n"
        f'echo "$*" >> {log}\n'
        'if [ "$1" = install ]; then for p in "${@:4}"; do\n'
        f'  printf "#!/bin/sh\\n" > {bin_dir}/$p; chmod +x {bin_dir}/$p; done; fi\n'
    )
    (bin_dir / "apt-get").chmod(0o755)
    result = check(environment(bin_dir), "--install")
    assert (result.returncode, result.stderr) == (0, "")
    assert log.read_text().splitlines() == ["update -qq", "install -y -qq chromium"]
