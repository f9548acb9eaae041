"""Container images, compose.yaml and systemd units, checked offline.

The static checks (Dockerfile rules, the compose file's wiring against deploy/run.py's
own nginx configuration) need nothing and run in ``make test``. ``docker-compose
config`` and ``systemd-analyze verify`` need Debian's docker-compose and systemd
(deploy/ci-prepare.sh installs them) and run with the deploy tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
import yaml

from deploy.nginx import nginx_config
from deploy.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILES = sorted((ROOT / "deploy" / "containers").glob("*.Dockerfile"))
COMPOSE = ROOT / "compose.yaml"
UNITS = ROOT / "deploy" / "systemd"
INSTALL_DIR = "/opt/interreg-assistant"
ENV_FILE = "/etc/interreg-assistant/env"


def instructions(path: Path) -> List[Tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text())
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def compose() -> Dict[str, Any]:
    data: Dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


def test_there_are_two_images() -> None:
    assert [p.name for p in DOCKERFILES] == [
        "actions.Dockerfile",
        "assistant.Dockerfile",
    ]


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_dockerfile_follows_the_rules(dockerfile: Path) -> None:
    steps = instructions(dockerfile)
    bases = [args for word, args in steps if word == "FROM"]
    assert bases, "no FROM"
    for base in bases:
        tag = base.split()[0].partition(":")[2]
        assert re.match(r"^\d+\.\d+\.\d+", tag), f"{base}: pin an exact version tag"
        assert "latest" not in tag
    users = [args for word, args in steps if word == "USER"]
    assert users and users[-1] not in ("root", "0", "0:0"), "must end as non-root"
    last_user = max(i for i, (word, _) in enumerate(steps) if word == "USER")
    assert all(word not in ("RUN", "COPY", "ADD") for word, _ in steps[last_user:])
    assert any(word == "HEALTHCHECK" for word, _ in steps), "no HEALTHCHECK"
    assert any(word == "CMD" for word, _ in steps)
    for word, args in steps:
        assert word != "ADD", "use COPY (ADD fetches URLs and unpacks archives)"
        if word == "COPY":
            assert "--chown=" in args, f"COPY {args}: say who owns it"
            sources = [a for a in args.split() if not a.startswith("--")][:-1]
            for source in sources:
                assert (ROOT / source).exists() or source.startswith("models/"), source


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_dockerignore_keeps_what_the_images_copy(dockerfile: Path) -> None:
    ignored = {
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "!"))
    }
    for word, args in instructions(dockerfile):
        if word == "COPY":
            for source in [a for a in args.split() if not a.startswith("--")][:-1]:
                assert source.split("/")[0] not in ignored, source
    assert "!models/assistant.tar.gz" in (ROOT / ".dockerignore").read_text()


def rasa_services(data: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    return {n: s for n, s in data["services"].items() if re.match(r"^rasa-\d+$", n)}


def test_compose_publishes_only_nginx_on_loopback_by_default() -> None:
    data = compose()
    published = {n: s["ports"] for n, s in data["services"].items() if "ports" in s}
    assert list(published) == ["net"]
    for port in published["net"]:
        assert port.startswith("${PUBLISH_HOST:-127.0.0.1}:"), port
    for name, service in data["services"].items():
        if name != "net":
            assert service.get("network_mode") == "service:net", name


def test_compose_has_named_volumes_for_database_and_knowledge() -> None:
    data = compose()
    assert {"database", "knowledge"} <= set(data["volumes"])
    assert (
        "database:/var/lib/postgresql/data" in data["services"]["postgres"]["volumes"]
    )
    for name in [*rasa_services(data), "actions"]:
        assert "knowledge:/app/programme_kb/data" in data["services"][name]["volumes"]


def test_compose_nginx_upstreams_are_the_compose_services() -> None:
    """nginx's configuration is deploy/run.py's, rendered from the same environment
    the nginx-config service gets; its upstreams must be the Rasa and action
    services the compose file starts, and nothing else."""
    data = compose()
    env = {
        k: re.sub(r"^\$\{[A-Z_]+:-(.*)\}$", r"\1", str(v))
        for k, v in data["services"]["nginx-config"]["environment"].items()
    }
    settings = Settings.from_env(env)
    rendered = nginx_config(settings)
    upstream = sorted(
        int(p) for p in re.findall(r"server 127\.0\.0\.1:(\d+)", rendered)
    )
    rasa_ports = sorted(
        int(s["environment"]["RASA_PORT"]) for s in rasa_services(data).values()
    )
    actions_port = int(data["services"]["actions"]["environment"]["ACTIONS_PORT"])
    assert upstream == sorted([*rasa_ports, actions_port])
    assert len(rasa_ports) == len(set(rasa_ports)) >= 2
    for service in rasa_services(data).values():
        wired = service["environment"]["ACTION_ENDPOINT_URL"]
        assert wired == f"http://127.0.0.1:{settings.actions_lb_port}/webhook"
        assert service["environment"]["TRACKER_DB_URL"].startswith("postgresql://")
        assert service["environment"]["LOCK_STORE_URL"].startswith("redis://")
    assert f"listen 0.0.0.0:{settings.nginx_port};" in rendered


def test_nginx_command_matches_deploy_run() -> None:
    """The same flags as deploy.nginx.nginx_command, on the compose runtime dir."""
    nginx = compose()["services"]["nginx"]
    runtime = "/app/var/deploy"
    assert nginx["entrypoint"] == ["nginx"]
    assert nginx["user"] not in ("0", "0:0", "root")
    assert nginx["command"] == [
        "-p", runtime, "-c", f"{runtime}/nginx.conf",
        "-e", f"{runtime}/logs/nginx-error.log", "-g", "daemon off;",
    ]  # fmt: skip


def compose_tool() -> List[str]:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return [docker, "compose"]
    pytest.fail(
        "docker-compose is missing: run deploy/ci-prepare.sh (apt-get install docker-compose)"
    )


@pytest.mark.deploy
def test_docker_compose_accepts_the_file() -> None:
    env = {"PATH": os.environ["PATH"], "POSTGRES_PASSWORD": "example"}
    done = subprocess.run(
        [*compose_tool(), "-f", str(COMPOSE), "config"],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    resolved = yaml.safe_load(done.stdout)
    assert resolved["services"]["net"]["ports"]
    assert "127.0.0.1:8000:8000" in str(resolved["services"]["net"]["ports"])


@pytest.mark.deploy
def test_docker_compose_refuses_a_missing_password() -> None:
    done = subprocess.run(
        [*compose_tool(), "-f", str(COMPOSE), "config"],
        capture_output=True, text=True, env={"PATH": os.environ["PATH"]}, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode != 0
    assert "POSTGRES_PASSWORD" in done.stderr


@pytest.mark.deploy
def test_systemd_units_verify(tmp_path: Path) -> None:
    """The units, with the install directory pointed at this checkout (so every
    command they run must exist here), pass systemd-analyze verify without a warning."""
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.fail(
            "systemd-analyze is missing: run deploy/ci-prepare.sh (apt-get install systemd)"
        )
    (tmp_path / "env").write_text("")
    names = []
    for unit in UNITS.iterdir():
        text = unit.read_text().replace(ENV_FILE, str(tmp_path / "env"))
        text = text.replace(INSTALL_DIR, str(ROOT))
        name = unit.name.replace("@.", "@5005.")
        (tmp_path / name).write_text(text)
        names.append(f"./{name}")
    done = subprocess.run(
        [tool, "verify", *sorted(names)], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


@pytest.mark.parametrize(
    "unit", sorted(p.name for p in UNITS.glob("*.service")), ids=str
)
def test_units_are_hardened(unit: str) -> None:
    text = (UNITS / unit).read_text()
    for option in (
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "PrivateTmp=yes",
    ):
        assert option in text, f"{unit}: {option}"
    assert re.search(r"^User=(?!root)\w+", text, re.M), f"{unit}: runs as root"


def test_purge_timer_is_nightly() -> None:
    timer = (UNITS / "interreg-purge.timer").read_text()
    assert re.search(r"^OnCalendar=\*-\*-\* \d\d:\d\d:\d\d$", timer, re.M)
    assert (
        "bot.secretariat.retention purge"
        in (UNITS / "interreg-purge.service").read_text()
    )
